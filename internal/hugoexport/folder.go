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
)

// manifestName is the file in which an export lists what it wrote, with a
// hash of each file, so that the next export can tell its own unchanged
// files from the maintainer's work.
const manifestName = ".hugo-export"

// hugoOutputs are what `hugo -s OUT` writes into OUT. They are made again
// by the next Hugo build, so replacing an export may drop them.
var hugoOutputs = []string{"public/", "resources/", ".hugo_build.lock"}

// folderState is what the output folder holds before an export.
type folderState int

const (
	folderMissing folderState = iota
	folderEmpty
	folderExport // an earlier export, with nothing of the maintainer's in it
)

// Publish writes files to a temporary folder next to out, then puts it in
// place of out, which must be missing, empty or an earlier export that
// holds nothing else (see the package documentation).
func Publish(out string, files map[string][]byte) error {
	out, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	state, err := inspect(out)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".export-")
	if err != nil {
		return err
	}
	if err := writeAll(tmp, files); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := swap(tmp, out, state); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return nil
}

// inspect finds out what the folder out holds, and refuses a folder that
// holds anything an export may not replace.
func inspect(out string) (folderState, error) {
	fi, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return folderMissing, nil
	}
	if err != nil {
		return 0, err
	}
	if !fi.IsDir() {
		return 0, fmt.Errorf("%s is not a folder: export to a new or empty folder", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return 0, err
	}
	if len(entries) == 0 {
		return folderEmpty, nil
	}
	manifest, err := os.ReadFile(filepath.Join(out, manifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, fmt.Errorf("%s is not empty and is not an earlier Hugo export: export to a new or empty folder (the export never replaces files it did not write)", out)
	}
	if err != nil {
		return 0, err
	}
	if err := checkOwnFiles(out, parseManifest(manifest)); err != nil {
		return 0, err
	}
	return folderExport, nil
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

// writeAll writes files, then the manifest that lists them, under dir.
func writeAll(dir string, files map[string][]byte) error {
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	var manifest bytes.Buffer
	manifest.WriteString("# Files written by gen export-hugo, with their SHA-256. A later export\n# replaces this folder only while it holds these files unchanged.\n")
	for _, name := range slices.Sorted(maps.Keys(files)) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
		sum := sha256.Sum256(files[name])
		fmt.Fprintf(&manifest, "%s  %s\n", hex.EncodeToString(sum[:]), name)
	}
	return os.WriteFile(filepath.Join(dir, manifestName), manifest.Bytes(), 0o644)
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

// swap puts the folder tmp in place of out. An earlier export is moved
// aside first and removed only once the new one is in place.
func swap(tmp, out string, state folderState) error {
	switch state {
	case folderMissing:
		return os.Rename(tmp, out)
	case folderEmpty:
		if err := os.Remove(out); err != nil {
			return err
		}
		return os.Rename(tmp, out)
	}
	old := tmp + ".old"
	if err := os.Rename(out, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		if back := os.Rename(old, out); back != nil {
			return fmt.Errorf("%w; the earlier export is in %s", err, old)
		}
		return err
	}
	return os.RemoveAll(old)
}
