// Package gen holds the models and HTTP client generated from the project's
// OpenAPI document: openapi.yaml, bundled from the fragments in api/ (see
// package api). Everything but this file is generated: edit the fragments
// and run `make generate`, never the generated code.
package gen

//go:generate go run ../api/bundle -o openapi.yaml
//go:generate go tool oapi-codegen -config ../oapi-codegen.yaml -o openapi.gen.go openapi.yaml
