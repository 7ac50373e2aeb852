package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// StarterMarker starts every piece of text in a new site (gen init) that
// the maintainer is meant to replace.
const StarterMarker = "EDIT THIS"

// examplePhrases are the example site's own words about its fictional
// data: right in the example, wrong on a site with real centers.
var examplePhrases = []string{"The centers in this example are not real", "This build of the site uses an example data set",
	"Example Directory", "Example data."}

// Placeholders finds the text of site.toml and content/ that a maintainer
// has yet to replace: the starter's marker always, and the example
// site's wording about fictional data once the centers are the
// maintainer's own (any whose name does not say "Example"). Each is a
// warning naming the file, line and column.
func Placeholders(fsys fs.FS, s *Site) []string {
	own := ownData(s.Centers)
	var out []string
	for _, name := range textFiles(fsys) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			continue
		}
		disp := displayPath(s.Config.Root, name)
		out = append(out, findPhrase(disp, b, StarterMarker,
			fmt.Sprintf("%q is the starter's placeholder: replace it and the words after it with your own text", StarterMarker))...)
		if !own {
			continue
		}
		for _, p := range examplePhrases {
			out = append(out, findPhrase(disp, b, p,
				fmt.Sprintf("%q is the example site's wording about made-up centers, but your centers are real: rewrite it", p))...)
		}
	}
	return out
}

// ownData reports whether any center is not one of the example's.
func ownData(centers []*Center) bool {
	for _, c := range centers {
		if !strings.Contains(strings.ToLower(c.Name), "example") {
			return true
		}
	}
	return false
}

// textFiles lists site.toml and the content files a maintainer writes.
func textFiles(fsys fs.FS) []string {
	names := []string{"site.toml"}
	fs.WalkDir(fsys, "content", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (path.Ext(name) == ".md" || path.Ext(name) == ".toml") {
			names = append(names, name)
		}
		return nil
	})
	return names
}

// findPhrase gives a warning for each line of b that holds phrase.
func findPhrase(disp string, b []byte, phrase, msg string) []string {
	var out []string
	for i, line := range bytes.Split(b, []byte("\n")) {
		if col := bytes.Index(line, []byte(phrase)); col >= 0 {
			d := Diagnostic{Path: disp, Line: i + 1, Col: col + 1, Msg: msg, Warning: true}
			out = append(out, "warning: "+d.String())
		}
	}
	return out
}
