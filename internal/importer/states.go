package importer

import (
	"strings"

	"treatmentdir/internal/build"
)

// stateCodes maps each state's and territory's name, in lower case, to
// the USPS code the CSV's state column takes: the build's own names, and
// the other ways sources write some of them.
var stateCodes = func() map[string]string {
	m := map[string]string{
		"washington dc": "DC", "washington d.c.": "DC", "virgin islands": "VI",
		"us virgin islands": "VI", "micronesia": "FM",
	}
	for code, name := range build.StateNames() {
		m[strings.ToLower(name)] = code
	}
	return m
}()

// stateCode gives the USPS code of a state name or code, in any case.
func stateCode(s string) (string, bool) {
	s = clean(s)
	if len(s) == 2 {
		up := strings.ToUpper(s)
		for _, code := range stateCodes {
			if code == up {
				return up, true
			}
		}
		return s, false
	}
	code, ok := stateCodes[strings.ToLower(s)]
	return code, ok
}
