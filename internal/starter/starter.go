// Package starter writes a new site folder from the files embedded in the
// command (package treatmentdir): the example site's layouts, static
// files, levels of care, facets and ZIP table, with the starter's own
// settings, about page, one-row centers file, GitHub Pages workflow and
// .gitignore in place of the example's.
package starter

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"treatmentdir"
	"treatmentdir/internal/build"
)

// Marker starts every piece of starter text the maintainer is meant to
// replace; gen check warns while any is left.
const Marker = build.StarterMarker

// netlifyCommand is the build command of the repository's netlify.toml,
// which a new site, having no cmd/gen of its own, replaces.
const netlifyCommand = `command = "go run ./cmd/gen"`

// GenPackage is how a site's host runs this very command, for the build
// settings of a new site: "module/cmd/gen@version", or @latest when the
// binary was built from a working copy.
func GenPackage() string {
	module, version := "treatmentdir", "latest"
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Path != "" {
			module = bi.Main.Path
		}
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			version = v
		}
	}
	return module + "/cmd/gen@" + version
}

// Files are the files of a new site, by slash-separated path; pkg is
// what the host's build runs (GenPackage).
func Files(pkg string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := fs.WalkDir(treatmentdir.SiteFiles, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files[name], err = fs.ReadFile(treatmentdir.SiteFiles, name)
		return err
	})
	if err != nil {
		return nil, err
	}
	starter, _ := fs.Sub(treatmentdir.StarterFiles, "starter")
	err = fs.WalkDir(starter, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files[name], err = fs.ReadFile(starter, name)
		return err
	})
	if err != nil {
		return nil, err
	}
	return files, setBuildCommand(files, pkg)
}

// setBuildCommand points netlify.toml and the Pages workflow at pkg.
func setBuildCommand(files map[string][]byte, pkg string) error {
	const workflow = ".github/workflows/pages.yml"
	n, w := files["netlify.toml"], files[workflow]
	if !bytes.Contains(n, []byte(netlifyCommand)) || !bytes.Contains(w, []byte("GEN_PACKAGE")) {
		return errors.New("the embedded netlify.toml or Pages workflow lacks its build command")
	}
	files["netlify.toml"] = bytes.Replace(n, []byte(netlifyCommand), []byte(`command = "go run `+pkg+`"`), 1)
	files[workflow] = bytes.ReplaceAll(w, []byte("GEN_PACKAGE"), []byte(pkg))
	return nil
}

// Write makes a new site in dir, which must be missing or empty, and
// returns the paths written. On any failure it removes what it wrote.
func Write(dir, pkg string) ([]string, error) {
	if err := checkEmpty(dir); err != nil {
		return nil, err
	}
	files, err := Files(pkg)
	if err != nil {
		return nil, err
	}
	names := slices.Sorted(maps.Keys(files))
	created, err := mkdirNew(dir)
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		if err = writeFile(filepath.Join(dir, filepath.FromSlash(name)), files[name]); err != nil {
			undo(dir, created, names)
			return nil, err
		}
	}
	return names, nil
}

// ErrNotEmpty is returned when the folder for a new site holds anything.
var ErrNotEmpty = errors.New("not empty")

func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		if fi, serr := os.Stat(dir); serr == nil && !fi.IsDir() {
			return fmt.Errorf("%s is a file: give gen init a new or empty folder", dir)
		}
		return fmt.Errorf("%s: cannot read the folder: %w", dir, errors.Unwrap(err))
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is %w (it holds %s): gen init writes a new site only into a new or empty folder, so that nothing of yours is overwritten",
			dir, ErrNotEmpty, entries[0].Name())
	}
	return nil
}

// mkdirNew makes dir, reporting whether it did not exist before.
func mkdirNew(dir string) (bool, error) {
	_, err := os.Stat(dir)
	created := errors.Is(err, fs.ErrNotExist)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, fmt.Errorf("making %s: %w", dir, errors.Unwrap(err))
	}
	return created, nil
}

func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("making %s: %w", filepath.Dir(name), errors.Unwrap(err))
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", name, errors.Unwrap(err))
	}
	return nil
}

// undo removes a half-written site: the folder if Write made it, else
// the top-level entries it wrote into the empty folder.
func undo(dir string, created bool, names []string) {
	if created {
		os.RemoveAll(dir)
		return
	}
	for _, name := range names {
		top, _, _ := strings.Cut(name, "/")
		os.RemoveAll(filepath.Join(dir, top))
	}
}
