package build

import (
	"encoding/json"
	"math"
	"testing"
)

// TestJSONLDPlainSameAsMarshal: the JSON-LD written without reflection is
// json.Marshal's, byte for byte, for every center of a synthetic site and
// for texts and numbers at the edges of what it takes; what it does not
// take goes to json.Marshal.
func TestJSONLDPlainSameAsMarshal(t *testing.T) {
	fsys := syntheticFS(t, 2000)
	cfg, _ := LoadConfig(fsys, ".")
	cfg.ResolveBaseURL("https://x.example/", "")
	s, err := Load(fsys, cfg)
	if err != nil {
		t.Fatal(err)
	}
	jsonld := centerJSONLD(&s.Config)
	plain := 0
	for _, c := range s.Centers {
		got, err := jsonld(c)
		want, _ := json.Marshal(jsonLDDoc(&s.Config, c))
		if err != nil || string(got) != string(want) {
			t.Fatalf("%s: %s, %v; json.Marshal gives %s", c.ID, got, err, want)
		}
		if _, ok := jsonLDDoc(&s.Config, c).appendPlain(nil); ok {
			plain++
		}
	}
	if plain < len(s.Centers)/2 {
		t.Errorf("only %d of %d centers written without reflection", plain, len(s.Centers))
	}
	for _, text := range []string{"", "a", "Oak & Ash", "<b>", "a\"b", `a\b`, "a\nb", "\x7f", "Peña", "\u2028", "\xff", "~ !#$%'()*+,-./:;=?@[]^_`{|}"} {
		for _, f := range []float64{0, math.Copysign(0, -1), 1e-6, 9.99e-7, -83.00001, 1e20, 1e21, 123456789.123456789} {
			doc := jsonLDClinic{Name: text, Address: jsonLDAddress{Street: text}, Geo: &jsonLDGeo{Latitude: f, Longitude: -f},
				Services: []jsonLDService{{Name: text}, {Name: "b"}}}
			want, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			if got, ok := doc.appendPlain(nil); ok && string(got) != string(want) {
				t.Errorf("%q, %v: %s; json.Marshal gives %s", text, f, got, want)
			}
		}
	}
	if _, ok := (&jsonLDClinic{}).appendPlain(nil); ok {
		t.Error("a nil list of services, which json.Marshal writes as null, was taken")
	}
}
