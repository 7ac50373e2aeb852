package build

import (
	"regexp"
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
		centers := readCenters("data/centers.csv", data, v, rep, nil)
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

// FuzzSplitExtension holds splitExtension to the regular expression it
// replaces.
func FuzzSplitExtension(f *testing.F) {
	pattern := regexp.MustCompile(`^(.*?)(?:\s*(?:x|ext\.?|extension)\s*([0-9]{1,6}))?$`)
	for _, s := range []string{"", "555-0100", "555-0100 x12", "(555) 555-0100 ext. 1234", "5555550100extension 9",
		"555 x1234567", "ext x12", "555-0100\nx12", "555\n0100", "x", "12", "5555550100 ext.x3", "555 ext  \t 42"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := pattern.FindStringSubmatch(s)
		if m == nil {
			return // a line break before the extension: the digit check rejects it
		}
		if number, ext := splitExtension(s); number != m[1] || ext != m[2] {
			t.Errorf("splitExtension(%q) = %q, %q; the pattern gives %q, %q", s, number, ext, m[1], m[2])
		}
	})
}
