package build

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestParseManifest reads manifests line by line: good lines give their
// name and entry, a later line for the same name wins, and a line it
// cannot read is dropped without failing the others.
func TestParseManifest(t *testing.T) {
	key := strings.Repeat("0a", 16)
	k := Key{}
	for i := range k {
		k[i] = 0x0a
	}
	cases := []struct {
		name  string
		text  string
		names []string
		first entry
	}{
		{"two lines", manifestHeader + key + "\t12\t34\t56\ta/index.html\n-\t1\t2\t3\tb.css\n",
			[]string{"a/index.html", "b.css"}, entry{key: k, size: 12, mtime: 34, ino: 56}},
		{"quoted name", manifestHeader + "-\t1\t2\t3\t\"tab\\there\"\n", []string{"tab\there"}, entry{size: 1, mtime: 2, ino: 3}},
		{"later line wins", manifestHeader + "-\t1\t2\t3\tx\n-\t4\t5\t6\ty\n-\t7\t8\t9\tx\n",
			[]string{"x", "y"}, entry{size: 7, mtime: 8, ino: 9}},
		{"bad lines dropped", manifestHeader + key + "00\t1\t2\t3\tlong-key\nzz\t1\t2\t3\tbad-hex\n-\tx\t2\t3\tbad-size\n-\t1\t2\nshort\n-\t1\t2\t3\t\n-\t1\t2\t3\t\"open\n-\t1\t2\t3\tok\n",
			[]string{"ok"}, entry{size: 1, mtime: 2, ino: 3}},
		{"first format: names only", "a.html\nb/index.html\n", []string{"a.html", "b/index.html"}, entry{}},
		{"empty", "", nil, entry{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := parseManifest([]byte(tc.text))
			if !slices.Equal(l.names, tc.names) {
				t.Fatalf("names = %q, want %q", l.names, tc.names)
			}
			for i, name := range l.names {
				if l.index[name] != i {
					t.Errorf("index[%q] = %d, want %d", name, l.index[name], i)
				}
			}
			if len(tc.names) > 0 && l.entries[l.index[tc.names[0]]] != tc.first {
				t.Errorf("entry of %s = %+v, want %+v", tc.names[0], l.entries[0], tc.first)
			}
		})
	}
}

// TestManifestLineRoundTrip reads back each field of what formatManifest
// writes, at its extremes.
func TestManifestLineRoundTrip(t *testing.T) {
	lines := []manifestLine{
		{"a b/index.html", entry{key: Key{1, 2, 3}, size: 10, mtime: 1796150142983290183, ino: 7}},
		{"new\nline.html", entry{size: 3}},
		{"z.json", entry{key: Key{15: 9}, size: 1 << 40, mtime: -5, ino: 1<<64 - 1}},
	}
	l := parseManifest(formatManifest(lines))
	if len(l.names) != len(lines) {
		t.Fatalf("read %d lines of %d", len(l.names), len(lines))
	}
	for i, want := range lines {
		if l.names[i] != want.name || l.entries[i] != want.e {
			t.Errorf("line %d = %q %+v, want %q %+v", i, l.names[i], l.entries[i], want.name, want.e)
		}
	}
}

// TestManifestParts: the manifest written in parts is the manifest, and
// its sum is the sum of its bytes, also when the parts reuse the room of
// a larger manifest formatted before.
func TestManifestParts(t *testing.T) {
	var lines []manifestLine
	for i := range 1000 {
		lines = append(lines, manifestLine{fmt.Sprintf("centers/c%04d/index.html", i), entry{key: Key{byte(i)}, size: int64(i), mtime: 1, ino: 2}})
	}
	lines = append(lines, manifestLine{"z\t\"quoted\".html", entry{size: 3}})
	cases := []struct {
		name  string
		lines []manifestLine
	}{
		{"many", lines},
		{"fewer, in the room of many", lines[500:]},
		{"one", lines[:1]},
		{"none", nil},
	}
	var parts [][]byte
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			parts = formatManifestParts(parts, tc.lines)
			whole := formatManifest(tc.lines)
			if got := bytes.Join(parts, nil); !bytes.Equal(got, whole) {
				t.Fatalf("parts joined differ from the manifest:\n%q\n%q", got, whole)
			}
			if got, want := sumParts(parts), sumList(whole); got != want {
				t.Errorf("sumParts = %v, want %v", got, want)
			}
			l := parseManifest(whole)
			if len(l.names) != len(tc.lines) {
				t.Errorf("read back %d lines of %d", len(l.names), len(tc.lines))
			}
		})
	}
}

// TestMergeInPlace merges a sorted list into another in its spare room.
func TestMergeInPlace(t *testing.T) {
	cases := []struct {
		name string
		a, b []int
		want []int
	}{
		{"both empty", nil, nil, nil},
		{"into nothing", nil, []int{1, 2}, []int{1, 2}},
		{"nothing in", []int{1, 2}, nil, []int{1, 2}},
		{"between", []int{1, 4, 9}, []int{2, 5}, []int{1, 2, 4, 5, 9}},
		{"before all", []int{5, 6}, []int{1, 2}, []int{1, 2, 5, 6}},
		{"after all", []int{1, 2}, []int{7, 8}, []int{1, 2, 7, 8}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := make([]int, len(tc.a), len(tc.a)+len(tc.b))
			copy(a, tc.a)
			got := mergeInPlace(a, tc.b, func(x, y int) int { return x - y })
			if !slices.Equal(got, tc.want) && len(got)+len(tc.want) > 0 {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// formatManifest is the manifest of lines in one buffer, as the parts
// writeManifest writes join.
func formatManifest(lines []manifestLine) []byte {
	return slices.Concat(formatManifestParts(nil, lines)...)
}
