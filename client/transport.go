// transport.go assembles what carries a request: the caller's Doer, their
// middlewares, and the headers every request needs. The key is added last,
// below the middlewares, so no middleware (logging, dumping) ever sees it.

package client

import (
	"fmt"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
)

const modulePath = "github.com/goinvites/invites"

// userAgent names the module and its version, read once from the build.
var userAgent = sync.OnceValue(func() string {
	version := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Path == modulePath && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			version = bi.Main.Version
		}
		for _, d := range bi.Deps {
			if d.Path == modulePath {
				version = d.Version
			}
		}
	}
	return "goinvites/" + version + " (+https://" + modulePath + ")"
})

// roundTripDoer lets the client send through a chain of middlewares.
type roundTripDoer struct{ rt http.RoundTripper }

func (d roundTripDoer) Do(r *http.Request) (*http.Response, error) { return d.rt.RoundTrip(r) }

// doerTransport lets middlewares, which wrap RoundTrippers, wrap a Doer.
type doerTransport struct{ d Doer }

func (t doerTransport) RoundTrip(r *http.Request) (*http.Response, error) { return t.d.Do(r) }

// authTransport adds the key to a copy of the request, as a RoundTripper
// must not change the one it is given.
type authTransport struct {
	next  http.RoundTripper
	value string
}

func (t authTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r2 := r.Clone(r.Context())
	r2.Header.Set("Authorization", t.value)
	return t.next.RoundTrip(r2)
}

// reserved are the headers the client sets itself, which WithHeader and
// WithCallHeader leave out: an Idempotency-Key would let Go's transport
// silently re-send a create on a dropped connection.
var reserved = map[string]bool{
	"Authorization": true, "Openai-Organization": true, "Openai-Project": true, "User-Agent": true,
	"Content-Type": true, "Idempotency-Key": true, "X-Idempotency-Key": true,
}

// checkHeader refuses what Go's transport would refuse at send time, when
// retrying could no longer help.
func checkHeader(name, value string) error {
	if name == "" || strings.IndexFunc(name, func(r rune) bool { return r <= ' ' || r >= 0x7f || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r) }) >= 0 {
		return fmt.Errorf("%q is not a header name", name)
	}
	if strings.ContainsAny(value, "\r\n\x00") {
		return fmt.Errorf("the value of %s holds a line break or NUL", name)
	}
	return nil
}

// addHeader adds a caller's header unless the client sets that one itself.
func addHeader(h http.Header, name, value string) {
	if !reserved[http.CanonicalHeaderKey(name)] {
		h.Add(name, value)
	}
}

// buildTransport returns the headers every request carries and what sends
// them: the caller's Doer under their middlewares, with the key added below
// the middlewares when there are any.
func buildTransport(o *options) (http.Header, Doer) {
	h := make(http.Header, len(o.headers)+4)
	for _, kv := range o.headers {
		addHeader(h, kv[0], kv[1])
	}
	ua := userAgent()
	if o.userAgent != "" {
		ua = o.userAgent + " " + ua
	}
	h.Set("User-Agent", ua)
	if o.organization.value != "" {
		h.Set("OpenAI-Organization", o.organization.value)
	}
	if o.project.value != "" {
		h.Set("OpenAI-Project", o.project.value)
	}
	doer := o.doer
	if doer == nil {
		doer = &http.Client{}
	}
	auth := "Bearer " + o.apiKey.value
	if len(o.middlewares) == 0 {
		h.Set("Authorization", auth)
		return h, doer
	}
	var rt http.RoundTripper = authTransport{next: doerTransport{doer}, value: auth}
	for i := len(o.middlewares) - 1; i >= 0; i-- {
		rt = o.middlewares[i](rt)
	}
	return h, roundTripDoer{rt}
}

// editRequest is the request editor every attempt goes through: gen built
// the request (URL, query, body, Content-Type); this adds the client's
// headers, then the call's, which replace the client's of the same name.
func (c *Client) editRequest(req *http.Request, call *callConfig) {
	h := req.Header
	for name, values := range c.header {
		h[name] = slices.Clone(values)
	}
	for name, values := range call.header {
		h[name] = slices.Clone(values)
	}
}
