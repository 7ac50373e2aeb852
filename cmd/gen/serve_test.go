package main

import (
	"bytes"
	"net"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"treatmentdir/internal/build"
)

func TestListenURL(t *testing.T) {
	tests := []struct {
		requested string
		port      int
		want      string
	}{
		{"localhost:1313", 1313, "http://localhost:1313/"},
		{":1313", 1313, "http://localhost:1313/"},
		{"0.0.0.0:8080", 8080, "http://localhost:8080/"},
		{"[::]:8080", 8080, "http://localhost:8080/"},
		{"127.0.0.1:0", 41234, "http://127.0.0.1:41234/"}, // the port the system chose
		{"[::1]:1313", 1313, "http://[::1]:1313/"},
	}
	for _, tt := range tests {
		got := listenURL(tt.requested, &net.TCPAddr{Port: tt.port})
		if got != tt.want {
			t.Errorf("listenURL(%q) = %q, want %q", tt.requested, got, tt.want)
		}
	}
}

func TestWatchList(t *testing.T) {
	o := &options{root: "site", data: filepath.Join("elsewhere", "centers.csv")}
	cfg := build.DefaultConfig()
	got := o.watchList(cfg, true)
	for _, want := range []string{
		filepath.Join("site", "data"), filepath.Join("site", "content"), filepath.Join("site", "layouts"),
		filepath.Join("site", "static"), filepath.Join("site", "site.toml"), filepath.Join("elsewhere", "centers.csv"),
	} {
		if !slices.Contains(got, want) {
			t.Errorf("watch list %q lacks %q", got, want)
		}
	}
}

func TestServeUsage(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"argument", []string{"serve", "extra"}, `unexpected argument "extra"`},
		{"root not a folder", []string{"serve", "-addr", "127.0.0.1:0", "-root", filepath.Join(t.TempDir(), "nope")}, "not a folder"},
		{"bad base URL", []string{"serve", "-addr", "127.0.0.1:0", "-root", t.TempDir(), "-base-url", "ftp://x"}, "base URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := exitCode(run(tt.args, &stdout, &stderr), &stderr); code != 2 {
				t.Fatalf("exit %d, want 2; stderr:\n%s", code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tt.stderr)
			}
		})
	}
}
