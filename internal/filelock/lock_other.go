// Elsewhere (Solaris, AIX, Plan 9, WebAssembly) there is no lock to take:
// say so rather than pretend the file is safe.

//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd || windows)

package filelock

import (
	"errors"
	"os"
)

func lock(*os.File) error { return errors.ErrUnsupported }

func unlock(*os.File) error { return nil }
