package main

import (
	"bytes"
	"os"
	"runtime"

	"golang.org/x/sys/unix"
)

// prefaultHeap has the kernel map the first n bytes of the heap in huge
// pages (2 MB) before the build starts, where transparent huge pages can
// be asked for (the "madvise" setting). A build grows its heap to its
// ceiling, and each 4 KB page first touched is a page fault: 37,000 for
// 20,000 centers, and a fault is costly in a virtual machine (a third of
// the system time of a build in ours). A block of n bytes is allocated,
// marked for huge pages, touched and dropped; the collection that follows
// frees it, and the runtime hands its pages, already mapped, to the
// build's next allocations.
func prefaultHeap(n int64) {
	if n <= 0 || !hugePagesOnRequest() {
		return
	}
	if touchHuge(int(n)) {
		runtime.GC()
	}
}

// touchHuge allocates n bytes, asks for huge pages for them and touches
// every page; the block is garbage once it returns.
//
//go:noinline
func touchHuge(n int) bool {
	b := make([]byte, n)
	if unix.Madvise(b, unix.MADV_HUGEPAGE) != nil {
		return false
	}
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	return true
}

// hugePagesOnRequest reports whether the kernel gives transparent huge
// pages to memory marked for them: "always" or "madvise", not "never".
func hugePagesOnRequest() bool {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && !bytes.Contains(b, []byte("[never]"))
}
