package importer

import (
	"strings"
	"testing"
	"unicode"
)

// testSynonyms stands for the synonyms in content/: SAMHSA's labels, in
// both eras of its vocabulary, under the codes of the default levels
// and facets. Labels that say what a facility does not do ("Do not use
// medication for opioid addiction", "Accepts clients on opioid
// medication") are deliberately absent.
var testSynonyms = map[string][]string{
	"levels/detox": {"Detoxification", "Hospital inpatient detoxification", "Residential detoxification",
		"Outpatient detoxification", "Detox"},
	"levels/residential": {"Residential", "Residential/24-hour residential", "Long-term residential",
		"Short-term residential", "Hospital inpatient", "Hospital inpatient treatment"},
	"levels/php": {"Partial hospitalization/day treatment", "Outpatient day treatment or partial hospitalization",
		"PHP", "Partial hospitalization"},
	"levels/iop":        {"Intensive outpatient treatment", "IOP", "OIT", "Intensive outpatient"},
	"levels/outpatient": {"Regular outpatient treatment", "Outpatient methadone/buprenorphine or naltrexone treatment", "Outpatient", "OP"},
	"levels/aftercare":  {"Aftercare/continuing care", "Aftercare"},

	"payment/medicaid":      {"Medicaid", "MD"},
	"payment/medicare":      {"Medicare", "MC"},
	"payment/private":       {"Private health insurance", "PI"},
	"payment/self-pay":      {"Cash or self-payment", "CASH", "SF"},
	"payment/sliding-scale": {"Sliding fee scale (fee is based on income and other factors)", "Sliding fee scale", "SS"},
	"payment/free":          {"Treatment at no charge or minimal payment for clients who cannot afford to pay", "PA"},
	"payment/military":      {"Military insurance (e.g., TRICARE)", "Federal military insurance (e.g., TRICARE)", "MI"},

	"medications/methadone": {"Methadone", "Methadone used in Treatment", "Methadone maintenance",
		"Methadone maintenance for predetermined time", "Methadone detoxification"},
	"medications/buprenorphine": {"Buprenorphine used in Treatment", "Buprenorphine maintenance",
		"Buprenorphine maintenance for predetermined time", "Buprenorphine with naloxone (Suboxone®)",
		"Buprenorphine without naloxone", "Buprenorphine (extended-release, injectable, for example, Sublocade®)",
		"Prescribes/administers buprenorphine", "Buprenorphine"},
	"medications/naltrexone": {"Naltrexone used in Treatment", "Naltrexone (oral)",
		"Extended-release, injectable Naltrexone (Vivitrol®)", "Prescribes/administers naltrexone",
		"Relapse prevention from naltrexone", "Naltrexone"},

	"ages/teens":        {"Adolescents", "Children/adolescents"},
	"ages/young-adults": {"Young adults", "Transitional age young adults"},
	"ages/adults":       {"Adults"},
	"ages/seniors":      {"Seniors or older adults"},
	"gender/women":      {"Female", "Adult women"},
	"gender/men":        {"Male", "Adult men"},

	"programs/veterans":     {"Veterans"},
	"programs/military":     {"Active duty military", "Military families"},
	"programs/pregnant":     {"Pregnant/postpartum women"},
	"programs/lgbtq":        {"Lesbian, gay, bisexual, or transgender (LGBT) clients"},
	"programs/justice":      {"Clients referred from the court/judicial system"},
	"programs/co-occurring": {"Persons with co-occurring mental and substance use disorders"},
	"programs/trauma":       {"Persons who have experienced trauma"},

	"services/telehealth": {"Computerized treatment/telemedicine", "Telemedicine/telehealth therapy"},
	"services/asl":        {"Services for the deaf and hard of hearing"},
	"services/interim":    {"Interim services for clients"},
	"services/peer":       {"Consumer-run (peer-support) services"},
	"services/transport":  {"Transportation assistance"},
	"services/childcare":  {"Child care for clients' children"},

	"languages/english": {"English"},
	"languages/spanish": {"Spanish"},
}

// testColumns is the CSV's column order with the default facets.
var testColumns = []string{"id", "name", "street", "city", "state", "zip", "lat", "lon", "phone",
	"intake_phone", "website", "levels", "payment", "medications", "ages", "gender", "programs",
	"services", "languages", "verified", "source", "source_id"}

type tableVocabulary map[string][]Term

// testVocabulary is the one place tests get a vocabulary from, so that
// the real one (build.LoadVocabulary of content/) can take its place.
func testVocabulary(t testing.TB) Vocabulary {
	t.Helper()
	v := tableVocabulary{}
	for key, syns := range testSynonyms {
		col, code, _ := strings.Cut(key, "/")
		for _, s := range append(syns, code) {
			v[normLabel(s)] = append(v[normLabel(s)], Term{col, code})
		}
	}
	return v
}

func (v tableVocabulary) Match(label string) []Term { return v[normLabel(label)] }
func (v tableVocabulary) Columns() []string         { return testColumns }

// normLabel ignores case, spacing and punctuation, as the real
// vocabulary does.
func normLabel(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}
