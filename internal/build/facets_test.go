package build

import (
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"treatmentdir/internal/synth"
)

// accreditationFacet is a facet the code has never seen, added to a site
// by its content alone.
const accreditationFacet = `
[accreditation]
param = "acc"
title = "Accreditation"
about = "Bodies that checked the center's quality."

[accreditation.jc]
label = "The Joint Commission"
about = "A national body that reviews health care quality."
synonyms = ["JCAHO", "Joint Commission"]

[accreditation.carf]
label = "CARF"
about = "The Commission on Accreditation of Rehabilitation Facilities."
`

// accreditationSite is the repository's site with the accreditation facet
// and three centers that use it.
func accreditationSite(t testing.TB) (*Result, *memOutput) {
	t.Helper()
	facets := string(repoSite(t)["content/facets.toml"].Data) + accreditationFacet
	return mustBuild(t, withFiles(repoSite(t), `
-- content/facets.toml --
`+facets+`
-- data/centers.csv --
id,name,city,state,zip,lat,lon,levels,payment,accreditation
a,Example A,Columbus,OH,43215,39.96,-82.99,iop,medicaid,JCAHO
b,Example B,Columbus,OH,43215,39.97,-82.98,iop;outpatient,medicaid,jc;carf
c,Example C,Columbus,OH,43215,39.95,-82.97,outpatient,private,
`))
}

func TestUnknownFacetAppearsEverywhere(t *testing.T) {
	res, out := accreditationSite(t)
	s := res.Site
	home := string(out.files["index.html"])
	for _, want := range []string{
		`<fieldset class="facet" id="facet-acc">`, `<legend>Accreditation</legend>`,
		`name="acc" value="jc"`, `name="acc" value="carf"`,
		`data-count-for="acc-jc">(2)</span>`, `data-count-for="acc-carf">(1)</span>`,
	} {
		if !strings.Contains(home, want) {
			t.Errorf("the search form lacks %s", want)
		}
	}
	page := string(out.files["centers/b/index.html"])
	if !strings.Contains(page, "<dt>Accreditation</dt>") || !strings.Contains(page, "<li>The Joint Commission</li><li>CARF</li>") {
		t.Errorf("center page does not list the accreditation:\n%s", page)
	}
	q := s.ParseQuery(url.Values{"acc": {"carf,jc"}, "pay": {"medicaid"}})
	if got := q.Selected["acc"]; !slices.Equal(got, []string{"jc", "carf"}) {
		t.Errorf("acc= selects %v, want jc, carf in option order", got)
	}
	if got := hitIDs(s.Search(q)); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("search = %v, want a, b", got)
	}
	counts := s.FacetCounts(s.ParseQuery(url.Values{"acc": {"carf"}}))
	if counts["acc"]["jc"] != 2 || counts["acc"]["carf"] != 1 || counts["pay"]["medicaid"] != 1 {
		t.Errorf("counts = %v", counts)
	}
	if terms := s.Vocabulary.Match("Joint  commission!"); !slices.Equal(terms, []Term{{"accreditation", "jc"}}) {
		t.Errorf("Match = %v", terms)
	}
}

func TestUnknownFacetCodeIsAnError(t *testing.T) {
	facets := string(repoSite(t)["content/facets.toml"].Data) + accreditationFacet
	_, _, err := buildMem(t, withFiles(repoSite(t), `
-- content/facets.toml --
`+facets+`
-- data/centers.csv --
id,name,city,state,zip,levels,accreditation
a,Example A,Columbus,OH,43215,iop,carff
`))
	if err == nil || !strings.Contains(err.Error(), `data/centers.csv:2:35: unknown accreditation code "carff" (did you mean "carf"?)`) {
		t.Errorf("error = %v", err)
	}
}

func TestAcceptsSaysOnly(t *testing.T) {
	_, out := mustBuild(t, withFiles(repoSite(t), `
-- data/centers.csv --
id,name,city,state,zip,levels,ages,gender
women,Example W,Columbus,OH,43215,iop,,women
teens,Example T,Columbus,OH,43215,iop,teens,women;men
both,Example B,Columbus,OH,43215,iop,teens;adults,
all,Example A,Columbus,OH,43215,iop,teens;young-adults;adults;seniors,men;women
none,Example N,Columbus,OH,43215,iop,,
`))
	tests := []struct {
		id   string
		want []string // "only" lines the page shows
	}{
		{"women", []string{"Women only"}},                   // one option
		{"teens", []string{"Teens only (under 18)"}},        // its own only text
		{"both", []string{"Teens (under 18), Adults only"}}, // some
		{"all", nil},  // every option: nothing to say
		{"none", nil}, // none: the center has not said
	}
	for _, tt := range tests {
		page := string(out.files["centers/"+tt.id+"/index.html"])
		for _, w := range tt.want {
			if !strings.Contains(page, `<p class="only">`+w) {
				t.Errorf("%s: no %q on the page", tt.id, w)
			}
		}
		if tt.want == nil && strings.Contains(page, `class="only"`) {
			t.Errorf("%s: says only, want nothing", tt.id)
		}
	}
}

func TestIntakeStreetAndExtensions(t *testing.T) {
	_, out := mustBuild(t, withFiles(repoSite(t), `
-- data/centers.csv --
id,name,street,city,state,zip,phone,intake_phone,levels,source,source_id
a,Example A,"1 Main St
Suite 200",Columbus,OH,43215,614-555-0100 ext. 12,(614) 555-0101 ext 7,iop,Example list 2026,key-123
`))
	page := string(out.files["centers/a/index.html"])
	intake := strings.Index(page, `href="tel:+16145550101;ext=7">Call intake (614) 555-0101 ext. 7</a>`)
	phone := strings.Index(page, `href="tel:+16145550100;ext=12">Call (614) 555-0100 ext. 12</a>`)
	if intake < 0 || phone < 0 || intake > phone {
		t.Errorf("want the intake number first, then the phone (at %d, %d)", intake, phone)
	}
	if !strings.Contains(page, "1 Main St<br>Suite 200<br>Columbus") {
		t.Error("the street's two lines are not kept")
	}
	if !strings.Contains(page, "Example list 2026") {
		t.Error("the source is not shown")
	}
	if strings.Contains(page, "key-123") {
		t.Error("source_id is shown")
	}
}

func TestPhoneExtensions(t *testing.T) {
	for _, in := range []string{"614-555-0100 x123", "614-555-0100 ext. 123", "614-555-0100 ext 123", "614 555 0100 extension 123"} {
		var problem string
		p := parsePhone("phone", in, func(_, format string, args ...any) { problem = format })
		if problem != "" || p != (Phone{"6145550100", "123"}) {
			t.Errorf("%q = %+v (%s)", in, p, problem)
		}
	}
}

func TestVocabularyMatch(t *testing.T) {
	v := repoVocabulary(t)
	tests := []struct {
		label string
		want  []Term
	}{
		{"Cash or self-payment", []Term{{"payment", "self-pay"}}},
		{"CASH", []Term{{"payment", "self-pay"}}},
		{"sf", []Term{{"payment", "self-pay"}}},
		{"Federal military insurance (e.g., TRICARE)", []Term{{"payment", "military"}}},
		{"Military insurance (e.g., TRICARE)", []Term{{"payment", "military"}}},
		{"MI", nil}, // means different things in different years
		{"Intensive outpatient treatment", []Term{{"levels", "iop"}}},
		{"OIT", []Term{{"levels", "iop"}}},
		{"Outpatient day treatment or partial hospitalization", []Term{{"levels", "php"}}},
		{"Long-term residential", []Term{{"levels", "residential"}}},
		{"Hospital inpatient detoxification", []Term{{"levels", "detox"}}},
		{"Pregnant/postpartum women", []Term{{"programs", "pregnant"}}},
		{"CH_AD", []Term{{"ages", "teens"}}},
		{"Sign language services for the deaf and hard of hearing", []Term{{"services", "asl"}}},
		{"Telemedicine/telehealth therapy", []Term{{"services", "telehealth"}}},
		{"Interim services for clients", []Term{{"services", "interim"}}},
		{"  español ", []Term{{"languages", "spanish"}}},
		{"Cantonese", []Term{{"languages", "chinese"}}},
		{"Does not use MAT for opioid use disorders", nil},
		{"Accepts clients using MAT but prescribed elsewhere", nil},
		{"Medically supervised detox", []Term{{"levels", "detox"}}}, // a title
		{"Women", []Term{{"gender", "women"}}},                      // a label
	}
	for _, tt := range tests {
		if got := v.Match(tt.label); !slices.Equal(got, tt.want) {
			t.Errorf("Match(%q) = %v, want %v", tt.label, got, tt.want)
		}
	}
}

func TestMatchSynonymUnderSeveralOptions(t *testing.T) {
	fsys := withFiles(repoSite(t), "-- content/facets.toml --\n[svc]\n[svc.a]\nlabel = \"A\"\nsynonyms = [\"Both\"]\n[svc.b]\nlabel = \"B\"\nsynonyms = [\"both\"]\n")
	v, err := LoadVocabulary(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Match("BOTH"); !slices.Equal(got, []Term{{"svc", "a"}, {"svc", "b"}}) {
		t.Errorf("Match = %v, want both options", got)
	}
}

// TestColumnsDeclaredOnce fails when a column is added in one place only:
// every field of Center is a column's (or made from them), the codec and
// the page keys follow the columns, and the generator of data writes the
// same columns as the site declares.
func TestColumnsDeclaredOnce(t *testing.T) {
	v := repoVocabulary(t)
	var c Center
	c.Options = make([][]*Option, len(v.facets))
	reached := map[uintptr]bool{}
	for _, col := range v.columns {
		reached[reflect.ValueOf(col.field(&c)).Pointer()] = true
		if col.read == nil || col.text == nil {
			t.Errorf("column %s is declared without a reader or a text", col.name)
		}
	}
	made := map[string]bool{"HasCoords": true, "Approximate": true, "Title": true, "Line": true, "Options": true} // made from columns, or by the model
	cv := reflect.ValueOf(&c).Elem()
	for i := range cv.NumField() {
		f := cv.Type().Field(i)
		if f.IsExported() && !made[f.Name] && !reached[cv.Field(i).Addr().Pointer()] {
			t.Errorf("Center.%s is no column's field: declare it in fixedColumns", f.Name)
		}
	}
	if !slices.Equal(synth.DefaultColumns, v.Columns()) {
		t.Errorf("synth writes %v, the site declares %v", synth.DefaultColumns, v.Columns())
	}
	var facets []synth.Facet
	for _, f := range v.Facets() {
		facets = append(facets, synth.Facet{Column: f.Column, Codes: optionCodes(f.Options)})
	}
	if !reflect.DeepEqual(synth.DefaultFacets, facets) {
		t.Errorf("synth's default facets differ from content/facets.toml")
	}
	for _, f := range v.Facets() {
		if !slices.Contains(v.Columns(), f.Column) {
			t.Errorf("facet %s has no column", f.Column)
		}
	}
}

// TestLegacyFacetsFile reads a facets.toml of option tables alone, as
// written before facets had keys of their own: payment keeps pay=.
func TestLegacyFacetsFile(t *testing.T) {
	fsys := withFiles(repoSite(t), "-- content/facets.toml --\n[payment.medicaid]\nlabel = \"Medicaid\"\n\n[medications.methadone]\nlabel = \"Methadone\"\n")
	v, err := LoadVocabulary(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range v.Facets() {
		got = append(got, f.Column+"="+f.Param+":"+strings.Join(optionCodes(f.Options), ","))
	}
	if want := []string{"payment=pay:medicaid", "medications=med:methadone"}; !slices.Equal(got, want) {
		t.Errorf("facets %v, want %v", got, want)
	}
}
