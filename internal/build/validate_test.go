package build

import (
	"strings"
	"testing"
	"time"
)

func TestCheckWebHost(t *testing.T) {
	for _, tc := range []struct {
		name, url, wantErr string // wantErr "" means accepted
	}{
		{"plain", "https://www.samhsa.gov/", ""},
		{"port", "https://example.org:8443/x", ""},
		{"Japanese host", "https://日本語.jp/", ""},
		{"German umlaut", "https://bücher.example/", ""},
		{"Punycode German", "https://xn--bcher-kva.example/", ""},
		// Regression: the part before @ showed a trusted host and led to another.
		{"user info hides the host", "https://www.samhsa.gov@evil.example/", "user name or password"},
		{"user and password", "https://a:b@example.org/", "user name or password"},
		{"port zero", "https://example.org:0/", "outside 1-65535"},
		{"port too high", "https://example.org:65536/", "outside 1-65535"},
		{"Cyrillic a in a Latin host", "https://p\u0430ypal.com/", "mixes Latin and Cyrillic"},
		{"the same as Punycode", "https://xn--pypal-4ve.com/", "mixes Latin and Cyrillic"},
		{"Greek omicron", "https://g\u03bfogle.com/", "mixes Latin and Greek"},
		{"bad Punycode", "https://xn--99999999999a.com/", "not valid Punycode"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkWebHost(tc.url)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("%s: %v", tc.url, err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("%s: %v, want an error with %q", tc.url, err, tc.wantErr)
			}
		})
	}
}

func TestHasVisible(t *testing.T) {
	for _, tc := range []struct {
		name, s string
		want    bool
	}{
		{"letters", "Hope House", true},
		{"one dot", ".", true},
		{"Chinese", "希望", true},
		{"zero-width spaces", "\u200b\u200b", false},
		{"zero-width joiner and direction marks", "\u200d\u200e\u200f", false},
		{"Hangul filler", "\u3164", false},
		{"blank Braille", "\u2800\u2800", false},
		{"no-break spaces", "\u00a0\u2007", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := hasVisible(tc.s); got != tc.want {
				t.Errorf("hasVisible(%q) = %v, want %v", tc.s, got, tc.want)
			}
		})
	}
}

func TestCheckVerifiedRange(t *testing.T) {
	latest := latestVerified(time.Date(2026, 12, 1, 15, 0, 0, 0, time.UTC))
	for _, tc := range []struct {
		date string
		ok   bool
	}{
		{"2025-06-01", true}, {"1990-01-01", true}, {"2026-12-02", true}, // a day ahead: another time zone
		{"1989-12-31", false}, {"0000-01-01", false}, {"2026-12-03", false}, {"9999-12-31", false},
	} {
		failed := false
		checkVerifiedRange(tc.date, latest, func(string, string, ...any) { failed = true })
		if failed == tc.ok {
			t.Errorf("verified %s: failed = %v, want %v", tc.date, failed, !tc.ok)
		}
	}
}

func TestEncodeURLPath(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"centers/hope-house/", "centers/hope-house/"},
		{"a b/", "a%20b/"},
		{"café/", "caf%C3%A9/"},
		{`x"<y>/`, "x%22%3Cy%3E/"},
		{"search/?q=1&r=2#top", "search/?q=1&r=2#top"},
		{"already%20escaped/", "already%20escaped/"},
	} {
		if got := encodeURLPath(tc.in); got != tc.want {
			t.Errorf("encodeURLPath(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPunycodeDecode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"bcher-kva", "bücher"},
		{"wgv71a119e", "日本語"},
		{"pypal-4ve", "pаypal"},
	} {
		if got, err := punycodeDecode(tc.in); err != nil || got != tc.want {
			t.Errorf("punycodeDecode(%q) = %q, %v, want %q", tc.in, got, err, tc.want)
		}
	}
}
