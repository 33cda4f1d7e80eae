package roster_test

import (
	"strings"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/rules/rulestest"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A roster holding look-alikes (Cyrillic, Greek and fullwidth letters, in
// the local part and in the domain) of members' emails and of a pending
// invite's, synced against the fake: both sides of each pair are held and
// nothing is sent for them, while the rest of the plan is applied; the
// next plan holds them again and writes nothing.
func TestLookalikesAreHeldAndNothingIsSentForThem(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithMembers(fake.Member{ID: "user-boss", Email: "boss@example.com", Role: "owner"},
		fake.Member{ID: "user-member", Email: "member@example.com", Role: "reader"}, fake.Member{ID: "user-owner", Email: "owner@acme-corp.com", Role: "owner"}))
	c := newClient(t, srv)
	pending, _, err := c.Invites.Create(t.Context(), client.CreateParams{Email: "invitee@example.com", Role: client.RoleReader})
	require.NoError(t, err)
	entries := []rosterfile.Entry{entry("boss@example.com", client.RoleOwner)}
	for _, l := range rulestest.Lookalikes {
		entries = append(entries, entry(l.Email, client.RoleOwner))
	}
	entries = append(entries, entry("new@example.com", client.RoleReader), entry("j\u00fcrgen@example.de", client.RoleReader))
	sentBefore := srv.Stats()

	opts := roster.PlanOptions{RemoveMembers: true, RevokeMissing: true}
	actions := roster.Plan(entries, readOrg(t, c), opts)
	want := []string{"boss@example.com keep user-boss"}
	for _, l := range rulestest.Lookalikes {
		want = append(want, l.Email+" held")
	}
	want = append(want, "new@example.com create", "j\u00fcrgen@example.de create",
		"invitee@example.com held "+pending.ID, "owner@acme-corp.com held user-owner", "member@example.com held user-member") // the members in the list's order
	require.Equal(t, want, kinds(actions))
	for i, l := range rulestest.Lookalikes {
		reason := actions[1+i].Reason
		assert.Contains(t, reason, "looks like ", l.Email)
		assert.Contains(t, reason, " "+l.Of+" (position ", l.Email)
		assert.Contains(t, reason, "; nothing is sent for either", l.Email)
		code, _, _ := strings.Cut(l.Named, " at position")
		assert.Contains(t, reason, code+" here", l.Email)
	}
	assert.Equal(t, `looks like member owner@acme-corp.com (position 7 is U+0430 CYRILLIC SMALL LETTER A here, "a" there); `+
		"nothing is sent for either; this domain is xn--cme-corp-06g.com in ASCII", actions[6].Reason)
	assert.Equal(t, "looks like the roster's \u03bfwner@acme-corp.com (position 1 is \"o\" here, U+03BF GREEK SMALL LETTER OMICRON there); "+
		"looks like the roster's owner@\u0430cme-corp.com [xn--cme-corp-06g.com] (position 7 is \"a\" here, U+0430 CYRILLIC SMALL LETTER A there); "+
		"nothing is sent for either", actions[len(actions)-2].Reason)
	assert.Contains(t, actions[len(actions)-1].Reason, "looks like the roster's \uff4dember@example.com (position 1 is \"m\" here, U+FF4D FULLWIDTH LATIN SMALL LETTER M there)")
	require.NoError(t, roster.Limits{}.Check(actions), "no removal or demotion is planned")

	for r := range roster.Apply(t.Context(), c, actions, roster.ApplyOptions{}) {
		require.NoError(t, r.Err, r.Action.Email)
	}
	sent := srv.Stats()
	assert.Equal(t, 2, sent.SentTo(fake.EndpointCreateInvite)-sentBefore.SentTo(fake.EndpointCreateInvite), "new@ and jürgen@ only")
	for _, e := range []fake.Endpoint{fake.EndpointDeleteInvite, fake.EndpointModifyUser, fake.EndpointDeleteUser} {
		assert.Zero(t, sent.SentTo(e), e)
	}
	roles := map[string]string{}
	for _, m := range srv.Members() {
		roles[m.ID] = m.Role
	}
	assert.Equal(t, map[string]string{"user-boss": "owner", "user-member": "reader", "user-owner": "owner"}, roles, "no member removed, no role changed")
	assert.Equal(t, "pending", must(srv.Invite(pending.ID)).Status, "the pending invite is not revoked")
	for _, l := range rulestest.Lookalikes {
		assert.Zero(t, srv.CreatedFor(l.Email), "no invite to %s", l.Email)
	}

	again := roster.Plan(entries, readOrg(t, c), opts)
	for _, a := range again {
		assert.False(t, a.Kind.Writes(), "%s %s", a.Email, a.Kind)
	}
	assert.Len(t, again, len(actions), "the same rows, held again")
}

// The other way round: the organization holds the look-alikes (a member
// who joined with one, an invite sent before the rule), the roster the
// real addresses. Neither row is invited, and the look-alikes are held,
// under every option; the pending invite (unlisted, as an invite in no roster
// row is) is held in its place, before the members, as Plan orders them.
func TestLookalikesInTheOrganizationAreHeldToo(t *testing.T) {
	t.Parallel()
	entries := []rosterfile.Entry{entry("member@example.com", client.RoleReader), entry("invitee@example.com", client.RoleReader)}
	org := roster.Org{
		Members: []client.User{member("u1", "m\u0435mber@example.com", client.RoleOwner), member("u2", "boss@example.com", client.RoleOwner)},
		Invites: []client.Invite{invite("i1", "invitee@\uff45xample.com", client.RoleReader, client.StatusPending)},
	}
	assert.Equal(t, []string{
		"member@example.com held",
		"invitee@example.com held",
		"invitee@\uff45xample.com held i1", // unlisted, as an invite in no roster row is: held instead
		"m\u0435mber@example.com held u1",
		"boss@example.com unlisted u2",
	}, kinds(roster.Plan(entries, org, roster.PlanOptions{})))
	assert.Equal(t, []string{
		"member@example.com held",
		"invitee@example.com held",
		"invitee@\uff45xample.com held i1", // the revoke, held
		"m\u0435mber@example.com held u1",
		"boss@example.com remove u2",
	}, kinds(roster.Plan(entries, org, roster.PlanOptions{RemoveMembers: true, RevokeMissing: true})))
	actions := roster.Plan(entries, org, roster.PlanOptions{CreateOnly: true})
	assert.Equal(t, []string{"member@example.com held", "invitee@example.com held",
		"m\u0435mber@example.com held u1", "invitee@\uff45xample.com held i1"}, kinds(actions))
	assert.Equal(t, "looks like pending invite invitee@\uff45xample.com [example.com] (position 9 is \"e\" here, U+FF45 FULLWIDTH LATIN SMALL LETTER E there); nothing is sent for either",
		actions[1].Reason)
	for _, a := range actions {
		assert.Contains(t, roster.PlanOptions{CreateOnly: true}.Kinds(), a.Kind, "an import counts what it holds")
	}
}

// A look-alike with nothing it looks like is not invited either, with the
// characters named; an address in one script is invited; two ASCII
// addresses are never look-alikes (rn is not m); a roster email that is a
// member's exactly is kept, though another member looks like it.
func TestPlanInvitesNoLookalike(t *testing.T) {
	t.Parallel()
	entries := []rosterfile.Entry{entry("\u03bf\u03c1\u03bf@example.com", client.RoleReader), entry("amold@example.com", client.RoleReader)}
	for _, email := range rulestest.OneScript {
		entries = append(entries, entry(email, client.RoleReader))
	}
	entries = append(entries, entry("grace@example.com", client.RoleReader))
	org := roster.Org{
		Members: []client.User{member("u1", "arnold@example.com", client.RoleReader), member("u2", "grace@example.com", client.RoleReader),
			member("u3", "gr\u0430ce@example.com", client.RoleReader)},
		Invites: []client.Invite{invite("i1", "\u0455tale@example.com", client.RoleReader, client.StatusExpired)},
	}
	actions := roster.Plan(append(entries, entry("\u0455tale@example.com", client.RoleReader)), org, roster.PlanOptions{RemoveMembers: true})
	got := kinds(actions)
	assert.Equal(t, "\u03bf\u03c1\u03bf@example.com held", got[0])
	assert.Equal(t, `not invited: looks like another address: U+03BF GREEK SMALL LETTER OMICRON at position 1 (looks like "o", as every letter of its part does); `+
		`U+03C1 GREEK SMALL LETTER RHO at position 2 (looks like "p", as every letter of its part does); `+
		`U+03BF GREEK SMALL LETTER OMICRON at position 3 (looks like "o", as every letter of its part does)`, actions[0].Reason)
	assert.Equal(t, "amold@example.com create", got[1])
	for i, email := range rulestest.OneScript {
		assert.Equal(t, email+" create", got[2+i])
	}
	n := 2 + len(rulestest.OneScript)
	assert.Equal(t, []string{"grace@example.com keep u2", "\u0455tale@example.com held i1", "arnold@example.com remove u1", "gr\u0430ce@example.com held u3"}, got[n:])
	assert.Contains(t, actions[n+1].Reason, "not invited: looks like another address: U+0455 CYRILLIC SMALL LETTER DZE at position 1", "a resend is an invite too")
}
