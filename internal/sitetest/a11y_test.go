package sitetest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"treatmentdir/internal/browsertest"
)

// axeResult is the part of axe-core's report the test prints.
type axeResult struct {
	Violations []struct {
		ID    string `json:"id"`
		Help  string `json:"help"`
		Nodes []struct {
			Target []any  `json:"target"`
			HTML   string `json:"html"`
		} `json:"nodes"`
	} `json:"violations"`
}

// TestAccessibility runs axe-core on the home page with results shown, a
// center page, the guide and a state page: zero violations.
func TestAccessibility(t *testing.T) {
	axe, err := os.ReadFile(filepath.Join(repoRoot, "node_modules/axe-core/axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is not installed (run .ci/setup): %v", err)
	}
	dir := exampleSite(t)
	base := browsertest.Serve(t, dir)
	ctx := browsertest.Start(t)
	centers, _ := os.ReadDir(filepath.Join(dir, "centers"))
	pages := []string{
		"/?near=43215&level=iop",
		"/centers/" + centers[0].Name() + "/",
		"/levels/",
		"/levels/iop/",
		"/states/oh/",
		"/es/?near=43215&level=iop",
		"/es/centers/" + centers[0].Name() + "/",
		"/es/levels/iop/",
		"/es/states/oh/",
	}
	for _, p := range pages {
		steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(base + p)}
		if strings.Contains(p, "/?") {
			steps = append(steps, chromedp.WaitVisible(chromedp.CSS("#results li")))
		}
		steps = append(steps, chromedp.Evaluate[chromedp.Void](string(axe)))
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
		reportAxe(t, ctx, p)
	}
}

// reportAxe runs axe-core, already injected into the page p, and fails
// the test for each node of each violation it finds.
func reportAxe(t *testing.T, ctx context.Context, p string) {
	t.Helper()
	raw := js[string](t, ctx, `axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r))`)
	var res axeResult
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		t.Fatal(err)
	}
	for _, v := range res.Violations {
		for _, n := range v.Nodes {
			t.Errorf("%s: %s (%s): %v %s", p, v.ID, v.Help, n.Target, n.HTML)
		}
	}
}
