package hugoexport

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// hugoPath finds the hugo command on PATH, else where `go install` puts it.
// A missing Hugo fails the test rather than skipping it: CI installs Hugo,
// and a test that silently skips there proves nothing.
func hugoPath(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("hugo"); err == nil {
		return p
	}
	if gopath, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		for _, dir := range filepath.SplitList(strings.TrimSpace(string(gopath))) {
			p := filepath.Join(dir, "bin", "hugo")
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	t.Fatal("hugo is not on PATH nor in $(go env GOPATH)/bin; install it with: go install github.com/gohugoio/hugo@v0.152.2")
	return ""
}

// minHugo is the oldest Hugo with the template system the layouts use.
var minHugo = [3]int{0, 146, 0}

var hugoVersion = regexp.MustCompile(`\bv(\d+)\.(\d+)\.(\d+)`)

// checkHugoVersion fails the test when hugo is older than minHugo.
func checkHugoVersion(t *testing.T, hugo string) {
	t.Helper()
	out, err := exec.Command(hugo, "version").Output()
	if err != nil {
		t.Fatalf("%s version: %v", hugo, err)
	}
	m := hugoVersion.FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("%s version: cannot read the version in %q", hugo, out)
	}
	var v [3]int
	for i := range v {
		v[i], _ = strconv.Atoi(m[i+1])
	}
	if v[0] < minHugo[0] || v[0] == minHugo[0] && v[1] < minHugo[1] {
		t.Fatalf("%s is %s; the export needs v%d.%d or later", hugo, m[0], minHugo[0], minHugo[1])
	}
	t.Logf("using %s", strings.TrimSpace(string(out)))
}

// runHugo builds the Hugo site in dir into public and fails the test on
// an error or on any warning Hugo prints.
func runHugo(t *testing.T, dir, public string) {
	t.Helper()
	hugo := hugoPath(t)
	checkHugoVersion(t, hugo)
	cmd := exec.Command(hugo, "--source", dir, "--destination", public,
		"--cacheDir", t.TempDir(), "--logLevel", "warn", "--panicOnWarning")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running hugo: %v", err)
	}
	var problems []string
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(line, "WARN") || strings.HasPrefix(line, "ERROR") {
			problems = append(problems, line)
		}
	}
	if err != nil || len(problems) > 0 {
		t.Fatalf("hugo -s %s: %v\n%s", dir, err, out.String())
	}
}

// readFile returns the text of a file, failing the test when it is missing.
func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
