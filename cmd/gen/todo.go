package main

import (
	"errors"
	"io"
)

func runExportHugo(args []string, stdout, stderr io.Writer) error {
	return errors.New("gen export-hugo is not available yet")
}
