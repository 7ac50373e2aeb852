package build

import (
	"bytes"
	"encoding/hex"
	"io/fs"
	"slices"
	"strconv"
	"strings"
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

// formatManifest writes one line per file, sorted by name, so that the same
// build always writes the same manifest.
func formatManifest(entries map[string]entry) []byte {
	names := make([]string, 0, len(entries))
	for name := range entries {
		names = append(names, name)
	}
	slices.Sort(names)
	var b bytes.Buffer
	b.Grow(len(names) * 100)
	b.WriteString(manifestHeader)
	for _, name := range names {
		e := entries[name]
		if e.key.IsZero() {
			b.WriteByte('-')
		} else {
			b.WriteString(hex.EncodeToString(e.key[:]))
		}
		for _, n := range []int64{e.size, e.mtime} {
			b.WriteByte('\t')
			b.WriteString(strconv.FormatInt(n, 10))
		}
		b.WriteByte('\t')
		b.WriteString(strconv.FormatUint(e.ino, 10))
		b.WriteByte('\t')
		if strings.ContainsAny(name, "\t\n\"") {
			name = strconv.Quote(name)
		}
		b.WriteString(name)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// parseManifest reads a manifest. A line it cannot read is dropped: the
// worst that costs is a page rendered again or a stale file left behind.
func parseManifest(b []byte) map[string]entry {
	m := map[string]entry{}
	text, ok := strings.CutPrefix(string(b), manifestHeader)
	if !ok { // the first format: names only
		for _, name := range strings.Fields(string(b)) {
			m[name] = entry{}
		}
		return m
	}
	for line := range strings.SplitSeq(text, "\n") {
		if name, e, ok := parseManifestLine(line); ok {
			m[name] = e
		}
	}
	return m
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
