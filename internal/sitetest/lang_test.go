package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"treatmentdir/internal/browsertest"
)

// siteURL is the base URL exampleSite builds with.
const siteURL = "https://directory.example.org/"

// TestEveryPageHasItsSpanishTwin walks the example site: every page in
// English has its twin under /es/, in Spanish, and each names the other in
// its alternate links and leads to it from the language switch.
func TestEveryPageHasItsSpanishTwin(t *testing.T) {
	dir := exampleSite(t)
	var pages []string
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, name)
		rel = filepath.ToSlash(rel)
		if d.IsDir() && (rel == "es" || rel == "assets" || rel == "search") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(rel, "index.html") {
			pages = append(pages, strings.TrimSuffix(rel, "index.html"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 400 {
		t.Fatalf("found only %d English pages", len(pages))
	}
	for _, p := range pages {
		en := readPage(t, dir, p)
		es := readPage(t, dir, "es/"+p)
		if es == "" {
			t.Errorf("/%s has no Spanish twin /es/%s", p, p)
			continue
		}
		checkLang(t, "/"+p, en, "en")
		checkLang(t, "/es/"+p, es, "es")
		for _, want := range []struct{ page, html, lang, href string }{
			{"/" + p, en, "es", "es/" + p},
			{"/es/" + p, es, "en", p},
			{"/" + p, en, "x-default", p},
			{"/es/" + p, es, "x-default", p},
		} {
			link := `<link rel="alternate" hreflang="` + want.lang + `" href="` + siteURL + want.href + `">`
			if !strings.Contains(want.html, link) {
				t.Errorf("%s lacks %s", want.page, link)
			}
		}
		if !strings.Contains(en, `<a href="/es/`+p+`" hreflang="es" lang="es" data-lang-switch>Español</a>`) {
			t.Errorf("/%s: no switch to Spanish", p)
		}
		if !strings.Contains(es, `<a href="/`+p+`" hreflang="en" lang="en" data-lang-switch>English</a>`) {
			t.Errorf("/es/%s: no switch back to English", p)
		}
	}
}

var htmlLang = regexp.MustCompile(`<html lang="([^"]*)">`)

func checkLang(t *testing.T, page, html, want string) {
	t.Helper()
	if m := htmlLang.FindStringSubmatch(html); m == nil || m[1] != want {
		t.Errorf("%s: <html lang> is %v, want %q", page, m, want)
	}
}

func readPage(t *testing.T, dir, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, p, "index.html"))
	if os.IsNotExist(err) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSpanishPagesSpeakSpanish spot-checks what a Spanish reader meets:
// the helplines as they work in Spanish, a date written in Spanish, plural
// counts, and the 404 page offering both languages.
func TestSpanishPagesSpeakSpanish(t *testing.T) {
	dir := exampleSite(t)
	home := readPage(t, dir, "es/")
	for _, want := range []string{
		"marque 2 para español", "AYUDA", "1-800-662-4357", "Línea Nacional de Ayuda de SAMHSA",
		`<label for="q">Nombre o ciudad</label>`, "25 millas",
	} {
		if !strings.Contains(home, want) {
			t.Errorf("/es/ lacks %q", want)
		}
	}
	if en := readPage(t, dir, ""); strings.Contains(en, "AYUDA") || strings.Contains(en, "millas") {
		t.Error("the English home page shows Spanish text")
	}
	state := readPage(t, dir, "es/states/oh/")
	if !regexp.MustCompile(`[0-9,]+ centros en [0-9]+ ciudades`).MatchString(state) {
		t.Error("/es/states/oh/ does not count its centers in Spanish")
	}
	months := `(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)`
	day := regexp.MustCompile(`Revisado el <time datetime="[0-9-]+">[0-9]{1,2} de ` + months + ` de 20[0-9]{2}</time>`)
	found := false
	centers, _ := os.ReadDir(filepath.Join(dir, "es/centers"))
	for _, c := range centers {
		if day.MatchString(readPage(t, dir, "es/centers/"+c.Name()+"/")) {
			found = true
			break
		}
	}
	if !found {
		t.Error("no Spanish center page says when it was checked, in Spanish (\"Revisado el 20 de julio de 2026\")")
	}
	b, err := os.ReadFile(filepath.Join(dir, "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Page not found", `<section lang="es"`, "No encontramos esta página", `href="/es/"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("404.html lacks %q", want)
		}
	}
	sitemap, err := os.ReadFile(filepath.Join(dir, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<loc>" + siteURL + "levels/iop/</loc>", "<loc>" + siteURL + "es/levels/iop/</loc>"} {
		if !strings.Contains(string(sitemap), want) {
			t.Errorf("sitemap.xml lacks %s", want)
		}
	}
}

// TestLanguageSwitchKeepsTheSearch follows the switch from an English
// search to Spanish and back, on a phone: the query goes with it, and the
// Spanish page shows the same results in Spanish.
func TestLanguageSwitchKeepsTheSearch(t *testing.T) {
	dir := exampleSite(t)
	base := browsertest.Serve(t, dir)
	ctx := browsertest.Start(t)
	const query = "?near=43215&radius=50&level=iop&pay=medicaid"
	results := func() ([]string, error) {
		return chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`[...document.querySelectorAll('#results li')].map(li => li.dataset.centerId)`))
	}
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 390, Height: 844, DeviceScaleFactor: 3, Mobile: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 5}); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/"+query),
		chromedp.WaitVisible(chromedp.CSS("#results li")))
	if err != nil {
		t.Fatal(err)
	}
	english, err := results()
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`a[data-lang-switch][hreflang="es"]`)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="es"] #results li`)))
	if err != nil {
		t.Fatal(err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.search`))
	if err != nil {
		t.Fatal(err)
	}
	if loc != "/es/"+query {
		t.Errorf("the switch led to %s, want /es/%s", loc, query)
	}
	spanish, err := results()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(spanish, " ") != strings.Join(english, " ") {
		t.Errorf("Spanish results differ:\n en %v\n es %v", english, spanish)
	}
	label, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('result-label').textContent`))
	if err != nil {
		t.Fatal(err)
	}
	// The count names the filters since the phone layout: "… encontrados que
	// ofrecen <nivel> y que aceptan Medicaid a menos de 50 millas de 43215."
	if !strings.Contains(label, "centros encontrados que ofrecen ") || !strings.Contains(label, " a menos de 50 millas de 43215") {
		t.Errorf("the Spanish count reads %q", label)
	}
	badge, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#results li [data-level="iop"]').textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if badge != "Tratamiento ambulatorio intensivo (IOP)" {
		t.Errorf("a Spanish result names its level %q", badge)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`a[data-lang-switch][hreflang="en"]`)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] #results li`)))
	if err != nil {
		t.Fatal(err)
	}
	if loc, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.search`)); loc != "/"+query {
		t.Errorf("the switch back led to %s, want /%s", loc, query)
	}
}
