// People are known to an admin by email, not by ID, so the commands that
// take an invite or a member take either, and tell them apart the same way.

package cmdutil

import "strings"

// IsEmail reports whether an argument names an invite or a member by email:
// IDs never contain "@".
func IsEmail(arg string) bool { return strings.Contains(arg, "@") }
