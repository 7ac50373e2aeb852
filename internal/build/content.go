package build

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Page is one Markdown file of content/ with its front matter.
type Page struct {
	File        string // path under the site folder, e.g. content/about.md
	URL         string // site path, e.g. /about/
	Title       string
	Description string
	Weight      int
	Body        template.HTML
	Source      []byte // the file as it is, for the Hugo export
}

// Level is a level of care, from content/levels/<code>.md.
type Level struct {
	*Page
	Code     string
	ASAM     string
	Setting  string
	Hours    string
	ForWhom  string
	Short    string
	Synonyms []string
	StepDown *Level // the next lower level, or nil
	StepUp   *Level // the next higher level, or nil

	pos    int    // the level's place in Site.Levels
	source *Level // on a translation, the level it translates
}

// orig is the level that l translates, or l itself.
func (l *Level) orig() *Level {
	if l.source != nil {
		return l.source
	}
	return l
}

// frontMatter holds the keys this generator reads. Hugo reads the same file;
// keys it reserves (title, description, weight, draft) keep its meaning.
type frontMatter struct {
	Title       string   `toml:"title"`
	Description string   `toml:"description"`
	Weight      int      `toml:"weight"`
	Draft       bool     `toml:"draft"`
	ASAM        string   `toml:"asam"`
	Setting     string   `toml:"setting"`
	Hours       string   `toml:"hours"`
	ForWhom     string   `toml:"for_whom"`
	Short       string   `toml:"short"`
	Synonyms    []string `toml:"synonyms"`
	StepDown    string   `toml:"step_down"`
}

// content is everything read from content/.
type content struct {
	home   *Page
	guide  *Page // levels/_index.md
	levels []*Level
	facets []*Facet   // content/facets.toml, in the file's order
	pages  []*Page    // every other page, by URL
	twins  []twinFile // <name>.<lang>.md files, read by readLanguages
}

func newMarkdown(basePath string) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(sitePaths(basePath), 100)),
		),
	)
}

// sitePaths puts the site's base path in front of root-relative links and
// images in Markdown ("/levels/iop/" becomes "/directory/levels/iop/"), as
// the layouts' rel does, so that content links work in a sub-folder too.
type sitePaths string

// Transform rewrites the destinations of the document's links and images.
func (base sitePaths) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	if base == "/" {
		return
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = base.rebase(n.Destination)
		case *ast.Image:
			n.Destination = base.rebase(n.Destination)
		}
		return ast.WalkContinue, nil
	})
}

func (base sitePaths) rebase(dest []byte) []byte {
	if len(dest) == 0 || dest[0] != '/' || bytes.HasPrefix(dest, []byte("//")) {
		return dest
	}
	return append([]byte(base), dest[1:]...)
}

// readContent reads content/ from fsys. Problems go to rep.
func readContent(fsys fs.FS, root, basePath string, rep *report) *content {
	c := &content{}
	md := newMarkdown(basePath)
	err := fs.WalkDir(fsys, "content", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(name, ".md") {
			return nil
		}
		if lang := twinLang(name); lang != "" {
			c.twins = append(c.twins, twinFile{name, lang})
			return nil
		}
		p, fm := readPage(fsys, root, name, md, rep)
		if p == nil || fm.Draft {
			return nil
		}
		c.add(p, fm, root, rep)
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		rep.errorf(displayPath(root, "content"), 0, 0, "folder not found: a site needs content/_index.md and content/levels/")
		return c
	}
	if err != nil {
		rep.errorf(displayPath(root, "content"), 0, 0, "reading: %v", err)
		return c
	}
	c.facets = readFacets(fsys, root, rep)
	c.linkLevels(root, rep)
	if c.home == nil {
		rep.errorf(displayPath(root, "content/_index.md"), 0, 0, "missing: the home page needs a title and intro")
	}
	if len(c.levels) == 0 {
		rep.errorf(displayPath(root, "content/levels"), 0, 0, "no levels of care: add one Markdown file per level, named by its code")
	}
	return c
}

// add files a page by where it lives.
func (c *content) add(p *Page, fm frontMatter, root string, rep *report) {
	rel := strings.TrimPrefix(p.File, "content/")
	switch {
	case rel == "_index.md":
		p.URL = "/"
		c.home = p
	case rel == "levels/_index.md":
		c.guide = p
	case path.Dir(rel) == "levels":
		c.levels = append(c.levels, newLevel(p, fm, root, rep))
	default:
		c.pages = append(c.pages, p)
	}
}

// pageURL maps a content file to its URL as Hugo does: a/_index.md and
// a/index.md are /a/, a/b.md is /a/b/.
func pageURL(rel string) string {
	rel = strings.TrimSuffix(rel, ".md")
	base := path.Base(rel)
	if base == "_index" || base == "index" {
		rel = path.Dir(rel)
	}
	if rel == "." {
		return "/"
	}
	return "/" + rel + "/"
}

// readPage splits a file into TOML front matter and Markdown, and renders the latter.
func readPage(fsys fs.FS, root, name string, md goldmark.Markdown, rep *report) (*Page, frontMatter) {
	var fm frontMatter
	disp := displayPath(root, name)
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		rep.errorf(disp, 0, 0, "reading: %v", err)
		return nil, fm
	}
	front, body, bodyLine, err := splitFrontMatter(src)
	if err != nil {
		rep.errorf(disp, 1, 1, "%v", err)
		return nil, fm
	}
	if !withinLimits(rep, checkSize(disp, len(src), maxContentFile, "the file"), checkTOML(disp, front, 1, maxFrontMatter, "the front matter")) {
		return nil, fm
	}
	if _, err := toml.Decode(string(front), &fm); err != nil {
		var errs Errors
		errors.As(tomlDiagnostic(disp, 1, err), &errs)
		rep.errs = append(rep.errs, errs...)
		return nil, fm
	}
	if strings.TrimSpace(fm.Title) == "" {
		rep.errorf(disp, 2, 1, "front matter has no title")
	}
	var html bytes.Buffer
	if err := md.Convert(body, &html); err != nil {
		rep.errorf(disp, bodyLine, 1, "rendering Markdown: %v", err)
		return nil, fm
	}
	rel := strings.TrimPrefix(name, "content/")
	return &Page{
		File:        name,
		URL:         pageURL(rel),
		Title:       fm.Title,
		Description: fm.Description,
		Weight:      fm.Weight,
		Body:        template.HTML(html.String()), // goldmark escapes raw HTML and drops unsafe links
		Source:      src,
	}, fm
}

// splitFrontMatter cuts a file at its +++ lines. bodyLine is the line on
// which the Markdown starts.
func splitFrontMatter(src []byte) (front, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	first, rest, ok := bytes.Cut(src, []byte("\n"))
	if !ok || string(bytes.TrimRight(first, "\r \t")) != "+++" {
		return nil, nil, 0, errors.New("a content file must start with TOML front matter between +++ lines")
	}
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		next := off + end + 1
		if end < 0 {
			end, next = len(rest)-off, len(rest)+1
		}
		if string(bytes.TrimRight(rest[off:off+end], "\r \t")) == "+++" {
			return rest[:off], rest[min(next, len(rest)):], line + 1, nil
		}
		off, line = next, line+1
	}
	return nil, nil, 0, errors.New("front matter is not closed: add a line with +++ after it")
}

func newLevel(p *Page, fm frontMatter, root string, rep *report) *Level {
	code := strings.TrimSuffix(path.Base(p.File), ".md")
	if !idPattern.MatchString(code) {
		rep.errorf(displayPath(root, p.File), 0, 0, "level file name %q must be a code of lower-case letters, digits and hyphens", code)
	}
	if fm.Weight <= 0 {
		rep.errorf(displayPath(root, p.File), 2, 1, "front matter needs weight = 1 or more (1 is the most intensive level)")
	}
	syn := make([]string, 0, len(fm.Synonyms))
	for _, s := range fm.Synonyms {
		if s = strings.TrimSpace(s); s != "" {
			syn = append(syn, s)
		}
	}
	return &Level{Page: p, Code: code, ASAM: fm.ASAM, Setting: fm.Setting, Hours: fm.Hours,
		ForWhom: fm.ForWhom, Short: fm.Short, Synonyms: syn, StepDown: &Level{Code: fm.StepDown}}
}

// linkLevels orders the levels and resolves step_down codes to levels.
func (c *content) linkLevels(root string, rep *report) {
	slices.SortFunc(c.levels, func(a, b *Level) int { return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(a.Code, b.Code)) })
	byCode := map[string]*Level{}
	for i, l := range c.levels {
		byCode[l.Code], l.pos = l, i
	}
	for _, l := range c.levels {
		want := l.StepDown.Code
		l.StepDown = nil
		if want == "" {
			continue
		}
		down, ok := byCode[strings.ToLower(strings.TrimSpace(want))]
		if !ok {
			rep.errorf(displayPath(root, l.File), 0, 0, "step_down %q is not a level%s", want, suggestion(want, levelCodes(c.levels)))
			continue
		}
		l.StepDown = down
		if down.StepUp == nil {
			down.StepUp = l
		}
	}
}

func levelCodes(levels []*Level) []string {
	codes := make([]string, len(levels))
	for i, l := range levels {
		codes[i] = l.Code
	}
	return codes
}

// pageError names a page's file in an error about it.
func pageError(root string, p *Page, format string, args ...any) Diagnostic {
	return Diagnostic{Path: displayPath(root, p.File), Msg: fmt.Sprintf(format, args...)}
}
