package build

import (
	"errors"
	"fmt"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// lockFolder makes the output folder if it is missing and takes an
// exclusive advisory lock (flock) on it, held until the build commits or
// aborts. The kernel drops the lock when a process dies, killed or not, so
// a crashed build never blocks the next one. A second build into the same
// folder, from gen or gen serve, waits for the first for up to wait, then
// stops with a message naming the folder.
func lockFolder(dir string, wait time.Duration) (*os.File, error) {
	deadline := time.Now().Add(wait)
	for {
		f, err := openFolder(dir)
		if err != nil {
			return nil, err
		}
		err = retryEINTR(func() error { return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) })
		switch {
		case err == nil && stillNamed(f, dir):
			return f, nil
		case err == nil:
			// The build that held the lock removed the folder it had made.
		case !errors.Is(err, unix.EWOULDBLOCK):
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", dir, err)
		case time.Now().After(deadline):
			f.Close()
			return nil, fmt.Errorf("another build is publishing to %s (waited %s for it to end): run one build at a time into a folder, or give each its own -out", dir, wait)
		default:
			time.Sleep(lockPoll)
		}
		f.Close()
	}
}

// syncFolder flushes the file system that holds the output folder, so
// that files renamed into place are on disk with their contents before a
// build goes on: without it, a power cut may leave a renamed file empty.
func syncFolder(f *os.File) {
	if f != nil {
		retryEINTR(func() error { return unix.Syncfs(int(f.Fd())) })
	}
}
