//go:build !linux

package build

import (
	"os"
	"time"
)

// lockFolder makes the output folder if it is missing and opens it.
// Builds are locked against each other on Linux only (lock_linux.go);
// elsewhere the caller must not run two builds into one folder.
func lockFolder(dir string, wait time.Duration) (*os.File, error) {
	return openFolder(dir)
}

// syncFolder does nothing here: os.File.Sync on every staged file would
// cost a build more than the guarantee is worth on a development machine.
func syncFolder(f *os.File) {}
