package build

import (
	"fmt"
	"net/mail"
	"net/url"
	"strings"

	"github.com/BurntSushi/toml"
)

// ReportConfig says where "Report a problem with this listing" sends a
// report: site.toml's [report] table. Exactly one way is used.
type ReportConfig struct {
	// Netlify draws a form that Netlify Forms detects in the static HTML
	// and collects: no server and no third-party script. The default.
	Netlify bool `toml:"netlify"`
	// Email is the address a mailto: link writes to, with the subject
	// and body filled in, for hosts without forms.
	Email string `toml:"email"`
	// FormURL is an https address of a form elsewhere (a survey tool);
	// the link carries the center's id and name in its query.
	FormURL string `toml:"form_url"`
}

// Report ways, as ReportConfig.Way gives them.
const (
	ReportNetlify = "netlify"
	ReportEmail   = "email"
	ReportForm    = "form"
)

// Way is how reports are sent: ReportNetlify, ReportForm or ReportEmail.
func (r ReportConfig) Way() string {
	switch {
	case r.FormURL != "":
		return ReportForm
	case r.Email != "":
		return ReportEmail
	}
	return ReportNetlify
}

// defaultStaleAfterDays is a year: most directories check once a year.
const defaultStaleAfterDays = 365

// checkTrust validates stale_after_days and [report]; src is site.toml's
// text, to point at the setting that is wrong.
func (c *Config) checkTrust(path, src string, md toml.MetaData) error {
	var errs Errors
	fail := func(key, format string, args ...any) {
		line, col := settingPosition(src, key)
		errs = append(errs, Diagnostic{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
	}
	if c.CityPagesOver < 1 {
		fail("city_pages_over", "city_pages_over must be a number of centers, 1 or more (150 keeps state pages light on a phone)")
	}
	if c.StaleAfterDays < 1 {
		fail("stale_after_days", "stale_after_days must be a number of days, 1 or more (365 checks once a year)")
	}
	r := &c.Report
	if r.Email != "" {
		if a, err := mail.ParseAddress(r.Email); err != nil || a.Address != r.Email || !strings.Contains(a.Address[strings.LastIndex(a.Address, "@"):], ".") {
			fail("email", "report email %q does not look like an address; write it as name@example.org", r.Email)
		}
	}
	if r.FormURL != "" {
		if u, err := url.Parse(r.FormURL); err != nil || u.Scheme != "https" || u.Host == "" {
			fail("form_url", "report form_url %q must be an https:// address", r.FormURL)
		}
	}
	ways := 0
	for _, set := range []bool{r.Email != "", r.FormURL != "", md.IsDefined("report", "netlify") && r.Netlify} {
		if set {
			ways++
		}
	}
	if ways > 1 {
		fail("[report]", "[report] sets more than one way to send reports; keep one of netlify = true, email or form_url")
	}
	if ways == 0 && md.IsDefined("report", "netlify") {
		fail("netlify", "[report] netlify = false leaves no way to report a problem; set email = \"you@example.org\" or form_url = \"https://...\"")
	}
	if len(errs) > 0 {
		return errs
	}
	if ways == 1 && !(md.IsDefined("report", "netlify") && r.Netlify) {
		r.Netlify = false // email or form_url replaces the default
	}
	return nil
}

// settingPosition finds the line and column where key is set in a TOML
// text, or the start of the file when it cannot.
func settingPosition(src, key string) (line, col int) {
	for i, l := range strings.Split(src, "\n") {
		t := strings.TrimLeft(l, " \t")
		if strings.HasPrefix(t, key) {
			rest := strings.TrimLeft(t[len(key):], " \t")
			if key[0] == '[' || strings.HasPrefix(rest, "=") {
				return i + 1, len(l) - len(t) + 1
			}
		}
	}
	return 1, 1
}

// ReportReasons are the problems people meet with a listing, as the
// report form offers them: the value sent, then the words shown.
var ReportReasons = [][2]string{
	{"phone", "The phone number is wrong or disconnected"},
	{"closed", "The center is closed"},
	{"not-taking", "They are not taking new patients"},
	{"services", "The services or payment options are wrong"},
	{"other", "Something else"},
}

// Reasons lists ReportReasons for a layout.
func (r ReportConfig) Reasons() [][2]string { return ReportReasons }

// ReasonKeys lists each reason's value with the i18n key of its words,
// report_reason_<value>, for a layout in any language.
func (r ReportConfig) ReasonKeys() [][2]string { return reasonKeys }

var reasonKeys = func() [][2]string {
	keys := make([][2]string, len(ReportReasons))
	for i, x := range ReportReasons {
		keys[i] = [2]string{x[0], "report_reason_" + x[0]}
	}
	return keys
}()

// MailtoURL is a mailto: link to the report address with the subject and
// body filled in for center c, whose page is at pageURL; every part is
// percent-encoded (RFC 6068), spaces as %20.
func (r ReportConfig) MailtoURL(c *Center, pageURL string) string {
	var reasons []string
	for _, x := range ReportReasons {
		reasons = append(reasons, "[ ] "+x[1])
	}
	subject := fmt.Sprintf("Problem with listing: %s (%s)", c.Name, c.ID)
	body := fmt.Sprintf("Center: %s\nid: %s\nPage: %s\n\nWhat is wrong? Mark one with an x:\n%s\n\nTell us more:\n\n",
		c.Name, c.ID, pageURL, strings.Join(reasons, "\n"))
	return "mailto:" + url.PathEscape(r.Email) + "?subject=" + mailtoEscape(subject) + "&body=" + mailtoEscape(body)
}

func mailtoEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(strings.ReplaceAll(s, "\n", "\r\n")), "+", "%20")
}

// FormLink is the report form's address with the center's id and name
// added to its query, for survey tools that prefill fields from it.
func (r ReportConfig) FormLink(c *Center) string {
	u, err := url.Parse(r.FormURL)
	if err != nil { // checked when site.toml was read
		return r.FormURL
	}
	q := u.Query()
	q.Set("center", c.ID)
	q.Set("name", c.Name)
	u.RawQuery = q.Encode()
	return u.String()
}
