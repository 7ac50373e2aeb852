package build

import (
	"bytes"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// runJobs renders on every core; output order does not matter because each
// job owns its file. Each worker takes the next page from a shared counter:
// most jobs of a rebuild only find their page fresh, a few microseconds'
// work, and a channel hand-off would cost about as much. A job of a set
// stands for a run of pages, which the workers share out page by page.
// Each job of one file is dropped from jobs once run, so that what its
// page was drawn from (the closures of a state or city page) goes while
// the others are drawn: jobs is used up.
func runJobs(jobs []job, out Output) error {
	ends := make([]int, len(jobs)) // the pages of jobs[:k+1]
	total := 0
	for k := range jobs {
		total += jobs[k].pages()
		ends[k] = total
	}
	workers := runtime.GOMAXPROCS(0)
	var next atomic.Int64
	var failed atomic.Bool
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var buf bytes.Buffer
			k := 0 // the job of page p: pages are taken in order, so k only grows
			for !failed.Load() {
				p := int(next.Add(1)) - 1
				if p >= total {
					return
				}
				for ends[k] <= p {
					k++
				}
				j := jobs[k]
				if j.set != nil {
					j.i += p - (ends[k] - j.pages())
				}
				if err := runJob(j, out, &buf); err != nil {
					errs[w] = err
					failed.Store(true)
				}
				if j.set == nil {
					jobs[k] = job{}
				}
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
	name := j.file()
	keyed, ok := out.(KeyedOutput)
	var key Key
	if ok && (j.key != nil || j.set != nil) {
		if key = j.keyOf(); keyed.Fresh(name, key) {
			return nil
		}
	}
	buf.Reset()
	if err := j.draw(buf); err != nil {
		return err
	}
	if ok {
		return keyed.PutKeyed(name, key, buf.Bytes())
	}
	return out.Put(name, buf.Bytes())
}

// job is one output file and how to make it: its name and two funcs, or
// a page of a set, named by its place in it. A job with a key may be
// skipped when its key is the one the file was last made from; one without
// is rendered every time and compared by its bytes.
type job struct {
	name   string
	key    func() Key
	render func(*bytes.Buffer) error
	set    pageSet // the set the page belongs to, or nil
	i      int     // the page's place in set
	n      int     // in a set, the job is its pages i to i+n-1 (0 is 1)
}

// pages is how many pages the job stands for.
func (j *job) pages() int { return max(1, j.n) }

// pageSet is a set of pages drawn alike, each known by its place: the
// center pages of a language. A job of a set holds no closures and no
// name until it is run, which at 100,000 centers in two languages was
// 45 MB live from the listing of the pages to the drawing of each; one
// job stands for all the pages of a set, which spares 14 MB more.
type pageSet interface {
	name(i int) string
	key(i int) Key
	render(i int, b *bytes.Buffer) error
}

// file is the name of the job's file.
func (j *job) file() string {
	if j.set != nil {
		return j.set.name(j.i)
	}
	return j.name
}

// isPage reports whether the job makes an HTML page, without naming a
// page of a set.
func (j *job) isPage() bool { return j.set != nil || strings.HasSuffix(j.name, ".html") }

func (j *job) keyOf() Key {
	if j.set != nil {
		return j.set.key(j.i)
	}
	return j.key()
}

func (j *job) draw(b *bytes.Buffer) error {
	if j.set != nil {
		return j.set.render(j.i, b)
	}
	return j.render(b)
}
