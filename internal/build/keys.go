package build

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/cespare/xxhash/v2"
)

// pageKeys computes the Key of the pages that can be skipped when nothing
// they show has changed: a center page shows its center, its nearest
// neighbours and site-wide settings; a state page its centers. Every other
// page is rendered on every build and compared by its bytes.
//
// A key covers the generator itself, the settings, every file of content/,
// layouts/ and static/, and the page's own data. A layout that reaches for
// data about all centers (.Site.Centers, .Site.States, OfferedIn, a
// function not known to be local) makes its pages depend on every center.
type pageKeys struct {
	global [32]byte
	sums   []Key  // each center's data, by its place in Site.Centers
	all    Key    // every center, for layouts that show site-wide data
	lang   string // the language of the pages keyed, "" for the default
}

func newPageKeys(fsys fs.FS, s *Site) (*pageKeys, error) {
	k := &pageKeys{sums: make([]Key, len(s.Centers))}
	g := sha256.New()
	fmt.Fprintf(g, "gen page keys 2\x00%s\x00", generatorID())
	writeConfig(g, &s.Config)
	for _, dir := range []string{"content", "layouts", "static", i18nDir} {
		if err := hashTree(g, fsys, dir); err != nil {
			return nil, err
		}
	}
	g.Sum(k.global[:0])
	parallelChunks(len(s.Centers), func(lo, hi int) {
		b := make([]byte, 0, 512) // one buffer a chunk: one a center was most of what a rebuild allocated here
		for i := lo; i < hi; i++ {
			b = appendCenter(b[:0], s.Vocabulary, s.Centers[i])
			k.sums[i] = sumKey(b)
		}
	})
	all := make([]byte, 0, len(k.sums)*len(Key{}))
	for i := range k.sums {
		all = append(all, k.sums[i][:]...)
	}
	k.all = sumKey(all)
	return k, nil
}

// center is the key of a center page.
func (k *pageKeys) center(c *Center, nearby []Neighbor, wide bool) Key {
	var buf [512]byte
	b := k.start(buf[:0], "center", wide)
	b = append(b, k.sums[c.index][:]...)
	for _, n := range nearby {
		b = append(b, k.sums[n.Center.index][:]...)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(n.Miles))
	}
	return sumKey(b)
}

// state is the key of a state page. It is hashed as it goes: a large
// state lists thousands of centers.
func (k *pageKeys) state(st *State, wide bool) Key {
	var buf [512]byte
	h := newKeyHash()
	b := k.start(buf[:0], "state", wide)
	b = append(append(append(append(b, st.Code...), 0), st.Name...), 0)
	h.write(append(strconv.AppendInt(b, int64(st.Count), 10), 0))
	for _, city := range st.Cities {
		b = append(append(buf[:0], city.Name...), 0)
		h.write(append(strconv.AppendInt(b, int64(len(city.Centers)), 10), 0))
		for _, c := range city.Centers {
			h.write(k.sums[c.index][:])
		}
	}
	return h.sum()
}

// keyHash makes a Key of bytes written in pieces: sumKey of them all.
// Start one with newKeyHash.
type keyHash struct {
	d [2]xxhash.Digest
}

func newKeyHash() keyHash {
	var h keyHash
	h.d[0].Reset()
	h.d[1].ResetWithSeed(keySeed)
	return h
}

func (h *keyHash) write(b []byte) {
	h.d[0].Write(b)
	h.d[1].Write(b)
}

func (h *keyHash) writeString(s string) {
	h.d[0].WriteString(s)
	h.d[1].WriteString(s)
}

// sum is the Key of what was written.
func (h *keyHash) sum() Key {
	var k Key
	binary.LittleEndian.PutUint64(k[:8], h.d[0].Sum64())
	binary.LittleEndian.PutUint64(k[8:], h.d[1].Sum64())
	return k
}

// names is the key of a file made from a list of names and the
// site-wide settings alone, such as a sitemap: kind tells such files
// apart. It is hashed as it goes, not copied: a sitemap lists 50,000.
func (k *pageKeys) names(kind string, names []string) Key {
	return k.namesOf(kind, func(f func(string)) {
		for _, name := range names {
			f(name)
		}
	})
}

// namesOf is names of the names each gives, for lists not held in one
// slice (a sitemap's pages are named as they are needed).
func (k *pageKeys) namesOf(kind string, each func(func(string))) Key {
	h := newKeyHash()
	var buf [256]byte
	h.write(k.start(buf[:0], kind, false))
	each(func(name string) {
		h.write(binary.LittleEndian.AppendUint64(buf[:0], uint64(len(name))))
		h.writeString(name)
	})
	return h.sum()
}

func (k *pageKeys) start(b []byte, kind string, wide bool) []byte {
	b = append(append(append(append(append(b, k.global[:]...), kind...), 0), k.lang...), 0)
	if wide {
		b = append(b, k.all[:]...)
	}
	return b
}

// sumKey hashes b into a Key with xxhash, twice, with two seeds: page keys
// guard against chance, not against attack, and hashing every center and
// page of a large directory with SHA-256 took a noticeable part of a
// rebuild.
func sumKey(b []byte) Key {
	var k Key
	var d xxhash.Digest
	binary.LittleEndian.PutUint64(k[:8], xxhash.Sum64(b))
	d.ResetWithSeed(keySeed)
	d.Write(b)
	binary.LittleEndian.PutUint64(k[8:], d.Sum64())
	return k
}

// keySeed is the second seed of sumKey.
const keySeed = 0x9e3779b97f4a7c15

// writeConfig writes every setting that can show on a page.
func writeConfig(w io.Writer, c *Config) {
	fmt.Fprintf(w, "%q %q %q %q %q %q %q\x00", c.Title, c.Description, c.Language, c.Languages, c.BaseURL, c.Data.Centers, c.Data.ZIPs)
	fmt.Fprintf(w, "%d %d %t %q %q\x00", c.StaleAfterDays, c.CityPagesOver, c.Report.Netlify, c.Report.Email, c.Report.FormURL)
	fmt.Fprintf(w, "%q %q\x00", c.Titles, c.Descriptions) // fmt prints maps in key order
	for _, h := range c.Helplines {
		fmt.Fprintf(w, "%q %q %t %q %q\x00", h.Name, h.Number, h.Text, h.Note, h.Lang)
	}
	if c.HTMLTemplateOnly { // whoever turns the compiled engine off wants no page it drew kept
		io.WriteString(w, "html/template only\x00")
	}
}

// appendCenter appends every field of c that a page can show: the text
// of every column, then its title, its city page, whether it has
// coordinates and whether it is stale (the build date counts only through
// this). Line is left out: it only locates errors, and a row added above
// would change it.
func appendCenter(b []byte, v *Vocabulary, c *Center) []byte {
	for _, col := range v.columns {
		b = append(col.text(b, c), 0)
	}
	b = append(append(b, c.Title...), 0)
	b = append(append(b, c.cityURL...), 0)
	b = strconv.AppendBool(b, c.HasCoords)
	b = strconv.AppendBool(b, c.stale)
	return strconv.AppendBool(b, c.Approximate)
}

// hashTree writes the names and bytes of every file under dir.
func hashTree(w io.Writer, fsys fs.FS, dir string) error {
	err := fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s\x00%d\x00", name, len(b))
		w.Write(b)
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("reading %s/: %w", dir, err)
	}
	return nil
}

// generatorID names this build of the generator, so that pages made by an
// older one are rendered again: the Go build ID, which changes with any
// change to the code, or else a hash of the executable.
var generatorID = sync.OnceValue(readGeneratorID)

func readGeneratorID() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown " + err.Error()
	}
	f, err := os.Open(exe)
	if err != nil {
		return "unknown " + err.Error()
	}
	defer f.Close()
	if id := elfBuildID(f); id != "" {
		return id
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "unknown " + err.Error()
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// elfBuildID reads the Go build ID from an ELF executable's note section.
func elfBuildID(f *os.File) string {
	ef, err := elf.NewFile(f)
	if err != nil {
		return ""
	}
	sec := ef.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	note, err := sec.Data()
	if err != nil || len(note) < 16 || string(note[12:15]) != "Go\x00" {
		return ""
	}
	size := binary.LittleEndian.Uint32(note[4:8])
	if int(16+size) > len(note) {
		return ""
	}
	return string(note[16 : 16+size])
}

// wideNames are the fields and methods through which a layout reaches data
// about every center.
var wideNames = []string{"Centers", "States", "Nearby", "ZIPs", "OfferedIn", "CountOffering", "OptionCount",
	"Search", "FacetCounts", "ParseQuery", "Warnings"}

// localFuncs are the functions whose result depends only on their
// arguments and the site-wide settings a key already covers.
var localFuncs = []string{"rel", "abs", "asset", "jsonld", "miles", "directions", "dict", "comma", "lower", "partialCached",
	"and", "or", "not", "len", "index", "slice", "eq", "ne", "lt", "le", "gt", "ge",
	"print", "printf", "println", "html", "js", "urlquery", "call",
	"T", "Tin", "day", "month", "local", "relRoot", "languages", "twins", "messages"}

// showsSiteWide reports whether a page layout, with every template it
// calls, may show data about all centers. A wide name counts when it is
// reached from the Site (.Site.Centers, $.Site.States), through a variable
// or a chain the analysis cannot follow, or as a bare field (.Centers)
// where the dot may be the Site: a city's .Centers on a state page is that
// city's alone, unless some with, range, template or partial call makes
// the Site, or a value the analysis cannot see, the dot.
func showsSiteWide(lookup func(string) *parse.Tree, entry string) bool {
	seen := map[string]bool{}
	queue := []string{entry}
	wide := false
	bare := false       // a bare field with a wide name, as .Centers
	dotMaySite := false // some dot may be the Site
	newDot := func(p *parse.PipeNode) {
		if p != nil && len(p.Cmds) > 0 {
			dotMaySite = dotMaySite || maySite(p.Cmds[len(p.Cmds)-1])
		}
	}
	for len(queue) > 0 && !wide {
		name := queue[0]
		queue = queue[1:]
		if seen[name] {
			continue
		}
		seen[name] = true
		tree := lookup(name)
		if tree == nil || tree.Root == nil {
			continue
		}
		walkNodes(tree.Root, func(n parse.Node) {
			switch n := n.(type) {
			case *parse.TemplateNode:
				queue = append(queue, n.Name)
				newDot(n.Pipe)
			case *parse.RangeNode:
				newDot(n.Pipe)
			case *parse.WithNode:
				newDot(n.Pipe)
			case *parse.CommandNode:
				// partialCached "name" data key draws the partial: look into it.
				if len(n.Args) > 1 && isIdent(n.Args[0], "partialCached") {
					if name, ok := n.Args[1].(*parse.StringNode); ok {
						queue = append(queue, name.Text)
					}
					if len(n.Args) > 2 {
						dotMaySite = dotMaySite || maySite(&parse.CommandNode{Args: n.Args[2:3]})
					}
				}
			case *parse.FieldNode:
				if i := wideNameAt(n.Ident); i == 0 {
					bare = true
				} else if i > 0 {
					wide = wide || n.Ident[i-1] == "Site"
				}
			case *parse.ChainNode:
				wide = wide || wideNameAt(n.Field) >= 0
			case *parse.VariableNode:
				wide = wide || wideNameAt(n.Ident[1:]) >= 0
			case *parse.IdentifierNode:
				internal := strings.HasPrefix(n.Ident, "_html_template_") || n.Ident == "_eval_args_"
				wide = wide || !internal && !slices.Contains(localFuncs, n.Ident)
			}
		})
	}
	return wide || bare && dotMaySite
}

// maySite reports whether the value of a command may be the Site: a field
// or chain that ends in .Site, a variable other than $ (its value is not
// followed), a parenthesized pipeline whose value may be, or an element
// taken with index (from a dict holding the Site, say). Other functions'
// results are not: the local functions never return the Site, and any
// other makes the layout wide anyway.
func maySite(cmd *parse.CommandNode) bool {
	if len(cmd.Args) > 0 && isIdent(cmd.Args[0], "index") {
		return true
	}
	if len(cmd.Args) != 1 {
		return false
	}
	switch a := cmd.Args[0].(type) {
	case *parse.FieldNode:
		return a.Ident[len(a.Ident)-1] == "Site"
	case *parse.ChainNode:
		return a.Field[len(a.Field)-1] == "Site"
	case *parse.VariableNode:
		return len(a.Ident) == 1 && a.Ident[0] != "$" || a.Ident[len(a.Ident)-1] == "Site"
	case *parse.PipeNode:
		return len(a.Cmds) > 0 && maySite(a.Cmds[len(a.Cmds)-1])
	}
	return false
}

func isIdent(n parse.Node, name string) bool {
	id, ok := n.(*parse.IdentifierNode)
	return ok && id.Ident == name
}

// wideNameAt is the index of the first wide name in idents, or -1.
func wideNameAt(idents []string) int {
	return slices.IndexFunc(idents, func(id string) bool { return slices.Contains(wideNames, id) })
}

// walkNodes calls f on n and every node under it.
func walkNodes(n parse.Node, f func(parse.Node)) {
	if n == nil {
		return
	}
	f(n)
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				walkNodes(c, f)
			}
		}
	case *parse.ActionNode:
		walkNodes(n.Pipe, f)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, f)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		walkNodes(n.Pipe, f)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				walkNodes(c, f)
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walkNodes(a, f)
		}
	case *parse.ChainNode:
		walkNodes(n.Node, f)
	}
}

func walkBranch(b *parse.BranchNode, f func(parse.Node)) {
	walkNodes(b.Pipe, f)
	walkNodes(b.List, f)
	if b.ElseList != nil {
		walkNodes(b.ElseList, f)
	}
}
