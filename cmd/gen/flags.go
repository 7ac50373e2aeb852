package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"treatmentdir/internal/build"
)

// options are the flags every command shares.
type options struct {
	root    string
	data    string
	out     string
	baseURL string
	cache   string // builds' cache folder: "" for the user's cache folder, "off" for none
	now     string // the day taken as today, YYYY-MM-DD; "" for the real date
	// htmlTemplate draws every page with html/template alone.
	htmlTemplate bool
	// ownLayouts is set by the commands that need no layouts of the site
	// (export-hugo brings its own, export-hsds draws no pages).
	ownLayouts bool
}

// engineFlag adds -htmltemplate to fset, for the commands that render.
func engineFlag(fset *flag.FlagSet, o *options) {
	fset.BoolVar(&o.htmlTemplate, "htmltemplate", false, "draw every page with html/template alone, not with the compiled layouts (slower; the same pages)")
}

// buildFlags are the flags of the commands that build into a folder.
func buildFlags(fset *flag.FlagSet, o *options) {
	cacheFlag(fset, o)
	engineFlag(fset, o)
}

// cacheFlag adds -cache to fset, for the commands that build.
func cacheFlag(fset *flag.FlagSet, o *options) {
	fset.StringVar(&o.cache, "cache", "", "`folder` where builds keep what they read of the centers CSV, so that a rebuild reads only the rows that changed (default: the user's cache folder; off for none)")
}

// cacheFile is the cache file of this site and data file, or "" for none.
func (o *options) cacheFile() string {
	dir := o.cache
	if dir == "off" {
		return ""
	}
	if dir == "" {
		user, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(user, "treatmentdir")
	}
	root, err := filepath.Abs(o.root)
	if err != nil {
		return ""
	}
	data := "" // the site's own, named in site.toml
	if o.data != "" {
		data, _ = filepath.Abs(o.data)
	}
	sum := sha256.Sum256([]byte(root + "\x00" + data))
	return filepath.Join(dir, hex.EncodeToString(sum[:8])+".centers")
}

// parseFlags parses a command's flags; more adds the command's own.
func parseFlags(name string, args []string, stderr io.Writer, more func(*flag.FlagSet, *options)) (*options, []string, error) {
	o := &options{}
	fset := flag.NewFlagSet("gen "+name, flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.StringVar(&o.root, "root", ".", "site `folder`")
	fset.StringVar(&o.data, "data", "", "centers CSV `file` (default data/centers.csv under the root)")
	fset.StringVar(&o.out, "out", "", "output `folder` (default public under the root)")
	fset.StringVar(&o.baseURL, "base-url", "", "site `URL` (overrides site.toml; else $URL, as Netlify sets it)")
	fset.StringVar(&o.now, "now", "", "the `day` (YYYY-MM-DD) a build takes as today, for stale listings (default: the real date)")
	if more != nil {
		more(fset, o)
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, nil, err
		}
		return nil, nil, usageError{}
	}
	if o.out == "" {
		o.out = filepath.Join(o.root, "public")
	}
	return o, fset.Args(), nil
}

// site opens the site folder and reads its settings, with the flags applied.
func (o *options) site() (fs.FS, build.Config, error) {
	if fi, err := os.Stat(o.root); err != nil || !fi.IsDir() {
		return nil, build.Config{}, usageError{fmt.Sprintf("-root %s: not a folder", o.root)}
	}
	if err := o.checkOut(); err != nil {
		return nil, build.Config{}, err
	}
	fsys, err := build.OpenSite(o.root)
	if err != nil {
		return nil, build.Config{}, usageError{fmt.Sprintf("-root %s: %v", o.root, err)}
	}
	cfg, err := build.LoadConfig(fsys, o.root)
	if err != nil {
		var settings build.Errors
		if missing, ok := build.CheckFolder(fsys, cfg, !o.ownLayouts).(build.Errors); ok && errors.As(err, &settings) && o.data == "" {
			return nil, cfg, append(settings, missing...) // everything a new folder lacks, in one run
		}
		return nil, cfg, err
	}
	if err := cfg.ResolveBaseURL(o.baseURL, os.Getenv("URL")); err != nil {
		return nil, cfg, usageError{err.Error()}
	}
	if cfg.Now, err = parseNow(o.now); err != nil {
		return nil, cfg, err
	}
	if o.data != "" {
		if err := o.useDataFile(&cfg); err != nil {
			return nil, cfg, err
		}
	}
	if err := build.CheckFolder(fsys, cfg, !o.ownLayouts); err != nil {
		return nil, cfg, err
	}
	cfg.HTMLTemplateOnly = o.htmlTemplate
	return fsys, cfg, nil
}

// useDataFile points the build at the -data file, inside or outside the
// root. Inside, it is read like every site file (no link out of the root);
// outside, from its own folder, which no link may leave either.
func (o *options) useDataFile(cfg *build.Config) error {
	cfg.DataName = o.data
	if rel, err := filepath.Rel(o.root, o.data); err == nil && filepath.IsLocal(rel) {
		cfg.Data.Centers = filepath.ToSlash(rel)
		return nil
	}
	abs, _ := filepath.Abs(o.data)
	dataFS, err := build.OpenSite(filepath.Dir(abs))
	if err != nil {
		return usageError{fmt.Sprintf("-data %s: %v", build.Visible(o.data), err)}
	}
	cfg.DataFS = dataFS
	cfg.Data.Centers = filepath.Base(abs)
	return nil
}

// printWarnings lists the build's warnings, each once.
func printWarnings(stderr io.Writer, warnings []string) {
	if len(warnings) > 0 {
		fmt.Fprintln(stderr, strings.Join(warnings, "\n"))
	}
}

// parseNow reads -now; "" is the zero time, which builds take as today.
func parseNow(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return t, usageError{fmt.Sprintf("-now %q: write the date as YYYY-MM-DD", s)}
	}
	return t, nil
}
