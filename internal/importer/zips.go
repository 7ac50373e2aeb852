package importer

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"
)

// ZIPLookup gives a five-digit ZIP code's centroid as the CSV writes it.
type ZIPLookup func(zip string) (lat, lon string, ok bool)

// LoadZIPs reads a zip,lat,lon table such as data/zips.csv.
func LoadZIPs(path string) (ZIPLookup, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	head, err := r.Read()
	if err != nil {
		return nil, csvError(path, err)
	}
	if strings.Join(head, ",") != "zip,lat,lon" {
		return nil, inputErrorf(path, "1:1", "the header must be zip,lat,lon")
	}
	table := map[string][2]string{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(path, err)
		}
		if len(rec) != 3 {
			line, _ := r.FieldPos(0)
			return nil, inputErrorf(path, fmt.Sprint(line), "want zip,lat,lon")
		}
		table[rec[0]] = [2]string{rec[1], rec[2]}
	}
	return func(zip string) (string, string, bool) {
		p, ok := table[zip[:min(5, len(zip))]]
		return p[0], p[1], ok
	}, nil
}
