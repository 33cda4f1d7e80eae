// Options exist so a caller can change what the environment set, and so
// tests can point the client at a loopback server with short waits.

package client

import (
	"log/slog"
	"net/http"
	"time"
)

// Doer sends one HTTP request. *http.Client satisfies it.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// Option configures a Client in New. Options override the environment.
type Option func(*options)

type options struct {
	getenv         func(string) string // nil: the environment is not read
	apiKey         setting
	baseURL        setting
	organization   setting
	project        setting
	doer           Doer
	maxRetries     int
	attemptTimeout time.Duration
	maxRetryWait   time.Duration
	logger         *slog.Logger
	userAgent      string
	headers        [][2]string
	middlewares    []func(http.RoundTripper) http.RoundTripper
	insecureHTTP   bool
	backoffBase    time.Duration
	noPacing       bool
	onWait         func(Wait)
}

// setting is a value an option may set, else the environment.
type setting struct {
	value string
	set   bool
}

// fill takes the value of the environment variable name, unless an option
// set one or the environment is not to be read.
func (s *setting) fill(getenv func(string) string, name string) {
	if !s.set && getenv != nil {
		s.value = getenv(name)
	}
}

// Defaults: see the options that change them.
const (
	DefaultBaseURL        = "https://api.openai.com/v1"
	DefaultMaxRetries     = 2
	DefaultAttemptTimeout = 60 * time.Second
	DefaultMaxRetryWait   = 60 * time.Second
	defaultBackoffBase    = 500 * time.Millisecond
)

// WithAPIKey sets the Admin API key, instead of OPENAI_ADMIN_KEY.
func WithAPIKey(key string) Option { return func(o *options) { o.apiKey = setting{key, true} } }

// WithBaseURL sets the API's base URL, instead of OPENAI_BASE_URL. It is used
// exactly as given: the client never appends "/v1".
func WithBaseURL(u string) Option { return func(o *options) { o.baseURL = setting{u, true} } }

// WithOrganization sets the OpenAI-Organization header, instead of OPENAI_ORG_ID.
func WithOrganization(id string) Option {
	return func(o *options) { o.organization = setting{id, true} }
}

// WithProject sets the OpenAI-Project header, instead of OPENAI_PROJECT_ID.
func WithProject(id string) Option { return func(o *options) { o.project = setting{id, true} } }

// WithoutEnvironment makes New read no environment variable: the key, base
// URL, organization and project come from options only (the base URL
// defaulting to DefaultBaseURL). For programs that take their configuration
// from elsewhere, where a stray OPENAI_* variable must not change anything.
func WithoutEnvironment() Option { return func(o *options) { o.getenv = nil } }

// WithHTTPClient sets what sends the requests (default: an http.Client on
// http.DefaultTransport).
func WithHTTPClient(d Doer) Option { return func(o *options) { o.doer = d } }

// WithMaxRetries sets how many times a failed call is tried again (default 2).
// 0 disables retries.
func WithMaxRetries(n int) Option { return func(o *options) { o.maxRetries = n } }

// WithAttemptTimeout bounds each HTTP attempt, body included (default 60 s).
// The caller's context bounds the whole call.
func WithAttemptTimeout(d time.Duration) Option { return func(o *options) { o.attemptTimeout = d } }

// WithMaxRetryWait caps how long the client waits when the server asks it to
// (default 60 s), and any one wait for the pacer. A wait longer than the cap,
// or one that would outlast the context's deadline, is not begun: the call
// fails at once with a *RateLimitError whose Reason says which and whose
// RetryAfter holds the wait (and, after a 429, APIError.RetryAfter too). A
// wait for an endpoint's first answer, whose length is not known ahead,
// fails so at the cap (RateLimitNoAnswer), and with the context's error when
// the context ends first.
func WithMaxRetryWait(d time.Duration) Option { return func(o *options) { o.maxRetryWait = d } }

// WithLogger sets where each attempt is logged, at debug level (default: nowhere).
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.logger = l } }

// WithUserAgent puts the caller's product before the client's own in the
// User-Agent header, e.g. "myapp/1.2 goinvites/v1.0.0 (+https://...)".
func WithUserAgent(ua string) Option { return func(o *options) { o.userAgent = ua } }

// WithHeader adds a header to every request. It cannot set the
// Authorization, OpenAI-Organization, OpenAI-Project, User-Agent or
// Content-Type headers, which the client sets, nor an Idempotency-Key, which
// Go's transport takes as leave to re-send a create; those are left out. New
// refuses a name or value that cannot go in a header.
func WithHeader(key, value string) Option {
	return func(o *options) { o.headers = append(o.headers, [2]string{key, value}) }
}

// WithMiddleware wraps the transport, for tracing, metrics or test faults.
// The first middleware given is the outermost. Middlewares see every attempt
// but never the API key: the Authorization header is added after them.
func WithMiddleware(mw func(http.RoundTripper) http.RoundTripper) Option {
	return func(o *options) { o.middlewares = append(o.middlewares, mw) }
}

// WithInsecureHTTP allows a plain http:// base URL for a host that is not
// loopback. Without it New refuses one, so a typo never sends the key in
// clear text. Loopback hosts (127.0.0.1, localhost, [::1]) are always allowed.
func WithInsecureHTTP() Option { return func(o *options) { o.insecureHTTP = true } }

// WithoutPacing turns the pacer off: requests go out as soon as they are
// made, and the client learns the rate limit only from 429s, each of which
// then counts as a retry. By default a Client paces its requests, per
// endpoint, at the rate the server states (x-ratelimit-* headers, or the
// wait a 429 asks for), shared by every goroutine using it; waiting for the
// pacer or for a 429's wait spends no retry.
func WithoutPacing() Option { return func(o *options) { o.noPacing = true } }

// WithOnWait calls fn before each wait the client takes: for the pacer, for
// a 429's wait, or before a retry. It is called from the goroutine that
// waits, so it must be quick; progress displays use it to say why nothing
// moves.
func WithOnWait(fn func(Wait)) Option { return func(o *options) { o.onWait = fn } }
