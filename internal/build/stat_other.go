//go:build !linux

package build

// statFile is how the output file name stands, not following a symbolic
// link, as the manifest records it with key.
func (w *DirWriter) statFile(name string, key Key) (entry, bool) {
	return lstatEntry(w.dir, name, key)
}
