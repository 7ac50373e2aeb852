package build

import (
	"encoding/hex"
	"io/fs"
	"maps"
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

// formatManifest writes one line per file; lines are sorted by name, so
// that the same build always writes the same manifest.
func formatManifest(lines []manifestLine) []byte {
	// The lines are formatted in parts on every core, then joined.
	parts := make([][]byte, runtime.GOMAXPROCS(0))
	size := (len(lines) + len(parts) - 1) / len(parts)
	var wg sync.WaitGroup
	for i := range parts {
		chunk := lines[min(i*size, len(lines)):min((i+1)*size, len(lines))]
		wg.Go(func() { parts[i] = appendManifestLines(make([]byte, 0, len(chunk)*160), chunk) })
	}
	wg.Wait()
	return slices.Concat(append([][]byte{[]byte(manifestHeader)}, parts...)...)
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
func parseManifest(b []byte) *lastBuild {
	l := &lastBuild{index: map[string]int{}}
	add := func(name string, e entry) {
		if i, dup := l.index[name]; dup {
			l.entries[i] = e
			return
		}
		l.index[name] = len(l.names)
		l.names, l.entries = append(l.names, name), append(l.entries, e)
	}
	text, ok := strings.CutPrefix(string(b), manifestHeader)
	if !ok { // the first format: names only
		for _, name := range strings.Fields(string(b)) {
			add(name, entry{})
		}
		return l
	}
	n := strings.Count(text, "\n") + 1 // sized once: growing them was most of the parse
	l.index = make(map[string]int, n)
	l.names, l.entries = make([]string, 0, n), make([]entry, 0, n)
	for line := range strings.SplitSeq(text, "\n") {
		if name, e, ok := parseManifestLine(line); ok {
			add(name, e)
		}
	}
	return l
}

func parseManifestLine(line string) (string, entry, bool) {
	f := strings.SplitN(line, "\t", 5)
	if len(f) != 5 {
		return "", entry{}, false
	}
	var e entry
	if f[0] != "-" {
		k, err := hex.DecodeString(f[0])
		if err != nil || len(k) != len(e.key) {
			return "", entry{}, false
		}
		copy(e.key[:], k)
	}
	var err1, err2, err3 error
	e.size, err1 = strconv.ParseInt(f[1], 10, 64)
	e.mtime, err2 = strconv.ParseInt(f[2], 10, 64)
	e.ino, err3 = strconv.ParseUint(f[3], 10, 64)
	name := f[4]
	if strings.HasPrefix(name, `"`) {
		var err error
		if name, err = strconv.Unquote(name); err != nil {
			return "", entry{}, false
		}
	}
	if err1 != nil || err2 != nil || err3 != nil || name == "" {
		return "", entry{}, false
	}
	return name, e, true
}
