// params.go hands a call's parameters to gen by field name, so that a query
// parameter added to the spec reaches the wire by regenerating and adding
// one field of the same name to the params type here: no code in between
// names a parameter.

package client

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/goinvites/invites/gen"
)

// paramField pairs a field of ours with gen's field of the same name.
type paramField struct{ ours, gens int }

// paramFields pairs every field of ours with gen's; gen's are pointers, as
// every optional parameter is. A field without a twin is a programming
// error that every test run reports.
func paramFields(ours, gens reflect.Type) []paramField {
	fields := make([]paramField, ours.NumField())
	for i := range ours.NumField() {
		f := ours.Field(i)
		g, ok := gens.FieldByName(f.Name)
		if !ok || g.Type.Kind() != reflect.Pointer || !f.Type.ConvertibleTo(g.Type.Elem()) {
			panic(fmt.Sprintf("client: %s.%s has no optional twin in gen.%s", ours.Name(), f.Name, gens.Name()))
		}
		fields[i] = paramField{i, g.Index[0]}
	}
	return fields
}

var listFields = sync.OnceValue(func() []paramField {
	return paramFields(reflect.TypeFor[ListParams](), reflect.TypeFor[gen.ListInvitesParams]())
})

// toGen copies each non-zero field of ours into its twin: a zero field
// leaves the parameter out, so the server's default applies.
func toGen(ours, gens reflect.Value, fields []paramField) {
	for _, f := range fields {
		v := ours.Field(f.ours)
		if v.IsZero() {
			continue
		}
		dst := gens.Field(f.gens)
		p := reflect.New(dst.Type().Elem())
		p.Elem().Set(v.Convert(dst.Type().Elem()))
		dst.Set(p)
	}
}

// listParams is p as gen's builder takes it.
func listParams(p ListParams) *gen.ListInvitesParams {
	var out gen.ListInvitesParams
	toGen(reflect.ValueOf(p), reflect.ValueOf(&out).Elem(), listFields())
	return &out
}
