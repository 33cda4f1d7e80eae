// Package gen holds the models and HTTP client generated from
// api/invites.yaml. Everything but this file is generated: edit the spec and
// run `make generate`, never the generated code.
package gen

//go:generate go tool oapi-codegen -config ../oapi-codegen.yaml -o invites.gen.go ../api/invites.yaml
