// import and sync read the same roster file, check it whole before sending
// anything, and read the organization's invites once; this is that shared
// first half.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
)

// openRoster checks what import and sync take before anything is sent
// (--concurrency, the report's directory) and reads the roster file.
func (a *app) openRoster(file, report string, concurrency int) ([]roster.Row, string, error) {
	if concurrency < 1 || concurrency > 16 {
		return nil, "", usagef("--concurrency %d: want 1 to 16", concurrency)
	}
	if err := checkReportDir(report); err != nil {
		return nil, "", err
	}
	return a.readRosterFile(file)
}

// patientClient is the client import and sync work with: it waits out the
// rate limit (more retries, longer waits), counts its attempts for the
// summary, and explains a wait while the invites are read.
func (a *app) patientClient() (*client.Client, *attemptCounter, error) {
	counter := &attemptCounter{}
	c, err := a.client(
		client.WithMaxRetries(importRetries),
		client.WithMaxRetryWait(a.rateLimitWait),
		client.WithMiddleware(counter.middleware),
		client.WithOnWait(counter.waits.hear),
	)
	if err != nil {
		return nil, nil, err
	}
	scanNotice := func() { fmt.Fprintln(a.stderr, "reading the invites: "+rateLimitNotice) }
	counter.onRateLimit.Store(&scanNotice)
	return c, counter, nil
}

// readRosterFile reads and checks the whole file ("-" for stdin); name is
// how messages refer to it. Invalid rows are not an error here: each
// command decides what they mean.
func (a *app) readRosterFile(path string) ([]roster.Row, string, error) {
	var r io.Reader
	name := path
	if path == "-" {
		if a.keyFile == "-" {
			return nil, "", usagef("--file - and --api-key-file - cannot both read stdin")
		}
		r, name = a.stdin, "stdin"
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, "", &usageError{err}
		}
		defer f.Close()
		r = f
	}
	file, err := roster.Read(r)
	if err != nil {
		return nil, "", usagef("%s: %w", name, err)
	}
	for _, n := range file.Notices() { // the format read, rows left out, columns ignored
		fmt.Fprintf(a.stderr, "%s: %s\n", name, n)
	}
	return file.Rows, name, nil
}

// reportInvalid prints each invalid row once, as FILE:LINE: problem, and
// returns how many there were.
func (a *app) reportInvalid(rows []roster.Row, name string) int {
	n := 0
	for _, r := range rows {
		if !r.Valid() {
			n++
			fmt.Fprintf(a.stderr, "%s:%d: %s\n", name, r.Line, r.Problem())
		}
	}
	return n
}

// readInvites reads every invite, of every status: the API cannot filter by
// status, so this costs no more requests than reading the pending ones.
func (a *app) readInvites(c *client.Client) ([]client.Invite, error) {
	var all []client.Invite
	for inv, err := range c.All(a.ctx, client.AllParams{}) {
		if err != nil {
			return nil, fmt.Errorf("reading the invites: %w", err)
		}
		all = append(all, inv)
	}
	return all, nil
}
