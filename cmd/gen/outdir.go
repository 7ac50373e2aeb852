package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"treatmentdir/internal/build"
)

// sourceFolders are the folders of a site that a build reads: the output
// may be none of them, nor inside one, nor the site folder itself.
var sourceFolders = []string{"content", "layouts", "static", "i18n", "data"}

// checkOut refuses an -out that would overwrite the site's own sources
// (-out layouts replaced layouts/404.html) or be read back into the next
// build (-out static republished its own output on every build).
func (o *options) checkOut() error {
	root, out := realPath(o.root), realPath(o.out)
	if out == root {
		return usageError{fmt.Sprintf("-out %s is the site folder itself: choose a folder of its own, such as %s", build.Visible(o.out), filepath.Join(o.root, "public"))}
	}
	for _, sub := range sourceFolders {
		src := filepath.Join(root, sub)
		if out == src || strings.HasPrefix(out, src+string(filepath.Separator)) {
			return usageError{fmt.Sprintf("-out %s is inside the site's %s/ folder, which the build reads: choose a folder of its own, such as %s", build.Visible(o.out), sub, filepath.Join(o.root, "public"))}
		}
	}
	return nil
}

// realPath is p made absolute with every link in it resolved, as far as
// it exists: an output folder not made yet is resolved through its parent.
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	dir, base := filepath.Split(abs)
	if dir == abs || base == "" {
		return abs
	}
	return filepath.Join(realPath(filepath.Clean(dir)), base)
}
