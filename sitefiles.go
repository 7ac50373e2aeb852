// Package treatmentdir holds the site files that gen init copies into a
// new site folder, embedded in the command so that a maintainer needs
// nothing but the binary. The layouts, interface text (i18n/), static files, levels of care,
// facets and ZIP table are the repository's own, so a starter site is
// always the site the tests build; starter/ holds only what differs from
// the example site (settings, the about page, a one-row centers file, the
// GitHub Pages workflow, .gitignore), worded for the maintainer to edit.
package treatmentdir

import "embed"

// SiteFiles are the example site's files that every new site starts
// from. The all: prefix keeps files whose names start with _ (_index.md,
// _partials/).
//
//go:embed all:content all:layouts all:static all:i18n data/zips.csv netlify.toml
var SiteFiles embed.FS

// StarterFiles replace or add to SiteFiles in a new site, by path.
//
//go:embed all:starter
var StarterFiles embed.FS
