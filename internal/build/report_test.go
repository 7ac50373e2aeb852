package build

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var mailtoRE = regexp.MustCompile(`href="(mailto:[^"]+)"`)

// TestReportForm builds the same center page with each [report] setting
// and checks what reaches the maintainer.
func TestReportForm(t *testing.T) {
	page := "centers/old-example/index.html"
	t.Run("netlify", func(t *testing.T) {
		_, out := buildAt(t, freshnessSite(t, ""), "2026-07-20")
		html := string(out.files[page])
		for _, want := range []string{
			`<form class="report-form" name="listing-report" method="POST" action="/thanks/" data-netlify="true" data-netlify-honeypot="bot-field">`,
			`<input type="hidden" name="form-name" value="listing-report">`,
			`<input type="hidden" name="center" value="old-example">`,
			`<input name="bot-field"`,
			`<code>old-example</code>`,
			`<input type="radio" name="reason" value="not-taking">`,
			`<textarea id="report-details" name="details"`,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("center page lacks %s", want)
			}
		}
		if _, ok := out.files["thanks/index.html"]; !ok {
			t.Error("no thank-you page at /thanks/")
		}
	})
	t.Run("email", func(t *testing.T) {
		_, out := buildAt(t, freshnessSite(t, "[report]\nemail = \"fix+list@example.org\"\n"), "2026-07-20")
		html := string(out.files[page])
		if strings.Contains(html, "<form class=\"report-form\"") {
			t.Error("a form is drawn although reports go by email")
		}
		m := mailtoRE.FindStringSubmatch(html)
		if m == nil {
			t.Fatal("no mailto: link")
		}
		u, err := url.Parse(htmlUnescape(m[1]))
		if err != nil {
			t.Fatal(err)
		}
		if u.Opaque != "fix+list@example.org" {
			t.Errorf("mailto address %q", u.Opaque)
		}
		q := u.Query()
		if got, want := q.Get("subject"), "Problem with listing: Old Example (old-example)"; got != want {
			t.Errorf("subject %q, want %q", got, want)
		}
		body := q.Get("body")
		for _, want := range []string{"id: old-example\r\n", "Page: https://directory.example.org/centers/old-example/\r\n", "[ ] They are not taking new patients\r\n"} {
			if !strings.Contains(body, want) {
				t.Errorf("body %q lacks %q", body, want)
			}
		}
		if query := m[1][strings.Index(m[1], "?"):]; strings.Contains(query, "+") {
			t.Errorf("a space written as + in %s: mail programs show it as +", m[1])
		}
	})
	t.Run("form_url", func(t *testing.T) {
		_, out := buildAt(t, freshnessSite(t, "[report]\nform_url = \"https://forms.example.org/f?src=dir\"\n"), "2026-07-20")
		html := string(out.files[page])
		want := `href="https://forms.example.org/f?center=old-example&amp;name=Old&#43;Example&amp;src=dir"`
		if !strings.Contains(html, want) {
			t.Errorf("center page lacks %s", want)
		}
	})
}

// TestMailtoURLRoundTrip decodes the mailto: link of centers whose names
// hold the characters that end a field or a link.
func TestMailtoURLRoundTrip(t *testing.T) {
	r := ReportConfig{Email: "fix@example.org"}
	for _, name := range []string{
		"Plain Example",
		"A & B Example?subject=x#frag",
		"100% Example + More",
		"Café Ñandú Example",
		`Quote "Example" <b>`,
	} {
		c := &Center{ID: "x-example", Name: name}
		u, err := url.Parse(r.MailtoURL(c, "https://d.example.org/centers/x-example/"))
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		if u.Scheme != "mailto" || u.Opaque != "fix@example.org" || u.Fragment != "" {
			t.Errorf("%q: link %s: scheme %q, address %q, fragment %q", name, u, u.Scheme, u.Opaque, u.Fragment)
		}
		q := u.Query()
		if want := "Problem with listing: " + name + " (x-example)"; q.Get("subject") != want {
			t.Errorf("subject %q, want %q", q.Get("subject"), want)
		}
		if !strings.HasPrefix(q.Get("body"), "Center: "+name+"\r\n") {
			t.Errorf("body %q does not start with the center's name", q.Get("body"))
		}
	}
}
