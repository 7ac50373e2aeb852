package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"
)

// report prints the results as a Markdown table, ours and Hugo's side by
// side, and the conditions they were measured in.
func report(w io.Writer, r *results) {
	for i, set := range r.sets {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "Data set %s: %s\n\n", set.name, setAbout[set.name])
		hugo := r.hugo
		if i > 0 {
			hugo = nil // Hugo builds the first set only
		}
		reportSet(w, set.sizes, hugo)
		if i == 0 {
			reportLanguages(w, r.langs)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, conditions(r))
}

// setAbout says what each data set is.
var setAbout = map[string]string{
	"even":   "centers spread evenly over the ZIP codes",
	"people": "centers drawn around ZIP centroids in proportion to where people live (the density of ZIP centroids standing in for population)",
}

// reportSet prints one data set's table; hugo is nil when Hugo was not run on it.
func reportSet(w io.Writer, sizes []sizeResult, hugoRun *sample) {
	r := &results{hugo: hugoRun}
	first := sizes[0]
	hugo := func(f func(*sample) string) string {
		if r.hugo == nil {
			return "–"
		}
		return f(r.hugo)
	}
	ratio := func(ours, theirs float64) string {
		if r.hugo == nil || ours == 0 {
			return ""
		}
		return fmt.Sprintf("%.1fx", theirs/ours)
	}
	n := comma(first.n)
	fmt.Fprintln(w, "| what | ours | hugo | ratio |")
	fmt.Fprintln(w, "|---|---|---|---|")
	fmt.Fprintf(w, "| full build, %s centers: wall | %s | %s | %s |\n", n, secs(first.full.wall)+spread(first.fullWalls),
		hugo(func(s *sample) string { return secs(s.wall) }), ratio(first.full.wall.Seconds(), seconds(r.hugo)))
	fmt.Fprintf(w, "| full build, %s centers: peak RSS | %s | %s | %s |\n", n, mb(first.full.peakKB)+memTarget(first),
		hugo(func(s *sample) string { return mb(s.peakKB) }), ratio(float64(first.full.peakKB), kb(r.hugo)))
	fmt.Fprintf(w, "| rebuild after one row changed: wall | %s | %s | %s |\n", secs(first.rebuild.wall)+spread(first.rebuildWalls),
		hugo(func(s *sample) string { return secs(s.wall) + " (all again)" }), ratio(first.rebuild.wall.Seconds(), seconds(r.hugo)))
	fmt.Fprintf(w, "| rebuild after one row changed: files written | %s of %s | %s | |\n", comma(first.rebuild.written),
		comma(first.pages), hugo(func(s *sample) string { return "all " + comma(s.written) }))
	for _, s := range sizes[1:] {
		lo, mid, hi := s.ratios[0], s.ratios[len(s.ratios)/2], s.ratios[len(s.ratios)-1]
		fmt.Fprintf(w, "| full build, %s centers: wall | %s | | %.2fx the %s build (median of the runs' ratios, %.2fx to %.2fx) |\n",
			comma(s.n), secs(s.full.wall)+spread(s.fullWalls), mid, n, lo, hi)
		fmt.Fprintf(w, "| full build, %s centers: peak RSS | %s | | |\n", comma(s.n), mb(s.full.peakKB)+memTarget(s))
		fmt.Fprintf(w, "| rebuild after one row changed, %s centers: wall | %s, %s files written, peak RSS %s | | |\n",
			comma(s.n), secs(s.rebuild.wall)+spread(s.rebuildWalls), comma(s.rebuild.written), mb(s.rebuildPeakKB))
	}
}

// memTargets is the most peak memory, in MB (MiB, as mb prints), the
// design allows a full build of some sizes.
var memTargets = map[int]int64{20000: 150, 100000: 400}

// memTarget checks the highest peak memory of a size's runs, full builds
// and rebuilds, against its target, if it has one.
func memTarget(s sizeResult) string {
	target, ok := memTargets[s.n]
	if !ok {
		return ""
	}
	peak := max(s.fullPeakKB, s.rebuildPeakKB)
	verdict := "met"
	if peak > target*1024 {
		verdict = "NOT met"
	}
	return fmt.Sprintf(" (highest of the runs %s; target at most %d MB: %s)", mb(peak), target, verdict)
}

// conditions says where and how the figures were taken.
func conditions(r *results) string {
	disk := "output on disk"
	if r.tmpfs {
		disk = "output on tmpfs"
	}
	host, _ := os.Hostname()
	parts := []string{
		fmt.Sprintf("%d cores", runtime.NumCPU()), runtime.Version(), runtime.GOOS + "/" + runtime.GOARCH,
		disk, fmt.Sprintf("median of %d runs", r.runs), time.Now().Format(time.DateOnly), "host " + host,
	}
	if r.host != (hostCosts{}) {
		parts = append(parts, r.host.String())
	}
	if r.hugo != nil {
		parts = append(parts, fmt.Sprintf("Hugo %s, %d run(s)", r.hugoV, r.hugoRs))
	}
	return strings.Join(parts, ", ")
}

// spread is the range of the runs' wall times, after their median.
func spread(ws []time.Duration) string {
	if len(ws) < 2 {
		return ""
	}
	return fmt.Sprintf(" (%s to %s)", secs(ws[0]), secs(ws[len(ws)-1]))
}

func seconds(s *sample) float64 {
	if s == nil {
		return 0
	}
	return s.wall.Seconds()
}

func kb(s *sample) float64 {
	if s == nil {
		return 0
	}
	return float64(s.peakKB)
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func mb(kb int64) string { return fmt.Sprintf("%d MB", kb/1024) }

func comma(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
