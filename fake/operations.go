// operations implements the generated strict server interface: the API's
// invites and users operations over the store, with the answers the real
// API gives.

package fake

import (
	"context"
	"net/http"

	"github.com/goinvites/invites/gen"
	"github.com/goinvites/invites/gen/server"
)

const defaultLimit = 20

type operations struct{ h *Handler }

var _ server.StrictServerInterface = operations{}

// paging reads a list's limit (20 when not given) and after ("" for the
// first page).
func paging(limit *int, after *string) (int, string) {
	l, a := defaultLimit, ""
	if limit != nil {
		l = *limit
	}
	if after != nil {
		a = *after
	}
	return l, a
}

func (o operations) ListInvites(ctx context.Context, req server.ListInvitesRequestObject) (server.ListInvitesResponseObject, error) {
	limit, after := paging(req.Params.Limit, req.Params.After)
	page, bad := o.h.list(after, limit, isStaleList(ctx))
	if bad != nil {
		return bad, nil
	}
	return server.ListInvites200JSONResponse{Body: page}, nil
}

func (o operations) InviteUser(_ context.Context, req server.InviteUserRequestObject) (server.InviteUserResponseObject, error) {
	inv, bad := o.h.create(*req.Body)
	if bad != nil {
		return bad, nil
	}
	if o.h.cfg.createStatus == http.StatusCreated {
		return server.InviteUser201JSONResponse{Body: inv}, nil
	}
	return server.InviteUser200JSONResponse{Body: inv}, nil
}

func (o operations) RetrieveInvite(_ context.Context, req server.RetrieveInviteRequestObject) (server.RetrieveInviteResponseObject, error) {
	inv, ok := o.h.invite(req.InviteID)
	if !ok {
		return inviteNotFound(req.InviteID), nil
	}
	return server.RetrieveInvite200JSONResponse{Body: inv}, nil
}

func (o operations) DeleteInvite(_ context.Context, req server.DeleteInviteRequestObject) (server.DeleteInviteResponseObject, error) {
	if bad := o.h.remove(req.InviteID); bad != nil {
		return bad, nil
	}
	return server.DeleteInvite200JSONResponse{Body: gen.InviteDeleteResponse{
		Object: gen.InviteDeleteResponseObjectOrganizationInviteDeleted, ID: req.InviteID, Deleted: true,
	}}, nil
}

func (o operations) ListUsers(_ context.Context, req server.ListUsersRequestObject) (server.ListUsersResponseObject, error) {
	limit, after := paging(req.Params.Limit, req.Params.After)
	page, bad := o.h.listMembers(after, limit, req.Params.Emails)
	if bad != nil {
		return bad, nil
	}
	return server.ListUsers200JSONResponse{Body: page}, nil
}

func (o operations) RetrieveUser(_ context.Context, req server.RetrieveUserRequestObject) (server.RetrieveUserResponseObject, error) {
	u, ok := o.h.member(req.UserID)
	if !ok {
		return userNotFound(req.UserID), nil
	}
	return server.RetrieveUser200JSONResponse{Body: u}, nil
}

func (o operations) ModifyUser(_ context.Context, req server.ModifyUserRequestObject) (server.ModifyUserResponseObject, error) {
	u, bad := o.h.modifyMember(req.UserID, *req.Body)
	if bad != nil {
		return bad, nil
	}
	return server.ModifyUser200JSONResponse{Body: u}, nil
}

func (o operations) DeleteUser(_ context.Context, req server.DeleteUserRequestObject) (server.DeleteUserResponseObject, error) {
	if bad := o.h.removeMember(req.UserID); bad != nil {
		return bad, nil
	}
	return server.DeleteUser200JSONResponse{Body: gen.UserDeleteResponse{
		Object: gen.UserDeleteResponseObjectOrganizationUserDeleted, ID: req.UserID, Deleted: true,
	}}, nil
}
