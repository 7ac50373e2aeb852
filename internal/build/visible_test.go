package build

import "testing"

func TestVisible(t *testing.T) {
	for _, tc := range []struct {
		name, in, want, wantLines string
	}{
		{"plain text kept", "Hope House, Akron", "Hope House, Akron", "Hope House, Akron"},
		{"accents and scripts kept", "Centro Esperanza — 希望", "Centro Esperanza — 希望", "Centro Esperanza — 希望"},
		// Regression: ESC[1A ESC[2K in a name erased lines of the gen diff report.
		{"cursor up and erase line", "A\x1b[1A\x1b[2KB", `A\x1b[1A\x1b[2KB`, `A\x1b[1A\x1b[2KB`},
		{"carriage return overwrites", "ok\rFAKE", `ok\x0dFAKE`, `ok\x0dFAKE`},
		{"line break", "a\nb", `a\x0ab`, "a\nb"},
		{"tab and DEL", "a\tb\x7f", `a\x09b\x7f`, `a\x09b\x7f`},
		{"C1 control", "a\u009bb", `a\x9bb`, `a\x9bb`},
		{"right-to-left override", "abc\u202egpj.exe", `abc\u202egpj.exe`, `abc\u202egpj.exe`},
		{"not UTF-8", "a\xffb", `a\xffb`, `a\xffb`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Visible(tc.in); got != tc.want {
				t.Errorf("Visible(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got := VisibleLines(tc.in); got != tc.wantLines {
				t.Errorf("VisibleLines(%q) = %q, want %q", tc.in, got, tc.wantLines)
			}
		})
	}
}

// TestDiagnosticEscapesControls: a file name or value with an escape
// sequence prints escaped in an error.
func TestDiagnosticEscapesControls(t *testing.T) {
	d := Diagnostic{Path: "data/\x1b[2Kx.csv", Line: 2, Col: 3, Msg: "name \"\x1b[1A\" is bad"}
	want := `data/\x1b[2Kx.csv:2:3: name "\x1b[1A" is bad`
	if got := d.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
