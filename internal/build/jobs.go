package build

import (
	"bytes"
	"runtime"
	"sync"
	"sync/atomic"
)

// runJobs renders on every core; output order does not matter because each
// job owns its file. Each worker takes the next job from a shared counter:
// most jobs of a rebuild only find their page fresh, a few microseconds'
// work, and a channel hand-off would cost about as much. Each job is
// dropped from jobs once run, so that what its page was drawn from (20 MB
// of closures at 100,000 centers) goes while the others are drawn: jobs
// is used up.
func runJobs(jobs []job, out Output) error {
	workers := runtime.GOMAXPROCS(0)
	var next atomic.Int64
	var failed atomic.Bool
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var buf bytes.Buffer
			for !failed.Load() {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				if err := runJob(jobs[i], out, &buf); err != nil {
					errs[w] = err
					failed.Store(true)
				}
				jobs[i] = job{}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// runJob renders one file into buf, unless out still holds it from the
// same inputs, and hands it to out.
func runJob(j job, out Output, buf *bytes.Buffer) error {
	keyed, ok := out.(KeyedOutput)
	var key Key
	if ok && j.key != nil {
		if key = j.key(); keyed.Fresh(j.name, key) {
			return nil
		}
	}
	buf.Reset()
	if err := j.render(buf); err != nil {
		return err
	}
	if ok {
		return keyed.PutKeyed(j.name, key, buf.Bytes())
	}
	return out.Put(j.name, buf.Bytes())
}
