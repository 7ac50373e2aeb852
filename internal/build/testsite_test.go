package build

import (
	"io/fs"
	"maps"
	"os"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// repoSite is the repository's own site (content, layouts, static,
// site.toml and the example data) as an in-memory file system, so that a
// test can replace or add files without touching the disk.
func repoSite(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := os.DirFS("../..")
	for _, dir := range []string{"content", "layouts", "static", i18nDir, "data/centers.csv", "site.toml"} {
		err := fs.WalkDir(root, dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(root, name)
			m[name] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// withFiles returns a copy of base with the files of a txtar archive added
// or replaced; a file whose content is exactly "DELETE\n" is removed.
func withFiles(base fstest.MapFS, archive string) fstest.MapFS {
	m := maps.Clone(base)
	for _, f := range txtar.Parse([]byte(archive)).Files {
		if string(f.Data) == "DELETE\n" {
			delete(m, f.Name)
			continue
		}
		m[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return m
}

// memOutput keeps a build's files in memory.
type memOutput struct {
	mu    sync.Mutex
	files map[string][]byte
}

func newMemOutput() *memOutput { return &memOutput{files: map[string][]byte{}} }

func (o *memOutput) Put(name string, data []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.files[name] = append([]byte(nil), data...)
	return nil
}

// buildMem builds fsys into memory with test settings.
func buildMem(t testing.TB, fsys fs.FS) (*Result, *memOutput, error) {
	t.Helper()
	cfg, err := LoadConfig(fsys, ".")
	if err != nil {
		return nil, nil, err
	}
	if err := cfg.ResolveBaseURL("https://directory.example.org/", ""); err != nil {
		t.Fatal(err)
	}
	out := newMemOutput()
	res, err := Build(fsys, cfg, out)
	return res, out, err
}

func mustBuild(t testing.TB, fsys fs.FS) (*Result, *memOutput) {
	t.Helper()
	res, out, err := buildMem(t, fsys)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return res, out
}

// csvHeader is the full header of the example data, for fixtures.
const csvHeader = "id,name,street,city,state,zip,lat,lon,phone,website,levels,payment,medications,languages,verified\n"
