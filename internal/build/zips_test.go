package build

import (
	"strings"
	"testing"
)

func TestReadZIPs(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []string // the diagnostics, as printed
		n    int
	}{
		{name: "good", data: "zip,lat,lon\n43215,39.96686,-83.01296\n00680,18.18,-67.13\n", n: 2},
		{name: "byte-order mark and upper-case header", data: "\uFEFFZIP,Lat,Lon\r\n43215,39.9,-83\r\n", n: 1},
		{name: "bad header", data: "code,lat,lon\n43215,39.9,-83\n", want: []string{`zips.csv:1:1: header is "code,lat,lon": it must be zip,lat,lon`}},
		{name: "short zip", data: "zip,lat,lon\n4321,39.9,-83\n", want: []string{`zips.csv:2:1: zip "4321" must be 5 digits`}},
		{name: "bad coordinates, each reported", data: "zip,lat,lon\n43215,north,-200\n",
			want: []string{`zips.csv:2:7: lat "north" is not a decimal number of degrees`, `zips.csv:2:13: lon -200 is out of range (-180 to 180)`}},
		{name: "duplicate", data: "zip,lat,lon\n43215,39.9,-83\n43215,39.9,-83\n", want: []string{"zips.csv:3:1: duplicate zip 43215"}},
		{name: "wrong field count", data: "zip,lat,lon\n43215,39.9\n", want: []string{"zips.csv:2:1: wrong number of fields: the row must have one field per column of the header"}},
		{name: "empty", data: "", want: []string{"zips.csv: empty file: expected the header zip,lat,lon and one row per ZIP code"}},
		{name: "header only", data: "zip,lat,lon\n", want: []string{"zips.csv:1:1: no ZIP codes: the file has a header but no rows"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := &report{}
			zips := readZIPs("zips.csv", []byte(tt.data), rep)
			var got []string
			for _, d := range rep.errs {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if len(tt.want) == 0 && len(zips) != tt.n {
				t.Errorf("got %d ZIP codes, want %d", len(zips), tt.n)
			}
		})
	}
}

func TestMissingZIPsOnlyWarns(t *testing.T) {
	cfg := DefaultConfig()
	s, err := Load(siteFS(t, map[string]string{"data/centers.csv": searchCSV}), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.ZIPs) != 0 || !strings.Contains(strings.Join(s.Warnings, "\n"), "data/zips.csv: file not found") {
		t.Errorf("warnings %q", s.Warnings)
	}
}
