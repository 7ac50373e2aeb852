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

// freshMemory maps n bytes that no process has touched yet.
func freshMemory(n int) ([]byte, error) {
	return syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
}

func releaseMemory(b []byte) { syscall.Munmap(b) }
