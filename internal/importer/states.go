package importer

import "strings"

// stateCodes maps each state's and territory's name, in lower case, to
// the USPS code the CSV's state column takes.
var stateCodes = map[string]string{
	"alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
	"colorado": "CO", "connecticut": "CT", "delaware": "DE", "florida": "FL", "georgia": "GA",
	"hawaii": "HI", "idaho": "ID", "illinois": "IL", "indiana": "IN", "iowa": "IA",
	"kansas": "KS", "kentucky": "KY", "louisiana": "LA", "maine": "ME", "maryland": "MD",
	"massachusetts": "MA", "michigan": "MI", "minnesota": "MN", "mississippi": "MS", "missouri": "MO",
	"montana": "MT", "nebraska": "NE", "nevada": "NV", "new hampshire": "NH", "new jersey": "NJ",
	"new mexico": "NM", "new york": "NY", "north carolina": "NC", "north dakota": "ND", "ohio": "OH",
	"oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA", "rhode island": "RI", "south carolina": "SC",
	"south dakota": "SD", "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT",
	"virginia": "VA", "washington": "WA", "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY",
	"district of columbia": "DC", "washington dc": "DC", "washington d.c.": "DC", "puerto rico": "PR",
	"virgin islands": "VI", "u.s. virgin islands": "VI", "us virgin islands": "VI", "guam": "GU",
	"american samoa": "AS", "northern mariana islands": "MP", "federated states of micronesia": "FM",
	"micronesia": "FM", "marshall islands": "MH", "palau": "PW",
}

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
