package build

import (
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// On Linux the DirWriter makes its system calls relative to folders it
// holds open, the output folder and its staging folder (see
// DirWriter.folder and DirWriter.staging): the kernel then does not walk
// the folder's whole path again for each of the thousands of pages a build
// writes or checks, and a staged file costs an openat, a write, an fstat
// and a close, without the set-up for the runtime's poller that
// os.OpenFile does for every file.

// statFile is how the output file name stands, not following a symbolic
// link, as the manifest records it with key: one fstatat call.
func (w *DirWriter) statFile(name string, key Key) (entry, bool) {
	dir := w.folder()
	if dir == nil {
		return lstatEntry(w.dir, name, key)
	}
	var st unix.Stat_t
	err := retryEINTR(func() error { return unix.Fstatat(int(dir.Fd()), name, &st, unix.AT_SYMLINK_NOFOLLOW) })
	if err != nil {
		return entry{}, false
	}
	return unixEntry(&st, key), true
}

// unixEntry is how a file stands by its stat, as statEntry has it.
func unixEntry(st *unix.Stat_t, key Key) entry {
	return entry{key: key, size: st.Size, mtime: st.Mtim.Sec*1e9 + st.Mtim.Nsec, ino: st.Ino}
}

// mkdirStagingAt makes the staging folder dir, a slash-separated path
// relative to the staging folder, and its parents where they are missing.
func (w *DirWriter) mkdirStagingAt(dir string) error {
	staging, err := w.staging()
	if err != nil {
		return err
	}
	mkdir := func() error { return retryEINTR(func() error { return unix.Mkdirat(int(staging.Fd()), dir, 0o755) }) }
	err = mkdir()
	if err == unix.ENOENT && dir != "." { // the parent first
		if err := w.mkdirStagingAt(path.Dir(dir)); err != nil {
			return err
		}
		err = mkdir()
	}
	if err != nil && err != unix.EEXIST {
		return &fs.PathError{Op: "mkdir", Path: w.stagingPath(dir), Err: err}
	}
	return nil
}

// writeStaged writes data to the staging file name, whose folder exists,
// and returns how the file stands: a rename keeps inode, size and time,
// so this is the entry of the published file.
func (w *DirWriter) writeStaged(name string, data []byte) (entry, error) {
	staging, err := w.staging()
	if err != nil {
		return entry{}, err
	}
	var fd int
	err = retryEINTR(func() (err error) {
		fd, err = unix.Openat(int(staging.Fd()), name, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
		return err
	})
	if err != nil {
		return entry{}, &fs.PathError{Op: "open", Path: w.stagingPath(name), Err: err}
	}
	op := "write"
	for rest := data; len(rest) > 0 && err == nil; {
		var n int
		switch n, err = unix.Write(fd, rest); {
		case err == unix.EINTR:
			err = nil
		case err == nil && n == 0:
			err = io.ErrShortWrite
		case err == nil:
			rest = rest[n:]
		}
	}
	var st unix.Stat_t
	if err == nil {
		op, err = "stat", retryEINTR(func() error { return unix.Fstat(fd, &st) })
	}
	if cerr := unix.Close(fd); err == nil && cerr != nil {
		op, err = "close", cerr
	}
	if err != nil {
		return entry{}, &fs.PathError{Op: op, Path: w.stagingPath(name), Err: err}
	}
	return unixEntry(&st, Key{}), nil
}

// staging is the staging folder, made and open.
func (w *DirWriter) staging() (*os.File, error) {
	w.held.once.Do(func() {
		p := filepath.Join(w.dir, stagingDir)
		if w.held.err = os.MkdirAll(p, 0o755); w.held.err == nil {
			w.held.f, w.held.err = os.Open(p)
		}
	})
	return w.held.f, w.held.err
}

// stagingPath is the path of the staging file or folder name, for messages.
func (w *DirWriter) stagingPath(name string) string {
	return filepath.Join(w.dir, stagingDir, filepath.FromSlash(name))
}

// retryEINTR calls f again while a signal interrupts it.
func retryEINTR(f func() error) error {
	for {
		if err := f(); err != unix.EINTR {
			return err
		}
	}
}
