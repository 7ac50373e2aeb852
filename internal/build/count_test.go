package build

import "testing"

// atLeast fails the test when a loop saw fewer than min items: a check
// made in a loop over no files, pages or links checks nothing.
func atLeast(t testing.TB, what string, n, min int) {
	t.Helper()
	if n < min {
		t.Errorf("%d %s, want at least %d: the checks above ran on too little", n, what, min)
	}
}
