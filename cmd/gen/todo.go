package main

import (
	"errors"
	"io"
)

func runServe(args []string, stdout, stderr io.Writer) error {
	return errors.New("gen serve is not available yet")
}

func runDiff(args []string, stdout, stderr io.Writer) error {
	return errors.New("gen diff is not available yet")
}
