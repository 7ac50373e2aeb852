package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"treatmentdir/internal/build"
	"treatmentdir/internal/serve"
)

// runServe builds the site, serves it, and rebuilds and reloads the
// browser on every change until interrupted.
func runServe(args []string, stdout, stderr io.Writer) error {
	addr := "localhost:1313"
	o, rest, err := parseFlags("serve", args, stderr, func(fset *flag.FlagSet, o *options) {
		buildFlags(fset, o)
		fset.StringVar(&addr, "addr", addr, "where to listen, as `host:port`")
	})
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", rest[0])}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", addr, err)
	}
	siteURL := listenURL(addr, ln.Addr())
	if o.baseURL == "" {
		o.baseURL = siteURL // links must lead back to this server, whatever site.toml says
	}
	_, cfg, err := o.site()
	var ue usageError
	if errors.As(err, &ue) {
		ln.Close()
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	base := basePath(o.baseURL)
	return serve.Run(ctx, ln, serve.Options{
		Dir:      o.out,
		BasePath: base,
		URL:      strings.TrimSuffix(siteURL, "/") + base,
		Watch:    o.watchList(cfg, err == nil),
		Ignore:   []string{o.out},
		Build:    func() (string, error) { return buildSite(o, stderr) },
		Stdout:   stdout,
		Stderr:   stderr,
	})
}

// listenURL is the address of the server for a browser: a host that means
// every interface becomes localhost, and port 0 the port it got.
func listenURL(requested string, got net.Addr) string {
	host, _, err := net.SplitHostPort(requested)
	if ip := net.ParseIP(host); err != nil || host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	port := "1313"
	if tcp, ok := got.(*net.TCPAddr); ok {
		port = strconv.Itoa(tcp.Port)
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// basePath is the path of a base URL, under which the site is served.
func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// watchList names the sources of a build: the folders under the root, the
// site settings, and the data files wherever they are. cfg is used only
// when ok.
func (o *options) watchList(cfg build.Config, ok bool) []string {
	paths := []string{"data", "content", "layouts", "static", "i18n", "site.toml"}
	for i, p := range paths {
		paths[i] = filepath.Join(o.root, p)
	}
	if o.data != "" {
		paths = append(paths, o.data)
	}
	if ok {
		if o.data == "" {
			paths = append(paths, filepath.Join(o.root, filepath.FromSlash(cfg.Data.Centers)))
		}
		paths = append(paths, filepath.Join(o.root, filepath.FromSlash(cfg.Data.ZIPs)))
	}
	return paths
}
