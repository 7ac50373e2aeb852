package main

import (
	"os"
	"syscall"
)

// peakRSS is a finished child's peak resident memory in KB.
func peakRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss // kilobytes on Linux
	}
	return 0
}

// onTmpfs reports whether dir is on a RAM disk.
func onTmpfs(dir string) bool {
	const tmpfsMagic = 0x01021994
	var st syscall.Statfs_t
	return syscall.Statfs(dir, &st) == nil && st.Type == tmpfsMagic
}
