package build

import (
	"fmt"
)

// Limits on what a build reads, checked before any parser sees the bytes:
// goldmark and the TOML decoder take time and memory that grow faster than
// their input on some shapes of it (400 KB of nested emphasis took 89 s; a
// 32 KB front matter of nested inline tables 9.6 s and 2.6 GB). A real
// page or settings file is a small fraction of each limit.
const (
	maxContentFile = 128 << 10 // a Markdown file under content/
	maxFrontMatter = 32 << 10  // the TOML between the +++ lines
	maxTOMLFile    = 256 << 10 // site.toml, content/facets.toml
	maxTOMLNesting = 16        // arrays and inline tables inside each other
)

// checkSize refuses a file over limit bytes, before it is parsed.
func checkSize(disp string, size, limit int, what string) error {
	if size <= limit {
		return nil
	}
	return Errors{{Path: disp, Msg: fmt.Sprintf("%s is %s bytes; at most %s are allowed: split it or shorten it", what, Comma(size), Comma(limit))}}
}

// checkTOML refuses TOML text over limit bytes or nested deeper than
// maxTOMLNesting, naming the line and column where the nesting goes too
// deep. lineOffset is the line of the file the text starts on, less one.
// It follows strings and comments only as far as brackets inside them must
// not count.
func checkTOML(disp string, text []byte, lineOffset, limit int, what string) error {
	if err := checkSize(disp, len(text), limit, what); err != nil {
		return err
	}
	depth, line, col := 0, 1, 0
	var quote byte // the quote of the string we are in, or 0
	comment := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		col++
		switch {
		case c == '\n':
			line, col, comment = line+1, 0, false
			if quote == '"' || quote == '\'' { // a basic string ends at the line; multi-line ones are rare in front matter
				quote = 0
			}
		case comment:
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
				col++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			comment = true
		case c == '[' || c == '{':
			if depth++; depth > maxTOMLNesting {
				return Errors{{Path: disp, Line: line + lineOffset, Col: col, Msg: fmt.Sprintf("%s nests arrays or tables %d deep here; at most %d levels are allowed", what, depth, maxTOMLNesting)}}
			}
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
		}
	}
	return nil
}

// withinLimits records the errors of the checks above, if any, and reports
// whether there were none.
func withinLimits(rep *report, errs ...error) bool {
	ok := true
	for _, err := range errs {
		if e, isErrs := err.(Errors); isErrs {
			rep.addErrors(e, 0)
			ok = false
		}
	}
	return ok
}
