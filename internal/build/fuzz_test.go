package build

import (
	"strings"
	"testing"
)

// FuzzReadCenters feeds arbitrary bytes to the CSV loader: it must never
// panic, and every error must carry the file name and a position.
func FuzzReadCenters(f *testing.F) {
	seeds := []string{
		csvHeader + goodRow,
		"\uFEFF" + strings.ReplaceAll(csvHeader+goodRow, "\n", "\r\n"),
		csvHeader + "a1,\"Ex\nample\",,Columbus,OH,43215,,,,,iop,,,,\n",
		csvHeader + "a1,Exa\"mple,,Columbus,OH,43215,,,,,iop,,,,\n",
		"id,name\n\"a",
		"",
		"LEVELS,ID\nx,y,z\n",
		csvHeader + "a1,Example,,Columbus,OH,43215,91,-500,x,javascript:x,iopp,nope,nope,,2026-13-01\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	rep := &report{}
	c := readContent(repoSite(f), ".", "/", rep)
	v := newVocabulary(c, ".", rep)
	f.Fuzz(func(t *testing.T, data []byte) {
		rep := &report{}
		centers := readCenters("data/centers.csv", data, v, rep)
		for _, d := range rep.errs {
			if !strings.HasPrefix(d.String(), "data/centers.csv") {
				t.Fatalf("error without the file name: %q", d)
			}
		}
		if len(rep.errs) == 0 {
			for _, c := range centers {
				if !idPattern.MatchString(c.ID) || len(c.Levels) == 0 {
					t.Fatalf("accepted an invalid center %+v", c)
				}
				if c.Website != "" && !strings.HasPrefix(c.Website, "http") {
					t.Fatalf("accepted website %q", c.Website)
				}
			}
		}
	})
}

// FuzzSplitFrontMatter checks that any file either splits into front
// matter and body that came from it, or gives an error; never a panic.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{"+++\ntitle = \"x\"\n+++\nbody\n", "+++\r\na=1\r\n+++\r\n", "+++\n", "+++", "", "\uFEFF+++\n+++\n", "+++\n+++"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		front, body, line, err := splitFrontMatter(src)
		if err != nil {
			return
		}
		if line < 3 || !strings.Contains(string(src), string(front)) || !strings.HasSuffix(string(src), string(body)) {
			t.Fatalf("split %q into front %q, body %q at line %d", src, front, body, line)
		}
	})
}
