// Command bundle writes the project's OpenAPI document, bundled from the
// fragments in api/ (see package api), for oapi-codegen and the fake to
// read. `make generate` runs it from gen/:
//
//	go run ../api/bundle -o openapi.yaml
//
// Without -o it writes to standard output.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/goinvites/invites/api"
	"github.com/goinvites/invites/internal/atomicfile"
)

func main() {
	out := flag.String("o", "", "the file to write (default: standard output)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: bundle [-o FILE]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(out string) error {
	doc, err := api.Bundle()
	if err != nil {
		return err
	}
	if out == "" {
		_, err = os.Stdout.Write(doc)
		return err
	}
	return atomicfile.Write(out, 0o644, func(w io.Writer) error {
		_, err := w.Write(doc)
		return err
	})
}
