// Package sitetest holds the tests that hold the published site to the
// standards of real hosting: valid HTML, accessibility, the security
// headers of netlify.toml and page weight. It builds the repository's
// example site and checks the output with outside tools (the Nu HTML
// Checker, axe-core, Chromium), which .ci/setup installs.
package sitetest
