// Package client is the Go client for OpenAI's organization Admin API, one
// service per resource as in go-github and openai-go: Client.Invites lists,
// creates, retrieves and deletes invites to an organization; Client.Users
// lists, retrieves, changes the role of and removes its members (whom
// accepted invites become); Client.Projects lists, retrieves and finds by
// name its projects; Client.ProjectMembers lists, retrieves, adds, changes
// the role of and removes the members of a project. Every call has the
// same shape: context first, per-call options last, and a value (or none),
// a [*Response] and an error back.
//
// It is a thin layer over the generated code in package gen: gen's request
// builders build every request on every attempt, and the client decodes
// into gen's models. What it adds is what the raw API makes hard to get
// right:
//
//   - A create is never re-sent blindly. When an attempt fails in a way that
//     may have reached the server (timeout, dropped connection, 5xx), the
//     client first looks for the invite that attempt may have made, and only
//     sends again when the look-up finds none. A look-up can miss an invite
//     just made (a list that lags behind the create): the create is then sent
//     again, and only the server's refusal of a second pending invite to the
//     email prevents a duplicate (whether OpenAI's API refuses one is not
//     documented). Against a server that allows duplicates, use
//     [WithMaxRetries](0): a create is then sent again only after a 429,
//     which the server refused, and one that may have reached the server is
//     looked up once and its error returned; reconcile later with
//     [InvitesService.Ensure]. When the client cannot learn a create's
//     outcome, the error is an [*OutcomeUnknownError] naming the email.
//     A role change is re-sent freely (it is the same change); a removal
//     whose answer was lost and that then meets a 404 is done. An invite to
//     a member is refused by the API, and the error matches
//     [ErrAlreadyMember].
//   - An add to a project is a create too: after a failure that may have
//     reached the server, [ProjectMembersService.Add] looks the person up
//     in the project (one read by user ID, a scan by email) before it sends
//     again. Someone the project lists already with the role asked, found
//     by a look-up or refused by the API ("already exists in project"), is
//     done; with another role, the error is an [*AlreadyInProjectError]. A
//     removal from a project whose answer was lost and that then meets a
//     404 or "is not a member" ([ErrNotInProject]) is done. The API says
//     these refusals only in words, and the client matches them: adding
//     someone who is not in the organization ([ErrNotOrgMember]), any
//     member call to an archived project ([ErrProjectArchived]).
//   - The Admin API allows only a few requests a minute. One pacer per Client,
//     shared by every goroutine using it, learns the pace from what the server
//     says (x-ratelimit-* headers, retry-after-ms, Retry-After, or "try again
//     after N seconds" in a 429 message) and spaces the requests to each
//     endpoint so that a 429 is the exception; until it knows an endpoint's
//     pace, one request to it goes at a time. Sitting out the pace or a
//     429's wait spends no retry, and [Response.Waited] says how long a call
//     waited. Waits are capped ([WithMaxRetryWait]) and bounded by the
//     context; [WithoutPacing] turns the pacer off. A call that gives up on
//     the rate limit returns a [*RateLimitError]: the wait the server asked
//     for, where it said so, and why the call gave up. A call that does not
//     use its turn (its context ended, its wait was refused) gives it back,
//     so no call holds an endpoint for the next. Other transient failures of
//     GET and DELETE, a cut-off or malformed body included, back off
//     exponentially with jitter.
//   - The caller's context ends a call at once, and its error stays the
//     context's (errors.Is against context.Canceled or
//     context.DeadlineExceeded), wrapped with what is known: a call that
//     sent nothing matches [ErrNotSent]; a create that may have been sent
//     is an [*OutcomeUnknownError]. A nil context, or a Client that New did
//     not make, is an error ([ErrNilContext], [ErrZeroClient]), not a panic.
//   - Every 2xx is honoured: a create answered 2xx whose body cannot be read
//     (cut short, not JSON, too large, its connection closed) is looked up,
//     never sent again.
//   - Look-ups stop as soon as their answer is known, so they cost as few
//     requests as possible.
//   - A read is complete or it fails. Pagination ([InvitesService.All],
//     [UsersService.All], [ProjectsService.All], [ProjectMembersService.All])
//     never loops, even against a server that repeats its cursor forever,
//     holds one page in memory, and ends only after a page
//     that says it is the last: a page without data, one that says more
//     follow but holds none, or a cursor that does not advance is an
//     [*IncompleteReadError] naming the page, from List as from All.
//   - Every call reports a [Response] (request ID, rate-limit headers, the
//     last answer's headers, attempts), on success and on failure; every
//     non-2xx answer is an [*APIError] that works with errors.Is against the
//     Err* sentinels.
//   - Every method takes [CallOption]s for that call alone
//     ([WithCallTimeout], [WithCallHeader]).
//   - Input the API must refuse is refused before sending, by the rules the
//     CLI and the fake share ([ValidateEmail], [ValidateRole],
//     [ValidateInviteID], [ValidateUserID], [ValidateProjectID],
//     [ValidateProjectRole]).
//   - The API key never appears in an error (in none of an [APIError]'s
//     fields, should a server echo it), a kept header, a log line or a
//     formatted Client; middlewares never see it.
//
// Configuration comes from the environment (OPENAI_ADMIN_KEY,
// OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID, and no other variable),
// overridden by options passed to [New]; [WithoutEnvironment] makes New read
// none.
//
// # Projects of a new invite
//
// [CreateParams.Projects] has three meanings on the wire: nil omits the field,
// and the invitee joins the organization's default project; a non-nil empty
// slice sends "projects": [], and the invitee joins no project at all; a
// non-empty slice grants exactly those projects.
//
// # Times
//
// Times in an [Invite] are zero (time.Time{}, IsZero reports true) when the API
// sent null or nothing. A timestamp of 0 seconds is 1970-01-01 UTC, which is
// not the zero time, so null and 0 stay distinguishable.
package client
