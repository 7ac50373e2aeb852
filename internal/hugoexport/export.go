package hugoexport

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"treatmentdir/internal/build"
)

//go:embed all:layouts
var layoutFS embed.FS

// Export writes the validated site s, read from fsys, as a Hugo site to the
// folder out. Nothing is written unless every file could be made; see the
// package documentation for what out may already hold.
func Export(fsys fs.FS, s *build.Site, out string) error {
	files, err := Files(fsys, s)
	if err != nil {
		return err
	}
	return Publish(out, files)
}

// Files makes every file of the Hugo site, by slash-separated path under
// the site folder. A content page whose file or URL the export needs for a
// page of its own is an error, reported as build.Errors.
func Files(fsys fs.FS, s *build.Site) (map[string][]byte, error) {
	f := fileSet{}
	if err := f.addContent(s); err != nil {
		return nil, err
	}
	cfg, err := hugoConfig(s)
	if err != nil {
		return nil, err
	}
	f["hugo.toml"] = cfg
	steps := []func() error{
		func() error { return f.addCenters(s) },
		func() error { return f.addTerms(s) },
		func() error { return f.copyFile(fsys, "content/facets.toml", "data/facets.toml") },
		func() error { return f.copyTree(layoutFS, "layouts", "layouts") },
		func() error { return f.copyTree(fsys, "static", "static") },
		func() error { return f.copyTree(fsys, "i18n", "i18n") },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// fileSet is the export's files by path.
type fileSet map[string][]byte

// addContent copies the content pages as they are. It refuses pages that
// would take a URL of the taxonomies or of the generated centers section.
func (f fileSet) addContent(s *build.Site) error {
	var errs build.Errors
	for _, p := range contentPages(s) {
		if prefix := reservedPrefix(p.URL); prefix != "" {
			errs = append(errs, build.Diagnostic{Path: displayPath(s.Config.Root, p.File),
				Msg: fmt.Sprintf("URL %s is taken by the Hugo export's %s pages; move the file", p.URL, prefix)})
			continue
		}
		f[p.File] = p.Source
	}
	for _, l := range s.Languages[min(1, len(s.Languages)):] {
		for _, p := range l.Translations() {
			f[p.File] = p.Source // Hugo reads <name>.<lang>.md as the page's translation
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// contentPages is every page of content/, the home page first.
func contentPages(s *build.Site) []*build.Page {
	pages := []*build.Page{s.Home}
	if s.Guide != nil {
		pages = append(pages, s.Guide)
	}
	for _, l := range s.Levels {
		pages = append(pages, l.Page)
	}
	return append(pages, s.Pages...)
}

// reservedPrefix is the folder of generated pages that url falls in, or "".
func reservedPrefix(url string) string {
	for _, prefix := range []string{"/centers/", "/care/", "/pay/", "/states/"} {
		if strings.HasPrefix(url, prefix) {
			return prefix
		}
	}
	return ""
}

// copyFile copies one file of fsys into the export under another name.
func (f fileSet) copyFile(fsys fs.FS, from, to string) error {
	b, err := fs.ReadFile(fsys, from)
	if err != nil {
		return fmt.Errorf("reading %s: %w", from, err)
	}
	f[to] = b
	return nil
}

// copyTree copies the folder dir of fsys, if there is one, to the folder to.
func (f fileSet) copyTree(fsys fs.FS, dir, to string) error {
	err := fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return f.copyFile(fsys, name, path.Join(to, strings.TrimPrefix(name, dir+"/")))
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("copying %s: %w", dir, err)
	}
	return nil
}

// displayPath names a file under the site folder the way the user typed it,
// as build does in its messages.
func displayPath(root, name string) string {
	if root == "" || root == "." {
		return name
	}
	return strings.TrimSuffix(root, "/") + "/" + name
}
