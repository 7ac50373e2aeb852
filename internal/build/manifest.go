package build

import (
	"bytes"
	"encoding/hex"
	"io/fs"
	"maps"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Key names everything a file's bytes depend on: two renders from the same
// key give the same bytes. The zero Key means the inputs are not known.
type Key [16]byte

// IsZero reports whether k is the zero Key.
func (k Key) IsZero() bool { return k == Key{} }

// entry is what the manifest records about one published file: the key it
// was made from, and how it stood on disk after the build that wrote it.
// A file whose inode, size and modification time still match is the very
// file that build left.
type entry struct {
	key   Key
	size  int64
	mtime int64  // nanoseconds since 1970
	ino   uint64 // 0 where the system has no inode numbers
}

func statEntry(fi fs.FileInfo, key Key) entry {
	return entry{key: key, size: fi.Size(), mtime: fi.ModTime().UnixNano(), ino: fileID(fi)}
}

// manifestHeader starts a manifest of this format. Older manifests were a
// bare list of names; they are still read, as entries without a key.
const manifestHeader = "gen-manifest 2\tkey\tsize\tmtime\tinode\tname\n"

// manifestLine is one file of a manifest.
type manifestLine struct {
	name string
	e    entry
}

// formatManifestParts formats a manifest, one line per file, in parts on
// every core, the header first; lines are sorted by name, so that the same
// build always writes the same manifest. Written one after the other the
// parts are the manifest, so
// that it is never copied whole into one buffer. The parts reuse the
// room of into, from an earlier call, where it is large enough: a commit
// writes the manifest twice, and each is megabytes.
func formatManifestParts(into [][]byte, lines []manifestLine) [][]byte {
	workers := runtime.GOMAXPROCS(0)
	parts := make([][]byte, workers+1)
	parts[0] = []byte(manifestHeader)
	size := (len(lines) + workers - 1) / workers
	var wg sync.WaitGroup
	for i := 1; i <= workers; i++ {
		chunk := lines[min((i-1)*size, len(lines)):min(i*size, len(lines))]
		var buf []byte
		if i < len(into) {
			buf = into[i][:0]
		}
		wg.Go(func() { parts[i] = appendManifestLines(slices.Grow(buf, manifestSize(chunk)), chunk) })
	}
	wg.Wait()
	return parts
}

// manifestSize is at most the bytes of lines as a manifest: a name, and
// 32 hex digits, three numbers of at most 20 digits and five separators.
// A name that must be quoted may take more, and then the buffer grows.
func manifestSize(lines []manifestLine) int {
	n := 0
	for _, l := range lines {
		n += len(l.name) + 32 + 3*20 + 5
	}
	return n
}

func byLineName(a, b manifestLine) int { return strings.Compare(a.name, b.name) }

// sortedLines is entries as manifest lines, sorted by name.
func sortedLines(entries map[string]entry) []manifestLine {
	names := slices.Collect(maps.Keys(entries))
	sortInHalves(names)
	lines := make([]manifestLine, len(names))
	for i, name := range names {
		lines[i] = manifestLine{name, entries[name]}
	}
	return lines
}

// appendManifestLines appends lines.
func appendManifestLines(b []byte, lines []manifestLine) []byte {
	for _, l := range lines {
		name, e := l.name, l.e
		if e.key.IsZero() {
			b = append(b, '-')
		} else {
			b = hex.AppendEncode(b, e.key[:])
		}
		b = strconv.AppendInt(append(b, '\t'), e.size, 10)
		b = strconv.AppendInt(append(b, '\t'), e.mtime, 10)
		b = strconv.AppendUint(append(b, '\t'), e.ino, 10)
		b = append(b, '\t')
		if strings.ContainsAny(name, "\t\n\"") {
			b = strconv.AppendQuote(b, name)
		} else {
			b = append(b, name...)
		}
		b = append(b, '\n')
	}
	return b
}

// sortInHalves sorts names on two cores: each half, then the halves merged.
func sortInHalves(names []string) {
	if len(names) < 4096 {
		slices.Sort(names)
		return
	}
	a, b := names[:len(names)/2], names[len(names)/2:]
	var wg sync.WaitGroup
	wg.Go(func() { slices.Sort(a) })
	slices.Sort(b)
	wg.Wait()
	copy(names, mergeSorted(a, b, strings.Compare))
}

// mergeSorted merges two lists sorted by cmp into a new one.
func mergeSorted[T any](a, b []T, cmp func(x, y T) int) []T {
	merged := make([]T, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if cmp(b[0], a[0]) < 0 {
			merged, b = append(merged, b[0]), b[1:]
		} else {
			merged, a = append(merged, a[0]), a[1:]
		}
	}
	return append(append(merged, a...), b...)
}

// lastBuild is what a manifest says: the files of the build that wrote it.
type lastBuild struct {
	names   []string // in the manifest's order
	entries []entry  // by place in names
	index   map[string]int
}

// parseManifest reads a manifest. A line it cannot read is dropped: the
// worst that costs is a page rendered again or a stale file left behind.
// The names are copied out together into one string, so that what the
// build holds is the names alone, not every line of the manifest read
// (a third of the size). Every list is sized once, from the count of
// lines: a rebuild reads tens of thousands of them.
func parseManifest(b []byte) *lastBuild {
	n := bytes.Count(b, []byte("\n")) + 1
	names := nameText{ends: make([]int, 0, n)}
	names.text.Grow(len(b) / 2) // names are under half of each line
	entries := make([]entry, 0, n)
	text, ok := bytes.CutPrefix(b, []byte(manifestHeader))
	if !ok { // the first format: names only
		for _, name := range bytes.Fields(b) {
			names.add(name)
			entries = append(entries, entry{})
		}
	}
	for len(text) > 0 && ok {
		line := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		if name, e, ok := parseManifestLine(line); ok {
			names.add(name)
			entries = append(entries, e)
		}
	}
	all := names.all()
	l := &lastBuild{index: make(map[string]int, len(all)), names: all[:0], entries: entries[:0]}
	for i, name := range all { // in place: a name is never written back ahead of where it is read
		if j, dup := l.index[name]; dup {
			l.entries[j] = entries[i]
			continue
		}
		l.index[name] = len(l.names)
		l.names, l.entries = append(l.names, name), append(l.entries, entries[i])
	}
	return l
}

// nameText gathers names into one buffer, then hands them out as
// substrings of the one string it makes, without a copy.
type nameText struct {
	text strings.Builder
	ends []int
}

func (t *nameText) add(name []byte) {
	t.text.Write(name)
	t.ends = append(t.ends, t.text.Len())
}

// all is the names added, in order.
func (t *nameText) all() []string {
	text := t.text.String()
	names := make([]string, len(t.ends))
	start := 0
	for i, end := range t.ends {
		names[i], start = text[start:end], end
	}
	return names
}

// parseManifestLine reads one line of a manifest: the file's name, which
// may point into line, and its entry.
func parseManifestLine(line []byte) ([]byte, entry, bool) {
	var f [5][]byte
	for i := range 4 {
		j := bytes.IndexByte(line, '\t')
		if j < 0 {
			return nil, entry{}, false
		}
		f[i], line = line[:j], line[j+1:]
	}
	f[4] = line
	var e entry
	if string(f[0]) != "-" {
		if len(f[0]) != 2*len(e.key) {
			return nil, entry{}, false
		}
		if _, err := hex.Decode(e.key[:], f[0]); err != nil {
			return nil, entry{}, false
		}
	}
	var err1, err2, err3 error
	e.size, err1 = strconv.ParseInt(string(f[1]), 10, 64)
	e.mtime, err2 = strconv.ParseInt(string(f[2]), 10, 64)
	e.ino, err3 = strconv.ParseUint(string(f[3]), 10, 64)
	name := f[4]
	if bytes.HasPrefix(name, []byte(`"`)) {
		s, err := strconv.Unquote(string(name))
		if err != nil {
			return nil, entry{}, false
		}
		name = []byte(s)
	}
	if err1 != nil || err2 != nil || err3 != nil || len(name) == 0 {
		return nil, entry{}, false
	}
	return name, e, true
}

// sumParts is the listSum of the manifest written in parts.
func sumParts(parts [][]byte) listSum {
	h := newKeyHash()
	size := 0
	for _, p := range parts {
		size += len(p)
		h.write(p)
	}
	return listSum{size, h.sum()}
}

// writeParts writes the file name with the parts, one after the other.
func writeParts(name string, parts [][]byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	for _, p := range parts {
		if _, err = f.Write(p); err != nil {
			break
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// unionLines is the manifest in force while a commit is under way: the
// files of this build and the stale ones of the last, as that build left
// them, sorted by name. The files of the last build come in the order of
// its manifest, which it sorted, and only the new ones need sorting; they
// are merged in place, so that a rebuild makes one list, not three.
func (w *DirWriter) unionLines() []manifestLine {
	last := w.prev()
	fresh := sortedLines(w.madeNew)
	all := make([]manifestLine, len(last.names), len(last.names)+len(fresh))
	for i, name := range last.names {
		e := last.entries[i]
		if w.taken[i] {
			e = w.made[i]
		}
		all[i] = manifestLine{name, e}
	}
	if !slices.IsSortedFunc(all, byLineName) {
		slices.SortFunc(all, byLineName)
	}
	return mergeInPlace(all, fresh, byLineName)
}

// withoutStale is lines without the stale files of the last build: the
// manifest of this build. It reuses the room of lines.
func (w *DirWriter) withoutStale(lines []manifestLine) []manifestLine {
	last := w.prev()
	out := lines[:0]
	for _, l := range lines {
		if i, ok := last.index[l.name]; ok && !w.taken[i] {
			continue
		}
		out = append(out, l)
	}
	return out
}

// mergeInPlace merges b into a, both sorted by cmp, in the room after
// a's end (which must hold b), from the back.
func mergeInPlace[T any](a, b []T, cmp func(x, y T) int) []T {
	i, j := len(a)-1, len(b)-1
	a = a[:len(a)+len(b)]
	for k := len(a) - 1; j >= 0; k-- {
		if i >= 0 && cmp(a[i], b[j]) > 0 {
			a[k], i = a[i], i-1
		} else {
			a[k], j = b[j], j-1
		}
	}
	return a
}
