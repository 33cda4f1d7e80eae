// decode.go turns response bodies into the package's types. It decodes into
// gen's models, overriding only the timestamps: the API sends them as null,
// as integers, under an old name (invited_at), and mocks send odd numbers, so
// they need a tolerant type of their own.

package client

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goinvites/invites/gen"
)

// unixTime is a timestamp in seconds that may be null or absent (set false).
type unixTime struct {
	sec int64
	set bool
}

var (
	errTimestamp     = errors.New("timestamp out of range")
	errNotATimestamp = errors.New("timestamp is not a number")
)

// UnmarshalJSON accepts null, integers, and numbers with a fraction or
// exponent (truncated to whole seconds), bare or quoted.
func (u *unixTime) UnmarshalJSON(b []byte) error {
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		b = b[1 : len(b)-1]
	}
	if string(b) == "null" {
		*u = unixTime{}
		return nil
	}
	if n, err := strconv.ParseInt(string(b), 10, 64); err == nil {
		*u = unixTime{sec: n, set: true}
		return nil
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return errNotATimestamp // quoting the value would put what a server echoed in the error
	}
	if math.IsNaN(f) || f < -1<<62 || f > 1<<62 {
		return errTimestamp
	}
	*u = unixTime{sec: int64(f), set: true}
	return nil
}

func (u unixTime) time() time.Time {
	if !u.set {
		return time.Time{}
	}
	return time.Unix(u.sec, 0).UTC()
}

// wireInvite is gen.Invite with its timestamps replaced: the outer fields
// shadow the embedded ones of the same JSON name.
type wireInvite struct {
	gen.Invite
	CreatedAt  unixTime `json:"created_at"`
	InvitedAt  unixTime `json:"invited_at"`
	ExpiresAt  unixTime `json:"expires_at"`
	AcceptedAt unixTime `json:"accepted_at"`
}

func (w *wireInvite) invite() Invite {
	created := w.CreatedAt
	if !created.set {
		created = w.InvitedAt
	}
	inv := Invite{
		ID:         w.ID,
		Email:      w.Email,
		Role:       Role(w.Role),
		Status:     Status(w.Status),
		CreatedAt:  created.time(),
		ExpiresAt:  w.ExpiresAt.time(),
		AcceptedAt: w.AcceptedAt.time(),
	}
	if w.Projects != nil {
		inv.Projects = make([]ProjectGrant, len(w.Projects))
		for i, p := range w.Projects {
			inv.Projects[i] = ProjectGrant{ID: p.ID, Role: ProjectRole(p.Role)}
		}
	}
	return inv
}

// decodeInvite decodes one invite object from body into inv.
func decodeInvite(body []byte, inv *Invite) error {
	var w wireInvite
	if err := decodeObject(body, &w); err != nil {
		return err
	}
	*inv = w.invite()
	return nil
}

// wireListOf is a page of any list as the API sends it, the shape of
// gen's list responses (gen.InviteListResponse, gen.UserListResponse,
// gen.ProjectListResponse, gen.ProjectUserListResponse) made
// generic over the item, so that every list decodes alike.
type wireListOf[W any] struct {
	Data    []W     `json:"data"`
	FirstID *string `json:"first_id"`
	LastID  *string `json:"last_id"`
	HasMore bool    `json:"has_more"`
}

// decodeList decodes one page of a list from body, making each item with
// item. The page's items are nil when it had no data at all ("data"
// absent or null), which no read may take for an empty list.
func decodeList[W, T any](body []byte, item func(*W) T) (pageOf[T], error) {
	var w wireListOf[W]
	if err := decodeObject(body, &w); err != nil {
		return pageOf[T]{}, err
	}
	p := pageOf[T]{firstID: deref(w.FirstID), lastID: deref(w.LastID), hasMore: w.HasMore}
	if w.Data != nil {
		p.items = make([]T, len(w.Data))
		for i := range w.Data {
			p.items[i] = item(&w.Data[i])
		}
	}
	return p, nil
}

// wireUser is gen.User with its timestamp made tolerant.
type wireUser struct {
	gen.User
	AddedAt unixTime `json:"added_at"`
}

func (w *wireUser) user() User {
	return User{
		ID:               w.ID,
		Email:            deref(w.Email),
		Name:             deref(w.Name),
		Role:             Role(deref(w.Role)),
		AddedAt:          w.AddedAt.time(),
		IsServiceAccount: deref(w.IsServiceAccount),
		IsSCIMManaged:    deref(w.IsSCIMManaged),
	}
}

// deref is *p, or the zero value for nil: what the API's null means here.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// decodeUser decodes one member object from body into u.
func decodeUser(body []byte, u *User) error {
	var w wireUser
	if err := decodeObject(body, &w); err != nil {
		return err
	}
	*u = w.user()
	return nil
}

// wireProject is gen.Project with its timestamps made tolerant.
type wireProject struct {
	gen.Project
	CreatedAt  unixTime `json:"created_at"`
	ArchivedAt unixTime `json:"archived_at"`
}

func (w *wireProject) project() Project {
	return Project{
		ID:         w.ID,
		Name:       deref(w.Name),
		CreatedAt:  w.CreatedAt.time(),
		ArchivedAt: w.ArchivedAt.time(),
		Status:     deref(w.Status),
	}
}

// decodeAs decodes one object from body as its wire type W, and sets *v
// to what made makes of it.
func decodeAs[W, T any](body []byte, v *T, made func(*W) T) error {
	var w W
	if err := decodeObject(body, &w); err != nil {
		return err
	}
	*v = made(&w)
	return nil
}

// wireProjectUser is gen.ProjectUser with its timestamp made tolerant.
type wireProjectUser struct {
	gen.ProjectUser
	AddedAt unixTime `json:"added_at"`
}

// member is w as a member of the project projectID: the API does not say
// which project in the member, so the call that asked fills it in.
func (w *wireProjectUser) member(projectID string) ProjectMember {
	return ProjectMember{
		ProjectID: projectID,
		UserID:    w.ID,
		Email:     deref(w.Email),
		Name:      deref(w.Name),
		Role:      ProjectRole(w.Role),
		AddedAt:   w.AddedAt.time(),
	}
}

// decodeProjectMember decodes one member of the project projectID from
// body into m.
func decodeProjectMember(body []byte, projectID string, m *ProjectMember) error {
	return decodeAs(body, m, func(w *wireProjectUser) ProjectMember { return w.member(projectID) })
}

var errNotObject = errors.New("response is not a JSON object")

// decodeObject decodes body, exactly one JSON object, into v. Decoding
// through a pointer to v catches "null", which would otherwise leave v zero
// without complaint.
func decodeObject[T any](body []byte, v *T) error {
	p := v
	if err := json.Unmarshal(body, &p); err != nil {
		return err
	}
	if p == nil {
		return errNotObject
	}
	return nil
}

// excerpt returns at most n bytes of b as valid UTF-8 text, for messages.
func excerpt(b []byte, n int) string {
	if len(b) <= n && utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if sb.Len()+utf8.RuneLen(r) > n {
			break
		}
		sb.WriteRune(r)
		b = b[size:]
	}
	return sb.String()
}

// decodeError describes a body the client could not use.
func (c *Client) decodeError(status int, requestID string, body []byte, err error) *DecodeError {
	return &DecodeError{StatusCode: status, RequestID: requestID, Body: c.bodyExcerpt(body), Err: err}
}
