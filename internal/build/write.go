package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cespare/xxhash/v2"
)

// stagingDir is where a build puts new and changed files until it succeeds.
// It lives inside the output folder so that moving a file into place is a
// rename on one file system, which is atomic.
const stagingDir = ".gen-staging"

// manifestFile lists the files the last build published (see manifest.go),
// so that a later build removes only its own stale files, never a file
// someone else put in the output folder, and skips pages whose inputs have
// not changed.
const manifestFile = ".gen-manifest"

// DirWriter publishes a build to a folder without ever leaving it half
// written: files whose bytes are unchanged are not touched, changed files
// are staged, and only Commit moves them into place and removes files the
// build no longer makes. Until Commit, the folder is exactly as it was.
type DirWriter struct {
	dir     string
	existed bool            // dir was there before this build
	empty   bool            // dir held nothing: no file needs comparing
	last    *lastBuild      // the files of the last build, from its manifest: see prev
	parsed  chan struct{}   // closed once last is read
	oldList listSum         // the manifest as read, to leave it alone when nothing changed
	dirs    stagingDirs     // staging folders known to exist
	folder  func() *os.File // the output folder, open, or nil (see statFile)
	held    heldStaging     // the staging folder, once a file is staged (see writeStaged)
	lock    *os.File        // the output folder, locked until Commit or Abort (see lockFolder)
	moved   func() error    // called after each move of a commit; tests stop a commit with it

	manifest [][]byte // the manifest last formatted, in parts (see formatManifestParts)

	mu        sync.Mutex
	taken     []bool           // by place in last: made by this build too
	made      []entry          // by place in last: as this build left it
	madeNew   map[string]entry // the files of this build that the last did not make
	names     strings.Builder  // the block the names in madeNew are kept in (see keepName)
	staged    []string         // files to move into place
	unchanged int
}

// WriteStats counts what a commit did to the output folder.
type WriteStats struct {
	Written, Removed, Unchanged int
}

// NewDirWriter prepares to publish into dir, removing what an interrupted
// earlier build may have left in its staging folder. It holds the folder
// locked against other builds until Commit or Abort (see lockFolder),
// waiting up to LockWait for a build already under way.
func NewDirWriter(dir string) (*DirWriter, error) {
	return newDirWriter(dir, LockWait)
}

// newDirWriter is NewDirWriter waiting up to wait for the lock.
func newDirWriter(dir string, wait time.Duration) (*DirWriter, error) {
	w := &DirWriter{dir: dir, parsed: make(chan struct{})}
	w.folder = sync.OnceValue(func() *os.File {
		f, _ := os.Open(dir)
		return f
	})
	fi, err := os.Stat(dir)
	switch {
	case err == nil && !fi.IsDir():
		return nil, fmt.Errorf("output %s is a file, not a folder", dir)
	case err == nil:
		w.existed = true
	}
	if w.lock, err = lockFolder(dir, wait); err != nil {
		return nil, err
	}
	if err := os.RemoveAll(filepath.Join(dir, stagingDir)); err != nil {
		w.unlock()
		return nil, fmt.Errorf("clearing %s: %w", filepath.Join(dir, stagingDir), err)
	}
	b, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		w.unlock()
		return nil, fmt.Errorf("reading %s: %w", filepath.Join(dir, manifestFile), err)
	}
	w.oldList = sumList(b)
	go func() { // while the build loads the site
		w.last = parseManifest(b)
		w.taken, w.made = make([]bool, len(w.last.names)), make([]entry, len(w.last.names))
		w.madeNew = map[string]entry{}
		close(w.parsed)
	}()
	w.empty = !w.existed || isEmptyDir(dir) // the lock made it if it was missing
	return w, nil
}

// lstatEntry is how the file name under dir stands, by os.Lstat.
func lstatEntry(dir, name string, key Key) (entry, bool) {
	fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		return entry{}, false
	}
	return statEntry(fi, key), true
}

// closeFolders closes the output and staging folders, if they were opened.
func (w *DirWriter) closeFolders() {
	if f := w.folder(); f != nil {
		f.Close()
	}
	w.held.close()
}

// heldStaging is the staging folder, made and opened when the first file
// is staged, and held open for system calls relative to it. A build that
// stages nothing never makes it, and leaves the output folder untouched.
type heldStaging struct {
	once sync.Once
	f    *os.File
	err  error
}

// close closes the folder if it was opened; it is not opened after.
func (h *heldStaging) close() {
	h.once.Do(func() { h.err = errors.New("the build is over: nothing more can be staged") })
	if h.f != nil {
		h.f.Close()
	}
}

// prev is the files of the last build, once its manifest is read.
func (w *DirWriter) prev() *lastBuild {
	<-w.parsed
	return w.last
}

// isEmptyDir reports whether dir holds nothing.
func isEmptyDir(dir string) bool {
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	return errors.Is(err, io.EOF)
}

// claim records that this build makes name, which no other file may take.
// It returns the file's place in the last build, or -1, and the name as
// the writer keeps it until Commit: the last build's copy, or one packed
// with the other new names (see keepName).
func (w *DirWriter) claim(name string) (int, string, error) {
	if !cleanOutputName(name) {
		return -1, "", fmt.Errorf("output file name %q is not a clean relative path", name)
	}
	last := w.prev()
	i, ok := last.index[name]
	w.mu.Lock()
	defer w.mu.Unlock()
	if ok && !w.taken[i] {
		w.taken[i] = true
		return i, last.names[i], nil
	}
	if _, dup := w.madeNew[name]; dup || ok {
		return -1, "", fmt.Errorf("two pages want the same file %s", name)
	}
	name = w.keepName(name)
	w.madeNew[name] = entry{}
	return -1, name, nil
}

// keepName copies name into a block of names, 64 KB at a time. The
// caller's string was made for one page, among that page's garbage; kept
// until Commit, it would hold a span of memory that the page's garbage
// shares, and at 100,000 centers the collector's heap would be littered
// with such spans. Called with w.mu held.
func (w *DirWriter) keepName(name string) string {
	if w.names.Cap()-w.names.Len() < len(name) {
		w.names = strings.Builder{}
		w.names.Grow(max(64<<10, len(name)))
	}
	w.names.WriteString(name)
	all := w.names.String()
	return all[len(all)-len(name):]
}

// cleanOutputName reports whether name can be a file of the output: a
// clean relative path outside the staging folder, not the manifest.
func cleanOutputName(name string) bool {
	return fs.ValidPath(name) && name != "." && name != stagingDir && !strings.HasPrefix(name, stagingDir+"/") && name != manifestFile
}

// settle records what name, at place i in the last build (see claim),
// ended up as, and whether it has to be moved in.
func (w *DirWriter) settle(name string, i int, e entry, staged bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if i >= 0 {
		w.made[i] = e
	} else {
		w.madeNew[name] = e
	}
	if staged {
		w.staged = append(w.staged, name)
	} else {
		w.unchanged++
	}
}

// Fresh reports whether name was published by the last build from the same
// key and is still exactly the file that build left (same inode, size and
// modification time). Such a file counts as made by this build, unchanged,
// and need not be rendered.
func (w *DirWriter) Fresh(name string, key Key) bool {
	last := w.prev()
	i, ok := last.index[name]
	if key.IsZero() || !ok || last.entries[i].key != key || !cleanOutputName(name) {
		return false
	}
	if now, ok := w.statFile(name, key); !ok || now != last.entries[i] {
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.taken[i] {
		return false // let Put report the problem
	}
	w.taken[i], w.made[i] = true, last.entries[i]
	w.unchanged++
	return true
}

// Put stages data as the file name unless the published file already holds
// exactly these bytes.
func (w *DirWriter) Put(name string, data []byte) error {
	return w.PutKeyed(name, Key{}, data)
}

// PutKeyed is Put for a file made from key, which the manifest records so
// that the next build can tell, with Fresh, that it need not render it.
func (w *DirWriter) PutKeyed(name string, key Key, data []byte) error {
	i, name, err := w.claim(name)
	if err != nil {
		return err
	}
	dest := filepath.Join(w.dir, filepath.FromSlash(name))
	if e, same := w.sameFile(dest, data); same {
		e.key = key
		w.settle(name, i, e, false)
		return nil
	}
	e, err := w.stage(name, data)
	if err != nil {
		return err
	}
	e.key = key
	w.settle(name, i, e, true)
	return nil
}

// sameFile reports whether the file at p holds exactly data, and if so how
// it stands on disk. In a folder that was empty there is nothing to read.
func (w *DirWriter) sameFile(p string, data []byte) (entry, bool) {
	if w.empty {
		return entry{}, false
	}
	f, err := os.Open(p)
	if err != nil {
		return entry{}, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return entry{}, false
	}
	old := make([]byte, len(data)+1) // one more, to see the end of the file
	n, _ := io.ReadFull(f, old)
	if n != len(data) || !bytes.Equal(old[:n], data) {
		return entry{}, false
	}
	return statEntry(fi, Key{}), true
}

// stage writes data under the staging folder, where Commit will find it.
func (w *DirWriter) stage(name string, data []byte) (entry, error) {
	dir := path.Dir(name)
	if err := w.mkdirStaging(dir); err != nil {
		return entry{}, err
	}
	e, err := w.writeStaged(name, data)
	if errors.Is(err, fs.ErrNotExist) && dir != "." { // the folder shares its hash with one made (see stagingDirs)
		if err := w.mkdirStagingAt(dir); err != nil {
			return entry{}, err
		}
		e, err = w.writeStaged(name, data)
	}
	return e, err
}

// mkdirStaging makes a staging folder, a slash-separated path relative to
// the staging folder, remembering the ones already made so that each
// costs one system call.
func (w *DirWriter) mkdirStaging(dir string) error {
	if w.dirs.has(dir) {
		return nil
	}
	if err := w.mkdirStagingAt(dir); err != nil {
		return err
	}
	w.dirs.add(dir)
	return nil
}

// stagingDirs is the set of staging folders made, by a 64-bit hash of
// their paths: a first build makes a folder for nearly every page, and
// 200,000 paths held as strings in a sync.Map took 25 MB, their hashes
// take 4. Two paths with one hash are so unlikely that a collision need
// only be survived: stage makes the folder when its file finds it missing.
type stagingDirs struct {
	mu   sync.Mutex
	made map[uint64]struct{}
}

func (d *stagingDirs) has(dir string) bool {
	h := xxhash.Sum64String(dir)
	d.mu.Lock()
	defer d.mu.Unlock()
	_, ok := d.made[h]
	return ok
}

func (d *stagingDirs) add(dir string) {
	h := xxhash.Sum64String(dir)
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.made == nil {
		d.made = map[uint64]struct{}{}
	}
	d.made[h] = struct{}{}
}

// Abort drops everything staged; the output folder stays as it was, and a
// folder this build created goes away again if it is empty.
func (w *DirWriter) Abort() error {
	defer w.unlock()
	w.closeFolders()
	if err := os.RemoveAll(filepath.Join(w.dir, stagingDir)); err != nil {
		return err
	}
	if !w.existed {
		os.Remove(w.dir) // fails, rightly, if something else was put there meanwhile
	}
	return nil
}

// Commit moves the staged files into place, then removes the files the
// build no longer makes. At every moment of it, killed or not, with a full
// disk or not, the output folder holds the last site, the new one, or a
// mix in which every page is complete and every link resolves:
//
//   - the staged files are flushed to disk first, so that a power cut
//     cannot leave a renamed file empty;
//   - the manifest is then replaced by one naming the files of both
//     builds, so that whatever is left half done, the next build knows
//     every file the generator made;
//   - files that are new go in before files that replace others, so that
//     a replaced page never links to a file not yet there;
//   - stale files go last, once no new page can link to them;
//   - the manifest of this build alone comes at the very end.
//
// Each move is an atomic rename. A failure before the first move leaves
// the folder exactly as it was; the caller calls Abort to drop the staging.
func (w *DirWriter) Commit() (WriteStats, error) {
	defer w.unlock()
	w.syncStaged()
	stale := w.stale()
	union := w.unionLines()
	if err := w.writeManifest(union); err != nil {
		return WriteStats{}, err
	}
	w.closeFolders()
	// On two cores: 200,000 names at 100,000 centers.
	sortInHalves(w.staged)
	if err := w.checkInTheWay(); err != nil { // before any move: pages link to each other across folders (/es/x/ to /x/)
		return WriteStats{}, err
	}
	if err := w.moveStaged(); err != nil {
		return WriteStats{}, err
	}
	w.syncStaged()
	removed, err := w.removeStale(stale)
	if err != nil {
		return WriteStats{}, err
	}
	if len(stale) > 0 { // else the manifest already says this
		if err := w.writeManifest(w.withoutStale(union)); err != nil {
			return WriteStats{}, err
		}
	}
	if err := os.RemoveAll(filepath.Join(w.dir, stagingDir)); err != nil {
		return WriteStats{}, err
	}
	return WriteStats{Written: len(w.staged), Removed: removed, Unchanged: w.unchanged}, nil
}

// stale lists the files of the last build that this one did not make.
func (w *DirWriter) stale() []string {
	var names []string
	for i, name := range w.prev().names {
		if !w.taken[i] {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// writeManifest replaces the manifest atomically, unless it already says
// exactly this (a build that changed nothing touches nothing).
func (w *DirWriter) writeManifest(lines []manifestLine) error {
	w.manifest = formatManifestParts(w.manifest, lines)
	sum := sumParts(w.manifest)
	if sum == w.oldList {
		return nil
	}
	if err := os.MkdirAll(filepath.Join(w.dir, stagingDir), 0o755); err != nil {
		return err
	}
	tmp := filepath.Join(w.dir, stagingDir, manifestFile)
	if err := writeParts(tmp, w.manifest); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(w.dir, manifestFile)); err != nil {
		return err
	}
	w.oldList = sum
	return nil
}

// listSum stands for the bytes of a manifest: its length and a 128-bit
// hash, the same for the same bytes and, short of a collision no build
// will meet, different otherwise. It saves holding the manifest read
// (24 MB at 100,000 centers) until Commit only to compare it.
type listSum struct {
	size int
	sum  Key
}

// sumList is the listSum of a manifest; a missing one is empty.
func sumList(b []byte) listSum { return listSum{len(b), sumKey(b)} }

// moveStaged renames the staged files into place: first every file that
// is new to the output folder, then the files that replace published
// ones. Where a staged file's folder does not exist in the output yet
// (every folder, on a first build), the whole staged folder is renamed at
// once: one atomic move for thousands of pages.
func (w *DirWriter) moveStaged() error {
	exists := map[string]bool{".": true}
	moved := "" // a folder moved as a whole, with a trailing slash
	var replacing []string
	for _, name := range w.staged {
		if moved != "" && strings.HasPrefix(name, moved) {
			continue
		}
		top, err := w.missingAncestor(name, exists)
		if err != nil {
			return err
		}
		if top != "" {
			if err := w.move(top); err != nil {
				return err
			}
			moved = top + "/"
			continue
		}
		if _, err := os.Lstat(filepath.Join(w.dir, filepath.FromSlash(name))); err == nil {
			replacing = append(replacing, name)
			continue
		}
		if err := w.move(name); err != nil {
			return err
		}
	}
	for _, name := range replacing {
		if err := w.move(name); err != nil {
			return err
		}
	}
	return nil
}

// checkInTheWay finds a file the generator did not make where a staged
// file needs a folder, so that Commit fails before it moves anything.
func (w *DirWriter) checkInTheWay() error {
	state := map[string]bool{".": true} // a folder checked: true if it exists as a folder
	for _, name := range w.staged {
		var dirs []string
		known := path.Dir(name)
		for ; ; known = path.Dir(known) {
			if _, seen := state[known]; seen {
				break
			}
			dirs = append(dirs, known)
		}
		if !state[known] { // under a missing folder, as on a first build: no lstat of each page's folder
			continue // nor a record of it: the next name finds the missing folder as fast
		}
		for i := len(dirs) - 1; i >= 0; i-- {
			d := dirs[i]
			fi, err := os.Lstat(filepath.Join(w.dir, filepath.FromSlash(d)))
			state[d] = err == nil && fi.IsDir()
			if err == nil && !fi.IsDir() {
				if _, ours := w.prev().index[d]; !ours {
					return fmt.Errorf("%s is in the way of %s", filepath.Join(w.dir, d), name)
				}
			}
			if !state[d] { // nothing under a missing folder (or our own file) can be in the way
				for _, below := range dirs[:i] {
					state[below] = false
				}
				break
			}
		}
	}
	return nil
}

// missingAncestor finds the outermost folder of name that the output folder
// lacks, or "" when every one exists. A stale file in the way of a folder
// is removed first.
func (w *DirWriter) missingAncestor(name string, exists map[string]bool) (string, error) {
	dirs := []string{}
	for d := path.Dir(name); !exists[d]; d = path.Dir(d) {
		dirs = append(dirs, d)
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		d := dirs[i]
		fi, err := os.Lstat(filepath.Join(w.dir, filepath.FromSlash(d)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return d, nil
		case err != nil:
			return "", err
		case !fi.IsDir():
			if _, ours := w.prev().index[d]; !ours {
				return "", fmt.Errorf("%s is in the way of %s", filepath.Join(w.dir, d), name)
			}
			if err := os.Remove(filepath.Join(w.dir, filepath.FromSlash(d))); err != nil {
				return "", err
			}
			return d, nil
		}
		exists[d] = true
	}
	return "", nil
}

// move renames a staged file or folder over its place in the output; a
// folder in the way of a file (a page that used to be a section, say) is
// removed first.
func (w *DirWriter) move(name string) error {
	src := filepath.Join(w.dir, stagingDir, filepath.FromSlash(name))
	dest := filepath.Join(w.dir, filepath.FromSlash(name))
	if fi, err := os.Lstat(dest); err == nil && fi.IsDir() {
		if err := os.RemoveAll(dest); err != nil {
			return err
		}
	}
	if err := os.Rename(src, dest); err != nil || w.moved == nil {
		return err
	}
	return w.moved()
}

// removeStale deletes the given files and the folders that leaves empty.
// It never follows a symbolic link and never leaves the output folder: a
// name whose folder is not a real folder under the output (a link put
// there, or a manifest tampered with) is left alone.
func (w *DirWriter) removeStale(stale []string) (int, error) {
	removed := 0
	for _, name := range stale {
		if !cleanOutputName(name) || !w.realFolders(path.Dir(name)) {
			continue
		}
		p := filepath.Join(w.dir, filepath.FromSlash(name))
		if fi, err := os.Lstat(p); err == nil && fi.IsDir() {
			continue // now a folder of this build's files
		}
		switch err := os.Remove(p); {
		case err == nil:
			removed++
		case !errors.Is(err, fs.ErrNotExist):
			return removed, err
		}
		for d := filepath.Dir(p); d != filepath.Clean(w.dir) && os.Remove(d) == nil; d = filepath.Dir(d) {
			// removed an emptied folder; try its parent
		}
	}
	return removed, nil
}

// realFolders reports whether dir, a slash-separated path under the
// output folder, and each folder above it are folders, not links.
func (w *DirWriter) realFolders(dir string) bool {
	for ; dir != "."; dir = path.Dir(dir) {
		fi, err := os.Lstat(filepath.Join(w.dir, filepath.FromSlash(dir)))
		if err != nil || !fi.IsDir() {
			return errors.Is(err, fs.ErrNotExist) // nothing there to remove
		}
	}
	return true
}
