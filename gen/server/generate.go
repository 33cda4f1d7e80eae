// Package server holds the strict net/http server interface and the embedded
// spec generated from api/invites.yaml, for fake/ alone. Everything but this
// file is generated: edit the spec and run `make generate`.
package server

//go:generate go tool oapi-codegen -config ../../oapi-codegen.server.yaml -o server.gen.go ../../api/invites.yaml
