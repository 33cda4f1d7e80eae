package client

import (
	"net/http"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewNeedsAKeyAndNamesTheVariable(t *testing.T) {
	t.Setenv(EnvAPIKey, "")
	_, err := New()
	require.ErrorIs(t, err, ErrNoAPIKey)
	assert.Contains(t, err.Error(), "OPENAI_ADMIN_KEY")
}

func TestNewReadsTheEnvironmentAndOptionsOverrideIt(t *testing.T) {
	_, mux, url := setup(t)
	s := play(mux, reply(http.StatusOK, inviteJSON("a", "a@example.com", 1)))
	t.Setenv(EnvAPIKey, "sk-env")
	t.Setenv(EnvBaseURL, url+"/v1")
	t.Setenv(EnvOrganization, "org-env")
	t.Setenv(EnvProject, "proj-env")

	c, err := New()
	require.NoError(t, err)
	_, _, err = c.Invites.Get(ctx(t), "a")
	require.NoError(t, err)
	c, err = New(WithAPIKey("sk-opt"), WithBaseURL(url), WithOrganization("org-opt"), WithProject("proj-opt"))
	require.NoError(t, err)
	_, _, err = c.Invites.Get(ctx(t), "a")
	require.NoError(t, err)

	reqs := s.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "/v1/organization/invites/a", reqs[0].URI, "the base URL is used as given")
	assert.Equal(t, "Bearer sk-env", reqs[0].Header.Get("Authorization"))
	assert.Equal(t, "org-env", reqs[0].Header.Get("OpenAI-Organization"))
	assert.Equal(t, "proj-env", reqs[0].Header.Get("OpenAI-Project"))
	assert.Equal(t, "/organization/invites/a", reqs[1].URI, "no /v1 is ever appended")
	assert.Equal(t, "Bearer sk-opt", reqs[1].Header.Get("Authorization"))
	assert.Equal(t, "org-opt", reqs[1].Header.Get("OpenAI-Organization"))
	assert.Equal(t, "proj-opt", reqs[1].Header.Get("OpenAI-Project"))
}

func TestRequestHeaders(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t, WithUserAgent("myapp/1.0"), WithHeader("X-Trace", "t1"),
		WithHeader("Idempotency-Key", "k"), WithHeader("Authorization", "Bearer other"))
	s := play(mux, reply(http.StatusOK, inviteJSON("a", "a@example.com", 1)))
	_, _, err := c.Invites.Create(ctx(t), CreateParams{Email: "a@example.com", Role: RoleReader})
	require.NoError(t, err)
	h := s.requests()[0].Header
	assert.Equal(t, "Bearer "+testKey, h.Get("Authorization"), "WithHeader cannot replace the key")
	assert.Equal(t, "t1", h.Get("X-Trace"))
	assert.Empty(t, h.Get("Idempotency-Key"), "an Idempotency-Key would let Go's transport re-send a POST")
	assert.Equal(t, "application/json", h.Get("Content-Type"))
	assert.True(t, strings.HasPrefix(h.Get("User-Agent"), "myapp/1.0 goinvites/"), h.Get("User-Agent"))
	assert.Contains(t, h.Get("User-Agent"), "(+https://github.com/goinvites/invites)")
	assert.Empty(t, h.Get("OpenAI-Organization"))
}

func TestNewRefusesUnsafeOrBadConfiguration(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		opts []Option
		want string // "" = accepted
	}{
		{"https", []Option{WithBaseURL("https://api.example.com/v1")}, ""},
		{"http loopback v4", []Option{WithBaseURL("http://127.0.0.1:8080/v1")}, ""},
		{"http localhost", []Option{WithBaseURL("http://localhost:8080")}, ""},
		{"http loopback v6", []Option{WithBaseURL("http://[::1]:8080")}, ""},
		{"http remote", []Option{WithBaseURL("http://api.example.com/v1")}, "clear text"},
		{"http remote opted in", []Option{WithBaseURL("http://api.example.com/v1"), WithInsecureHTTP()}, ""},
		{"other scheme", []Option{WithBaseURL("ftp://api.example.com")}, "scheme"},
		{"no host", []Option{WithBaseURL("https:///v1")}, "scheme://host"},
		{"query", []Option{WithBaseURL("https://api.example.com/v1?x=1")}, "without query"},
		{"user info", []Option{WithBaseURL("https://u:p@api.example.com/v1")}, "without query"},
		{"negative retries", []Option{WithMaxRetries(-1)}, "WithMaxRetries"},
		{"zero attempt timeout", []Option{WithAttemptTimeout(0)}, "positive"},
		{"key with newline", []Option{WithAPIKey("sk-a\nb")}, "cannot go in a header"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := New(append([]Option{WithAPIKey(testKey)}, tc.opts...)...)
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), "sk-a")
		})
	}
}

func TestMiddlewaresWrapInOrder(t *testing.T) {
	t.Parallel()
	var order []string
	mw := func(name string) Option {
		return WithMiddleware(func(next http.RoundTripper) http.RoundTripper {
			return roundTripFunc(func(r *http.Request) (*http.Response, error) {
				order = append(order, name+" "+r.Header.Get("X-Trace"))
				return next.RoundTrip(r)
			})
		})
	}
	c, mux, _ := setup(t, WithHeader("X-Trace", "t1"), mw("outer"), mw("inner"))
	s := play(mux, reply(http.StatusOK, inviteJSON("a", "a@example.com", 1)))
	_, _, err := c.Invites.Get(ctx(t), "a")
	require.NoError(t, err)
	assert.Equal(t, []string{"outer t1", "inner t1"}, order)
	assert.Equal(t, "Bearer "+testKey, s.requests()[0].Header.Get("Authorization"))
}

func TestWithoutEnvironmentReadsNoVariable(t *testing.T) {
	_, mux, url := setup(t)
	s := play(mux, reply(http.StatusOK, inviteJSON("a", "a@example.com", 1)))
	t.Setenv(EnvAPIKey, "sk-env")
	t.Setenv(EnvBaseURL, "http://127.0.0.1:1/v1")
	t.Setenv(EnvOrganization, "org-env")
	t.Setenv(EnvProject, "proj-env")

	_, err := New(WithoutEnvironment())
	require.ErrorIs(t, err, ErrNoAPIKey)
	c, err := New(WithoutEnvironment(), WithAPIKey("sk-opt"))
	require.NoError(t, err)
	assert.Contains(t, c.String(), DefaultBaseURL, "not OPENAI_BASE_URL")
	c, err = New(WithoutEnvironment(), WithAPIKey("sk-opt"), WithBaseURL(url))
	require.NoError(t, err)
	_, _, err = c.Invites.Get(ctx(t), "a")
	require.NoError(t, err)
	h := s.requests()[0].Header
	assert.Equal(t, "Bearer sk-opt", h.Get("Authorization"))
	assert.Empty(t, h.Get("OpenAI-Organization"))
	assert.Empty(t, h.Get("OpenAI-Project"))
}

func TestClientImportsNoKinOpenAPI(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	out, err := exec.CommandContext(ctx(t), "go", "list", "-deps", ".").CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Contains(t, string(out), "github.com/goinvites/invites/gen")
	assert.NotContains(t, string(out), "getkin/kin-openapi")
	assert.NotContains(t, string(out), "gen/server")
	assert.NotContains(t, string(out), "invites/fake")
}
