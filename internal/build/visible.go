package build

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Visible is s as it may safely be printed to a terminal: control
// characters (ESC, which starts the sequences that move the cursor and
// erase lines, but also tabs, line breaks, DEL and the C1 controls), the
// marks that reverse the direction of text, and bytes that are not UTF-8
// are written as Go escapes (\x1b, \u202e). Everything else is kept, so a
// name in Spanish or Chinese reads as it is.
func Visible(s string) string {
	if !needsEscape(s, false) {
		return s
	}
	return escapeControls(s, false)
}

// VisibleLines is Visible for a text of several lines: line breaks are kept.
func VisibleLines(s string) string {
	if !needsEscape(s, true) {
		return s
	}
	return escapeControls(s, true)
}

func needsEscape(s string, keepNewline bool) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, n) && !(keepNewline && r == '\n') {
			return true
		}
		i += n
	}
	return false
}

func escapeControls(s string, keepNewline bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepNewline && r == '\n', !unsafeRune(r, n):
			b.WriteString(s[i : i+n])
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += n
	}
	return b.String()
}

// unsafeRune reports whether r, n bytes long, must not reach a terminal as is.
func unsafeRune(r rune, n int) bool {
	return r == utf8.RuneError && n == 1 || unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
}
