package build

import (
	"fmt"
	"os"
	"time"
)

// LockWait is how long a build waits for another build of the same
// output folder to end before it gives up.
const LockWait = time.Minute

// lockPoll is how often a waiting build tries the lock again.
const lockPoll = 50 * time.Millisecond

// openFolder makes the folder dir if it is missing and opens it.
func openFolder(dir string) (*os.File, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err != nil || !fi.IsDir() {
		f.Close()
		return nil, fmt.Errorf("output %s is a file, not a folder", dir)
	}
	return f, nil
}

// stillNamed reports whether the open folder f is still the one named
// dir: a build that made the folder removes it again when it fails.
func stillNamed(f *os.File, dir string) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(dir)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// unlock releases the output folder for the next build.
func (w *DirWriter) unlock() {
	if w.lock != nil {
		w.lock.Close()
		w.lock = nil
	}
}

// syncStaged flushes what the build wrote, before and after the moves.
func (w *DirWriter) syncStaged() {
	syncFolder(w.lock)
}
