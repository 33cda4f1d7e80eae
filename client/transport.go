// transport.go assembles what carries a request: the caller's Doer, their
// middlewares, and the headers every request needs. The key is added last,
// below the middlewares, so no middleware (logging, dumping) ever sees it.

package client

import (
	"net/http"
	"runtime/debug"
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

// buildTransport returns the headers each request starts from and what
// sends it.
func buildTransport(o *options) (http.Header, Doer) {
	h := make(http.Header, len(o.headers)+4)
	for _, kv := range o.headers {
		h.Add(kv[0], kv[1])
	}
	ua := userAgent()
	if o.userAgent != "" {
		ua = o.userAgent + " " + ua
	}
	h.Set("User-Agent", ua)
	h.Del("Authorization")
	h.Del("Idempotency-Key") // Go's transport would silently re-send a POST carrying one
	h.Del("X-Idempotency-Key")
	for name, value := range map[string]string{"OpenAI-Organization": o.organization, "OpenAI-Project": o.project} {
		h.Del(name)
		if value != "" {
			h.Set(name, value)
		}
	}
	doer := o.doer
	if doer == nil {
		doer = &http.Client{}
	}
	auth := "Bearer " + o.apiKey
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
