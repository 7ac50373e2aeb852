package build

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// repoVocabulary is the repository's own vocabulary.
func repoVocabulary(t testing.TB) *Vocabulary {
	t.Helper()
	v, err := LoadVocabulary(repoSite(t))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// readFixture validates csv against the repository's own levels and facets.
func readFixture(t *testing.T, csv string) ([]*Center, *report) {
	t.Helper()
	rep := &report{}
	c := readContent(repoSite(t), ".", "/", rep)
	v := newVocabulary(c, ".", rep)
	if len(rep.errs) > 0 {
		t.Fatalf("content of the repository has errors: %v", rep.errs)
	}
	return readCenters("data/centers.csv", []byte(csv), v, rep, nil), rep
}

const goodRow = "a1,Example Center,1 Main St,Columbus,OH,43215,39.96,-82.99,(614) 555-0100,https://a1.example.org/,iop;outpatient,medicaid,buprenorphine,English,2026-01-31\n"

func TestReadCentersRules(t *testing.T) {
	tests := []struct {
		name string
		csv  string
		want []string // each error, as line:col: and a part of the message; none means valid
	}{
		{"valid row", csvHeader + goodRow, nil},
		{"byte-order mark", "\uFEFF" + csvHeader + goodRow, nil},
		{"CRLF line ends", strings.ReplaceAll(csvHeader+goodRow, "\n", "\r\n"), nil},
		{"columns in another order, upper case", "LEVELS,Zip,STATE,City,Name,ID\niop,43215,oh,Columbus,Example,b2\n", nil},
		{"aliases and synonyms in any case", csvHeader + "a1,Example,,Columbus,OH,43215,,,,,  Intensive Outpatient Program ; OP ,MEDICAID, Buprenorphine ,,\n", nil},
		{"ZIP+4 and phone with 1 and extension", csvHeader + "a1,Example,,Columbus,OH,43215-1234,,,1-614-555-0100 x12,,iop,,,,\n", nil},
		{"empty file", "", []string{"empty file"}},
		{"only white space", " \n\n", []string{"empty file"}},
		{"header with no rows", csvHeader, []string{"1:1: no centers"}},
		{"missing required column", "id,name,city,state,zip\na1,Example,Columbus,OH,43215\n", []string{`1:1: missing required column "levels"`}},
		{"lat column without lon", "id,name,city,state,zip,levels,lat\na1,Example,Columbus,OH,43215,iop,40\n", []string{"1:1: columns lat and lon go together"}},
		{"duplicate column", "id,name,city,state,zip,levels,Name\na1,Example,Columbus,OH,43215,iop,x\n", []string{`1:31: duplicate column "name"`}},
		{"invalid UTF-8", csvHeader + "a1,Ex\xffample,,Columbus,OH,43215,,,,,iop,,,,\n", []string{"2:6: invalid UTF-8"}},
		{"duplicate id", csvHeader + goodRow + goodRow, []string{`3:1: duplicate id "a1" (first used on line 2)`}},
		{"bad id", csvHeader + "A_1,Example,,Columbus,OH,43215,,,,,iop,,,,\n", []string{`2:1: id "A_1" must be lower-case`}},
		{"id too long", csvHeader + strings.Repeat("a", 81) + ",Example,,Columbus,OH,43215,,,,,iop,,,,\n", []string{"2:1: id is 81 characters long"}},
		{"missing name", csvHeader + "a1,,,Columbus,OH,43215,,,,,iop,,,,\n", []string{"2:4: name is required"}},
		{"name too long", csvHeader + "a1," + strings.Repeat("n", 201) + ",,Columbus,OH,43215,,,,,iop,,,,\n", []string{"2:4: name is 201 characters long"}},
		{"control character in name", csvHeader + "a1,\"Ex\tample\",,Columbus,OH,43215,,,,,iop,,,,\n", []string{"2:4: name contains a control character"}},
		{"unknown state", csvHeader + "a1,Example,,Columbus,OX,43215,,,,,iop,,,,\n", []string{`2:22: state "OX" is not a USPS state code (did you mean`}},
		{"bad zip", csvHeader + "a1,Example,,Columbus,OH,4321,,,,,iop,,,,\n", []string{`2:25: zip "4321" must be 12345 or 12345-6789`}},
		{"lat without lon", csvHeader + "a1,Example,,Columbus,OH,43215,39.9,,,,iop,,,,\n", []string{"2:36: lat and lon go together: lon is empty"}},
		{"latitude out of range", csvHeader + "a1,Example,,Columbus,OH,43215,91,-82,,,iop,,,,\n", []string{"2:31: lat 91 is out of range"}},
		{"longitude not a number", csvHeader + "a1,Example,,Columbus,OH,43215,39,west,,,iop,,,,\n", []string{`2:34: lon "west" is not a decimal number`}},
		// Regression: a line break inside a quoted phone field crashed the loader.
		{"phone with a line break", csvHeader + "a1,Example,,Columbus,OH,43215,,,\"614 555\n0100\",,iop,,,,\n", []string{`2:33: phone "614 555\n0100" must have 10 digits`}},
		{"bad phone", csvHeader + "a1,Example,,Columbus,OH,43215,,,555-0100,,iop,,,,\n", []string{`2:33: phone "555-0100" must have 10 digits`}},
		{"javascript: website", csvHeader + "a1,Example,,Columbus,OH,43215,,,,javascript:alert(1),iop,,,,\n", []string{`2:34: website "javascript:alert(1)": scheme javascript`}},
		{"relative website", csvHeader + "a1,Example,,Columbus,OH,43215,,,,www.example.org,iop,,,,\n", []string{"2:34: website \"www.example.org\": must be an absolute URL"}},
		{"no levels", csvHeader + "a1,Example,,Columbus,OH,43215,,,,,,,,,\n", []string{"2:35: levels is required"}},
		{"unknown level with suggestion", csvHeader + "a1,Example,,Columbus,OH,43215,,,,,iopp,,,,\n", []string{`2:35: unknown level "iopp" (did you mean "iop"?)`}},
		{"unknown payment with suggestion", csvHeader + "a1,Example,,Columbus,OH,43215,,,,,iop,medicaide,,,\n", []string{`2:39: unknown payment code "medicaide" (did you mean "medicaid"?)`}},
		{"unknown medication", csvHeader + "a1,Example,,Columbus,OH,43215,,,,,iop,,aspirin,,\n", []string{`2:40: unknown medication code "aspirin"`}},
		{"bad verified date", csvHeader + "a1,Example,,Columbus,OH,43215,,,,,iop,,,,31/01/2026\n", []string{`2:42: verified "31/01/2026" must be a date`}},
		{"too many fields", csvHeader + "a1,Example,,Columbus,OH,43215,,,,,iop,,,,,extra\n", []string{"2:1: wrong number of fields"}},
		{"too few fields, later rows still checked", csvHeader + "a1,Example\n" + "b2,Example,,Columbus,OH,43215,,,,,iopp,,,,\n", []string{"2:1: wrong number of fields", `3:35: unknown level "iopp"`}},
		{"bare quote", csvHeader + "a1,Exa\"mple,,Columbus,OH,43215,,,,,iop,,,,\n", []string{"2:7: bare \""}},
		{"unterminated quote", csvHeader + "a1,\"Example,,Columbus,OH,43215,,,,,iop,,,,\n", []string{"unterminated or misplaced \""}},
		{
			// A quoted line break inside a street must not shift the
			// line numbers of the records after it.
			// A line break in the street is a second address line (it was an
			// error before the street took two lines); the next row's line
			// is still counted right.
			"quoted newline then a bad row",
			csvHeader + "a1,Example,\"1 Main St\nSuite 2\",Columbus,OH,43215,,,,,iop,,,,\n" + "b2,Example,,Columbus,OH,43215,,,,,iopp,,,,\n",
			[]string{`4:35: unknown level "iopp"`},
		},
		{"every error of a row", csvHeader + "A,,,,,,,,,,,,,,\n", []string{"2:1: id \"A\"", "2:3: name is required", "2:5: city is required", "2:6: state", "2:7: zip", "2:12: levels is required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			centers, rep := readFixture(t, tt.csv)
			got := rep.errs
			sortDiagnostics(got)
			if len(tt.want) == 0 {
				if len(got) > 0 {
					t.Fatalf("unexpected errors:\n%v", got)
				}
				if len(centers) == 0 {
					t.Fatal("no centers read")
				}
				return
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(got), len(tt.want), got)
			}
			for i, d := range got {
				if s := d.String(); !strings.Contains(s, tt.want[i]) || !strings.HasPrefix(s, "data/centers.csv:") {
					t.Errorf("error %d = %q, want it to contain %q", i, s, tt.want[i])
				}
			}
		})
	}
}

func TestReadCentersNormalises(t *testing.T) {
	csv := csvHeader + "a1,  Example  ,,Columbus,oh,43215,39.96,-82.99,614.555.0100 ext 7,HTTPS://a1.example.org,outpatient;IOP;iop,self-pay;Medicaid,,English;Spanish,\n"
	centers, rep := readFixture(t, csv)
	if len(rep.errs) > 0 {
		t.Fatal(rep.errs)
	}
	c, v := centers[0], repoVocabulary(t)
	checks := []struct{ name, got, want string }{
		{"name", c.Name, "Example"},
		{"state", c.State, "OH"},
		{"phone", c.Phone.String(), "(614) 555-0100 ext. 7"},
		{"tel", string(c.Phone.Tel()), "tel:+16145550100;ext=7"},
		{"website", c.Website, "https://a1.example.org"},
		{"levels, most intensive first, no repeats", levelCodesOf(c), "iop,outpatient"},
		{"payment in facets.toml order", optionCodesOf(c.Values(v.Facet("payment"))), "medicaid,self-pay"},
		{"languages by their labels", optionCodesOf(c.Values(v.Facet("languages"))), "english,spanish"},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %q, want %q", ch.name, ch.got, ch.want)
		}
	}
}

func TestUnknownColumnWarnsOnce(t *testing.T) {
	csv := "id,name,city,state,zip,levels,notes\na1,Example,Columbus,OH,43215,iop,x\nb2,Example,Columbus,OH,43215,iop,y\n"
	_, rep := readFixture(t, csv)
	if len(rep.errs) > 0 {
		t.Fatal(rep.errs)
	}
	w := rep.Warnings()
	// Rows without lat/lon are no longer the reader's to warn about: the
	// site places them at their ZIP code's centroid (TestCentroids).
	if len(w) != 1 || !strings.Contains(w[0], `unknown column "notes"`) {
		t.Fatalf("warnings = %q", w)
	}
}

func TestErrorsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(csvHeader)
	for range 60 {
		b.WriteString("a1,Example,,Columbus,OH,43215,,,,,nope,,,,\n")
	}
	_, rep := readFixture(t, b.String())
	var errs Errors
	// A row with errors is not checked for a duplicate id. Only the errors
	// shown are kept (the contract changed with issue 21: a million bad
	// rows must not hold a million errors); the rest are counted.
	if !errors.As(rep.err(), &errs) || len(errs) > maxErrors+1 {
		t.Fatalf("got %d errors kept", len(errs))
	}
	msg := errs.Error()
	if n := strings.Count(msg, "\n"); n != maxErrors {
		t.Errorf("printed %d lines, want %d", n+1, maxErrors+1)
	}
	if !strings.HasSuffix(msg, "and 10 more errors") {
		t.Errorf("message ends %q", msg[len(msg)-40:])
	}
}

func levelCodesOf(c *Center) string { return strings.Join(levelCodes(c.Levels), ",") }

func optionCodesOf(os []*Option) string { return strings.Join(optionCodes(os), ",") }

// TestReadPartsMatchOnePass reads files in parts and in one pass: the
// records, their lines and columns, and the warnings must be the same.
func TestReadPartsMatchOnePass(t *testing.T) {
	synthetic := syntheticFS(t, 500)["data/centers.csv"].Data
	var tricky strings.Builder
	tricky.WriteString("ID,Name,city,state,zip,levels,extra\r\n")
	for i := range 300 {
		name := fmt.Sprintf("Center %d", i)
		switch i % 4 {
		case 1:
			name = fmt.Sprintf("\"Center\n%d, \"\"the\"\" one\"", i)
		case 2:
			name = fmt.Sprintf("\"\"\"%d\"\"\"", i)
		}
		fmt.Fprintf(&tricky, "c%d,%s,Town,OR,97201,op,x\r\n", i, name)
		if i%50 == 0 {
			tricky.WriteString("\r\n")
		}
	}
	for name, data := range map[string][]byte{"synthetic": synthetic, "quotes and blank lines": []byte(tricky.String())} {
		t.Run(name, func(t *testing.T) {
			var oneRep report
			v := repoVocabulary(t)
			want := readPart("c.csv", bytes.NewReader(data), v, 0, 0, &oneRep)
			if len(oneRep.errs) > 0 || len(want) < 100 {
				t.Fatalf("one pass: %d records, errors %v", len(want), oneRep.errs)
			}
			for _, n := range []int{2, 3, 7} {
				var rep report
				got, ok := readParts("c.csv", data, v, n, &rep)
				if !ok {
					t.Fatalf("%d parts: not read (%v)", n, rep.errs)
				}
				if len(got) != len(want) {
					t.Fatalf("%d parts: %d records, want %d", n, len(got), len(want))
				}
				for i := range want {
					if !reflect.DeepEqual(got[i].fields, want[i].fields) || got[i].line != want[i].line {
						t.Fatalf("%d parts: record %d is %+v on line %d, want %+v on line %d", n, i, got[i].fields, got[i].line, want[i].fields, want[i].line)
					}
					for _, c := range v.Columns() {
						gl, gc := got[i].pos(c)
						wl, wc := want[i].pos(c)
						if gl != wl || gc != wc {
							t.Fatalf("%d parts: record %d column %s at %d:%d, want %d:%d", n, i, c, gl, gc, wl, wc)
						}
					}
				}
				if !reflect.DeepEqual(rep.Warnings(), oneRep.Warnings()) {
					t.Errorf("%d parts: warnings %q, want %q", n, rep.Warnings(), oneRep.Warnings())
				}
			}
		})
	}
}

// TestReadPartsFallBack: a file whose quotes do not pair up is read again
// in one pass, and reports exactly what a one-pass read reports.
func TestReadPartsFallBack(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,name,city,state,zip,levels\n")
	for i := range 20000 {
		name := "Center"
		if i == 9000 {
			name = `Bad "quote`
		}
		fmt.Fprintf(&b, "c%d,%s %d,Town,OR,97201,op\n", i, name, i)
	}
	data := []byte(b.String())
	if len(data) < minPartedCSV {
		t.Fatalf("the file is %d bytes, too small to be read in parts", len(data))
	}
	var parted, one report
	v := repoVocabulary(t)
	readRecords("c.csv", data, v, &parted)
	readPart("c.csv", bytes.NewReader(data), v, 0, 0, &one)
	if len(one.errs) == 0 || !reflect.DeepEqual(parted.errs, one.errs) {
		t.Errorf("errors %v, want %v (and at least one)", parted.errs, one.errs)
	}
}
