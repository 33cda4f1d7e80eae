// A roster row reаder@example.com (a Cyrillic а) and the member
// reader@example.com look identical in a plan, yet compare as two people:
// the plan would invite the look-alike and remove the member. Such pairs
// are held here, both sides, and named by the characters that tell them
// apart, so that an admin can see what the table cannot show.

package roster

import (
	"fmt"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/rules"
)

// orgAddress is a member's or a pending invite's email, as a look-alike
// of a roster email may be.
type orgAddress struct {
	email  string
	member *client.User   // the member, or nil for
	invite *client.Invite // the pending invite
}

func (o orgAddress) what() string {
	if o.member != nil {
		return "member"
	}
	return "pending invite"
}

// id tells the member or invite apart from any other, as holdLookalikes
// records those with an action.
func (o orgAddress) id() string {
	if o.member != nil {
		return "user " + o.member.ID
	}
	return "invite " + o.invite.ID
}

// holdLookalikes turns into Held every action about a roster email and a
// member or pending invite that look alike (one rules.LookalikeKey) but
// are different addresses (two trimmed keys), on both sides: no create, no
// removal, no revoke, no role change, no change of project access for
// either. What sends nothing and
// says so already stays: a Keep (a roster email that is also a member's
// exactly), a Managed member. A member or pending invite so held that the
// plan had no action for gets a Held action, after the others. Two
// addresses of printable ASCII alone are never look-alikes here: their
// letters (rn and m, l and 1) read as what they are.
//
// Any other create of an invite (Create, Resend, Replace) to a look-alike
// (rules.Lookalike) is Held too: the client would refuse it.
//
// The roster emails are those of the actions' entries: every email Plan
// plans has one.
func holdLookalikes(org Org, actions []Action) []Action {
	byLook := map[string][]orgAddress{}
	for i := range org.Members {
		if m := &org.Members[i]; m.Email != "" {
			k := rules.LookalikeKey(m.Email)
			byLook[k] = append(byLook[k], orgAddress{email: m.Email, member: m})
		}
	}
	for i := range org.Invites {
		if inv := &org.Invites[i]; inv.Status == client.StatusPending {
			k := rules.LookalikeKey(inv.Email)
			byLook[k] = append(byLook[k], orgAddress{email: inv.Email, invite: inv})
		}
	}
	rosterSide := map[string][]orgAddress{} // trimmedKey of a roster email -> what it looks like
	orgSide := map[string][]string{}        // trimmedKey of an org email -> the roster emails it looks like
	var held []orgAddress                   // the org side, in the order found
	seen := map[string]bool{}
	for _, a := range actions {
		if a.Entry == nil || seen[trimmedKey(a.Entry.Email)] {
			continue
		}
		email, ek := a.Entry.Email, trimmedKey(a.Entry.Email)
		seen[ek] = true
		for _, o := range byLook[rules.LookalikeKey(email)] {
			ok := trimmedKey(o.email)
			if ok == ek || plainASCII(email) && plainASCII(o.email) {
				continue
			}
			rosterSide[ek] = append(rosterSide[ek], o)
			if orgSide[ok] == nil {
				held = append(held, o)
			}
			orgSide[ok] = append(orgSide[ok], email)
		}
	}
	acted := map[string]bool{} // the members and invites with an action (orgAddress.id)
	for i, a := range actions {
		acted["user "+a.UserID()], acted["invite "+a.InviteID()] = true, true
		switch {
		case a.Kind == Keep || a.Kind == Managed:
		case a.Entry != nil && rosterSide[trimmedKey(a.Entry.Email)] != nil:
			actions[i].Kind, actions[i].Reason = Held, a.onProject(rosterReason(a.Entry.Email, rosterSide[trimmedKey(a.Entry.Email)]))
		case a.Member != nil && orgSide[trimmedKey(a.Member.Email)] != nil:
			actions[i].Kind, actions[i].Reason = Held, a.onProject(orgReason(a.Member.Email, orgSide[trimmedKey(a.Member.Email)]))
		case a.Invite != nil && a.Invite.Status == client.StatusPending && orgSide[trimmedKey(a.Invite.Email)] != nil:
			actions[i].Kind, actions[i].Reason = Held, orgReason(a.Invite.Email, orgSide[trimmedKey(a.Invite.Email)])
		case a.Kind == Create || a.Kind == Resend || a.Kind == Replace:
			if err := rules.Lookalike(a.Email); err != nil {
				actions[i].Kind, actions[i].Reason = Held, "not invited: "+err.Error()
			}
		}
	}
	for _, o := range held {
		if !acted[o.id()] {
			actions = append(actions, Action{Kind: Held, Email: o.email, Member: o.member, Invite: o.invite,
				Reason: orgReason(o.email, orgSide[trimmedKey(o.email)])})
		}
	}
	return actions
}

// plainASCII reports whether email is printable ASCII without spaces.
func plainASCII(email string) bool {
	for i := range len(email) {
		if email[i] <= ' ' || email[i] > '~' {
			return false
		}
	}
	return true
}

// rosterReason says why a roster email is held: what it looks like.
func rosterReason(email string, like []orgAddress) string {
	parts := make([]string, len(like))
	for i, o := range like {
		parts[i] = fmt.Sprintf("looks like %s %s (%s)", o.what(), withASCIIDomain(o.email), charDifferences(email, o.email))
	}
	return heldFor(email, parts)
}

// orgReason says why a member's or pending invite's email is held: the
// roster emails it looks like.
func orgReason(email string, like []string) string {
	parts := make([]string, len(like))
	for i, r := range like {
		parts[i] = fmt.Sprintf("looks like the roster's %s (%s)", withASCIIDomain(r), charDifferences(email, r))
	}
	return heldFor(email, parts)
}

func heldFor(email string, parts []string) string {
	s := strings.Join(parts, "; ") + "; nothing is sent for either"
	if d, ok := rules.ASCIIDomain(email); ok {
		s += "; this domain is " + d + " in ASCII"
	}
	return s
}

// withASCIIDomain is email with, beside it, the ASCII form of a domain
// that is not ASCII.
func withASCIIDomain(email string) string {
	if d, ok := rules.ASCIIDomain(email); ok {
		return email + " [" + d + "]"
	}
	return email
}

// charDifferences names the characters that tell email from other, by
// position in email: "position 3 is U+0430 CYRILLIC SMALL LETTER A here,
// "a" there". Emails of as many characters are compared one by one;
// others by what lies between their common start and end.
func charDifferences(email, other string) string {
	a, b := []rune(email), []rune(other)
	var out []string
	if len(a) == len(b) {
		for i := range a {
			if !strings.EqualFold(string(a[i]), string(b[i])) {
				out = append(out, fmt.Sprintf("position %d is %s here, %s there", i+1, showRunes(a[i:i+1]), showRunes(b[i:i+1])))
			}
		}
		return strings.Join(out, ", ")
	}
	pre := 0
	for pre < len(a) && pre < len(b) && strings.EqualFold(string(a[pre]), string(b[pre])) {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && strings.EqualFold(string(a[len(a)-1-suf]), string(b[len(b)-1-suf])) {
		suf++
	}
	where := fmt.Sprintf("position %d", pre+1)
	if n := len(a) - suf - pre; n > 1 {
		where = fmt.Sprintf("positions %d to %d", pre+1, pre+n)
	}
	return fmt.Sprintf("%s: %s here, %s there", where, showRunes(a[pre:len(a)-suf]), showRunes(b[pre:len(b)-suf]))
}

// showRunes shows characters for a reason: printable ASCII as itself,
// quoted, anything else by code point and name.
func showRunes(rs []rune) string {
	if len(rs) == 0 {
		return "nothing"
	}
	parts := make([]string, len(rs))
	for i, r := range rs {
		if r > ' ' && r <= '~' {
			parts[i] = fmt.Sprintf("%q", string(r))
		} else {
			parts[i] = rules.CodePoint(r)
		}
	}
	return strings.Join(parts, " ")
}
