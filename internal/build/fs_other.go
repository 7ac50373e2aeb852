//go:build !linux

package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// statFile is how the output file name stands, not following a symbolic
// link, as the manifest records it with key.
func (w *DirWriter) statFile(name string, key Key) (entry, bool) {
	return lstatEntry(w.dir, name, key)
}

// mkdirStagingAt makes the staging folder dir, a slash-separated path
// relative to the staging folder, and its parents where they are missing.
// The folder itself is tried first, since its parent is almost always
// there already (a page's folder in centers/).
func (w *DirWriter) mkdirStagingAt(dir string) error {
	p := filepath.Join(w.dir, stagingDir, filepath.FromSlash(dir))
	if err := os.Mkdir(p, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return os.MkdirAll(p, 0o755)
	}
	return nil
}

// writeStaged writes data to the staging file name, whose folder exists,
// and returns how the file stands: a rename keeps inode, size and time,
// so this is the entry of the published file.
func (w *DirWriter) writeStaged(name string, data []byte) (entry, error) {
	f, err := os.OpenFile(filepath.Join(w.dir, stagingDir, filepath.FromSlash(name)), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return entry{}, err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return entry{}, err
	}
	fi, err := f.Stat()
	if err2 := f.Close(); err == nil {
		err = err2
	}
	if err != nil {
		return entry{}, err
	}
	return statEntry(fi, Key{}), nil
}
