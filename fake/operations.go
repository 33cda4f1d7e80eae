// operations implements the generated strict server interface: the four
// API operations over the store, with the answers the real API gives.

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

func (o operations) ListInvites(ctx context.Context, req server.ListInvitesRequestObject) (server.ListInvitesResponseObject, error) {
	limit := defaultLimit
	if req.Params.Limit != nil {
		limit = *req.Params.Limit
	}
	after := ""
	if req.Params.After != nil {
		after = *req.Params.After
	}
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
	inv, ok := o.h.Invite(req.InviteID)
	if !ok {
		return notFound(req.InviteID), nil
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
