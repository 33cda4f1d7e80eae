// A roster is read whole before anything is sent, so what a real invite
// could never carry is refused on its line, before the first request, not
// as a server 400 in the middle of an apply; and a file of any size is read
// in bounded memory.

package rosterfile

// The limits a roster holds to, exported so that a command's help can say
// them.
const (
	// MaxProjectGrants is the most project grants one entry may carry. An
	// invite names the projects its person joins; a hundred is more than any
	// real invite carries, and a cell with more is almost certainly a paste
	// gone wrong.
	MaxProjectGrants = 100
	// MaxProjectIDLength is the longest project ID accepted, in bytes.
	// OpenAI's project IDs are "proj_" and 24 characters (29 bytes).
	MaxProjectIDLength = 64
	// MaxRows is the most people rows a file may hold (empty rows do not
	// count). An invite takes several seconds of the Admin API's rate limit,
	// so a hundred thousand is already days of sending.
	MaxRows = 100_000
	// MaxRowBytes is the longest one row (one record, with every quoted line
	// break in it) may be, in bytes: identity-provider exports hold a few
	// hundred bytes a row, and the cap keeps an unterminated quote from
	// reading a whole file into memory.
	MaxRowBytes = 1 << 20
)
