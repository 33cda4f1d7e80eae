// params.go hands a call's parameters to gen, one line per parameter. A
// query parameter added to the spec reaches the wire by regenerating, then
// adding its field to the params type and its line here; a field left
// without its line fails TestEveryListParamReachesGen. Plain code rather
// than copying fields by name at run time: a field with no twin in gen is
// then a compile error, not a panic.

package client

import "github.com/goinvites/invites/gen"

// listParams is p as gen's builder takes it.
func listParams(p ListParams) *gen.ListInvitesParams {
	return &gen.ListInvitesParams{
		Limit: optional(p.Limit),
		After: optional(p.After),
	}
}

// userListParams is p as gen's builder takes it.
func userListParams(p UserListParams) *gen.ListUsersParams {
	return &gen.ListUsersParams{
		Limit:  optional(p.Limit),
		After:  optional(p.After),
		Emails: optionalSlice(p.Emails),
	}
}

// projectListParams is p as gen's builder takes it.
func projectListParams(p ProjectListParams) *gen.ListProjectsParams {
	return &gen.ListProjectsParams{
		Limit:           optional(p.Limit),
		After:           optional(p.After),
		IncludeArchived: optional(p.IncludeArchived),
	}
}

// projectMemberListParams is p as gen's builder takes it.
func projectMemberListParams(p ProjectMemberListParams) *gen.ListProjectUsersParams {
	return &gen.ListProjectUsersParams{
		Limit: optional(p.Limit),
		After: optional(p.After),
	}
}

// optionalSlice is v as gen's optional parameter: nil when v is empty.
func optionalSlice[T any](v []T) *[]T {
	if len(v) == 0 {
		return nil
	}
	return &v
}

// optional is v as gen's optional parameter: nil when v is zero, so that
// the parameter is left out and the server's default applies.
func optional[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}
