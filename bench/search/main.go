// Command search measures the search page against the targets of docs/performance.md, on
// a synthetic directory of 20,000 centers that it generates and builds:
//
//   - the bytes a browser downloads to show the first results of a ZIP
//     search (page, CSS, JS and index data), each response gzipped at
//     level 6, as a host would send it;
//   - the time from ticking a level checkbox to updated results, the median
//     of 20 ticks in each of 3 freshly opened pages, measured inside
//     Chromium, and beside it Chromium's own counters of the layout, style
//     and script time each tick costs (in the last page).
//
// Run it from the site folder:
//
//	go run ./bench/search
//
// It builds into a folder under /dev/shm (tmpfs) when there is one, and
// needs Chromium, as the browser tests do.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing/fstest"
	"text/tabwriter"
	"time"

	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"

	"treatmentdir/internal/browsertest"
	"treatmentdir/internal/build"
	"treatmentdir/internal/synth"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench/search:", err)
		os.Exit(1)
	}
}

type options struct {
	n      int
	seed   uint64
	root   string
	zips   []string
	ticks  int
	rounds int
	built  string
	keep   string
}

func run(args []string, stdout io.Writer) error {
	o := options{}
	fset := flag.NewFlagSet("search", flag.ContinueOnError)
	fset.IntVar(&o.n, "n", 20000, "number of synthetic centers")
	fset.Uint64Var(&o.seed, "seed", 1, "random seed of the data")
	fset.StringVar(&o.root, "root", ".", "site `folder`")
	zips := fset.String("zips", "10001,60601,43215,90012,59001", "comma-separated ZIP codes to search near")
	fset.IntVar(&o.ticks, "ticks", 20, "checkbox ticks to time in each page")
	fset.IntVar(&o.rounds, "rounds", 3, "fresh pages to tick in, for each search: the median is of all their ticks")
	fset.StringVar(&o.built, "site", "", "measure the site already built in `folder` (as by -keep) instead of building one")
	fset.StringVar(&o.keep, "keep", "", "build into `folder` and keep it")
	if err := fset.Parse(args); err != nil {
		return err
	}
	o.zips = strings.Split(*zips, ",")
	o.rounds = max(1, o.rounds)
	if o.built != "" {
		// A folder built before, for trying a change to the published
		// CSS or JS in place without building again.
		fmt.Fprintf(stdout, "the site built in %s\n", o.built)
		work, err := os.MkdirTemp(tmpfs(), "bench-search-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(work)
		return measure(o, o.built, filepath.Join(work, "profile"), stdout)
	}
	work, err := os.MkdirTemp(tmpfs(), "bench-search-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	fmt.Fprintf(stdout, "%s centers, seed %d, built in %s\n", comma(o.n), o.seed, work)
	out := filepath.Join(work, "public")
	if o.keep != "" {
		out = o.keep
	}
	if err := buildSite(o, out); err != nil {
		return err
	}
	return measure(o, out, filepath.Join(work, "profile"), stdout)
}

// tmpfs is /dev/shm when it exists, so that disk speed stays out of it.
func tmpfs() string {
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		return "/dev/shm"
	}
	return os.TempDir()
}

// buildSite generates the centers and builds the site into out.
func buildSite(o options, out string) error {
	fsys := os.DirFS(o.root)
	zf, err := fsys.Open("data/zips.csv")
	if err != nil {
		return err
	}
	defer zf.Close()
	zips, err := synth.ReadZIPs(zf)
	if err != nil {
		return err
	}
	var csv bytes.Buffer
	if err := synth.Write(&csv, synth.Options{N: o.n, Seed: o.seed, ZIPs: zips}); err != nil {
		return err
	}
	cfg, err := build.LoadConfig(fsys, o.root)
	if err != nil {
		return err
	}
	cfg.BaseURL = "http://127.0.0.1/"
	cfg.DataFS = fstest.MapFS{"centers.csv": {Data: csv.Bytes()}}
	cfg.Data.Centers, cfg.DataName = "centers.csv", "centers.csv"
	_, _, err = build.Publish(fsys, cfg, out)
	return err
}

// recorder serves a folder and notes the gzipped size of every response.
type recorder struct {
	dir   string
	files http.Handler
	mu    sync.Mutex
	got   []served
}

type served struct {
	path     string
	raw, gz  int
	notFound bool
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := filepath.Join(rec.dir, filepath.FromSlash(r.URL.Path))
	if strings.HasSuffix(r.URL.Path, "/") {
		name = filepath.Join(name, "index.html")
	}
	s := served{path: r.URL.Path}
	if b, err := os.ReadFile(name); err == nil {
		s.raw, s.gz = len(b), gzipSize(b)
	} else {
		s.notFound = true
	}
	rec.mu.Lock()
	rec.got = append(rec.got, s)
	rec.mu.Unlock()
	rec.files.ServeHTTP(w, r)
}

func (rec *recorder) take() []served {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	got := rec.got
	rec.got = nil
	return got
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, 6)
	zw.Write(b)
	zw.Close()
	return buf.Len()
}

// measure opens a ZIP search for each ZIP code in a fresh browser profile
// and reports the bytes, then times checkbox ticks.
func measure(o options, dir, profile string, stdout io.Writer) error {
	rec := &recorder{dir: dir, files: http.FileServer(http.Dir(dir))}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	ctx, stop, err := browsertest.Launch(profile)
	if err != nil {
		return err
	}
	defer stop()
	fmt.Fprintln(stdout, "\nBytes downloaded to show the first results of a ZIP search (gzip -6 of each response):")
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "search\tresults\trequests\tpage+CSS+JS\tindex data\ttotal gz\ttotal raw\t")
	var worst []served
	worstTotal := 0
	for _, zip := range o.zips {
		got, results, err := firstResults(ctx, srv.URL+"/?near="+zip, rec)
		if err != nil {
			return err
		}
		page, index, raw := split(got)
		fmt.Fprintf(tw, "near=%s\t%s\t%d\t%s\t%s\t%s\t%s\t\n", zip, results, len(got), kb(page), kb(index), kb(page+index), kb(raw))
		if page+index > worstTotal {
			worst, worstTotal = got, page+index
		}
	}
	tw.Flush()
	fmt.Fprintln(stdout, "\nFiles of the largest:")
	tw = tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	for _, s := range worst {
		fmt.Fprintf(tw, "  %s\t%s gz\t%s raw\n", s.path, kb(s.gz), kb(s.raw))
	}
	tw.Flush()
	return timeTicks(ctx, o, srv.URL, rec, stdout)
}

// firstResults opens u in a new browser context (an empty cache) and
// returns what was served until the results were shown.
func firstResults(parent context.Context, u string, rec *recorder) ([]served, string, error) {
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	defer cancel()
	rec.take()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		return nil, "", err
	}
	if err := waitResults(ctx); err != nil {
		return nil, "", err
	}
	count, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('result-count').textContent`))
	got := rec.take()
	for _, s := range got {
		if s.notFound {
			return nil, "", fmt.Errorf("%s: the page asked for %s, which does not exist", u, s.path)
		}
	}
	return got, count, err
}

func waitResults(ctx context.Context) error {
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return chromedp.Do(wctx, chromedp.Poll[chromedp.Void](`(() => { const r = document.getElementById('results');
		return r.getAttribute('aria-busy') === 'false' && r.dataset.query === location.search.slice(1); })()`,
		chromedp.WithPollingInterval(5*time.Millisecond)))
}

// split sums the gzipped bytes of the page and its assets, and of the
// search index, and the raw bytes of both.
func split(got []served) (page, index, raw int) {
	for _, s := range got {
		if strings.HasPrefix(s.path, "/search/") {
			index += s.gz
		} else {
			page += s.gz
		}
		raw += s.raw
	}
	return page, index, raw
}

// tickJS ticks a checkbox, or unticks it, n+1 times, and waits each time
// for the results list to say it is up to date. It returns, for each change
// but the first (a warm-up), the milliseconds until the DOM was updated and
// until the page's layout was done as well.
const tickJS = `(async (id, n) => {
	const results = document.getElementById('results');
	const box = document.getElementById(id);
	const once = () => new Promise((resolve) => {
		const mo = new MutationObserver(() => {
			if (results.getAttribute('aria-busy') !== 'false') return;
			mo.disconnect();
			const dom = performance.now();
			results.getBoundingClientRect();
			resolve([dom, performance.now()]);
		});
		mo.observe(results, { attributes: true, attributeFilter: ['aria-busy'] });
	});
	const dom = [], layout = [];
	for (let i = 0; i <= n; i++) {
		const done = once();
		const t0 = performance.now();
		box.click();
		const [t1, t2] = await done;
		if (i > 0) { dom.push(t1 - t0); layout.push(t2 - t0); }
		await new Promise((r) => setTimeout(r, 30));
	}
	return { dom, layout };
})`

type tickTimes struct {
	DOM    []float64 `json:"dom"`
	Layout []float64 `json:"layout"`
}

// timeTicks times ticking a level on a ZIP search and on a search over
// the whole directory.
func timeTicks(ctx context.Context, o options, base string, rec *recorder, stdout io.Writer) error {
	fmt.Fprintf(stdout, "\nTicking a level checkbox until the results are updated and laid out, in Chromium, %d ticks in each of %d fresh pages (%d cores, load average %s):\n",
		o.ticks, o.rounds, runtime.NumCPU(), loadAverage())
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  search\tmedian\t(min to max)\tof which script and DOM (median)")
	var counted []string
	for _, c := range []struct{ label, query, box string }{
		{"near=" + o.zips[0] + " (cells around the ZIP)", "near=" + o.zips[0], "level-iop"},
		{"pay=medicaid (all " + comma(o.n) + " centers, by name)", "pay=medicaid", "level-iop"},
	} {
		// Each round is a fresh page; one page's ticks vary with what
		// else the host did in those seconds, so the median is of the
		// ticks of all the rounds.
		var times tickTimes
		var work counters
		var cpu cpuTimes
		for range o.rounds {
			page, pageWork, pageCPU, err := timeSearch(ctx, o, base+"/?"+c.query, c.box)
			if err != nil {
				return err
			}
			times.DOM = append(times.DOM, page.DOM...)
			times.Layout = append(times.Layout, page.Layout...)
			work, cpu = pageWork, pageCPU
		}
		rec.take()
		slices.Sort(times.DOM)
		slices.Sort(times.Layout)
		fmt.Fprintf(tw, "  %s\t%.1f ms\t(%.1f to %.1f)\t%.1f ms\n", c.label, median(times.Layout), times.Layout[0], times.Layout[len(times.Layout)-1], median(times.DOM))
		counted = append(counted, c.label+":\n    "+work.String()+"\n    CPU: "+cpu.String())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "\nWork per tick in the last page, from Chromium: the Performance counters (time in each phase, all the ticks, warm-up included),")
	fmt.Fprintln(stdout, "and the thread CPU time of the page's main thread in a trace of as many more ticks (steady on a busy machine):")
	for _, line := range counted {
		fmt.Fprintln(stdout, "  "+line)
	}
	return nil
}

// timeSearch opens u in a tab of a new browser context, as a person's
// first visit would be, and times ticking box there. A new context has
// its own renderer: a renderer that has run many filter changes before,
// as the second search did when both ran in one tab, lays out a change in
// half the time or less of the one a fresh page gets (2.4 against 6 to 9
// ms, 2026-12-01), so that the order of the searches, not the searches,
// made the difference between them.
func timeSearch(parent context.Context, o options, u, box string) (tickTimes, counters, cpuTimes, error) {
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		return tickTimes{}, counters{}, cpuTimes{}, err
	}
	if err := waitResults(ctx); err != nil {
		return tickTimes{}, counters{}, cpuTimes{}, err
	}
	times, work, err := tick(ctx, box, o.ticks)
	if err != nil {
		return tickTimes{}, counters{}, cpuTimes{}, err
	}
	if work.viewport, err = chromedp.Run(ctx, chromedp.Evaluate[string](`innerWidth + "x" + innerHeight`)); err != nil {
		return tickTimes{}, counters{}, cpuTimes{}, err
	}
	// The same ticks again, traced: the trace's thread times leave out
	// the waits for a core, but tracing slows the page, so the wall
	// times above are taken without it.
	cpu, err := traceCPU(ctx, o.ticks+1, func() error {
		_, err := chromedp.Run(ctx, chromedp.Evaluate[tickTimes](fmt.Sprintf("%s(%q, %d)", tickJS, box, o.ticks), chromedp.EvalAwaitPromise))
		return err
	})
	return times, work, cpu, err
}

// tick runs tickJS on the page in ctx and reads Chromium's counters
// before and after, after a first change that warms the page up.
func tick(ctx context.Context, box string, n int) (tickTimes, counters, error) {
	if _, err := chromedp.Call(ctx, performance.Enable, performance.EnableParams{}); err != nil {
		return tickTimes{}, counters{}, err
	}
	// Ticking twice leaves the box as it was, warmed up.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[tickTimes](fmt.Sprintf("%s(%q, %d)", tickJS, box, 1), chromedp.EvalAwaitPromise)); err != nil {
		return tickTimes{}, counters{}, err
	}
	before, err := readCounters(ctx)
	if err != nil {
		return tickTimes{}, counters{}, err
	}
	times, err := chromedp.Run(ctx, chromedp.Evaluate[tickTimes](fmt.Sprintf("%s(%q, %d)", tickJS, box, n), chromedp.EvalAwaitPromise))
	if err != nil {
		return tickTimes{}, counters{}, err
	}
	after, err := readCounters(ctx)
	if err != nil {
		return tickTimes{}, counters{}, err
	}
	if len(times.Layout) == 0 {
		return tickTimes{}, counters{}, errors.New("no tick timed")
	}
	// tickJS changes the box n+1 times; the counters saw them all.
	return times, perTick(before, after, n+1), nil
}

// loadAverage is the one-minute load average, which says how far other
// work on the machine may have slowed the timings; "?" where unknown.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "?"
}

func median(xs []float64) float64 {
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

func kb(n int) string {
	return fmt.Sprintf("%.1f KB", float64(n)/1000)
}

func comma(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
