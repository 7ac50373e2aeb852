package build

import (
	"errors"
	"io/fs"
	"os"
	"strings"
)

// errLeavesSite explains a symbolic link that leads out of the site folder.
var errLeavesSite = errors.New("a symbolic link that leads outside the site folder: put the file itself in the site folder, or link to a file inside it")

// OpenSite opens the site folder dir for reading. Symbolic links inside it
// are followed only as long as they stay inside: a link in content/,
// layouts/, static/ or data/ that leads elsewhere (to /proc/self/environ,
// to /etc/passwd, to a file of another project) is an error naming it,
// never published. The kernel checks every step (os.Root), so a link
// cannot be swapped in between a check and a read.
func OpenSite(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return rootFS{root.FS()}, nil
}

// rootFS is the file system of an os.Root with its errors explained.
type rootFS struct{ fsys fs.FS }

// Open opens name, never through a link that leads outside the folder.
func (s rootFS) Open(name string) (fs.File, error) {
	f, err := s.fsys.Open(name)
	return f, explain(name, err)
}

// ReadFile reads name, never through a link that leads outside the folder.
func (s rootFS) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(s.fsys, name)
	return b, explain(name, err)
}

// ReadDir lists the folder name.
func (s rootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	d, err := fs.ReadDir(s.fsys, name)
	return d, explain(name, err)
}

// Stat describes name, following links that stay inside the folder.
func (s rootFS) Stat(name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(s.fsys, name)
	return fi, explain(name, err)
}

// explain replaces os.Root's terse "path escapes from parent" with a
// message that says what is wrong and how to mend it.
func explain(name string, err error) error {
	if err != nil && strings.Contains(err.Error(), "escapes from parent") {
		return &fs.PathError{Op: "read", Path: Visible(name), Err: errLeavesSite}
	}
	return err
}

// LeavesSite reports whether err is a link that leads outside the site
// folder, as OpenSite reports it.
func LeavesSite(err error) bool { return errors.Is(err, errLeavesSite) }

// forLayouts is cfg as layouts see it, as .Site.Config: without DataFS,
// a handle that would let a layout read any file of the data's folder.
func (cfg Config) forLayouts() Config {
	cfg.DataFS = nil
	return cfg
}
