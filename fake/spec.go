// The fake judges requests by the same spec the client is generated from,
// so a request the fake accepts is one the real API documents. The spec is
// decoded once per process, on first use, because decoding costs
// milliseconds that tests creating many fakes should not pay each time.

package fake

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/goinvites/invites/gen/server"
	"github.com/goinvites/invites/internal/rules"
)

// basePath is where the fake serves the API, as https://api.openai.com/v1.
const basePath = "/v1"

type apiSpec struct {
	doc    *openapi3.T
	router routers.Router
	opts   openapi3filter.Options
}

var loadSpec = sync.OnceValues(func() (*apiSpec, error) {
	doc, err := server.GetSpec()
	if err != nil {
		return nil, fmt.Errorf("fake: load the embedded spec: %w", err)
	}
	// The spec names https://api.openai.com/v1; the fake serves /v1 on any host.
	doc.Servers = openapi3.Servers{{URL: basePath}}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("fake: route the embedded spec: %w", err)
	}
	return &apiSpec{doc: doc, router: router, opts: openapi3filter.Options{
		AuthenticationFunc:  openapi3filter.NoopAuthenticationFunc, // the fake checks the key itself, first
		SkipSettingDefaults: true,
		SchemaValidationOptions: []openapi3.SchemaValidationOption{
			// The client's rule, so that the two never disagree on an address.
			openapi3.WithStringFormatValidator("email", openapi3.NewCallbackValidator(rules.Email)),
		},
	}}, nil
})

// routable returns a shallow copy of r whose URL holds only path and query,
// which is what the router matches against the "/v1" server.
func routable(r *http.Request) *http.Request {
	rr := r.WithContext(r.Context())
	rr.URL = &url.URL{Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery}
	return rr
}

// route finds the operation r asks for, or the 404/405 answer.
func (s *apiSpec) route(r *http.Request) (*routers.Route, map[string]string, *apiError) {
	// Go's mux would answer a non-canonical path with a plain-text redirect.
	if p := r.URL.Path; p == "" || path.Clean(p) != p {
		return nil, nil, invalidURL(r)
	}
	if route, params, ok := s.find(r); ok {
		return route, params, nil
	}
	// The router tells a wrong method from an unknown path only for paths
	// without parameters, so ask it about every method.
	if allow := s.allowed(r); allow != "" {
		return nil, nil, methodNotAllowed(r, allow)
	}
	return nil, nil, invalidURL(r)
}

// find asks the router for r's operation. The router lets a path parameter
// match nothing (DELETE /organization/invites would name invite ""), which
// the API's paths never mean.
func (s *apiSpec) find(r *http.Request) (*routers.Route, map[string]string, bool) {
	route, params, err := s.router.FindRoute(routable(r))
	if err != nil {
		return nil, nil, false
	}
	for _, v := range params {
		if v == "" {
			return nil, nil, false
		}
	}
	return route, params, true
}

// allowed lists the methods the spec declares for r's path.
func (s *apiSpec) allowed(r *http.Request) string {
	var ok []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		rr := r.WithContext(r.Context())
		rr.Method = m
		if _, _, found := s.find(rr); found {
			ok = append(ok, m)
		}
	}
	return strings.Join(ok, ", ")
}

// validate checks r against its operation; r's body stays readable.
func (s *apiSpec) validate(ctx context.Context, r *http.Request, route *routers.Route, params map[string]string) *apiError {
	rr := routable(r)
	err := openapi3filter.ValidateRequest(ctx, &openapi3filter.RequestValidationInput{
		Request: rr, PathParams: params, Route: route, Options: &s.opts,
	})
	r.Body = rr.Body
	if err != nil {
		return fromValidation(err)
	}
	return unknownParameters(r, route)
}

// unknownParameters rejects body fields the spec does not name, as OpenAI
// does ("Unknown parameter: 'x'."): a client sending a misspelt field
// should learn it here, not in production.
func unknownParameters(r *http.Request, route *routers.Route) *apiError {
	body := route.Operation.RequestBody
	if body == nil || body.Value == nil {
		return nil
	}
	media := body.Value.Content.Get("application/json")
	if media == nil || media.Schema == nil {
		return nil
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return badRequest("", "", "Could not read the request body: %v", err)
	}
	r.Body = io.NopCloser(bytes.NewReader(data))
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil // validation already accepted it; nothing to add
	}
	if name := unknownField(v, media.Schema.Value, ""); name != "" {
		return badRequest(name, "unknown_parameter", "Unknown parameter: '%s'.", name)
	}
	return nil
}

// unknownField returns the path of the first field (in key order) that
// schema s does not declare, or "".
func unknownField(v any, s *openapi3.Schema, at string) string {
	if s == nil {
		return ""
	}
	switch v := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			name := jsonPath([]string{at, k})
			p, ok := s.Properties[k]
			if !ok {
				return name
			}
			if bad := unknownField(v[k], p.Value, name); bad != "" {
				return bad
			}
		}
	case []any:
		if s.Items == nil {
			return ""
		}
		for i, e := range v {
			if bad := unknownField(e, s.Items.Value, fmt.Sprintf("%s[%d]", at, i)); bad != "" {
				return bad
			}
		}
	}
	return ""
}

// fromValidation turns a kin-openapi verdict into the answer OpenAI gives,
// naming the offending parameter or body field in param.
func fromValidation(err error) *apiError {
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) {
		return badRequest("", "", "Invalid request: %v", err)
	}
	var se *openapi3.SchemaError
	schemaErr := errors.As(re.Err, &se)
	switch {
	case re.Parameter != nil && schemaErr:
		return schemaProblem(re.Parameter.Name, se)
	case re.Parameter != nil && re.Parameter.Schema != nil && re.Parameter.Schema.Value != nil:
		return badRequest(re.Parameter.Name, "invalid_type", "Invalid type for '%s': expected %s.", re.Parameter.Name, typeName(re.Parameter.Schema.Value))
	case re.Parameter != nil:
		return badRequest(re.Parameter.Name, "invalid_value", "Invalid '%s': %v.", re.Parameter.Name, re.Err)
	case re.RequestBody != nil && schemaErr:
		return schemaProblem(jsonPath(se.JSONPointer()), se)
	case re.RequestBody != nil && errors.Is(re.Err, openapi3filter.ErrInvalidRequired):
		return badRequest("", "", "You must provide a JSON body with this request.")
	case re.RequestBody != nil:
		return badRequest("", "", "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)")
	}
	return badRequest("", "", "Invalid request: %s.", re.Reason)
}

// jsonPath writes a JSON pointer the way OpenAI names params: projects[0].role.
func jsonPath(ptr []string) string {
	var b strings.Builder
	for _, p := range ptr {
		if p == "" {
			continue
		}
		if _, err := strconv.Atoi(p); err == nil {
			fmt.Fprintf(&b, "[%s]", p)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

func schemaProblem(param string, se *openapi3.SchemaError) *apiError {
	switch se.SchemaField {
	case "required":
		return badRequest(param, "missing_required_parameter", "Missing required parameter: '%s'.", param)
	case "minimum":
		return badRequest(param, "integer_below_min_value", "Invalid '%s': integer below minimum value. Expected a value >= %v, but got %v instead.", param, *se.Schema.Min, se.Value)
	case "maximum":
		return badRequest(param, "integer_above_max_value", "Invalid '%s': integer above maximum value. Expected a value <= %v, but got %v instead.", param, *se.Schema.Max, se.Value)
	case "type":
		return badRequest(param, "invalid_type", "Invalid type for '%s': expected %s.", param, typeName(se.Schema))
	case "enum":
		return badRequest(param, "invalid_value", "Invalid value: '%v'. Supported values are: %s.", se.Value, quoted(se.Schema.Enum))
	case "format":
		return invalidFormat(param, se.Schema.Format, se.Origin)
	}
	return badRequest(param, "invalid_value", "Invalid '%s': %s.", param, se.Reason)
}

// invalidFormat refuses a value of param that is not a valid format. A
// character nobody can see, or one that makes an address pass for another,
// is named, or the caller could not find what makes an address that looks
// right invalid.
func invalidFormat(param, format string, why error) *apiError {
	var hidden *rules.CharError
	var lookalike *rules.LookalikeError
	if errors.As(why, &hidden) || errors.As(why, &lookalike) {
		return badRequest(param, "invalid_value", "Invalid '%s': not a valid %s: %s.", param, format, why)
	}
	return badRequest(param, "invalid_value", "Invalid '%s': not a valid %s.", param, format)
}

// typeName is a schema's type for a message: "an integer", "an object".
func typeName(s *openapi3.Schema) string {
	t := strings.Join(s.Type.Slice(), " or ")
	if t == "" {
		return "a value"
	}
	if strings.ContainsAny(t[:1], "aeiou") {
		return "an " + t
	}
	return "a " + t
}

// quoted lists enum values as OpenAI does: 'reader' and 'owner'.
func quoted(values []any) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("'%v'", v)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}
