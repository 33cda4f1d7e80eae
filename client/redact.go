// redact.go keeps the API key out of everything a server sends back that
// the client keeps: a server or proxy that echoes the key (in a message, a
// header, a body) must not put it in an error, a log line or a Response.

package client

import (
	"net/http"
	"strings"
)

// redactHeader returns h, or a copy without the key should a server echo
// it in a header.
func (c *Client) redactHeader(h http.Header) http.Header {
	for _, values := range h {
		for _, v := range values {
			if strings.Contains(v, c.key) {
				return c.redactAll(h)
			}
		}
	}
	return h
}

func (c *Client) redactAll(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for name, values := range h {
		for _, v := range values {
			out[name] = append(out[name], c.redact(v))
		}
	}
	return out
}

// redact removes the key from text a server sent, should it echo it.
func (c *Client) redact(s string) string {
	if c.key == "" {
		return s
	}
	return strings.ReplaceAll(s, c.key, "[redacted]")
}

// bodyExcerpt is the start of a body for an error, without the key even
// where the cut would fall inside it.
func (c *Client) bodyExcerpt(body []byte) string {
	text := c.redact(excerpt(body, maxErrorExcerpt+len(c.key)))
	return excerpt([]byte(text), maxErrorExcerpt)
}
