// users groups the commands about members, whom invites become once
// accepted: the Users API is the only place that knows who is in the
// organization now. What every users command must say (what a member is,
// how an email is matched, the exit codes) is written once here.

package membercmd

import (
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

// membersHelp ends the help of users and of each of its subcommands.
const membersHelp = `Members are everyone in the organization: the people who accepted an
invite, those who joined through SSO, service accounts, and members an
identity provider manages through SCIM. A member is named by ID (user-...)
or by email; emails compare without regard to case. An email is found by
reading every member: the API's emails filter has been reported to miss
members who exist, so it is never trusted.`

// membersExitCodes is the exit codes of the users commands.
const membersExitCodes = `Exit codes: 0 success (a role already as asked included); 1 an API or
network failure, no member by that ID or email, or some removals failed;
2 a usage error or a refusal (a managed member without --force, the last
owner, no terminal to ask on without --yes); 130 interrupted.`

// usersLong is a users command's help: what it does, then what every
// users command says.
func usersLong(what string) string {
	return what + "\n\n" + membersHelp + "\n\n" + membersExitCodes
}

// Commands are the members commands (invites users ...), for the root to
// add.
func Commands(f *cmdutil.Factory) []*cobra.Command {
	return []*cobra.Command{newUsersCmd(
		newListCmd(f, RunList),
		newGetCmd(f, RunGet),
		newSetRoleCmd(f, RunSetRole),
		newRemoveCmd(f, RunRemove),
	)}
}

func newUsersCmd(subcommands ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users",
		Short: "See the organization's members, change their role, remove them",
		Long: usersLong(`List the organization's members, show one, change a member's role
(owner or reader) or remove members.

Service accounts and SCIM-managed members are managed by their provider,
which may undo a change or stop working: set-role and remove refuse them
unless --force. Neither leaves the organization without an owner (service
accounts do not count as owners). A removal cannot be undone: the person
needs a new invite to come back.`),
		Example: `  invites users list
  invites users get ada@example.com -o json
  invites users set-role ada@example.com owner
  invites users remove user-abc bob@example.com`,
		// A RunE makes cobra check the arguments, so that a mistyped
		// subcommand is an error, not this help with exit 0.
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(subcommands...)
	return cmd
}
