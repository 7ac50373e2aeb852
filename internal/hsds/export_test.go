package hsds_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"treatmentdir/internal/build"
	"treatmentdir/internal/hsds"
)

const repoRoot = "../.."

// exampleSite loads the repository's own site, as gen export-hsds does.
func exampleSite(t testing.TB) *build.Site {
	t.Helper()
	fsys := os.DirFS(repoRoot)
	cfg, err := build.LoadConfig(fsys, repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	s, err := build.Load(fsys, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// exportExample writes the example site's package to a new folder.
func exportExample(t testing.TB) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "hsds")
	if err := hsds.Export(exampleSite(t), out); err != nil {
		t.Fatal(err)
	}
	return out
}

// validate runs Frictionless Data's validator (testdata/validate.js, the
// npm package datapackage) on the package in dir against the
// specification's datapackage.json, and gives its output and whether it
// found the package valid.
func validate(t *testing.T, dir string) (string, bool) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(repoRoot, "node_modules/datapackage/package.json")); err != nil {
		t.Fatalf("the data package validator is not installed (run .ci/setup): %v", err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is needed for the data package validator (run .ci/setup)")
	}
	cmd := exec.Command(node, "testdata/validate.js", "spec/datapackage.json", dir)
	out, err := cmd.CombinedOutput()
	if _, exit := err.(*exec.ExitError); err != nil && !exit {
		t.Fatal(err)
	}
	return string(out), err == nil
}

// TestExportValidates: the export of the example site passes the
// Frictionless validator with the specification's own schemas: types,
// formats, required and unique fields, enums and foreign keys.
func TestExportValidates(t *testing.T) {
	out, ok := validate(t, exportExample(t))
	if !ok || !strings.HasPrefix(out, "ok: 11 resources") {
		t.Errorf("the validator refuses the export:\n%s", out)
	}
}

// TestValidatorRefuses holds the validator to finding errors: the
// specification's own example writes a datetime with milliseconds, which
// the JavaScript validator mis-reads, and a copy with that fixed still
// has foreign keys that point at no row.
func TestValidatorRefuses(t *testing.T) {
	out, ok := validate(t, "testdata/spec-example")
	if ok || !strings.Contains(out, `services.csv:2: The value "2023-03-15T10:30:45.123Z"`) {
		t.Errorf("the validator should refuse the millisecond datetime:\n%s", out)
	}
	dir := t.TempDir()
	for name, data := range readDir(t, "testdata/spec-example") {
		if name == "services.csv" {
			data = bytes.ReplaceAll(data, []byte("10:30:45.123Z"), []byte("10:30:45Z"))
		}
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	out, ok = validate(t, dir)
	if ok || !strings.Contains(out, `locations.csv:2: Foreign key "organization_id" violation`) {
		t.Errorf("the validator should find the broken foreign keys:\n%s", out)
	}
}

func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

// table is a CSV file of the export, read by its header.
type table struct {
	res  *hsds.Resource
	rows []map[string]string
}

func readExport(t *testing.T, files map[string][]byte) map[string]*table {
	t.Helper()
	spec, err := hsds.LoadSpec()
	if err != nil {
		t.Fatal(err)
	}
	tables := map[string]*table{}
	for _, res := range spec.Resources {
		data, ok := files[res.Path]
		if !ok {
			continue
		}
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", res.Path, err)
		}
		tb := &table{res: res}
		for _, rec := range recs[1:] {
			row := map[string]string{}
			for i, h := range recs[0] {
				row[h] = rec[i]
			}
			tb.rows = append(tb.rows, row)
		}
		tables[res.Name] = tb
	}
	return tables
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// TestExportKeys checks in Go what the validator checks in JavaScript,
// and the keys HSDS leaves out of its schema: every required field
// filled, every unique field unique, every uuid a version 5 UUID, every
// foreign key (attribute link_id by its link_entity included) naming a
// row of a table in the package.
func TestExportKeys(t *testing.T) {
	files, err := hsds.Files(exampleSite(t))
	if err != nil {
		t.Fatal(err)
	}
	tables := readExport(t, files)
	ids := map[string]map[string]bool{}
	for name, tb := range tables {
		ids[name] = map[string]bool{}
		for _, r := range tb.rows {
			ids[name][r["id"]] = true
		}
	}
	for name, tb := range tables {
		for i, r := range tb.rows {
			where := fmt.Sprintf("%s:%d", tb.res.Path, i+2)
			checkFields(t, where, tb.res, r)
			for _, fk := range tb.res.ForeignKeys {
				if v := r[fk.Field]; v != "" && !ids[fk.Resource][v] {
					t.Errorf("%s: %s %s names no %s", where, fk.Field, v, fk.Resource)
				}
			}
			if name == "attribute" && !ids[r["link_entity"]][r["link_id"]] {
				t.Errorf("%s: link_id %s names no %s", where, r["link_id"], r["link_entity"])
			}
		}
		checkUnique(t, tb)
	}
	if n := len(tables["service"].rows); n != 400 {
		t.Errorf("%d services, want one per center (400)", n)
	}
	for _, name := range []string{"organization", "location", "service_at_location", "address", "organization_identifier"} {
		if n := len(tables[name].rows); n != 400 {
			t.Errorf("%d rows in %s, want 400", n, name)
		}
	}
	var d struct{ Resources []struct{ Path string } }
	if err := json.Unmarshal(files["datapackage.json"], &d); err != nil {
		t.Fatal(err)
	}
	var described []string
	for _, r := range d.Resources {
		described = append(described, r.Path)
	}
	written := slices.Sorted(maps.Keys(files))
	written = slices.DeleteFunc(written, func(s string) bool { return s == "datapackage.json" })
	slices.Sort(described)
	if !slices.Equal(described, written) {
		t.Errorf("datapackage.json describes %v, the export wrote %v", described, written)
	}
}

func checkFields(t *testing.T, where string, res *hsds.Resource, r map[string]string) {
	t.Helper()
	for _, f := range res.Fields {
		v := r[f.Name]
		switch {
		case f.Required && v == "":
			t.Errorf("%s: required field %s is empty", where, f.Name)
		case v != "" && f.Format == "uuid" && !uuidRE.MatchString(v):
			t.Errorf("%s: %s %q is not a version 5 UUID", where, f.Name, v)
		case v != "" && len(f.Enum) > 0 && !slices.Contains(f.Enum, v):
			t.Errorf("%s: %s %q is not one of %v", where, f.Name, v, f.Enum)
		case v != "" && f.Type == "date" && !regexp.MustCompile(`^\d{4}-\d\d-\d\d$`).MatchString(v):
			t.Errorf("%s: %s %q is not a date", where, f.Name, v)
		}
	}
}

func checkUnique(t *testing.T, tb *table) {
	t.Helper()
	for _, f := range tb.res.Fields {
		if !f.Unique {
			continue
		}
		seen := map[string]bool{}
		for _, r := range tb.rows {
			if v := r[f.Name]; v != "" && seen[v] {
				t.Errorf("%s: %s %q is not unique", tb.res.Path, f.Name, v)
			} else {
				seen[v] = true
			}
		}
	}
}
