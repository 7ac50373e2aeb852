package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostileSite copies the repository's site to a temporary folder.
func hostileSite(t *testing.T) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "site")
	for _, sub := range []string{"content", "layouts", "static", "i18n"} {
		if err := os.CopyFS(filepath.Join(root, sub), os.DirFS(filepath.Join("../..", sub))); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(t, "../../site.toml", filepath.Join(root, "site.toml"))
	copyFile(t, "../../data/zips.csv", filepath.Join(root, "data", "zips.csv"))
	copyFile(t, "../../data/centers.csv", filepath.Join(root, "data", "centers.csv"))
	return root
}

// TestLinksOutOfTheSiteRefused: a link under a site folder that leads out
// of the site (the build's environment, /etc/passwd, a file of another
// project) is an error naming it, in gen and gen export-hugo, and nothing
// of it is published; a link that stays inside is followed.
func TestLinksOutOfTheSiteRefused(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte("+++\ntitle = \"Secret\"\n+++\nTOKEN=hunter2\n"), 0o644)
	for _, tc := range []struct{ name, link, target string }{ // export-hugo writes layouts of its own and reads none of the site's
		{"static link to the environment", "static/env.txt", "/proc/self/environ"},
		{"static link to passwd", "static/passwd.txt", "/etc/passwd"},
		{"content link to a file elsewhere", "content/secret.md", outside},
		{"layouts folder linked elsewhere", "layouts/_partials/x.html", outside},
		{"data link to a file elsewhere", "data/centers.csv", outside},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := hostileSite(t)
			os.Remove(filepath.Join(root, tc.link))
			if err := os.Symlink(tc.target, filepath.Join(root, tc.link)); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{
				{"-root", root},
				{"export-hugo", "-root", root, filepath.Join(t.TempDir(), "hugo")},
			} {
				var stdout, stderr bytes.Buffer
				err := run(args, &stdout, &stderr)
				if args[0] == "export-hugo" && strings.HasPrefix(tc.link, "layouts/") {
					continue
				}
				if err == nil || !strings.Contains(err.Error(), tc.link) || !strings.Contains(err.Error(), "outside the site folder") {
					t.Errorf("gen %s: %v, want an error naming %s", args[0], err, tc.link)
				}
			}
			if _, err := os.Stat(filepath.Join(root, "public", "index.html")); err == nil {
				t.Error("the site was published despite the link")
			}
		})
	}
	t.Run("link inside the site followed", func(t *testing.T) {
		root := hostileSite(t)
		os.WriteFile(filepath.Join(root, "static", "real.txt"), []byte("inside"), 0o644)
		if err := os.Symlink("real.txt", filepath.Join(root, "static", "alias.txt")); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		if err := run([]string{"-root", root, "-cache", "off"}, &stdout, &stderr); err != nil {
			t.Fatal(err)
		}
	})
}

// TestOutIntoSourcesRefused: -out may not be the site folder, nor one of
// the folders a build reads, nor inside them.
func TestOutIntoSourcesRefused(t *testing.T) {
	root := hostileSite(t)
	for _, out := range []string{".", "layouts", "static", "content", "data", "static/x", "layouts/../static"} {
		var stdout, stderr bytes.Buffer
		err := run([]string{"-root", root, "-out", filepath.Join(root, out)}, &stdout, &stderr)
		if err == nil || !strings.Contains(err.Error(), "choose a folder of its own") {
			t.Errorf("-out %s: %v", out, err)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "layouts", "index.html")); err == nil {
		t.Error("a build wrote into layouts/")
	}
}
