// Command officialfacts writes the fingerprint of OpenAI's published OpenAPI
// document that the spec (api/*.yaml) is held to: the structural facts of the
// invites, users and projects operations and the schemas they reach (see package
// specfacts, scope Mirrored), with the document's source and SHA-256, and
// none of its prose. It is what `make spec-upstream` runs:
//
//	go run ./api/officialfacts -source openai/openai-openapi@COMMIT -o api/official.facts.json openapi.yaml
//
// -source may be left out when the document is the one already recorded in
// the output file (same SHA-256): its recorded source is kept.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/goinvites/invites/api/internal/specfacts"
	"github.com/goinvites/invites/internal/atomicfile"
)

const note = "Structural facts of OpenAI's published OpenAPI document for the invites, users and " +
	"projects operations, written by `make spec-upstream`; do not edit. See README, Changing the API."

func main() {
	source := flag.String("source", "", "where the document came from, e.g. openai/openai-openapi@<commit>")
	out := flag.String("o", "", "the facts file to write (default: standard output)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: officialfacts [-source WHERE] [-o FILE] openapi.yaml|openapi.json")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *source, *out); err != nil {
		fmt.Fprintln(os.Stderr, "officialfacts:", err)
		os.Exit(1)
	}
}

func run(in, source, out string) error {
	f, err := fingerprint(in, source, out)
	if err != nil {
		return err
	}
	if out == "" {
		_, err = os.Stdout.Write(f.Encode())
		return err
	}
	return atomicfile.Write(out, 0o644, func(w io.Writer) error {
		_, err := w.Write(f.Encode())
		return err
	})
}

// fingerprint reduces the document at in; out is the file it will replace,
// whose source is kept when source is empty and the document is the same.
func fingerprint(in, source, out string) (*specfacts.File, error) {
	doc, err := specfacts.Load(in)
	if err != nil {
		return nil, err
	}
	facts, err := specfacts.Extract(doc.Root, specfacts.Mirrored)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in, err)
	}
	if source == "" {
		source, err = recordedSource(out, doc.SHA256)
		if err != nil {
			return nil, err
		}
	}
	return &specfacts.File{
		Note: note, Source: source, SHA256: doc.SHA256,
		OpenAPI: doc.OpenAPI, Version: doc.Version, Facts: facts,
	}, nil
}

// recordedSource is the source out records for the document whose SHA-256
// is sum; a new document needs its source named.
func recordedSource(out, sum string) (string, error) {
	errNeed := fmt.Errorf("this document (sha256 %s) is not the one recorded in %q: "+
		"name where it came from with -source (make spec-upstream SOURCE=openai/openai-openapi@COMMIT)", sum, out)
	if out == "" {
		return "", errNeed
	}
	raw, err := os.ReadFile(out)
	if errors.Is(err, fs.ErrNotExist) {
		return "", errNeed
	}
	if err != nil {
		return "", err
	}
	prev, err := specfacts.DecodeFile(raw)
	if err != nil {
		return "", fmt.Errorf("%s: %w", out, err)
	}
	if prev.SHA256 != sum {
		return "", errNeed
	}
	return prev.Source, nil
}
