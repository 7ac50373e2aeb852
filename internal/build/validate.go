package build

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// The checks of this file close gaps that data from an untrusted source
// could slip through: a website that shows one host and leads to another,
// a name that reads as nothing, a date from no real inspection.

// checkWebHost refuses what makes a website lead somewhere other than it
// seems: user information (https://www.samhsa.gov@evil.example/ goes to
// evil.example), a port no server can listen on, and a host whose letters
// mix scripts (a Cyrillic а in раypal.com), written in Unicode or as
// xn-- Punycode.
func checkWebHost(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return errors.New("not a valid URL")
	}
	if u.User != nil {
		return errors.New("must not hold a user name or password before @: the part before @ hides the real host; write only https://host/")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("port %s is outside 1-65535", p)
		}
	}
	for label := range strings.SplitSeq(strings.ToLower(u.Hostname()), ".") {
		if name, ok := strings.CutPrefix(label, "xn--"); ok {
			decoded, err := punycodeDecode(name)
			if err != nil {
				return fmt.Errorf("host part %s is not valid Punycode", label)
			}
			label = decoded
		}
		if a, b, mixed := mixedScripts(label); mixed {
			return fmt.Errorf("host part %q mixes %s and %s letters, as look-alike addresses do; write the host in one script", label, a, b)
		}
	}
	return nil
}

// hostScripts are the scripts told apart in a host name.
var hostScripts = []struct {
	name  string
	table *unicode.RangeTable
}{
	{"Latin", unicode.Latin}, {"Cyrillic", unicode.Cyrillic}, {"Greek", unicode.Greek},
	{"Armenian", unicode.Armenian}, {"Arabic", unicode.Arabic}, {"Hebrew", unicode.Hebrew},
	{"Cherokee", unicode.Cherokee}, {"Georgian", unicode.Georgian}, {"Thai", unicode.Thai},
	{"Hangul", unicode.Hangul}, {"Hiragana", unicode.Hiragana}, {"Katakana", unicode.Katakana},
	{"Han", unicode.Han},
}

// mixedScripts reports two scripts whose letters label mixes, if it does.
func mixedScripts(label string) (string, string, bool) {
	var scripts []string
	for _, r := range label {
		if sc := scriptOf(r); sc != "" && !slices.Contains(scripts, sc) {
			scripts = append(scripts, sc)
		}
	}
	for i, a := range scripts {
		for _, b := range scripts[i+1:] {
			if !compatibleScripts(a, b) {
				return a, b, true
			}
		}
	}
	return "", "", false
}

func scriptOf(r rune) string {
	if r < 0x80 && !unicode.IsLetter(r) {
		return "" // digits and hyphens go with any script
	}
	for _, s := range hostScripts {
		if unicode.Is(s.table, r) {
			return s.name
		}
	}
	return ""
}

// compatibleScripts reports whether a and b are written together, as
// Japanese writes Han with kana and Latin, and Korean Han with Hangul and
// Latin.
func compatibleScripts(a, b string) bool {
	for _, group := range [][]string{{"Latin", "Han", "Hiragana", "Katakana"}, {"Latin", "Han", "Hangul"}} {
		if slices.Contains(group, a) && slices.Contains(group, b) {
			return true
		}
	}
	return false
}

// punycodeDecode decodes one Punycode label (RFC 3492) without its xn--.
func punycodeDecode(s string) (string, error) {
	const base, tmin, tmax, skew, damp = 36, 1, 26, 38, 700
	var out []rune
	if i := strings.LastIndexByte(s, '-'); i >= 0 {
		out, s = []rune(s[:i]), s[i+1:]
	}
	n, bias, i := 128, 72, 0
	for len(s) > 0 {
		old, w := i, 1
		for k := base; ; k += base {
			if len(s) == 0 {
				return "", errors.New("truncated")
			}
			d := punyDigit(s[0])
			s = s[1:]
			if d < 0 || d > (1<<30-i)/w {
				return "", errors.New("bad digit")
			}
			i += d * w
			t := min(max(k-bias, tmin), tmax)
			if d < t {
				break
			}
			w *= base - t
		}
		delta := i - old
		if old == 0 {
			delta /= damp
		} else {
			delta /= 2
		}
		delta += delta / (len(out) + 1)
		k := 0
		for delta > ((base-tmin)*tmax)/2 {
			delta /= base - tmin
			k += base
		}
		bias = k + (base-tmin+1)*delta/(delta+skew)
		n += i / (len(out) + 1)
		if n > unicode.MaxRune {
			return "", errors.New("out of range")
		}
		i %= len(out) + 1
		out = append(out[:i], append([]rune{rune(n)}, out[i:]...)...)
		i++
	}
	return string(out), nil
}

func punyDigit(c byte) int {
	switch {
	case c >= 'a' && c <= 'z':
		return int(c - 'a')
	case c >= '0' && c <= '9':
		return int(c-'0') + 26
	}
	return -1
}

// hasVisible reports whether s has a character a reader can see: not a
// space, not a format character (zero-width joiners, direction marks) and
// not one of the blank letters that render as nothing (Hangul fillers,
// the blank Braille pattern).
func hasVisible(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsGraphic(r) && !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) && !blankLetters[r]
	})
}

var blankLetters = map[rune]bool{0x115F: true, 0x1160: true, 0x3164: true, 0xFFA0: true, 0x2800: true, 0x180E: true, 0x2062: true}

// checkVisible fails a required text, such as a name or city, made only of
// characters no one can see.
func checkVisible(s, column string, fail func(string, string, ...any)) {
	if s != "" && !hasVisible(s) {
		fail(column, "%s %s has no visible character: it would show as a blank", column, strconv.QuoteToASCII(s))
	}
}

// earliestVerified is the first date a center can have been verified on:
// earlier dates (0000-01-01) are typing or export errors.
var earliestVerified = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)

// checkVerifiedRange fails a verified date before 1990 or after latest
// (the build date plus one day, so that a time zone ahead is no error).
func checkVerifiedRange(s string, latest time.Time, fail func(string, string, ...any)) {
	if !verifiedInRange(s, latest) {
		fail("verified", "verified %s is outside %s to %s: check the date", s, earliestVerified.Format(time.DateOnly), latest.Format(time.DateOnly))
	}
}

// verifiedInRange reports whether a verified date is empty, not a date
// (the column's own check reports that), or within the range
// checkVerifiedRange accepts.
func verifiedInRange(s string, latest time.Time) bool {
	d, err := time.Parse(time.DateOnly, s)
	if s == "" || err != nil || latest.IsZero() {
		return true
	}
	return !d.Before(earliestVerified) && !d.After(latest)
}

// latestVerified is the last verified date a build on now accepts.
func latestVerified(now time.Time) time.Time {
	if now.IsZero() {
		now = time.Now()
	}
	y, m, d := now.UTC().Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC)
}

// encodeURLPath percent-encodes what may not stand in a URL as it is
// (spaces, quotes, brackets, non-ASCII letters, control characters), for
// the sitemap and canonical links. It leaves ? # & = and existing %XX
// alone, so that a path that is already a URL is unchanged.
// A path with nothing to encode, nearly every one, is returned as it is:
// it is called several times on every page.
func encodeURLPath(p string) string {
	i := 0
	for i < len(p) && !urlPathEscaped(p[i]) {
		i++
	}
	if i == len(p) {
		return p
	}
	var b strings.Builder
	b.Grow(len(p) + 8)
	b.WriteString(p[:i])
	for ; i < len(p); i++ {
		c := p[i]
		if urlPathEscaped(c) {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// urlPathEscaped reports whether encodeURLPath percent-encodes c.
func urlPathEscaped(c byte) bool {
	return c <= ' ' || c >= 0x7f || strings.IndexByte(`"<>\^`+"`{|}", c) >= 0
}
