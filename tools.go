//go:build tools

// This file pins the code generator the classic way, beside the `tool` line in
// go.mod that `go tool oapi-codegen` runs. The go:generate directives live in
// gen/ (go generate skips files behind a build tag).
package tools

import _ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
