// Package server holds the strict net/http server interface and the embedded
// spec generated from gen/openapi.yaml (the bundle of api/'s fragments), for
// fake/ alone. Everything but this file is generated: edit the fragments and
// run `make generate`.
package server

//go:generate go tool oapi-codegen -config ../../oapi-codegen.server.yaml -o server.gen.go ../openapi.yaml
