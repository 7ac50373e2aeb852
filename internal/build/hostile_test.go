package build

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// The hostile-input suite: each test is named after what it attacks, and
// holds the generator to a clear error (or a safe page) in bounded time.

// hostileCSV reads a CSV with the repository's content, as of buildDay.
func hostileCSV(t *testing.T, csv string) *report {
	t.Helper()
	rep := &report{}
	c := readContent(repoSite(t), ".", "/", rep)
	v := newVocabulary(c, ".", rep)
	v.latestVerified = latestVerified(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	readCenters("data/centers.csv", []byte(csv), v, rep, nil)
	return rep
}

// wantErrorAt fails unless rep holds an error at line:col whose message has want.
func wantErrorAt(t *testing.T, rep *report, line, col int, want string) {
	t.Helper()
	for _, d := range rep.errs {
		if d.Line == line && d.Col == col && strings.Contains(d.Msg, want) {
			return
		}
	}
	t.Errorf("no error at %d:%d with %q; got %v", line, col, want, rep.errs)
}

func TestHostileWebsiteWithCredentials(t *testing.T) {
	row := strings.Replace(goodRow, "https://a1.example.org/", "https://www.samhsa.gov@evil.example/", 1)
	wantErrorAt(t, hostileCSV(t, csvHeader+row), 2, strings.Index(row, "https://www.samhsa")+1, "user name or password")
}

func TestHostileWebsiteHomoglyphHost(t *testing.T) {
	row := strings.Replace(goodRow, "https://a1.example.org/", "https://s\u0430mhsa.gov/", 1)
	wantErrorAt(t, hostileCSV(t, csvHeader+row), 2, strings.Index(row, "https://s")+1, "mixes Latin and Cyrillic")
}

func TestHostileWebsiteImpossiblePort(t *testing.T) {
	row := strings.Replace(goodRow, "https://a1.example.org/", "https://a1.example.org:99999/", 1)
	wantErrorAt(t, hostileCSV(t, csvHeader+row), 2, strings.Index(row, "https://a1")+1, "outside 1-65535")
}

func TestHostileInvisibleName(t *testing.T) {
	row := strings.Replace(goodRow, "Example Center", "\u200b\u3164\u200d", 1)
	wantErrorAt(t, hostileCSV(t, csvHeader+row), 2, 4, "no visible character")
}

func TestHostileInvisibleCity(t *testing.T) {
	row := strings.Replace(goodRow, "Columbus", "\u2800", 1)
	wantErrorAt(t, hostileCSV(t, csvHeader+row), 2, strings.Index(row, "\u2800")+1, "no visible character")
}

func TestHostileVerifiedDates(t *testing.T) {
	for _, date := range []string{"0000-01-01", "9999-12-31", "1989-12-31", "2026-12-03"} {
		row := strings.Replace(goodRow, "2026-01-31", date, 1)
		wantErrorAt(t, hostileCSV(t, csvHeader+row), 2, strings.Index(row, date)+1, "outside 1990-01-01 to 2026-12-02")
	}
}

// TestHostileMillionBadRowsKeepFifty: errors past the 50 shown are counted,
// not kept.
func TestHostileMillionBadRowsKeepFifty(t *testing.T) {
	var b strings.Builder
	b.WriteString(csvHeader)
	for range 20000 {
		b.WriteString("BAD,,,,ZZ,1,91,200,555,ftp://x,nope,,,,2020-13-01\n")
	}
	rep := hostileCSV(t, b.String())
	if len(rep.errs) != maxErrors || rep.more < 100000 {
		t.Errorf("kept %d errors and counted %d more", len(rep.errs), rep.more)
	}
	if msg := rep.err().Error(); !strings.HasSuffix(msg, "more errors") || strings.Count(msg, "\n") != maxErrors {
		t.Errorf("message ends %q", msg[len(msg)-60:])
	}
}

// TestHostileManyUnknownColumns: 100,000 unknown columns make a few lines
// of warnings, not 100,000.
func TestHostileManyUnknownColumns(t *testing.T) {
	cols := make([]string, 100000)
	for i := range cols {
		cols[i] = "x" + strings.Repeat("y", i%7) + string(rune('a'+i%26)) + strings.Repeat("z", i/26%50)
	}
	header := strings.TrimSuffix(csvHeader, "\n") + "," + strings.Join(cols, ",") + "\n"
	row := strings.TrimSuffix(goodRow, "\n") + strings.Repeat(",", len(cols)) + "\n"
	rep := hostileCSV(t, header+row)
	if w := rep.Warnings(); len(w) > maxWarnings+1 || !strings.Contains(w[len(w)-1], "more warnings") {
		t.Errorf("%d warnings, last %q", len(w), w[len(w)-1])
	}
}

// hostilePage builds the repository's site with one more content file.
func hostilePage(t *testing.T, name, text string) error {
	t.Helper()
	site := repoSite(t)
	site[name] = &fstest.MapFile{Data: []byte(text)}
	start := time.Now()
	_, _, err := buildMem(t, site)
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("took %v", took)
	}
	return err
}

// Regression: 32 KB of nested inline tables took 9.6 s and 2.6 GB.
func TestHostileNestedInlineTablesInFrontMatter(t *testing.T) {
	front := "title = \"x\"\nx = " + strings.Repeat("{a=", 8000) + "1" + strings.Repeat("}", 8000) + "\n"
	err := hostilePage(t, "content/deep.md", "+++\n"+front+"+++\nBody.\n")
	if err == nil || !strings.Contains(err.Error(), "content/deep.md:3:") || !strings.Contains(err.Error(), "at most 16 levels") {
		t.Errorf("got %v", err)
	}
}

func TestHostileHugeFrontMatter(t *testing.T) {
	front := "title = \"x\"\n" + strings.Repeat("# padding padding padding padding\n", 2000)
	err := hostilePage(t, "content/big.md", "+++\n"+front+"+++\nBody.\n")
	if err == nil || !strings.Contains(err.Error(), "the front matter is") {
		t.Errorf("got %v", err)
	}
}

// Regression: 400 KB of pathological Markdown took 89 s.
func TestHostileOversizedContentFile(t *testing.T) {
	err := hostilePage(t, "content/huge.md", "+++\ntitle = \"x\"\n+++\n"+strings.Repeat("*a _b [c ", 30000))
	if err == nil || !strings.Contains(err.Error(), "content/huge.md: the file is") {
		t.Errorf("got %v", err)
	}
}

func TestHostileDeepSiteToml(t *testing.T) {
	site := repoSite(t)
	site["site.toml"] = &fstest.MapFile{Data: []byte("title = \"x\"\nx = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n")}
	_, err := LoadConfig(site, ".")
	if err == nil || !strings.Contains(err.Error(), "site.toml:2:") {
		t.Errorf("got %v", err)
	}
}

// TestHostileLayoutReadsDataFS: a layout cannot read files through the
// settings (.Site.Config.DataFS, the folder of a -data file).
func TestHostileLayoutReadsDataFS(t *testing.T) {
	site := repoSite(t)
	page := string(site["layouts/home.html"].Data)
	site["layouts/home.html"] = &fstest.MapFile{Data: []byte(strings.Replace(page, `{{ define "main" }}`, `{{ define "main" }}{{ .Site.Config.DataFS.ReadFile "secret.txt" }}`, 1))}
	cfg, err := LoadConfig(site, ".")
	if err != nil {
		t.Fatal(err)
	}
	cfg.ResolveBaseURL("https://directory.example.org/", "")
	cfg.DataFS = fstest.MapFS{"centers.csv": site["data/centers.csv"], "secret.txt": {Data: []byte("TOKEN=hunter2")}}
	cfg.Data.Centers, cfg.DataName = "centers.csv", "centers.csv"
	out := newMemOutput()
	_, err = Build(site, cfg, out)
	if err == nil {
		t.Error("a layout read through .Site.Config.DataFS")
	}
	for name, b := range out.files {
		if strings.Contains(string(b), "hunter2") {
			t.Errorf("%s holds the secret", name)
		}
	}
}

// TestHostileCanonicalURLEncoded: a content file whose name holds a space
// and a quote gets percent-encoded sitemap entries.
func TestHostileCanonicalURLEncoded(t *testing.T) {
	site := repoSite(t)
	site["content/a b\"c.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"x\"\n+++\nBody.\n")}
	_, out := mustBuild(t, site)
	sitemap := string(out.files["sitemap.xml"])
	if !strings.Contains(sitemap, "a%20b%22c/") {
		t.Errorf("sitemap lacks the encoded URL")
	}
}
