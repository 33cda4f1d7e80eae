// The one list of the ways the fragments (api/*.yaml) depart from OpenAI's
// published spec on purpose, each with its reason. The faithfulness tests excuse these
// and nothing else; the spec's "Addition:" comments only point here.

package api_test

// A departure excuses facts that ours states and the official spec does not
// (patterns of fact keys: steps separated by spaces, "*" matching any run of
// characters within a step, "**" any number of steps), or names a component
// schema of ours that the official spec writes out wherever it is used.
// A departure never excuses a fact the two state differently, or one ours
// lacks.
type departure struct {
	facts  []string
	inline string
	reason string
}

var departures = []departure{
	{
		facts: []string{
			"GET /organization/invites param query limit schema minimum",
			"GET /organization/invites param query limit schema maximum",
			"GET /organization/users param query limit schema minimum",
			"GET /organization/users param query limit schema maximum",
			"GET /organization/projects param query limit schema minimum",
			"GET /organization/projects param query limit schema maximum",
			"GET /organization/projects/{project_id}/users param query limit schema minimum",
			"GET /organization/projects/{project_id}/users param query limit schema maximum",
		},
		reason: "The published spec gives limit's range (1 to 100) only in prose; in the schema, " +
			"the client and the fake both enforce it.",
	},
	{
		facts:  []string{"POST /organization/invites response 201 **"},
		reason: "The API has been seen answering 201 to a create; the client treats any 2xx as success.",
	},
	{
		facts: []string{"* * response 4* **", "* * response 5* **"},
		reason: "The published spec documents only the 200 answers. The API answers errors in its " +
			"envelope (ErrorResponse) with these statuses, with x-request-id, and a 429 with the " +
			"rate-limit headers when it sends them.",
	},
	{
		facts:  []string{"* * response 2* header x-request-id **"},
		reason: "Every response carries x-request-id, the ID support asks for; the published spec documents no headers.",
	},
	{
		facts: []string{"schema Invite .email format", "schema InviteRequest .email format"},
		reason: "format: email, so the fake rejects an address the API would; it stays a plain " +
			"string in Go, so one odd address never fails a whole page.",
	},
	{
		facts:  []string{"schema Invite .invited_at **"},
		reason: "Older responses and docs name the send time invited_at; the client accepts either.",
	},
	{
		facts: []string{"schema UserRoleUpdateRequest .role enum"},
		reason: "The published spec names the roles only in prose (owner or reader; one description " +
			"says owner or member). The enum gives the client a typed role to send and the fake a " +
			"role to refuse; User.role, what comes back, stays a plain string.",
	},
	{
		facts: []string{"schema ProjectUserCreateRequest .role enum", "schema ProjectUserUpdateRequest .role enum"},
		reason: "The published spec names a project's roles only in prose (owner or member). The enum " +
			"gives the client a typed role to send and the fake a role to refuse (viewer, the third, " +
			"is granted only through role assignments); ProjectUser.role, what comes back, stays a " +
			"plain string.",
	},
	{
		inline: "InviteProject",
		reason: "The published spec writes the project grant out inside Invite and InviteRequest; " +
			"one component gives both a single named Go type.",
	},
}
