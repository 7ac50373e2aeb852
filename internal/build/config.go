package build

import (
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Config is every setting of a build. site.toml fills the fields with toml
// tags; cmd/gen fills the rest from its flags.
type Config struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	Language    string `toml:"language"`
	// Languages lists the site's languages, the default first: it lives
	// at /, each other at /<lang>/ (languages.go). Empty means Language alone.
	Languages []string `toml:"languages"`
	// Titles and Descriptions hold title_<lang> and description_<lang>:
	// the site's title and description in another language.
	Titles       map[string]string `toml:"-"`
	Descriptions map[string]string `toml:"-"`
	BaseURL      string            `toml:"base_url"`
	Helplines    []Helpline        `toml:"helplines"`
	Data         DataConfig        `toml:"data"`
	// StaleAfterDays is how many days a center's verified date stays
	// fresh; after that, or with no date, its pages say to call first.
	StaleAfterDays int          `toml:"stale_after_days"`
	Report         ReportConfig `toml:"report"`
	// CityPagesOver is the number of centers past which a state page
	// lists only its cities, each city with a page of its own.
	CityPagesOver int `toml:"city_pages_over"`

	// Now is the day the build takes as today (the -now flag), for stale
	// listings and the latest verified date accepted; zero means the real
	// date. Only its date counts.
	Now time.Time `toml:"-"`

	// Root is how the site folder is named in messages ("." or the -root flag).
	Root string `toml:"-"`
	// DataFS holds the centers CSV when it lies outside the site folder
	// (the -data flag); nil means the site folder itself.
	DataFS fs.FS `toml:"-"`
	// DataName is how the centers file is named in messages.
	DataName string `toml:"-"`
	// CacheFile, if set, is where a build keeps what it read of the
	// centers CSV, so that the next reads again only what changed.
	CacheFile string `toml:"-"`
	// HTMLTemplateOnly draws every page with html/template alone, never
	// with a compiled layout (gen -htmltemplate): the way out should the
	// compiled engine ever be wrong.
	HTMLTemplateOnly bool `toml:"-"`
	// CompareEngines draws every page with the compiled layouts and with
	// html/template alone, and fails on the first page where they differ
	// (gen check), so that an edited layout is checked by both.
	CompareEngines bool `toml:"-"`
}

// DataConfig names the data files, relative to the site folder.
type DataConfig struct {
	Centers string `toml:"centers"`
	ZIPs    string `toml:"zips"`
}

// Helpline is a number a person in crisis can call or text at any hour.
type Helpline struct {
	Name   string `toml:"name"`
	Number string `toml:"number"` // as dialled: "988", "1-800-662-4357"
	Text   bool   `toml:"text"`   // also takes text messages
	Note   string `toml:"note"`
	// Lang, when set, shows the helpline only on pages in that language;
	// a language with helplines of its own shows those instead of the
	// ones without a lang.
	Lang string `toml:"lang"`
}

// Tel is the number in the form a tel: link takes; only digits and + are
// kept, so html/template may trust it.
func (h Helpline) Tel() template.URL {
	return "tel:" + template.URL(strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '+' {
			return r
		}
		return -1
	}, h.Number))
}

// DefaultConfig is what a build uses where site.toml is silent.
func DefaultConfig() Config {
	return Config{
		Title:          "Treatment center directory",
		Language:       "en",
		Data:           DataConfig{Centers: "data/centers.csv", ZIPs: "data/zips.csv"},
		Root:           ".",
		StaleAfterDays: defaultStaleAfterDays,
		CityPagesOver:  defaultCityPagesOver,
		Report:         ReportConfig{Netlify: true},
		Helplines: []Helpline{
			{Name: "988 Suicide & Crisis Lifeline", Number: "988", Text: true, Note: "Call or text, any time"},
			{Name: "SAMHSA National Helpline", Number: "1-800-662-4357", Note: "Free, confidential, 24/7, in English and Spanish"},
		},
	}
}

// LoadConfig reads site.toml from fsys over the defaults. A missing site.toml
// is not an error: the defaults make a working site.
func LoadConfig(fsys fs.FS, root string) (Config, error) {
	cfg := DefaultConfig()
	cfg.Root = root
	b, err := fs.ReadFile(fsys, "site.toml")
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, fmt.Errorf("reading site.toml: %w", err)
	}
	if err := checkTOML(displayPath(root, "site.toml"), b, 0, maxTOMLFile, "the file"); err != nil {
		return cfg, err
	}
	// The decoder fills a list of tables into the default list's entries,
	// so a site's own helplines would keep the defaults' numbers: the list
	// is the site's own whenever site.toml has one.
	cfg.Helplines = nil
	md, err := toml.Decode(string(b), &cfg)
	if err != nil {
		return cfg, tomlDiagnostic(displayPath(root, "site.toml"), 0, err)
	}
	if !md.IsDefined("helplines") {
		cfg.Helplines = DefaultConfig().Helplines
	}
	unknown := cfg.readTranslated(b, md.Undecoded())
	path := displayPath(root, "site.toml")
	var errs Errors
	for _, err := range []error{checkSettings(path, string(b), unknown, &cfg), cfg.checkTrust(path, string(b), md), cfg.validateLanguages(path, string(b))} {
		var more Errors
		if errors.As(err, &more) {
			errs = append(errs, more...)
		} else if err != nil {
			return cfg, err
		}
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b Diagnostic) int { return cmp.Compare(a.Line, b.Line) })
		return cfg, errs
	}
	return cfg, nil
}

// LocalBaseURL is the base URL when neither a flag, site.toml nor the
// host's environment gives one: the address gen serve listens on.
const LocalBaseURL = "http://localhost:1313/"

// ResolveBaseURL picks the base URL: the -base-url flag, else site.toml,
// else the host's URL variable (Netlify sets it), else LocalBaseURL.
func (c *Config) ResolveBaseURL(flag, env string) error {
	switch {
	case flag != "":
		c.BaseURL = flag
	case c.BaseURL != "":
	case env != "":
		c.BaseURL = env
	default:
		c.BaseURL = LocalBaseURL
	}
	return c.validate()
}

func (c *Config) validate() error {
	if c.BaseURL == "" {
		return nil
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("base URL %q must be an absolute http or https URL", c.BaseURL)
	}
	if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	return nil
}

// basePath is the path part of the base URL ("/" or "/directory/"), which
// every internal link starts with, so that a site can live in a sub-folder.
func (c *Config) basePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// displayPath names a file under the site folder the way the user typed it.
func displayPath(root, name string) string {
	if root == "" || root == "." {
		return name
	}
	return strings.TrimSuffix(root, "/") + "/" + name
}

// tomlDiagnostic turns a TOML error into a Diagnostic; lineOffset is the line
// of the file on which the TOML text starts, less one.
func tomlDiagnostic(path string, lineOffset int, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return Errors{{Path: path, Line: pe.Position.Line + lineOffset, Col: pe.Position.Col, Msg: pe.Message}}
	}
	// Type mismatches are plain errors that carry the line in their text:
	// toml: line 3 (last key "x"): incompatible types: ...
	if m := tomlLineRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		msg := m[3]
		if m[2] != "" {
			msg = fmt.Sprintf("%s: %s", m[2], msg)
		}
		return Errors{{Path: path, Line: line + lineOffset, Col: 1, Msg: msg}}
	}
	return Errors{{Path: path, Line: 1 + lineOffset, Col: 1, Msg: strings.TrimPrefix(err.Error(), "toml: ")}}
}

var tomlLineRE = regexp.MustCompile(`^toml: line (\d+) (?:\(last key "([^"]*)"\): )?(.*)$`)
