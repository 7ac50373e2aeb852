package build

import (
	"errors"
	"fmt"
	"html/template"
	"maps"
	"strconv"
	"strings"
)

func (r *renderer) funcs() template.FuncMap {
	cfg := &r.site.Config
	base := cfg.basePath()
	prefix := r.prefix()
	fm := template.FuncMap{
		"rel": func(p string) string {
			if base == "/" && prefix == "" && strings.HasPrefix(p, "/") {
				return p // the common case, without a copy
			}
			if strings.HasPrefix(p, "/") {
				p = prefix + p
			}
			return base + strings.TrimPrefix(p, "/")
		},
		"abs": func(p string) string {
			if strings.HasPrefix(p, "/") {
				p = prefix + p
			}
			return cfg.BaseURL + encodeURLPath(strings.TrimPrefix(p, "/"))
		},
		"asset": func(name string) (string, error) {
			a, ok := r.assets[name]
			if !ok {
				return "", fmt.Errorf("asset %q not found in static/", name)
			}
			return base + a.dest, nil
		},
		"searchIndex": func() (string, error) {
			if r.search == nil {
				return "", errNoIndex
			}
			return base + r.search.manifest, nil
		},
		"jsonld":        centerJSONLD(cfg),
		"miles":         func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) },
		"directions":    directionsURL,
		"dict":          dict,
		"partialCached": r.partialCached,
		"comma":         Comma,
		"lower":         strings.ToLower,
	}
	maps.Copy(fm, r.langFuncs(base))
	return fm
}

// dict builds a map for passing several values to a partial.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict needs key and value pairs")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// Comma formats n with thousands separators: 20412 is "20,412".
func Comma(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// directionsURL opens turn-by-turn directions in the phone's map app.
func directionsURL(c *Center) string {
	const prefix = "https://www.google.com/maps/dir/?api=1&destination="
	if !c.HasCoords || c.Approximate { // a ZIP code's centroid is no destination
		return prefix + queryEscaper.Replace(strings.Join([]string{c.streetOneLine(), c.City, c.State, c.ZIP}, ", "))
	}
	b := make([]byte, 0, len(prefix)+24)
	b = strconv.AppendFloat(append(b, prefix...), c.Lat, 'f', 5, 64)
	b = strconv.AppendFloat(append(b, ','), c.Lon, 'f', 5, 64)
	return string(b)
}

var queryEscaper = strings.NewReplacer("%", "%25", "&", "%26", "#", "%23", "+", "%2B", " ", "+", "?", "%3F")
