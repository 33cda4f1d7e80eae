// operations implements the generated strict server interface: the API's
// invites, users and projects operations over the store, with the answers
// the real API gives.

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
	inv, ok := o.h.readInvite(req.InviteID)
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
	u, ok := o.h.readMember(req.UserID)
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

func (o operations) ListProjects(ctx context.Context, req server.ListProjectsRequestObject) (server.ListProjectsResponseObject, error) {
	limit, after := paging(req.Params.Limit, req.Params.After)
	archived := req.Params.IncludeArchived != nil && *req.Params.IncludeArchived
	page, bad := o.h.listProjects(after, limit, archived, isStaleList(ctx))
	if bad != nil {
		return bad, nil
	}
	return server.ListProjects200JSONResponse{Body: page}, nil
}

func (o operations) CreateProject(_ context.Context, req server.CreateProjectRequestObject) (server.CreateProjectResponseObject, error) {
	p, bad := o.h.createProject(*req.Body)
	if bad != nil {
		return bad, nil
	}
	return server.CreateProject200JSONResponse{Body: p}, nil
}

func (o operations) RetrieveProject(_ context.Context, req server.RetrieveProjectRequestObject) (server.RetrieveProjectResponseObject, error) {
	p, ok := o.h.readProject(req.ProjectID)
	if !ok {
		return projectNotFound(req.ProjectID), nil
	}
	return server.RetrieveProject200JSONResponse{Body: p}, nil
}

func (o operations) ModifyProject(_ context.Context, req server.ModifyProjectRequestObject) (server.ModifyProjectResponseObject, error) {
	p, bad := o.h.modifyProject(req.ProjectID, *req.Body)
	if bad != nil {
		return bad, nil
	}
	return server.ModifyProject200JSONResponse{Body: p}, nil
}

func (o operations) ArchiveProject(_ context.Context, req server.ArchiveProjectRequestObject) (server.ArchiveProjectResponseObject, error) {
	p, bad := o.h.archiveProject(req.ProjectID)
	if bad != nil {
		return bad, nil
	}
	return server.ArchiveProject200JSONResponse{Body: p}, nil
}

func (o operations) ListProjectUsers(ctx context.Context, req server.ListProjectUsersRequestObject) (server.ListProjectUsersResponseObject, error) {
	limit, after := paging(req.Params.Limit, req.Params.After)
	page, bad := o.h.listProjectUsers(req.ProjectID, after, limit, isStaleList(ctx))
	if bad != nil {
		return bad, nil
	}
	return server.ListProjectUsers200JSONResponse{Body: page}, nil
}

func (o operations) CreateProjectUser(_ context.Context, req server.CreateProjectUserRequestObject) (server.CreateProjectUserResponseObject, error) {
	u, bad := o.h.addProjectUser(req.ProjectID, *req.Body)
	if bad != nil {
		return bad, nil
	}
	return server.CreateProjectUser200JSONResponse{Body: u}, nil
}

func (o operations) RetrieveProjectUser(_ context.Context, req server.RetrieveProjectUserRequestObject) (server.RetrieveProjectUserResponseObject, error) {
	u, bad := o.h.readProjectUser(req.ProjectID, req.UserID)
	if bad != nil {
		return bad, nil
	}
	return server.RetrieveProjectUser200JSONResponse{Body: u}, nil
}

func (o operations) ModifyProjectUser(_ context.Context, req server.ModifyProjectUserRequestObject) (server.ModifyProjectUserResponseObject, error) {
	u, bad := o.h.modifyProjectUser(req.ProjectID, req.UserID, *req.Body)
	if bad != nil {
		return bad, nil
	}
	return server.ModifyProjectUser200JSONResponse{Body: u}, nil
}

func (o operations) DeleteProjectUser(_ context.Context, req server.DeleteProjectUserRequestObject) (server.DeleteProjectUserResponseObject, error) {
	if bad := o.h.removeProjectUser(req.ProjectID, req.UserID); bad != nil {
		return bad, nil
	}
	return server.DeleteProjectUser200JSONResponse{Body: gen.ProjectUserDeleteResponse{
		Object: gen.ProjectUserDeleteResponseObjectOrganizationProjectUserDeleted, ID: req.UserID, Deleted: true,
	}}, nil
}
