package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// stagingDir is where a build puts new and changed files until it succeeds.
// It lives inside the output folder so that moving a file into place is a
// rename on one file system, which is atomic.
const stagingDir = ".gen-staging"

// manifestFile lists the files the last build published, one per line, so
// that a later build removes only its own stale files and never a file
// someone else put in the output folder.
const manifestFile = ".gen-manifest"

// DirWriter publishes a build to a folder without ever leaving it half
// written: files whose bytes are unchanged are not touched, changed files
// are staged, and only Commit moves them into place and removes files the
// build no longer makes. Until Commit, the folder is exactly as it was.
type DirWriter struct {
	dir      string
	previous []string // the files of the last build, from its manifest

	mu        sync.Mutex
	made      map[string]bool // every file of this build
	staged    []string        // files to move into place
	unchanged int
}

// WriteStats counts what a commit did to the output folder.
type WriteStats struct {
	Written, Removed, Unchanged int
}

// NewDirWriter prepares to publish into dir, removing what an interrupted
// earlier build may have left in its staging folder.
func NewDirWriter(dir string) (*DirWriter, error) {
	if err := os.RemoveAll(filepath.Join(dir, stagingDir)); err != nil {
		return nil, fmt.Errorf("clearing %s: %w", filepath.Join(dir, stagingDir), err)
	}
	b, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading %s: %w", filepath.Join(dir, manifestFile), err)
	}
	return &DirWriter{dir: dir, previous: strings.Fields(string(b)), made: map[string]bool{}}, nil
}

// Put stages data as the file name unless the published file already holds
// exactly these bytes.
func (w *DirWriter) Put(name string, data []byte) error {
	if !fs.ValidPath(name) || strings.HasPrefix(name, stagingDir) || name == manifestFile {
		return fmt.Errorf("output file name %q is not a clean relative path", name)
	}
	w.mu.Lock()
	if w.made[name] {
		w.mu.Unlock()
		return fmt.Errorf("two pages want the same file %s", name)
	}
	w.made[name] = true
	w.mu.Unlock()

	if old, err := os.ReadFile(filepath.Join(w.dir, name)); err == nil && bytes.Equal(old, data) {
		w.mu.Lock()
		w.unchanged++
		w.mu.Unlock()
		return nil
	}
	staged := filepath.Join(w.dir, stagingDir, name)
	if err := os.MkdirAll(filepath.Dir(staged), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(staged, data, 0o644); err != nil {
		return err
	}
	w.mu.Lock()
	w.staged = append(w.staged, name)
	w.mu.Unlock()
	return nil
}

// Abort drops everything staged; the output folder stays as it was.
func (w *DirWriter) Abort() error {
	return os.RemoveAll(filepath.Join(w.dir, stagingDir))
}

// Commit moves the staged files into place, then removes the files the
// build did not make. Each move is atomic, so a reader (or a build killed
// half way) only ever sees complete files; the next build finishes the job.
func (w *DirWriter) Commit() (WriteStats, error) {
	made := slices.Sorted(maps.Keys(w.made))
	// Until the stale files are gone, the manifest must name them too, so
	// that a build killed in between still removes them next time.
	if err := w.writeManifest(slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(made), w.previous...))))); err != nil {
		return WriteStats{}, err
	}
	slices.Sort(w.staged)
	for _, name := range w.staged {
		dest := filepath.Join(w.dir, name)
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			return WriteStats{}, err
		}
		if err := replaceFile(filepath.Join(w.dir, stagingDir, name), dest); err != nil {
			return WriteStats{}, err
		}
	}
	removed, err := w.removeStale()
	if err != nil {
		return WriteStats{}, err
	}
	if err := w.writeManifest(made); err != nil {
		return WriteStats{}, err
	}
	if err := os.RemoveAll(filepath.Join(w.dir, stagingDir)); err != nil {
		return WriteStats{}, err
	}
	return WriteStats{Written: len(w.staged), Removed: removed, Unchanged: w.unchanged}, nil
}

// writeManifest replaces the manifest atomically.
func (w *DirWriter) writeManifest(names []string) error {
	tmp := filepath.Join(w.dir, stagingDir, manifestFile)
	if err := os.MkdirAll(filepath.Dir(tmp), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(tmp, []byte(strings.Join(names, "\n")+"\n"), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(w.dir, manifestFile))
}

// replaceFile renames src over dest; a folder in the way (a page that used
// to be a section, say) is removed first.
func replaceFile(src, dest string) error {
	if fi, err := os.Lstat(dest); err == nil && fi.IsDir() {
		if err := os.RemoveAll(dest); err != nil {
			return err
		}
	}
	return os.Rename(src, dest)
}

// removeStale deletes the files of the last build that this one did not
// make, and the folders that leaves empty.
func (w *DirWriter) removeStale() (int, error) {
	removed := 0
	for _, name := range w.previous {
		if w.made[name] || !fs.ValidPath(name) {
			continue
		}
		p := filepath.Join(w.dir, filepath.FromSlash(name))
		switch err := os.Remove(p); {
		case err == nil:
			removed++
		case !errors.Is(err, fs.ErrNotExist):
			return removed, err
		}
		for d := filepath.Dir(p); d != w.dir && os.Remove(d) == nil; d = filepath.Dir(d) {
			// removed an emptied folder; try its parent
		}
	}
	return removed, nil
}
