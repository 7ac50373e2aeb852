package hsds

import (
	"fmt"
	"os"

	"treatmentdir/internal/exportdir"
)

// Publish puts the package's files in place of out (see package
// exportdir). out must be missing, empty or an earlier export: a folder
// that holds a datapackage.json and nothing but files named as HSDS tables.
func Publish(out string, files map[string][]byte) error {
	return exportdir.Replace(out, files, earlierPackage)
}

// earlierPackage refuses a folder that holds anything but an earlier export.
func earlierPackage(out string) error {
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	spec, err := LoadSpec()
	if err != nil {
		return err
	}
	ours := map[string]bool{"datapackage.json": true}
	for _, r := range spec.Resources {
		ours[r.Path] = true
	}
	hasDescriptor := false
	for _, e := range entries {
		if !e.Type().IsRegular() || !ours[e.Name()] {
			return fmt.Errorf("%s holds %s, which an HSDS export does not write: export to a new or empty folder (the export never replaces files it did not write)", out, e.Name())
		}
		hasDescriptor = hasDescriptor || e.Name() == "datapackage.json"
	}
	if !hasDescriptor {
		return fmt.Errorf("%s is not empty and has no datapackage.json: export to a new or empty folder", out)
	}
	return nil
}
