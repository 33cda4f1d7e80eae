// A test that proves a write was recorded before it was sent compares two
// sides: what Apply's observer (or a journal) recorded, and what a server
// received. Both sides must name a write the same way, so they share this.

// Package writetest names the writes of the Admin API alike from a request
// on the wire and from what roster's observer records. It is imported by
// tests only.
package writetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/goinvites/invites/roster"
)

// Name names a write: its kind and what it is about (the email a create
// invites, the invite deleted, the member changed or removed), the fields
// of a roster.WriteEvent or a journal record.
func Name(w roster.Write, email, inviteID, userID string) string {
	target := userID
	switch w {
	case roster.CreateInvite:
		target = strings.ToLower(email)
	case roster.DeleteInvite:
		target = inviteID
	}
	return string(w) + " " + target
}

// Of names the write r makes, as Name does, or "" for a request that
// writes nothing. It reads a create's body to learn its email, and puts
// the body back for whoever handles r next.
func Of(r *http.Request) (string, error) {
	path := r.URL.Path[strings.Index(r.URL.Path, "/organization/")+len("/organization/"):]
	id := path[strings.LastIndexByte(path, '/')+1:]
	switch {
	case r.Method == http.MethodPost && path == "invites":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return "", err
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		var sent struct{ Email string }
		if err := json.Unmarshal(body, &sent); err != nil {
			return "", fmt.Errorf("a create's body: %w", err)
		}
		return Name(roster.CreateInvite, sent.Email, "", ""), nil
	case r.Method == http.MethodDelete && strings.HasPrefix(path, "invites/"):
		return Name(roster.DeleteInvite, "", id, ""), nil
	case r.Method == http.MethodPost && strings.HasPrefix(path, "users/"):
		return Name(roster.SetMemberRole, "", "", id), nil
	case r.Method == http.MethodDelete && strings.HasPrefix(path, "users/"):
		return Name(roster.RemoveMember, "", "", id), nil
	}
	return "", nil
}
