package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestSumCPU reads a small trace: only the renderer's main thread counts,
// thread time (tdur) rather than wall time (dur), and the sums are per tick.
func TestSumCPU(t *testing.T) {
	raw := []string{
		`{"name":"thread_name","ph":"M","pid":1,"tid":10,"args":{"name":"CrRendererMain"}}`,
		`{"name":"thread_name","ph":"M","pid":1,"tid":11,"args":{"name":"Compositor"}}`,
		`{"name":"ThreadControllerImpl::RunTask","ph":"X","pid":1,"tid":10,"dur":9000,"tdur":6000}`,
		`{"name":"ThreadControllerImpl::RunTask","ph":"X","pid":1,"tid":11,"dur":5000,"tdur":5000}`,
		`{"name":"Layout","ph":"X","pid":1,"tid":10,"dur":4000,"tdur":2000,"args":{"beginData":{"dirtyObjects":300}}}`,
		`{"name":"Layout","ph":"X","pid":1,"tid":10,"dur":1000,"tdur":1000,"args":{"beginData":{"dirtyObjects":100}}}`,
		`{"name":"UpdateLayoutTree","ph":"X","pid":1,"tid":10,"dur":800,"tdur":500}`,
		`{"name":"Layout","ph":"X","pid":2,"tid":10,"dur":7000,"tdur":7000,"args":{"beginData":{"dirtyObjects":999}}}`,
	}
	var events []traceEvent
	for _, r := range raw {
		var e traceEvent
		if err := json.Unmarshal([]byte(r), &e); err != nil {
			t.Fatal(err)
		}
		events = append(events, e)
	}
	tests := []struct {
		name   string
		events []traceEvent
		n      int
		want   cpuTimes
		err    string
	}{
		{"two ticks", events, 2, cpuTimes{task: 3, layout: 1.5, style: 0.25, dirty: 200}, ""},
		{"one tick", events, 1, cpuTimes{task: 6, layout: 3, style: 0.5, dirty: 400}, ""},
		{"no main thread", events[1:], 1, cpuTimes{}, "no renderer main thread"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sumCPU(tt.events, tt.n)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one saying %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestPerTick turns two readings of the counters into the work of one
// tick, durations from seconds to milliseconds.
func TestPerTick(t *testing.T) {
	before := counters{layouts: 10, styles: 20, layout: 1.0, style: 0.5, scr: 2.0}
	after := counters{layouts: 30, styles: 40, layout: 1.1, style: 0.54, scr: 2.02}
	got := perTick(before, after, 20)
	want := counters{layouts: 1, styles: 1, layout: 5, style: 2, scr: 1}
	near := func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
	if !near(got.layouts, want.layouts) || !near(got.styles, want.styles) || !near(got.layout, want.layout) ||
		!near(got.style, want.style) || !near(got.scr, want.scr) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}
