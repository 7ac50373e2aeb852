package main

import (
	"context"
	"fmt"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"
)

// counters are Chromium's own running totals of the work a page has done
// (the Performance domain of the DevTools protocol). The difference
// between two readings, divided by the ticks between them, says where a
// tick's time goes, and varies far less than wall times on a shared
// machine. They count every layout of a tick, also those after the
// moment the benchmark stops its clock (content-visibility makes more).
type counters struct {
	layouts, styles    float64 // how many layouts and style recalculations
	layout, style, scr float64 // seconds of layout, style and script
	viewport           string  // the page's size in CSS pixels, as the page sees it
}

// readCounters reads the counters of the page in ctx; performance.Enable
// must have been called on it first.
func readCounters(ctx context.Context) (counters, error) {
	res, err := chromedp.Call(ctx, performance.GetMetrics, cdp.Empty{})
	if err != nil {
		return counters{}, err
	}
	var c counters
	for _, m := range res.Metrics {
		switch m.Name {
		case "LayoutCount":
			c.layouts = m.Value
		case "RecalcStyleCount":
			c.styles = m.Value
		case "LayoutDuration":
			c.layout = m.Value
		case "RecalcStyleDuration":
			c.style = m.Value
		case "ScriptDuration":
			c.scr = m.Value
		}
	}
	return c, nil
}

// perTick is the work of one tick, the difference of two readings over n
// ticks, with durations in milliseconds.
func perTick(before, after counters, n int) counters {
	k := float64(n)
	return counters{
		layouts: (after.layouts - before.layouts) / k,
		styles:  (after.styles - before.styles) / k,
		layout:  (after.layout - before.layout) * 1000 / k,
		style:   (after.style - before.style) * 1000 / k,
		scr:     (after.scr - before.scr) * 1000 / k,
	}
}

// String is the counters as the benchmark prints them.
func (c counters) String() string {
	return fmt.Sprintf("layout %.2f ms (%.1f layouts), style %.2f ms (%.1f recalculations), script %.2f ms, viewport %s",
		c.layout, c.layouts, c.style, c.styles, c.scr, c.viewport)
}
