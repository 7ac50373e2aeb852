package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// cpuTimes is the thread CPU time the page's main thread spent, from a
// Chromium trace: unlike wall times and the Performance counters, time
// the thread waits for a core on a busy machine is not in it.
type cpuTimes struct {
	task   float64 // every task of the main thread, ms
	layout float64 // layout, ms
	style  float64 // style recalculation (UpdateLayoutTree), ms
	dirty  float64 // objects that needed layout, a count that does not depend on the machine's speed
}

// traceEvent is the part of a Chromium trace event that cpuTimes reads.
type traceEvent struct {
	Name string  `json:"name"`
	Ph   string  `json:"ph"`
	Tid  int     `json:"tid"`
	Pid  int     `json:"pid"`
	TDur float64 `json:"tdur"` // thread time, µs
	Args struct {
		Name      string `json:"name"` // of a thread_name event
		BeginData struct {
			DirtyObjects float64 `json:"dirtyObjects"` // of a Layout event
		} `json:"beginData"`
	} `json:"args"`
}

// traceCPU runs fn while Chromium traces the page in ctx, and returns the
// CPU time of the page's main thread, divided by n.
func traceCPU(ctx context.Context, n int, fn func() error) (cpuTimes, error) {
	var (
		mu     sync.Mutex
		events []traceEvent
		bad    error
	)
	done := make(chan struct{})
	var once sync.Once
	lctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if err := chromedp.Listen(lctx, func(ev any) {
		switch ev := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			defer mu.Unlock()
			for _, v := range ev.Value {
				var e traceEvent
				if err := json.Unmarshal(v, &e); err != nil {
					bad = err
					continue
				}
				if e.Ph == "X" || e.Ph == "M" {
					events = append(events, e)
				}
			}
		case *tracing.EventTracingComplete:
			once.Do(func() { close(done) })
		}
	}); err != nil {
		return cpuTimes{}, err
	}
	if _, err := chromedp.Call(ctx, tracing.Start, tracing.StartParams{
		TransferMode: tracing.StartTransferModeReportEvents,
		TraceConfig: &tracing.TraceConfig{
			IncludedCategories: []string{"toplevel", "devtools.timeline"},
		},
	}); err != nil {
		return cpuTimes{}, err
	}
	runErr := fn()
	if _, err := chromedp.Call(ctx, tracing.End, cdp.Empty{}); err != nil {
		return cpuTimes{}, err
	}
	select {
	case <-done:
	case <-ctx.Done():
		return cpuTimes{}, ctx.Err()
	}
	if runErr != nil {
		return cpuTimes{}, runErr
	}
	mu.Lock()
	defer mu.Unlock()
	if bad != nil {
		return cpuTimes{}, fmt.Errorf("reading the trace: %w", bad)
	}
	return sumCPU(events, n)
}

// sumCPU adds up the thread times of the renderer's main thread: its
// top-level tasks, and the layouts and style recalculations within them.
func sumCPU(events []traceEvent, n int) (cpuTimes, error) {
	type thread struct{ pid, tid int }
	main := map[thread]bool{}
	for _, e := range events {
		if e.Ph == "M" && e.Name == "thread_name" && e.Args.Name == "CrRendererMain" {
			main[thread{e.Pid, e.Tid}] = true
		}
	}
	if len(main) == 0 {
		return cpuTimes{}, fmt.Errorf("the trace names no renderer main thread")
	}
	var c cpuTimes
	for _, e := range events {
		if e.Ph != "X" || !main[thread{e.Pid, e.Tid}] {
			continue
		}
		switch e.Name {
		case "ThreadControllerImpl::RunTask", "RunTask":
			c.task += e.TDur
		case "Layout":
			c.layout += e.TDur
			c.dirty += e.Args.BeginData.DirtyObjects
		case "UpdateLayoutTree":
			c.style += e.TDur
		}
	}
	k := 1000 * float64(n)
	return cpuTimes{task: c.task / k, layout: c.layout / k, style: c.style / k, dirty: c.dirty / float64(n)}, nil
}

// String is the times as the benchmark prints them.
func (c cpuTimes) String() string {
	return fmt.Sprintf("main thread %.2f ms, of which layout %.2f ms (%.0f objects to lay out) and style %.2f ms", c.task, c.layout, c.dirty, c.style)
}
