package build

import (
	"reflect"
	"testing"
	"unsafe"
)

// TestTextsCoverCenter holds Center.texts to the string fields of a
// Center: a field added to Center and read from the CSV but not packed
// would keep its record's whole line live. Title, url and cityURL are
// made by Site.model, after packing.
func TestTextsCoverCenter(t *testing.T) {
	var c Center
	packed := map[*string]bool{}
	for _, p := range c.texts() {
		packed[p] = true
	}
	made := map[string]bool{"Title": true, "url": true, "cityURL": true}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		for i := range v.NumField() {
			f, name := v.Field(i), path+v.Type().Field(i).Name
			switch {
			case f.Kind() == reflect.String && !made[name]:
				if !packed[f.Addr().Interface().(*string)] {
					t.Errorf("Center.%s is not in Center.texts", name)
				}
			case f.Kind() == reflect.Struct:
				walk(f, name+".")
			}
		}
	}
	walk(reflect.ValueOf(&c).Elem(), "")
	if len(packed) != len(c.texts()) {
		t.Errorf("Center.texts names a field twice")
	}
}

// TestPackStrings keeps every value and puts them all in one string.
func TestPackStrings(t *testing.T) {
	a := &Center{ID: "a-1", Name: "Alpha", City: "Dover", State: "DE", Phone: Phone{Digits: "3025550100", Ext: "12"}}
	b := &Center{ID: "b-2", Name: "Beta", Street: "1 Main St\nSuite 2", Website: "https://b.example.org/"}
	want := []Center{*a, *b}
	packStrings([]*Center{a, nil, b})
	for i, c := range []*Center{a, b} {
		if !reflect.DeepEqual(*c, want[i]) {
			t.Errorf("center %d = %+v, want %+v", i, *c, want[i])
		}
	}
	// One string: each text starts where the one before it ended.
	texts := []string{a.ID, a.Name, a.City, a.State, a.Phone.Digits, a.Phone.Ext, b.ID, b.Name, b.Street, b.Website}
	for i := 1; i < len(texts); i++ {
		end := uintptr(unsafe.Pointer(unsafe.StringData(texts[i-1]))) + uintptr(len(texts[i-1]))
		if uintptr(unsafe.Pointer(unsafe.StringData(texts[i]))) != end {
			t.Fatalf("%q does not follow %q in one string", texts[i], texts[i-1])
		}
	}
}
