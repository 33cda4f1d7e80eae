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

// Environment variables New reads, unless WithoutEnvironment is given; an
// option setting the same thing wins over its variable. No other variable
// is read.
const (
	EnvAPIKey       = "OPENAI_ADMIN_KEY"  // the Admin API key (WithAPIKey)
	EnvBaseURL      = "OPENAI_BASE_URL"   // the base URL (WithBaseURL), DefaultBaseURL when empty
	EnvOrganization = "OPENAI_ORG_ID"     // the OpenAI-Organization header (WithOrganization)
	EnvProject      = "OPENAI_PROJECT_ID" // the OpenAI-Project header (WithProject)
)

// ErrNoAPIKey is returned by New when neither WithAPIKey nor OPENAI_ADMIN_KEY
// gives a key.
var ErrNoAPIKey = errors.New("client: no API key: set " + EnvAPIKey + " or use WithAPIKey")

// ErrInsecureHTTP is matched by New's error for a plain http:// base URL to
// a host that is not loopback, which would send the key in clear text.
var ErrInsecureHTTP = errors.New("client: plain http to a host that is not loopback")

// Client calls the organization Admin API, one service per resource. It is
// safe for concurrent use.
type Client struct {
	Invites        *InvitesService        // the organization's invites
	Users          *UsersService          // the organization's members
	Projects       *ProjectsService       // the organization's projects
	ProjectMembers *ProjectMembersService // who may use each project

	server         string // base URL with one trailing slash, as gen's builders need
	key            string // only to redact it from what servers echo
	doer           Doer
	header         http.Header // what every request carries; see editRequest
	maxRetries     int
	attemptTimeout time.Duration
	maxRetryWait   time.Duration
	backoffBase    time.Duration
	logger         *slog.Logger
	pacer          *pacer // nil with WithoutPacing
	onWait         func(Wait)
}

// New returns a Client configured from the environment variables listed
// with EnvAPIKey (unless WithoutEnvironment is given), then from opts. It
// sends nothing; it fails on a configuration that could only fail later.
func New(opts ...Option) (*Client, error) {
	o := options{
		getenv:         os.Getenv,
		maxRetries:     DefaultMaxRetries,
		attemptTimeout: DefaultAttemptTimeout,
		maxRetryWait:   DefaultMaxRetryWait,
		backoffBase:    defaultBackoffBase,
	}
	for _, opt := range opts {
		opt(&o)
	}
	o.apiKey.fill(o.getenv, EnvAPIKey)
	o.baseURL.fill(o.getenv, EnvBaseURL)
	o.organization.fill(o.getenv, EnvOrganization)
	o.project.fill(o.getenv, EnvProject)
	if o.baseURL.value == "" {
		o.baseURL.value = DefaultBaseURL
	}
	if err := o.check(); err != nil {
		return nil, err
	}
	c := &Client{
		server:         strings.TrimRight(o.baseURL.value, "/") + "/",
		maxRetries:     o.maxRetries,
		attemptTimeout: o.attemptTimeout,
		maxRetryWait:   o.maxRetryWait,
		backoffBase:    o.backoffBase,
		logger:         o.logger,
		key:            o.apiKey.value,
	}
	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}
	if !o.noPacing {
		c.pacer = newPacer()
	}
	c.onWait = o.onWait
	if c.onWait == nil {
		c.onWait = func(Wait) {}
	}
	c.header, c.doer = buildTransport(&o)
	c.Invites = &InvitesService{client: c}
	c.Users = &UsersService{client: c}
	c.Projects = &ProjectsService{client: c}
	c.ProjectMembers = &ProjectMembersService{client: c}
	return c, nil
}

// check rejects a configuration that could only fail later, or leak the key.
// No message quotes the key.
func (o *options) check() error {
	o.apiKey.value = strings.TrimSpace(o.apiKey.value)
	if o.apiKey.value == "" {
		return ErrNoAPIKey
	}
	for _, r := range o.apiKey.value {
		if r <= ' ' || r > '~' {
			return fmt.Errorf("client: the API key (%s) holds a character that cannot go in a header", EnvAPIKey)
		}
	}
	if o.maxRetries < 0 {
		return fmt.Errorf("client: WithMaxRetries(%d): must be 0 or more", o.maxRetries)
	}
	if o.attemptTimeout <= 0 || o.maxRetryWait < 0 || o.backoffBase <= 0 {
		return errors.New("client: timeouts and waits must be positive")
	}
	for _, kv := range o.headers {
		if err := checkHeader(kv[0], kv[1]); err != nil {
			return fmt.Errorf("client: WithHeader: %w", err)
		}
	}
	return checkBaseURL(o.baseURL.value, o.insecureHTTP)
}

func checkBaseURL(raw string, insecure bool) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("client: base URL: %w", err)
	}
	if u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("client: base URL %q: want scheme://host[/path], without query, fragment or user", raw)
	}
	switch {
	case u.Scheme == "https":
		return nil
	case u.Scheme != "http":
		return fmt.Errorf("client: base URL %q: scheme must be https (or http)", raw)
	case insecure || isLoopback(u.Hostname()):
		return nil
	}
	return fmt.Errorf("%w (%s) would send the API key in clear text; use https, or WithInsecureHTTP to allow it", ErrInsecureHTTP, raw)
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// String hides the key, so printing a Client never leaks it.
func (c *Client) String() string {
	switch {
	case c == nil:
		return "client.Client(nil)"
	case c.doer == nil:
		return "client.Client{not made by New}"
	}
	return "client.Client{" + c.server + ", key redacted}"
}

// GoString hides the key from %#v.
func (c *Client) GoString() string { return c.String() }

// LogValue hides the key from slog.
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.String()) }
