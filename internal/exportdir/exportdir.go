// Package exportdir puts an export in place of its output folder at once:
// the files are written to a temporary folder beside it, which then takes
// the folder's place, so that the folder is at every moment the earlier
// export or the new one, never a mix. gen export-hugo and gen export-hsds
// both publish through it.
package exportdir

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// Replace writes files (paths with "/" under out) and puts them in place
// of out. A missing or empty out is simply taken; a folder with something
// in it is first shown to mayReplace, which returns an error, saying what
// to do, when it holds anything the export did not write.
func Replace(out string, files map[string][]byte, mayReplace func(out string) error) error {
	out, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	earlier, err := inspect(out, mayReplace)
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
	if err := swap(tmp, out, earlier); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return nil
}

// inspect tells whether out holds an earlier export to replace.
func inspect(out string, mayReplace func(string) error) (bool, error) {
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
	return true, mayReplace(out)
}

func writeAll(dir string, files map[string][]byte) error {
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// swap puts the folder tmp in place of out. An earlier export is moved
// aside first and removed only once the new one is in place; an empty
// folder is removed.
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
			return fmt.Errorf("%w; the earlier export is in %s", err, old)
		}
		return err
	}
	return os.RemoveAll(old)
}
