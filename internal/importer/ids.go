package importer

import (
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// maxID is the CSV's limit on an id's length.
const maxID = 80

// slug makes an id of the form [a-z0-9]+(-[a-z0-9]+)* from text: letters
// lose their accents, everything else that is not a letter or digit
// separates words, and the result is cut at a word boundary to fit max.
func slug(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		case r == '\'' || r == '’' || r >= 0x300 && r <= 0x36f:
			// Apostrophes and accents join: "St. Mary's" is st-marys.
		default:
			dash = true
		}
	}
	id := b.String()
	if len(id) > max {
		id = id[:max]
		if i := strings.LastIndexByte(id, '-'); i > 0 {
			id = id[:i]
		}
		id = strings.TrimRight(id, "-")
	}
	return id
}

// newID gives a facility a readable id from its name and city that no
// row has taken yet, with -2, -3, … when it is taken.
func newID(name, city string, taken map[string]bool) string {
	base := slug(name+" "+city, maxID)
	if base == "" {
		base = "center"
	}
	if !taken[base] {
		taken[base] = true
		return base
	}
	for n := 2; ; n++ {
		suffix := "-" + strconv.Itoa(n)
		id := slug(base, maxID-len(suffix)) + suffix
		if !taken[id] {
			taken[id] = true
			return id
		}
	}
}
