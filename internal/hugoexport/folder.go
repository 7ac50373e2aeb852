package hugoexport

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"treatmentdir/internal/exportdir"
)

// manifestName is the file in which an export lists what it wrote, with a
// hash of each file, so that the next export can tell its own unchanged
// files from the maintainer's work.
const manifestName = ".hugo-export"

// hugoOutputs are what `hugo -s OUT` writes into OUT. They are made again
// by the next Hugo build, so replacing an export may drop them.
var hugoOutputs = []string{"public/", "resources/", ".hugo_build.lock"}

// Publish puts the files, and the manifest that lists them, in place of
// out (see package exportdir), which must be missing, empty or an earlier
// export that holds nothing else (see the package documentation).
func Publish(out string, files map[string][]byte) error {
	all := maps.Clone(files)
	all[manifestName] = manifest(files)
	return exportdir.Replace(out, all, earlierExport)
}

// earlierExport refuses a folder that is not an earlier export, or that
// holds anything the export did not write.
func earlierExport(out string) error {
	manifest, err := os.ReadFile(filepath.Join(out, manifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s is not empty and is not an earlier Hugo export: export to a new or empty folder (the export never replaces files it did not write)", out)
	}
	if err != nil {
		return err
	}
	return checkOwnFiles(out, parseManifest(manifest))
}

// checkOwnFiles makes sure every file in out is one the last export wrote,
// unchanged, or one that Hugo made.
func checkOwnFiles(out string, hashes map[string]string) error {
	var foreign []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(out, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == manifestName || isHugoOutput(rel) {
			return nil
		}
		if want, ok := hashes[rel]; ok && d.Type().IsRegular() && fileHash(p) == want {
			return nil
		}
		foreign = append(foreign, rel)
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading %s: %w", out, err)
	}
	if len(foreign) > 0 {
		return fmt.Errorf("%s is an earlier Hugo export, but %s not written by it or changed since: move them out of the way or export to another folder",
			out, listSome(foreign))
	}
	return nil
}

func isHugoOutput(rel string) bool {
	for _, o := range hugoOutputs {
		if rel == o || strings.HasSuffix(o, "/") && strings.HasPrefix(rel, o) {
			return true
		}
	}
	return false
}

// listSome names the first few files of a list.
func listSome(names []string) string {
	const most = 5
	s := strings.Join(names[:min(len(names), most)], ", ")
	if len(names) > most {
		s += fmt.Sprintf(" and %d more", len(names)-most)
	}
	if len(names) == 1 {
		return s + " was"
	}
	return s + " were"
}

// manifest lists the files with their SHA-256.
func manifest(files map[string][]byte) []byte {
	var m bytes.Buffer
	m.WriteString("# Files written by gen export-hugo, with their SHA-256. A later export\n# replaces this folder only while it holds these files unchanged.\n")
	for _, name := range slices.Sorted(maps.Keys(files)) {
		sum := sha256.Sum256(files[name])
		fmt.Fprintf(&m, "%s  %s\n", hex.EncodeToString(sum[:]), name)
	}
	return m.Bytes()
}

// parseManifest reads the hashes of the files an export wrote, by path.
func parseManifest(b []byte) map[string]string {
	hashes := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if ok && !strings.HasPrefix(sum, "#") {
			hashes[name] = sum
		}
	}
	return hashes
}

// fileHash is the SHA-256 of a file in hex, or "" when it cannot be read.
func fileHash(p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
