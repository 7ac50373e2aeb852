package hsds

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// Publish writes files to a temporary folder next to out, then puts it in
// place of out, so that out is at every moment the earlier package or the
// new one. out must be missing, empty or an earlier export: a folder that
// holds a datapackage.json and nothing but files named as HSDS tables.
func Publish(out string, files map[string][]byte) error {
	out, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	earlier, err := inspect(out)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".hsds-")
	if err != nil {
		return err
	}
	if err := writeAll(tmp, files); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := swap(tmp, out, earlier); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return nil
}

// inspect tells whether out holds something to replace, and refuses a
// folder that holds anything but an earlier export.
func inspect(out string) (bool, error) {
	fi, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !fi.IsDir() {
		return false, fmt.Errorf("%s is not a folder: export to a new or empty folder", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return false, err
	}
	if len(entries) == 0 {
		return false, nil
	}
	spec, err := LoadSpec()
	if err != nil {
		return false, err
	}
	ours := map[string]bool{"datapackage.json": true}
	for _, r := range spec.Resources {
		ours[r.Path] = true
	}
	hasDescriptor := false
	for _, e := range entries {
		if !e.Type().IsRegular() || !ours[e.Name()] {
			return false, fmt.Errorf("%s holds %s, which an HSDS export does not write: export to a new or empty folder (the export never replaces files it did not write)", out, e.Name())
		}
		hasDescriptor = hasDescriptor || e.Name() == "datapackage.json"
	}
	if !hasDescriptor {
		return false, fmt.Errorf("%s is not empty and has no datapackage.json: export to a new or empty folder", out)
	}
	return true, nil
}

func writeAll(dir string, files map[string][]byte) error {
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// swap puts tmp in place of out; an earlier package is moved aside first
// and removed once the new one is in place.
func swap(tmp, out string, earlier bool) error {
	if !earlier {
		if err := os.Remove(out); err != nil && !errors.Is(err, fs.ErrNotExist) {
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
			return fmt.Errorf("%w; the earlier package is in %s", err, old)
		}
		return err
	}
	return os.RemoveAll(old)
}
