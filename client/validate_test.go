package client

import (
	"fmt"
	"net/http"
	"net/mail"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/goinvites/invites/gen"
	"github.com/goinvites/invites/internal/rules/rulestest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestClientAndFakeAgreeOnEmails sends each address to the fake directly,
// past the client's check, and holds the fake's verdict to the client's.
func TestClientAndFakeAgreeOnEmails(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	for _, email := range []string{
		"ada@example.com", "a.b+tag@sub.example.co.uk", "ü@例え.jp",
		"a@localhost", `"a b"@example.com`, "a@[127.0.0.1]", "a..b@example.com", "a@example.com.", "A <a@example.com>",
	} {
		body := fmt.Sprintf(`{"email":%q,"role":"reader"}`, email)
		req, err := http.NewRequestWithContext(ctx(t), http.MethodPost, s.URL()+"/organization/invites", strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+s.Key())
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		_ = resp.Body.Close()
		clientOK := ValidateEmail(email) == nil
		assert.Equal(t, clientOK, resp.StatusCode == http.StatusOK, "%s: client accepts %t, fake answers %d", email, clientOK, resp.StatusCode)
	}
}

func FuzzValidateInviteID(f *testing.F) {
	for _, s := range []string{"", ".", "..", "invite-1", "a/b", "%2e", "a b?#"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		err := ValidateInviteID(id)
		if (id == "" || id == "." || id == "..") != (err != nil) {
			t.Fatalf("ValidateInviteID(%q) = %v", id, err)
		}
		if err != nil {
			return
		}
		req, berr := gen.NewRetrieveInviteRequest("http://127.0.0.1/v1/", id)
		if berr != nil {
			return
		}
		rest, ok := strings.CutPrefix(req.URL.EscapedPath(), "/v1/organization/invites/")
		if !ok || rest == "" || strings.Contains(rest, "/") {
			t.Fatalf("id %q became path %q", id, req.URL.EscapedPath())
		}
	})
}

func FuzzValidateEmail(f *testing.F) {
	for _, s := range []string{"a@example.com", "", "a@", "@b", "A <a@b.c>", "a b@c.d", "ü@例え.jp"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, email string) {
		if ValidateEmail(email) != nil {
			return
		}
		at := strings.LastIndexByte(email, '@')
		if at < 1 || at == len(email)-1 || strings.ContainsAny(email, " <>\"\r\n\t") || len(email) > 254 ||
			!strings.Contains(email[at:], ".") || !utf8.ValidString(email) {
			t.Fatalf("accepted %q", email)
		}
		// The fake parses what the client accepts as a mail address too.
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
			t.Fatalf("accepted %q, which net/mail reads as %v, %v", email, a, err)
		}
	})
}

// Every method that takes an email refuses one with a hidden character,
// names it, and sends nothing.
func TestHiddenCharactersInAnEmailAreRefused(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	c := newTestClient(t, s.URL())
	for email, named := range rulestest.HiddenEmails {
		err := ValidateEmail(email)
		require.ErrorIs(t, err, ErrInvalidInput, "%q", email)
		assert.Contains(t, err.Error(), named)
		_, _, err = c.Invites.Create(ctx(t), CreateParams{Email: email, Role: RoleReader})
		require.ErrorContains(t, err, named)
		_, _, err = c.Invites.Ensure(ctx(t), CreateParams{Email: email, Role: RoleReader})
		require.ErrorContains(t, err, named)
		_, _, err = c.Invites.FindByEmail(ctx(t), email)
		require.ErrorContains(t, err, named)
		_, _, err = c.ProjectMembers.Add(ctx(t), "proj_a", AddProjectMemberParams{Email: email, Role: ProjectRoleMember})
		require.ErrorContains(t, err, named)
	}
	assert.Zero(t, s.Stats().Total, "nothing is sent")
}

// A project ID and a user ID that pass their rules stay one path segment
// each in every project member call's path, whatever they hold.
func TestProjectIDsStayOneSegment(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"proj_abc", "a/b", "%2e%2e", ". .", "..a", "a?b#c", "ü"} {
		require.NoError(t, ValidateProjectID(id), id)
		require.NoError(t, ValidateUserID(id), id)
		req, err := gen.NewRetrieveProjectUserRequest("http://127.0.0.1/v1/", id, id)
		require.NoError(t, err)
		rest, ok := strings.CutPrefix(req.URL.EscapedPath(), "/v1/organization/projects/")
		segments := strings.Split(rest, "/")
		assert.True(t, ok && len(segments) == 3 && segments[1] == "users", "id %q became path %q", id, req.URL.EscapedPath())
	}
	for _, id := range []string{"", ".", ".."} {
		require.ErrorIs(t, ValidateProjectID(id), ErrInvalidInput, id)
	}
}

func TestProjectRoles(t *testing.T) {
	t.Parallel()
	for _, r := range []ProjectRole{ProjectRoleMember, ProjectRoleOwner} {
		require.NoError(t, ValidateProjectRole(r))
		parsed, err := ParseProjectRole(" " + strings.ToUpper(string(r)) + "\t")
		require.NoError(t, err)
		assert.Equal(t, r, parsed)
	}
	for _, bad := range []string{"", "reader", "viewer", "admin", "Owner"} {
		require.ErrorIs(t, ValidateProjectRole(ProjectRole(bad)), ErrInvalidInput, bad)
	}
	_, err := ParseProjectRole("reader")
	require.EqualError(t, err, `invalid role "reader": must be "member" or "owner"`, "an organization's role is no project's")
}
