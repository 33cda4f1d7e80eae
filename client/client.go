// client.go builds a Client from the environment and options, and checks the
// configuration once so that no request is ever sent with a bad one.

package client

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// Environment variables New reads.
const (
	EnvAPIKey       = "OPENAI_ADMIN_KEY"
	EnvBaseURL      = "OPENAI_BASE_URL"
	EnvOrganization = "OPENAI_ORG_ID"
	EnvProject      = "OPENAI_PROJECT_ID"
)

// ErrNoAPIKey is returned by New when neither WithAPIKey nor OPENAI_ADMIN_KEY
// gives a key.
var ErrNoAPIKey = errors.New("invites: no API key: set " + EnvAPIKey + " or use WithAPIKey")

// Client calls the Invites API. It is safe for concurrent use.
type Client struct {
	server         string // base URL with one trailing slash, as gen's builders need
	urls           endpoints
	key            string // only to redact it from what servers echo
	doer           Doer
	getHeader      http.Header // headers of a request without a body
	postHeader     http.Header // the same plus Content-Type
	maxRetries     int
	attemptTimeout time.Duration
	maxRetryWait   time.Duration
	backoffBase    time.Duration
	logger         *slog.Logger
	now            func() time.Time
}

// New returns a Client configured from the environment, then from opts.
func New(opts ...Option) (*Client, error) {
	o := options{
		apiKey:         os.Getenv(EnvAPIKey),
		baseURL:        os.Getenv(EnvBaseURL),
		organization:   os.Getenv(EnvOrganization),
		project:        os.Getenv(EnvProject),
		maxRetries:     DefaultMaxRetries,
		attemptTimeout: DefaultAttemptTimeout,
		maxRetryWait:   DefaultMaxRetryWait,
		backoffBase:    defaultBackoffBase,
		now:            time.Now,
	}
	for _, opt := range opts {
		opt(&o)
	}
	if o.baseURL == "" {
		o.baseURL = DefaultBaseURL
	}
	if err := o.check(); err != nil {
		return nil, err
	}
	c := &Client{
		server:         strings.TrimRight(o.baseURL, "/") + "/",
		maxRetries:     o.maxRetries,
		attemptTimeout: o.attemptTimeout,
		maxRetryWait:   o.maxRetryWait,
		backoffBase:    o.backoffBase,
		logger:         o.logger,
		now:            o.now,
		key:            o.apiKey,
	}
	var err error
	if c.urls, err = newEndpoints(c.server); err != nil {
		return nil, fmt.Errorf("invites: base URL: %w", err)
	}
	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}
	c.getHeader, c.doer = buildTransport(&o)
	c.postHeader = c.getHeader.Clone()
	c.postHeader.Set("Content-Type", "application/json")
	return c, nil
}

// check rejects a configuration that could only fail later, or leak the key.
// No message quotes the key.
func (o *options) check() error {
	o.apiKey = strings.TrimSpace(o.apiKey)
	if o.apiKey == "" {
		return ErrNoAPIKey
	}
	for _, r := range o.apiKey {
		if r <= ' ' || r > '~' {
			return fmt.Errorf("invites: the API key (%s) holds a character that cannot go in a header", EnvAPIKey)
		}
	}
	if o.maxRetries < 0 {
		return fmt.Errorf("invites: WithMaxRetries(%d): must be 0 or more", o.maxRetries)
	}
	if o.attemptTimeout <= 0 || o.maxRetryWait < 0 || o.backoffBase <= 0 {
		return errors.New("invites: timeouts and waits must be positive")
	}
	return checkBaseURL(o.baseURL, o.insecureHTTP)
}

func checkBaseURL(raw string, insecure bool) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("invites: base URL: %w", err)
	}
	if u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("invites: base URL %q: want scheme://host[/path], without query, fragment or user", raw)
	}
	switch {
	case u.Scheme == "https":
		return nil
	case u.Scheme != "http":
		return fmt.Errorf("invites: base URL %q: scheme must be https (or http)", raw)
	case insecure || isLoopback(u.Hostname()):
		return nil
	}
	return fmt.Errorf("invites: base URL %q: plain http would send the API key in clear text; use https, or WithInsecureHTTP to allow it", raw)
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// redact removes the key from text a server sent, should it echo it.
func (c *Client) redact(s string) string {
	if c.key == "" {
		return s
	}
	return strings.ReplaceAll(s, c.key, "[redacted]")
}

// bodyExcerpt is the start of a body for an error, without the key even
// where the cut would fall inside it.
func (c *Client) bodyExcerpt(body []byte) string {
	text := c.redact(excerpt(body, maxErrorExcerpt+len(c.key)))
	return excerpt([]byte(text), maxErrorExcerpt)
}

// decodeError describes a body the client could not use.
func (c *Client) decodeError(status int, requestID string, body []byte, err error) *DecodeError {
	return &DecodeError{StatusCode: status, RequestID: requestID, Body: c.bodyExcerpt(body), Err: err}
}

// String hides the key, so printing a Client never leaks it.
func (c *Client) String() string { return "invites.Client{" + c.server + ", key redacted}" }

// GoString hides the key from %#v.
func (c *Client) GoString() string { return c.String() }

// LogValue hides the key from slog.
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.String()) }
