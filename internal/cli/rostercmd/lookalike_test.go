package rostercmd_test

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/rules/rulestest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sync --yes with a roster of look-alikes (a spreadsheet's CSV, CRLF line
// ends) of members' and a pending invite's emails: the table shows each
// held row and its look-alike with the characters that differ, nothing is
// sent for them, and the run says why it did not finish.
func TestSyncHoldsLookalikes(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithMembers(fake.Member{ID: "user-boss", Email: "boss@example.com", Role: "owner"},
		fake.Member{ID: "user-member", Email: "member@example.com", Role: "reader"}, fake.Member{ID: "user-owner", Email: "owner@acme-corp.com", Role: "owner"}))
	require.Equal(t, 0, clitest.On(srv).Run(t, "create", "invitee@example.com", "--role", "reader").Code)
	rows := []string{"email,role,projects", "boss@example.com,owner,", "new@example.com,reader,"}
	for _, l := range rulestest.Lookalikes {
		rows = append(rows, l.Email+",owner,")
	}
	file := clitest.WriteFile(t, "roster.csv", strings.Join(rows, "\r\n")+"\r\n")
	before := srv.Stats()

	r := clitest.On(srv).Run(t, "sync", "--file", file, "--yes", "--remove-members", "--revoke-missing")
	assert.Equal(t, cmdutil.ExitFailure, r.Code, r.Stdout+r.Stderr)
	for i, l := range rulestest.Lookalikes {
		code, _, _ := strings.Cut(l.Named, " at position")
		assert.Regexp(t, `(?m)^`+strconv.Itoa(4+i)+`\s+held\s+`+regexp.QuoteMeta(l.Email)+`\s+-\s+owner\s+.*looks like .*`+
			regexp.QuoteMeta(l.Of+" (position ")+`\d+ is `+regexp.QuoteMeta(code)+` here`, r.Stdout)
	}
	assert.Regexp(t, `(?m)^-\s+held\s+member@example\.com\s+user-member\s+reader\s+-\s+looks like the roster's m\x{0435}mber@example\.com `, r.Stdout)
	assert.Regexp(t, `(?m)^-\s+held\s+invitee@example\.com\s+invite-\S+\s+reader\s+default\s+looks like the roster's invit\x{0435}e@example\.com `, r.Stdout)
	assert.Contains(t, r.Stdout, "owner@\u0430cme-corp.com [xn--cme-corp-06g.com] (position 7 is \"a\" here, U+0430 CYRILLIC SMALL LETTER A there)")
	assert.Contains(t, r.Stdout, "11 write(s) were held by the guard rails (a look-alike email, the last owner)")
	sent := srv.Stats()
	assert.Equal(t, 1, sent.SentTo(fake.EndpointCreateInvite)-before.SentTo(fake.EndpointCreateInvite), "new@example.com alone")
	assert.Zero(t, sent.Count(http.MethodDelete, http.StatusOK), "no member removed, no invite revoked")
	assert.Zero(t, sent.SentTo(fake.EndpointModifyUser), "no role changed")
	assert.Len(t, srv.Members(), 3)
}
