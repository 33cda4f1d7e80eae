// projects groups the commands about projects, where an organization's work
// happens (spend, rate limits, keys), and about their members, who may use
// them. What every projects command must say (how a project and a person
// are named, what an organization owner is in a project, the exit codes)
// is written once here.

package projectcmd

import (
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

// projectsHelp ends the help of projects and of each of its subcommands.
const projectsHelp = `A project is named by ID or by name: an argument is looked up as a project
ID first, then as a name (exact, letter case included); a name that
several projects share is refused (exit 2) with their IDs, to name one by
ID. A person is named by user ID (user-...) or by email; emails compare
without regard to case. A project's members are members of the
organization; the organization's owners are owners of every project and
keep that role: their project role cannot be changed, nor can they be
removed from a project. Archived projects refuse every change to their
members.`

// projectsExitCodes is the exit codes of the projects commands.
const projectsExitCodes = `Exit codes: 0 success (a member already as asked included); 1 an API or
network failure, no project or member by that ID, name or email, or some
removals failed; 2 a usage error or a refusal (a name several projects
share, an archived project, an organization owner, a project's last owner,
no terminal to ask on without --yes); 130 interrupted.`

// projectsLong is a projects command's help: what it does, then what every
// projects command says.
func projectsLong(what string) string {
	return what + "\n\n" + projectsHelp + "\n\n" + projectsExitCodes
}

// Commands are the projects commands (invites projects ...), for the root
// to add.
func Commands(f *cmdutil.Factory) []*cobra.Command {
	return []*cobra.Command{newProjectsCmd(
		newListCmd(f, RunList),
		newGetCmd(f, RunGet),
		newMembersCmd(
			newMembersListCmd(f, RunMembersList),
			newMembersAddCmd(f, RunMembersAdd),
			newMembersSetRoleCmd(f, RunMembersSetRole),
			newMembersRemoveCmd(f, RunMembersRemove),
		),
	)}
}

func newProjectsCmd(subcommands ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "projects",
		Short: "See the organization's projects, and who may use each",
		Long: projectsLong(`List the organization's projects, show one, and see or change who may use
a project: list its members, add a member of the organization to it (as
owner or member), change a member's project role, or remove members from
it. invites sync keeps project access true to a roster's projects column.`),
		Example: `  invites projects list
  invites projects get Research -o json
  invites projects members list Research
  invites projects members add Research ada@example.com member
  invites projects members set-role proj_abc ada@example.com owner
  invites projects members remove Research bob@example.com`,
		// A RunE makes cobra check the arguments, so that a mistyped
		// subcommand is an error, not this help with exit 0.
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(subcommands...)
	return cmd
}

func newMembersCmd(subcommands ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "members",
		Short: "See and change who may use a project",
		Long: projectsLong(`List a project's members, add a member of the organization to it, change a
member's project role (owner or member), or remove members from it. A
project keeps at least one owner besides the organization's owners: the
change that would take its last one away is refused. A removal takes away
the person's access to the project at once.`),
		Example: `  invites projects members list Research -o csv
  invites projects members add Research ada@example.com owner
  invites projects members remove proj_abc user-def --yes`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(subcommands...)
	return cmd
}
