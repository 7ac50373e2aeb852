//go:build !linux

package main

import "os"

// peakRSS is unknown here: the figure is Linux's (getrusage in KB).
func peakRSS(*os.ProcessState) int64 { return 0 }

func onTmpfs(string) bool { return false }

// freshMemory is memory from the Go heap: only its first use is fresh,
// so the first touch of a page reads too low after the first round.
func freshMemory(n int) ([]byte, error) { return make([]byte, n), nil }

func releaseMemory([]byte) {}
