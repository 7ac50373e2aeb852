// Package calllist writes the maintainer's call list: the centers whose
// details are due for a check, oldest check first, with what a person
// needs to call each one and update its verified date in the CSV.
package calllist

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"treatmentdir/internal/build"
)

// Formats are the formats Write knows.
var Formats = []string{"csv", "markdown"}

// row is one line of the list, as text.
type row struct {
	checked, days, id, name, phone, city, state string
}

func rows(centers []*build.Center, today time.Time) []row {
	list := make([]row, len(centers))
	for i, c := range centers {
		r := row{checked: "never", days: "", id: c.ID, name: c.Name, phone: c.Phone.String(), city: c.City, state: c.State}
		if t, err := time.Parse(time.DateOnly, c.Verified); err == nil {
			r.checked = c.Verified
			r.days = strconv.Itoa(int(today.Sub(t).Hours() / 24))
		}
		list[i] = r
	}
	return list
}

// Write writes centers, in their order, as format ("csv" or "markdown");
// today gives the days since each check.
func Write(w io.Writer, centers []*build.Center, today time.Time, format string) error {
	switch format {
	case "csv":
		return writeCSV(w, rows(centers, today))
	case "markdown":
		return writeMarkdown(w, rows(centers, today), today)
	}
	return fmt.Errorf("unknown format %q: use %s", format, strings.Join(Formats, " or "))
}

func writeCSV(w io.Writer, list []row) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"last_checked", "days_ago", "id", "name", "phone", "city", "state"})
	for _, r := range list {
		cw.Write([]string{r.checked, r.days, r.id, r.name, r.phone, r.city, r.state})
	}
	cw.Flush()
	return cw.Error()
}

func writeMarkdown(w io.Writer, list []row, today time.Time) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Call list, %s\n\n", today.Format("January 2, 2006"))
	fmt.Fprintf(&b, "%d centers to call. Confirm the details, fix them in the CSV, and set `verified` to the day of the call.\n\n", len(list))
	b.WriteString("| Last checked | Days ago | Name | Phone | City | id |\n|---|---:|---|---|---|---|\n")
	for _, r := range list {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s, %s | `%s` |\n", r.checked, r.days, cell(r.name), cell(r.phone), cell(r.city), r.state, r.id)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cell escapes the characters that would end or format a table cell.
func cell(s string) string {
	return strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", "\n", " ").Replace(s)
}
