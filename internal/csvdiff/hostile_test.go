package csvdiff

import (
	"strings"
	"testing"
)

// TestReportsEscapeHostileNames: names from the CSV cannot move the
// terminal's cursor or erase lines of the text report (ESC[1A ESC[2K), nor
// mention people or make links in the Markdown one.
func TestReportsEscapeHostileNames(t *testing.T) {
	c := &Center{ID: "x\x1b[2K", Fields: map[string]string{
		"name": "Hope\x1b[1A\x1b[2K @security-team www.evil.example https://evil.example/", "city": "Akron\r", "state": "OH",
	}}
	r := &Report{OldCount: 0, NewCount: 1, Added: []*Center{c},
		Changed: []Change{{Old: c, New: c, Fields: []FieldChange{{Field: "name", Old: "a", New: "b\x1b[2J"}}}}}
	var text, md strings.Builder
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"text": text.String(), "markdown": md.String()} {
		if strings.ContainsAny(out, "\x1b\r") {
			t.Errorf("%s report holds a raw control character:\n%q", name, out)
		}
		if !strings.Contains(out, `x1b`) {
			t.Errorf("%s report does not show the escape sequence escaped:\n%s", name, out)
		}
	}
	for _, bare := range []string{" @security-team", " www.evil", "https://evil"} {
		if strings.Contains(md.String(), bare) {
			t.Errorf("markdown report holds %q unescaped:\n%s", bare, md.String())
		}
	}
}
