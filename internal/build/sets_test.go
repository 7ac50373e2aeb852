package build

import "testing"

// TestCentersShareSets holds centers that list the same levels or options,
// however spelled, to one shared slice that an append cannot change, and
// the cache's decoding to the same slices as reading.
func TestCentersShareSets(t *testing.T) {
	csv := csvHeader +
		"a1,Example A,,Columbus,OH,43215,39.96,-82.99,(614) 555-0100,,iop;outpatient,medicaid;self-pay,,English,\n" +
		"a2,Example B,,Columbus,OH,43215,39.96,-82.99,(614) 555-0101,,Outpatient;IOP,Self-pay;Medicaid,,english,\n" +
		"a3,Example C,,Columbus,OH,43215,39.96,-82.99,(614) 555-0102,,outpatient,medicaid,,English;Spanish,\n"
	rep := &report{}
	v := newVocabulary(readContent(repoSite(t), ".", "/", rep), ".", rep)
	centers := readCenters("data/centers.csv", []byte(csv), v, rep, nil)
	if len(rep.errs) > 0 {
		t.Fatal(rep.errs)
	}
	a, b, c := centers[0], centers[1], centers[2]
	pay := v.Facet("payment").index
	same := func(x, y []*Option) bool { return len(x) > 0 && len(x) == len(y) && &x[0] == &y[0] }
	if !same(a.Options[pay], b.Options[pay]) || &a.Levels[0] != &b.Levels[0] {
		t.Errorf("a1 and a2 list the same payment and levels in other words, but hold their own slices")
	}
	if same(a.Options[pay], c.Options[pay]) || len(c.Levels) != 1 {
		t.Errorf("a3 lists other payment and levels, but shares a1's: %s, %s", optionCodesOf(c.Options[pay]), levelCodesOf(c))
	}
	for _, os := range a.Options {
		if len(os) != cap(os) {
			t.Errorf("a shared set has room after its end (len %d, cap %d): an append would write into it", len(os), cap(os))
		}
	}
	grown := append(a.Options[pay], a.Options[pay][0])
	if optionCodesOf(b.Options[pay]) != "medicaid,self-pay" || len(grown) != 3 {
		t.Errorf("an append to a1's payment changed a2's: %s", optionCodesOf(b.Options[pay]))
	}

	codec := newCenterCodec(v)
	got, err := codec.center(string(codec.appendCenter(nil, a)), a.Line)
	if err != nil {
		t.Fatal(err)
	}
	if !same(got.Options[pay], a.Options[pay]) || &got.Levels[0] != &a.Levels[0] {
		t.Errorf("a center decoded from the cache holds its own sets, not the ones reading made")
	}
}
