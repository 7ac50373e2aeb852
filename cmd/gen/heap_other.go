//go:build !linux

package main

// prefaultHeap does nothing where huge pages cannot be asked for this way.
func prefaultHeap(int64) {}
