package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// asset is one file of static/ as it is published.
type asset struct {
	src  string // path under static/
	dest string // path under the output folder, with the content hash
	data []byte
}

// keepName lists files that hosts and browsers look for by their exact
// name; everything else in static/ gets a content hash in its name.
var keepName = map[string]bool{
	"favicon.ico": true, "_headers": true, "_redirects": true, ".nojekyll": true, "CNAME": true,
}

// readAssets loads static/ and names each file after its content, so that
// hosts may cache it for a year: app.js becomes assets/app.3f9c2a1b.js.
// One folder for them all lets a host's cache rule name them with one
// pattern (see netlify.toml).
func readAssets(fsys fs.FS) (map[string]*asset, error) {
	assets := map[string]*asset{}
	err := fs.WalkDir(fsys, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		src := strings.TrimPrefix(name, "static/")
		assets[src] = &asset{src: src, dest: hashedName(src, data), data: data}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return assets, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading static/: %w", err)
	}
	return assets, nil
}

func hashedName(src string, data []byte) string {
	if keepName[src] || strings.HasPrefix(src, ".well-known/") {
		return src
	}
	sum := sha256.Sum256(data)
	ext := path.Ext(src)
	return "assets/" + strings.TrimSuffix(src, ext) + "." + hex.EncodeToString(sum[:4]) + ext
}
