// user.go holds the organization member as callers see it. Members are what
// invites become once accepted, and the Users API is the only place that
// knows who is in the organization now.

package client

import "time"

// User is a member of the organization.
//
// The API sends email, name and role as nullable: "" means null. The list
// holds more than people: service accounts and members provisioned by SCIM
// are members too, and a sync must never change them (see Managed). Role
// may hold a value the client does not know ("member" appears in one
// description of the API); it is kept as sent.
type User struct {
	ID               string
	Email            string
	Name             string
	Role             Role
	AddedAt          time.Time // UTC; the zero time when the API sent none
	IsServiceAccount bool
	IsSCIMManaged    bool
}

// Managed reports whether something other than an admin's roster manages
// the member: a service account, or a member provisioned by SCIM, whom a
// directory would add back or whose key would stop working.
func (u User) Managed() bool { return u.IsServiceAccount || u.IsSCIMManaged }
