package build

import "golang.org/x/sys/unix"

// statFile is how the output file name stands, not following a symbolic
// link, as the manifest records it with key. On Linux it is one fstatat
// call relative to the output folder, held open (see DirWriter.folder):
// cheaper than os.Lstat, which would walk the folder's path again for
// each of the thousands of pages a rebuild checks.
func (w *DirWriter) statFile(name string, key Key) (entry, bool) {
	dir := w.folder()
	if dir == nil {
		return lstatEntry(w.dir, name, key)
	}
	var st unix.Stat_t
	var err error = unix.EINTR
	for err == unix.EINTR {
		err = unix.Fstatat(int(dir.Fd()), name, &st, unix.AT_SYMLINK_NOFOLLOW)
	}
	if err != nil {
		return entry{}, false
	}
	return entry{key: key, size: st.Size, mtime: st.Mtim.Sec*1e9 + st.Mtim.Nsec, ino: st.Ino}, true
}
