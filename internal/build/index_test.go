package build

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestSearchIndex builds the index of a small site and checks the promises
// the page relies on: the manifest names only files that exist, every
// center with coordinates is in the cell of its point, the list holds every
// center in name order, and the ZIP shards hold every ZIP code.
func TestSearchIndex(t *testing.T) {
	s := loadSearchSite(t)
	idx, err := newSearchIndex(s)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range idx.files {
		files[f.name] = f.bytes()
	}
	var m indexManifest
	if err := json.Unmarshal(files[idx.manifest], &m); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	seen := map[string]string{}
	for key, hash := range m.Cells {
		name := indexDir + "cells/" + key + "." + hash + ".json"
		var rows [][]any
		if err := json.Unmarshal(files[name], &rows); err != nil {
			t.Fatalf("cell %s: %v", name, err)
		}
		for _, r := range rows {
			id := r[0].(string)
			n := 8 + len(m.Facets) // id, name, city, state, phone, street, ZIP, checked, a bit set per facet
			if k := cellKey(r[n].(float64), r[n+1].(float64)); k != key {
				t.Errorf("center %s is in cell %s, want %s", id, key, k)
			}
			seen[id] = key
		}
	}
	for _, c := range s.Centers {
		if _, ok := seen[c.ID]; ok != c.HasCoords {
			t.Errorf("center %s: in a cell %v, has coordinates %v", c.ID, ok, c.HasCoords)
		}
	}
	var list [][]any
	if err := json.Unmarshal(files[indexDir+m.List], &list); err != nil {
		t.Fatalf("list: %v", err)
	}
	want := slices.SortedFunc(slices.Values(s.Centers), byName)
	for i, r := range list {
		if r[0] != want[i].ID {
			t.Errorf("list[%d] is %v, want %s", i, r[0], want[i].ID)
		}
	}
	if len(list) != len(s.Centers) || m.Total != len(s.Centers) {
		t.Errorf("list has %d centers, manifest says %d, want %d", len(list), m.Total, len(s.Centers))
	}
	for zip, p := range s.ZIPs {
		if !strings.Contains(m.ZIP3, zip[:3]) {
			t.Errorf("prefix %s missing from the manifest", zip[:3])
		}
		var shard map[string][2]float64
		if err := json.Unmarshal(files[indexDir+m.ZIPs+zip[:3]+".json"], &shard); err != nil {
			t.Fatalf("shard of %s: %v", zip, err)
		}
		if shard[zip[3:]] != [2]float64{p.Lat, p.Lon} {
			t.Errorf("shard has %s at %v, want %v", zip, shard[zip[3:]], p)
		}
	}
	wantFiles := 1 + len(m.Cells) + 1 + len(m.ZIP3)/3
	if len(files) != wantFiles {
		t.Errorf("index has %d files, the manifest names %d", len(files), wantFiles)
	}
}

// TestCenterRow pins the format of a center in the index.
func TestCenterRow(t *testing.T) {
	s := loadSearchSite(t)
	i := slices.IndexFunc(s.Centers, func(c *Center) bool { return c.ID == "a-columbus" })
	s.Centers[i].Phone = Phone{Digits: "6145550104", Ext: "12"}
	b := append(appendCoords(appendRow([]byte{'['}, s, s.Centers[i]), s.Centers[i]), ']')
	// detox (bit 0) and iop (bit 3); private (bit 2); methadone (bit 0);
	// none of ages, gender, programs, services, languages. (A bit set per
	// facet of content/facets.toml since facets are declared there.)
	// Street, ZIP and the check follow the phone since the cards show
	// them (the test site's center has no street and was never checked).
	if want := `["a-columbus","twin a","Columbus","OH","6145550104x12","","43215","",9,4,1,0,0,0,0,0,39.96,-83]`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
	// A street on two lines is one; a stale check keeps its month, a
	// fresh one its day.
	c := *s.Centers[i]
	c.Street = "12 Main St\nSuite 4"
	c.Verified, c.stale = "2025-03-17", true
	if b, want := string(appendRow(nil, s, &c)), `"12 Main St, Suite 4","43215","s2025-03",`; !strings.Contains(b, want) {
		t.Errorf("stale: got %s, want it to hold %s", b, want)
	}
	c.stale = false
	if b, want := string(appendRow(nil, s, &c)), `"43215","2025-03-17",`; !strings.Contains(b, want) {
		t.Errorf("fresh: got %s, want it to hold %s", b, want)
	}
	// The intake number, when there is one, is the card's number.
	s.Centers[i].Intake = Phone{Digits: "6145550105"}
	b = appendRow(nil, s, s.Centers[i])
	if want := `"6145550105",`; !strings.Contains(string(b), `"i6145550105",`) {
		t.Errorf("got %s, want the intake number %s marked with i", b, want)
	}
}

// TestSearchIndexDeterministic builds twice and expects the same bytes.
func TestSearchIndexDeterministic(t *testing.T) {
	s := loadSearchSite(t)
	a, _ := newSearchIndex(s)
	b, _ := newSearchIndex(s)
	if a.manifest != b.manifest || len(a.files) != len(b.files) {
		t.Fatal("two builds made different indexes")
	}
	am, bm := newMemOutput(), newMemOutput()
	for i := range a.files {
		am.Put(a.files[i].name, a.files[i].bytes())
		bm.Put(b.files[i].name, b.files[i].bytes())
	}
	atLeast(t, "index files", len(am.files), 4) // manifest, list, ZIP shard, a cell
	if !maps.EqualFunc(am.files, bm.files, bytes.Equal) {
		t.Error("two builds made different bytes")
	}
}

// BenchmarkSearchIndex makes the index of 20,000 synthetic centers, the
// size the build targets of docs/performance.md are set for.
func BenchmarkSearchIndex(b *testing.B) {
	s := loadSyntheticSite(b, 20000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := newSearchIndex(s); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCellKey: a point's cell is the floor of latitude and longitude in
// whole degrees, so that negative coordinates round down, not toward zero.
func TestCellKey(t *testing.T) {
	tests := []struct {
		name     string
		lat, lon float64
		want     string
	}{
		{"Columbus", 39.96, -83.01, "39_-84"},
		{"on a cell's corner", 40, -83, "40_-83"},
		{"just south-west of the origin", -0.5, -0.5, "-1_-1"},
		{"origin", 0, 0, "0_0"},
		{"Mayagüez", 18.2, -67.14, "18_-68"},
		{"across the date line", 51.5, 179.9, "51_179"},
	}
	for _, tt := range tests {
		if got := cellKey(tt.lat, tt.lon); got != tt.want {
			t.Errorf("%s: cellKey(%v, %v) = %q, want %q", tt.name, tt.lat, tt.lon, got, tt.want)
		}
	}
}

// TestStreamedIndexFiles: a cell or the list, hashed as its pieces are
// handed out, has the name and key of its bytes put together.
func TestStreamedIndexFiles(t *testing.T) {
	s := loadSearchSite(t)
	idx, err := newSearchIndex(s)
	if err != nil {
		t.Fatal(err)
	}
	streamed := 0
	for _, f := range idx.files {
		if f.write == nil {
			continue
		}
		streamed++
		b := f.bytes()
		if !json.Valid(b) {
			t.Errorf("%s is not JSON", f.name)
		}
		if h := contentHash(b, 6); !strings.Contains(f.name, "."+h) {
			t.Errorf("%s is not named by the hash of its bytes, %s", f.name, h)
		}
		if f.key != sumKey(b) {
			t.Errorf("%s: key %x, want that of its bytes %x", f.name, f.key, sumKey(b))
		}
	}
	atLeast(t, "streamed files", streamed, 2) // the list and a cell
}
