package main

import (
	"slices"
	"testing"
)

func TestSiteLanguages(t *testing.T) {
	for _, tc := range []struct {
		toml string
		want []string
	}{
		{"title = \"x\"\nlanguages = [\"en\", \"es\"]\n", []string{"en", "es"}},
		{"languages = [\"en\",\"es\",\"fr\"]", []string{"en", "es", "fr"}},
		{"languages = [\"en\"]\n", nil},
		{"# languages = [\"en\", \"es\"]\ntitle = \"x\"\n", nil},
		{"title = \"x\"\n", nil},
	} {
		if got := siteLanguages([]byte(tc.toml)); !slices.Equal(got, tc.want) {
			t.Errorf("%q: %q, want %q", tc.toml, got, tc.want)
		}
	}
}
