package build

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

var (
	idPattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	zipPattern = regexp.MustCompile(`^[0-9]{5}(-[0-9]{4})?$`)
)

// usps is every code docs/csv.md accepts for state.
var usps = strings.Fields(`AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT
	NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR VI GU AS MP FM MH PW`)

func isUSPS(code string) bool { return slices.Contains(usps, code) }

// validateRecord checks one record against the rules of docs/csv.md, column by
// column as v declares them.
func validateRecord(path string, rec record, v *Vocabulary, rep *report) *Center {
	before := len(rep.errs)
	fail := func(column, format string, args ...any) {
		line, col := rec.pos(column)
		rep.errorf(path, line, col, format, args...)
	}
	c := &Center{Line: rec.line, Options: make([][]*Option, len(v.facets))}
	for _, col := range v.columns {
		col.read(c, &rec, v, fail)
	}
	if len(rep.errs) > before {
		return nil
	}
	return c
}

func checkText(s, column string, max int, required bool, fail func(string, string, ...any)) {
	switch {
	case s == "" && required:
		fail(column, "%s is required", column)
	case utf8.RuneCountInString(s) > max:
		fail(column, "%s is %d characters long; at most %d are allowed", column, utf8.RuneCountInString(s), max)
	case strings.ContainsFunc(s, unicode.IsControl):
		fail(column, "%s contains a control character (such as a line break or tab)", column)
	}
}

func parseCoords(latS, lonS string, fail func(string, string, ...any)) (lat, lon float64, ok bool) {
	latS, lonS = strings.TrimSpace(latS), strings.TrimSpace(lonS)
	if latS == "" && lonS == "" {
		return 0, 0, false
	}
	if latS == "" || lonS == "" {
		missing := "lat"
		if lonS == "" {
			missing = "lon"
		}
		fail(missing, "lat and lon go together: %s is empty", missing)
		return 0, 0, false
	}
	lat, okLat := parseDegrees(latS, 90, "lat", fail)
	lon, okLon := parseDegrees(lonS, 180, "lon", fail)
	return lat, lon, okLat && okLon
}

func parseDegrees(s string, limit float64, column string, fail func(string, string, ...any)) (float64, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != f {
		fail(column, "%s %q is not a decimal number of degrees", column, s)
		return 0, false
	}
	if f < -limit || f > limit {
		fail(column, "%s %s is out of range (-%g to %g)", column, s, limit, limit)
		return 0, false
	}
	return f, true
}

func parsePhone(column, s string, fail func(string, string, ...any)) Phone {
	s = strings.TrimSpace(s)
	if s == "" {
		return Phone{}
	}
	number, ext := splitExtension(strings.ToLower(s))
	digits := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return r
		case strings.ContainsRune(" ()-.+/", r):
			return -1
		}
		return 'X'
	}, number)
	if len(digits) == 11 && digits[0] == '1' {
		digits = digits[1:]
	}
	if len(digits) != 10 || strings.Contains(digits, "X") {
		fail(column, "%s %q must have 10 digits (a leading 1 is allowed), with an optional extension like x123 or ext. 123", column, s)
		return Phone{}
	}
	return Phone{Digits: digits, Ext: ext}
}

// phoneExtensionMarks are the words that may come before an extension, in
// the order they are tried: a longer word before any of its own endings.
var phoneExtensionMarks = []string{"extension", "ext.", "ext", "x"}

// splitExtension splits a lower-case phone number from its extension: one
// to six digits at the end, after "x", "ext", "ext." or "extension" and
// optional white space ("555-0100 ext. 12" gives "555-0100" and "12"). It
// is the pattern ^(.*?)(?:\s*(?:x|ext\.?|extension)\s*([0-9]{1,6}))?$
// (held to it by FuzzSplitExtension) without its backtracking, which was
// a tenth of loading a large file.
func splitExtension(s string) (number, ext string) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	if n := len(s) - i; n == 0 || n > 6 {
		return s, ""
	}
	head := strings.TrimRight(s[:i], regexpSpace)
	for _, mark := range phoneExtensionMarks {
		if rest, ok := strings.CutSuffix(head, mark); ok {
			return strings.TrimRight(rest, regexpSpace), s[i:]
		}
	}
	return s, ""
}

// regexpSpace is what \s matches in a regular expression.
const regexpSpace = "\t\n\f\r "

func checkWebsite(s string, fail func(string, string, ...any)) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	u, err := parseWebURL(s)
	if err == nil {
		err = checkWebHost(u)
	}
	if err != nil {
		fail("website", "website %q: %v", s, err)
		return ""
	}
	return u
}

func checkDate(s string, fail func(string, string, ...any)) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		fail("verified", "verified %q must be a date written YYYY-MM-DD", s)
		return ""
	}
	return s
}
