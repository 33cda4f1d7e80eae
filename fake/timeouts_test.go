package fake

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests need the network's real clock: the timeouts are short
// (100ms) and every read is bounded by a deadline of a few seconds.

// dialRaw opens a plain TCP connection to s, for clients no library would
// write: slow, silent or idle.
func dialRaw(t *testing.T, s *Server) net.Conn {
	t.Helper()
	conn, err := (&net.Dialer{}).DialContext(t.Context(), "tcp", s.Addr())
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// closedByServer reads conn until the server closes it, and fails the test
// if that takes longer than a few seconds.
func closedByServer(t *testing.T, conn net.Conn) {
	t.Helper()
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	_, err := io.Copy(io.Discard, conn)
	assert.NotErrorIs(t, err, os.ErrDeadlineExceeded, "the server never closed the connection")
}

func TestSlowClientIsCutOff(t *testing.T) {
	t.Parallel()
	for name, sent := range map[string]string{
		"body": "POST /v1/organization/invites HTTP/1.1\r\nHost: fake\r\nAuthorization: Bearer " + DefaultKey +
			"\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":",
		"headers": "GET /v1/organization/invites HTTP/1.1\r\nHost: fake\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := NewServer(t, WithTimeouts(Timeouts{Read: 100 * time.Millisecond}))
			conn := dialRaw(t, s)
			_, err := io.WriteString(conn, sent)
			require.NoError(t, err)
			closedByServer(t, conn)
			assert.Empty(t, s.Invites())
		})
	}
}

func TestIdleConnectionIsClosed(t *testing.T) {
	t.Parallel()
	s := NewServer(t, WithTimeouts(Timeouts{Idle: 100 * time.Millisecond}))
	conn := dialRaw(t, s)
	_, err := io.WriteString(conn, "GET /v1/organization/invites HTTP/1.1\r\nHost: fake\r\nAuthorization: Bearer "+DefaultKey+"\r\n\r\n")
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	require.NoError(t, err)
	_, err = io.Copy(io.Discard, resp.Body)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.False(t, resp.Close, "kept alive")

	_, err = r.ReadByte()
	require.ErrorIs(t, err, io.EOF, "closed once idle, not held until the client's deadline")
}

// TestStallsOutlastTheTimeouts is about the connection's real deadlines,
// which no fake clock moves. Only the stall pushes them back: the request's
// own handling (routing, validation, the answer up to the stall) must fit in
// the timeout, so the timeout leaves room for a loaded machine running the
// race detector; 50ms did not, once in a dozen runs.
func TestStallsOutlastTheTimeouts(t *testing.T) {
	t.Parallel()
	const timeout = 500 * time.Millisecond
	const stall = 2 * timeout
	tt, s := newTester(t,
		WithTimeouts(Timeouts{Read: timeout, Write: timeout}),
		WithFaults(Faults{Stall: stall}))

	s.FailNextFor(http.MethodPost, FaultStall, 1)
	start := time.Now()
	inv := tt.create("patient@example.com")
	assert.GreaterOrEqual(t, time.Since(start), stall)
	assert.Equal(t, "patient@example.com", inv.Email, "the body is read after the stall")

	s.FailNextFor(http.MethodGet, FaultStallBody, 1)
	start = time.Now()
	assert.Len(t, tt.list("").Data, 1, "the rest of the body is sent after the stall")
	assert.GreaterOrEqual(t, time.Since(start), stall)
}
