package importer

import (
	"os"
	"strings"
	"testing"
)

// TestFindTreatmentNewer: a 2025 export spells type_facility, may have
// services null and no frid.
func TestFindTreatmentNewer(t *testing.T) {
	page := `{"page":1,"totalPages":1,"recordCount":2,"rows":[
{"name1":"New Dawn","name2":"","street1":"3 Pine St","street2":"","city":"Austin","state":"TX","zip":"78701",
 "phone":"512-555-0100","intake1":"","website":"http://","latitude":30.27,"longitude":"-97.74","type_facility":"SUMH",
 "services":[{"f1":"Type of Care","f2":"TC","f3":"Substance use treatment"},{"f1":"Service Setting","f2":"SET","f3":"Outpatient"}]},
{"frid":"x1","name1":"Calm","street1":"4 Oak","city":"Austin","state":"TX","zip":"78702","type_facility":"MH","services":null}]}`
	fs, err := ReadFindTreatment("p.json", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	a, b := fs[0], fs[1]
	if !a.SubstanceUse || b.SubstanceUse {
		t.Errorf("substance use: %v, %v", a.SubstanceUse, b.SubstanceUse)
	}
	if a.Fields["lat"] != "30.27" || a.Fields["website"] != "http://" || len(b.Labels) != 0 {
		t.Errorf("fields %v, labels %v", a.Fields, b.Labels)
	}
	if sid := a.Fields["source_id"]; sid != derivedKey("ft", "New Dawn", "3 Pine St", "78701") || !strings.HasPrefix(sid, "ft-") {
		t.Errorf("derived source_id %q", sid)
	}
	if b.Fields["source_id"] != "x1" {
		t.Errorf("frid not taken: %q", b.Fields["source_id"])
	}
}

func TestFindTreatmentErrors(t *testing.T) {
	whole, _ := os.ReadFile(sample)
	tests := []struct{ name, in, want string }{
		{"truncated", string(whole[:5000]), "p.json:"},
		{"empty", "", "p.json:1:1: the file is empty or ends too early"},
		{"not JSON", "name,city\n", "p.json:1:2: invalid character 'a'"},
		{"no rows", `{"page": 1}`, `p.json:1:1: no "rows" list`},
		{"wrong type", "{\"rows\": [\n {\"name1\": 5}]}", "p.json:2:12: rows.name1: want string, not a JSON number"},
		{"services not a list", `{"rows": [{"services": "x"}]}`, "p.json:1:26: rows.services: want []importer.ftService"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadFindTreatment("p.json", []byte(tc.in))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %v\nwant %s…", err, tc.want)
			}
		})
	}
}
