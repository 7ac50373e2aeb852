// Command gen builds a treatment-center directory: it reads data/centers.csv,
// content/, layouts/ and static/ and writes a static site to public/.
//
//	gen                      build public/ from the current folder
//	gen serve                build, serve, rebuild on change
//	gen check                validate data and content, write nothing
//	gen diff OLD.csv NEW.csv centers added, removed and changed
//	gen export-hugo OUT      the whole directory as a Hugo site
//	gen stale                the centers due for a check, oldest first
//	gen export-hsds OUT      the directory as an HSDS 3.0 data package
//	gen import SOURCE INPUT  centers from SAMHSA's exports or a spreadsheet, merged into data/centers.csv
//	gen init DIR             a new site folder, ready to build
//
// Exit status: 0 built, 1 errors in the data or content, 2 wrong usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"treatmentdir/internal/build"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// exitCode prints err and maps it to the exit status.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var ue usageError
	if errors.As(err, &ue) {
		if ue.msg != "" {
			fmt.Fprintln(stderr, "gen:", build.Visible(ue.msg))
		}
		fmt.Fprintln(stderr, "usage: gen [build|serve|check|diff|export-hugo|export-hsds|import|init|stale] [flags]; gen <command> -h for its flags")
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, build.VisibleLines(err.Error())) // names and data may hold escape sequences
	return 1
}

// run is the whole command, apart from the process's exit.
func run(args []string, stdout, stderr io.Writer) error {
	cmd := "build"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "build":
		return runBuild(args, stdout, stderr)
	case "check":
		return runCheck(args, stdout, stderr)
	case "serve":
		return runServe(args, stdout, stderr)
	case "diff":
		return runDiff(args, stdout, stderr)
	case "export-hugo":
		return runExportHugo(args, stdout, stderr)
	case "stale":
		return runStale(args, stdout, stderr)
	case "export-hsds":
		return runExportHSDS(args, stdout, stderr)
	case "import":
		return runImport(args, stdout, stderr)
	case "init":
		return runInit(args, stdout, stderr)
	case "help":
		return usageError{}
	}
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}
