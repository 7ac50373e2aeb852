package build

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// The hints below name the usual cause of a bad value when the value
// came from a spreadsheet, where the fix is rarely a matter of spelling.

// stateHint suggests the code of a state written by name ("Illinois").
func stateHint(raw string) string {
	name := strings.Join(strings.Fields(strings.ToLower(raw)), " ")
	for code, n := range stateNames {
		if strings.ToLower(n) == name {
			return fmt.Sprintf(" (did you mean %q?)", code)
		}
	}
	return ""
}

// shortZIP is a ZIP code whose leading zero a spreadsheet dropped.
var shortZIP = regexp.MustCompile(`^[0-9]{4}(-[0-9]{4})?$`)

// zipHint suggests the leading zero of a 4-digit ZIP code ("2155").
func zipHint(zip string) string {
	if !shortZIP.MatchString(zip) {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q? spreadsheets drop leading zeros: format the column as text)", "0"+zip)
}

// commaHint says so when a value is several known values joined by
// commas ("IOP, Outpatient"), where the CSV separates them with ";".
func commaHint(value string, known func(string) bool) string {
	if !strings.Contains(value, ",") {
		return ""
	}
	parts := strings.Split(value, ",")
	for i, p := range parts {
		if parts[i] = strings.TrimSpace(p); parts[i] == "" || !known(parts[i]) {
			return ""
		}
	}
	return fmt.Sprintf(`: separate values with ";", not ",", as in %q`, strings.Join(parts, "; "))
}

// addSpreadsheetRows names, in each error about the centers file at
// path, the spreadsheet row as well as the file's line when the two
// differ: after a cell with a line break in it, line 4 may be row 3.
// It runs only on a failed read, so it costs a good build nothing.
func addSpreadsheetRows(path string, data []byte, errs []Diagnostic) {
	var starts []int // the line each record starts on; the header is row 1
	line, quoted, start := 1, false, true
	for _, b := range data {
		if start {
			starts, start = append(starts, line), false
		}
		switch b {
		case '"':
			quoted = !quoted
		case '\n':
			line++
			start = !quoted
		}
	}
	for i, d := range errs {
		if d.Path != path || d.Line == 0 {
			continue
		}
		row, found := slices.BinarySearch(starts, d.Line)
		if !found {
			row-- // a line inside a record: the record that started before
		}
		if row+1 != d.Line {
			errs[i].Msg += fmt.Sprintf(" (spreadsheet row %d)", row+1)
		}
	}
}
