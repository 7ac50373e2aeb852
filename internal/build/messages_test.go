package build

import (
	"testing"
	"testing/fstest"
)

// TestMessages holds every message that tells a maintainer how to fix a
// spreadsheet export or site.toml, verbatim: each names the file, line and
// column, and says what to write instead. An empty want means the input
// is accepted.
func TestMessages(t *testing.T) {
	const header = "id,name,street,city,state,zip,lat,lon,levels,payment\n"
	tests := []struct {
		name     string
		siteTOML string
		csv      string
		want     string
	}{
		{name: "unknown key in helplines, by its usual name",
			siteTOML: "title = \"x\"\n\n[[helplines]]\nname = \"Crisis line\"\nphone = \"988\"\n",
			want:     `site.toml:3:1: helpline "Crisis line" has no number: add number = "...", 3 digits (such as 988) or 10 with the area code` + "\n" + `site.toml:5:1: unknown key "phone" in [[helplines]] (did you mean "number"?)`},
		{name: "every site.toml problem at once",
			siteTOML: "titel = \"x\"\nbase_url = \"example.org\"\n[data]\ncenterz = \"x.csv\"\n[[helplines]]\nname = \"Local line\"\nnumber = \"555-0142\"\n",
			want: `site.toml:1:1: unknown key "titel" (did you mean "title"?)` + "\n" +
				`site.toml:2:1: base URL "example.org" must be an absolute http or https URL` + "\n" +
				`site.toml:4:1: unknown key "centerz" in [data] (did you mean "centers"?)` + "\n" +
				`site.toml:7:1: helpline number "555-0142" has 7 digits: give 3 digits (such as 988) or 10 with the area code (such as 1-800-662-4357)`},
		{name: "an unknown table is named once",
			siteTOML: "[dta]\ncenters = \"x.csv\"\n",
			want:     `site.toml:1:1: unknown key "dta" (did you mean "data"?)`},
		{name: "an unknown key with nothing near lists the keys",
			siteTOML: "[[helplines]]\nname = \"a\"\nnumber = \"988\"\ncolour = \"red\"\n",
			want:     `site.toml:4:1: unknown key "colour" in [[helplines]]; the keys here are name, number, text, note, lang`},
		{name: "helplines of 3, 10 and 11 digits",
			siteTOML: "[[helplines]]\nname = \"a\"\nnumber = \"988\"\n[[helplines]]\nname = \"b\"\nnumber = \"(614) 555-0142\"\n[[helplines]]\nname = \"c\"\nnumber = \"1-800-662-4357\"\n"},
		{name: "a state by name",
			csv:  header + "a1,Hope House,1 Main St,Springfield,Illinois,62701,39.8,-89.6,iop,\n",
			want: `data/centers.csv:2:37: state "Illinois" is not a USPS state code (did you mean "IL"?)`},
		{name: "a ZIP code that lost its leading zero",
			csv:  header + "a1,Hope House,1 Main St,Medford,MA,2155,42.4,-71.1,iop,\n",
			want: `data/centers.csv:2:36: zip "2155" must be 12345 or 12345-6789 (did you mean "02155"? spreadsheets drop leading zeros: format the column as text)`},
		{name: "levels separated by commas",
			csv:  header + "a1,Hope House,1 Main St,Columbus,OH,43215,39.9,-83,\"IOP, Outpatient\",\n",
			want: `data/centers.csv:2:52: unknown level "IOP, Outpatient": separate values with ";", not ",", as in "IOP; Outpatient"`},
		{name: "payment separated by commas",
			csv:  header + "a1,Hope House,1 Main St,Columbus,OH,43215,39.9,-83,iop,\"Medicaid, Medicare\"\n",
			want: `data/centers.csv:2:56: unknown payment code "Medicaid, Medicare": separate values with ";", not ",", as in "Medicaid; Medicare"`},
		{name: "a misspelt level still gets the nearest",
			csv:  header + "a1,Hope House,1 Main St,Columbus,OH,43215,39.9,-83,iopp,\n",
			want: `data/centers.csv:2:52: unknown level "iopp" (did you mean "iop"?)`},
		{name: "the level's own title and the option's own label are accepted",
			csv: header + "a1,Hope House,1 Main St,Columbus,OH,43215,39.9,-83,Intensive outpatient (IOP);Outpatient,Medicaid;Private insurance\n"},
		{name: "the spreadsheet row when it differs from the line",
			csv:  header + "a1,Hope House,\"12 Main St\nSuite 4\",Columbus,OH,43215,39.9,-83,iop,\na2,Other Place,1 Elm St,Columbus,OH,43215,39.9,-83,iopp,\n",
			want: `data/centers.csv:4:52: unknown level "iopp" (did you mean "iop"?) (spreadsheet row 3)`},
		{name: "no coordinates and an unknown ZIP code",
			csv:  header + "a1,Hope House,1 Main St,Columbus,OH,99999,,,iop,\n",
			want: `data/centers.csv:2: center "a1" has no lat/lon and its ZIP code 99999 is not in data/zips.csv: add lat and lon, or correct the ZIP code`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := siteFS(t, map[string]string{"data/zips.csv": searchZIPs, "data/centers.csv": header +
				"a1,Hope House,1 Main St,Columbus,OH,43215,39.9,-83,iop,\n"})
			if tc.siteTOML != "" {
				fsys["site.toml"] = &fstest.MapFile{Data: []byte(tc.siteTOML)}
			}
			if tc.csv != "" {
				fsys["data/centers.csv"] = &fstest.MapFile{Data: []byte(tc.csv)}
			}
			got := ""
			cfg, err := LoadConfig(fsys, ".")
			if err == nil {
				_, err = Load(fsys, cfg)
			}
			if err != nil {
				got = err.Error()
			}
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestEmptyFolder: a folder with nothing in it lists every missing part
// in one run, none as a raw error of Go's.
func TestEmptyFolder(t *testing.T) {
	err := CheckFolder(fstest.MapFS{}, DefaultConfig(), true)
	want := "content: folder not found: gen init NEW-FOLDER makes a complete site folder to start from or copy it from\n" +
		"content/levels: folder not found: gen init NEW-FOLDER makes a complete site folder to start from or copy it from\n" +
		"data/centers.csv: file not found: it lists the centers, one row each (gen import csv YOUR.csv makes it from a spreadsheet)\n" +
		"layouts: folder not found: gen init NEW-FOLDER makes a complete site folder to start from or copy it from"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	if err := CheckFolder(repoSite(t), DefaultConfig(), true); err != nil {
		t.Errorf("the repository's site: %v", err)
	}
}
