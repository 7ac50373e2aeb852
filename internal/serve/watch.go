package serve

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// watcher reports changes to the site's sources.
type watcher struct {
	fs      *fsnotify.Watcher
	targets []string // folders and files whose changes count
	ignore  []string // folders whose changes never count, absolute
}

// newWatcher watches every target: a folder with everything in it, or a
// file. A target that does not exist yet is picked up when it appears.
func newWatcher(targets, ignore []string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching for changes: %w", err)
	}
	w := &watcher{fs: fw}
	for _, p := range ignore {
		abs, err := filepath.Abs(p)
		if err != nil {
			fw.Close()
			return nil, fmt.Errorf("watching for changes: %w", err)
		}
		w.ignore = append(w.ignore, abs)
	}
	for _, t := range targets {
		t = filepath.Clean(t)
		if slices.Contains(w.targets, t) {
			continue
		}
		w.targets = append(w.targets, t)
		// The parent shows the target itself being created, deleted or
		// replaced by a rename.
		if err := w.add(filepath.Dir(t)); err != nil {
			fw.Close()
			return nil, err
		}
		if err := w.addTree(t); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

func (w *watcher) events() <-chan fsnotify.Event { return w.fs.Events }
func (w *watcher) errors() <-chan error          { return w.fs.Errors }
func (w *watcher) close() error                  { return w.fs.Close() }

// add watches one folder; one that is not there is skipped, since the
// build reports a missing source better than the watcher can.
func (w *watcher) add(dir string) error {
	err := w.fs.Add(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("watching %s: %w", dir, err)
	}
	return nil
}

// addTree watches root and every folder in it, if root is a folder.
func (w *watcher) addTree(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil // gone already, or unreadable: the build will say
		case !d.IsDir():
			return nil
		case w.ignored(p):
			return filepath.SkipDir
		}
		return w.add(p)
	})
}

// handle says whether an event is a change to the sources, and which file
// changed. A new folder in a watched tree is watched from now on.
func (w *watcher) handle(ev fsnotify.Event, stderr io.Writer) (string, bool) {
	ev.Name = filepath.Clean(ev.Name) // a file in "." comes as ./name
	if ev.Op == fsnotify.Chmod || editorFile(filepath.Base(ev.Name)) || w.ignored(ev.Name) || !w.target(ev.Name) {
		return "", false
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
			if err := w.addTree(ev.Name); err != nil {
				fmt.Fprintln(stderr, err)
			}
		}
	}
	return ev.Name, true
}

// target reports whether name is a target or lies in one.
func (w *watcher) target(name string) bool {
	return slices.ContainsFunc(w.targets, func(t string) bool { return within(name, t) })
}

// ignored reports whether name is an ignored folder or lies in one. The
// names are compared as absolute paths, so that -out /abs/path is ignored
// in a tree watched as a relative path, and the other way round; without
// that, each build would trigger the next.
func (w *watcher) ignored(name string) bool {
	abs, err := filepath.Abs(name)
	if err != nil {
		return false
	}
	return slices.ContainsFunc(w.ignore, func(dir string) bool { return within(abs, dir) })
}

// within reports whether name is dir or lies in it; both are clean.
func within(name, dir string) bool {
	if dir == "." {
		return !filepath.IsAbs(name)
	}
	return name == dir || strings.HasPrefix(name, dir+string(filepath.Separator))
}

// Editors write files beside the one being edited; changes to them are
// not changes to the site.
var (
	editorSuffixes = []string{
		"~",                    // backups: Emacs, vim, gedit
		".swp", ".swx", ".swo", // vim swap files
		"___jb_tmp___", "___jb_old___", // JetBrains safe writes
	}
	editorNames = []string{
		"4913",      // vim's test that it may write to the folder
		".DS_Store", // macOS Finder
	}
)

// editorFile reports whether a file name is one an editor or file manager
// writes beside the files being edited (backups, swap and lock files).
func editorFile(base string) bool {
	hasSuffix := func(s string) bool { return strings.HasSuffix(base, s) }
	return slices.ContainsFunc(editorSuffixes, hasSuffix) ||
		slices.Contains(editorNames, base) ||
		strings.HasPrefix(base, ".#") || // Emacs lock files
		len(base) > 1 && strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#") // Emacs auto-saves
}
