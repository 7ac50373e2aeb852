package synth

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestPeopleWeights(t *testing.T) {
	g := group{
		{zip: ZIP{"10001", 40.75, -73.99}}, // three Manhattan centroids, within a mile or two
		{zip: ZIP{"10002", 40.71, -73.98}},
		{zip: ZIP{"10003", 40.73, -73.98}},
		{zip: ZIP{"59001", 45.50, -109.50}}, // rural Montana, alone
		// 11 miles east of 59001 at 45.5 degrees (a degree of longitude is 48 miles there): just outside
		{zip: ZIP{"59002", 45.50, -109.27}},
		// 9 miles north of the Alaska one, where longitude cells are narrow: inside
		{zip: ZIP{"99701", 64.84, -147.72}},
		{zip: ZIP{"99702", 64.97, -147.72}},
	}
	want := []float64{3, 3, 3, 1, 1, 2, 2}
	if got := peopleWeights(g); !slices.Equal(got, want) {
		t.Errorf("peopleWeights = %v, want %v", got, want)
	}
}

func TestPickFollowsWeights(t *testing.T) {
	g := group{{zip: ZIP{Code: "a"}, cum: 1}, {zip: ZIP{Code: "b"}, cum: 4}} // b weighs 3, a 1
	rng := rand.New(rand.NewPCG(1, 2))
	count := map[string]int{}
	for range 4000 {
		count[g.pick(rng).zip.Code]++
	}
	if count["a"] < 800 || count["a"] > 1200 || count["b"] < 2800 {
		t.Errorf("picks %v, want about 1,000 a and 3,000 b", count)
	}
	even := group{{zip: ZIP{Code: "a"}}, {zip: ZIP{Code: "b"}}}
	count = map[string]int{}
	for range 4000 {
		count[even.pick(rng).zip.Code]++
	}
	if count["a"] < 1800 || count["b"] < 1800 {
		t.Errorf("picks with no weights %v, want about 2,000 each", count)
	}
}
