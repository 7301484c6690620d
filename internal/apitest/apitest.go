// Package apitest holds what tests of the messages API share: the settings
// a test server runs with, its output, the reply as a client reads it and a
// helper that waits for something to become true. It is imported only from
// _test.go files.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/engine"
)

// ServerEnv is the SIGNPOST_* settings of a test server listening on addr:
// error-level text logs, with env on top. Both ways of starting one use it:
// in the same process (cmd/signpost's startSignpost, whose tests reach into
// the running parts) and as a real process (faulttest's start, whose tests
// kill it).
func ServerEnv(env map[string]string, addr string) map[string]string {
	full := map[string]string{"SIGNPOST_HTTP_ADDR": addr, "SIGNPOST_LOG_LEVEL": "error", "SIGNPOST_LOG_FORMAT": "text"}
	maps.Copy(full, env)
	return full
}

// Output is a test server's output (its logs), safe to write from the
// server's goroutines while the test reads it. With Max set it keeps at
// most about that many bytes, dropping what came before.
type Output struct {
	Max int
	mu  sync.Mutex
	b   bytes.Buffer
}

func (o *Output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.Max > 0 && o.b.Len() > o.Max {
		o.b.Reset()
	}
	return o.b.Write(p)
}

// String is everything kept so far.
func (o *Output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.b.String()
}

// Reply is the messages API's answer as a client decodes it, including the
// {"error"} body of a refused request.
type Reply struct {
	SessionID string `json:"session_id"`
	Messages  []struct {
		Text string      `json:"text"`
		Kind engine.Kind `json:"kind"`
	} `json:"messages"`
	QuickReplies []struct {
		Title   string `json:"title"`
		Payload string `json:"payload"`
	} `json:"quick_replies"`
	Intent      *string `json:"intent"`
	Disposition *string `json:"disposition"`
	Degraded    bool    `json:"degraded"`
	Error       string  `json:"error"`
}

// Post sends body, a JSON request, to the messages API at base through c
// and decodes the answer whatever its status; raw is the answer as it came.
// status is 0 when no answer came.
func Post(ctx context.Context, c *http.Client, base, body string) (status int, r Reply, raw []byte, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/messages", strings.NewReader(body))
	if err != nil {
		return 0, r, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return 0, r, nil, err
	}
	defer resp.Body.Close()
	if raw, err = io.ReadAll(resp.Body); err != nil {
		return resp.StatusCode, r, raw, fmt.Errorf("reading a %d answer: %w", resp.StatusCode, err)
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return resp.StatusCode, r, raw, fmt.Errorf("a %d answer that is not JSON (%q): %w", resp.StatusCode, raw, err)
	}
	return resp.StatusCode, r, raw, nil
}

// DispositionOrEmpty is the reply's disposition, or "" when it is null.
func (r Reply) DispositionOrEmpty() string {
	if r.Disposition == nil {
		return ""
	}
	return *r.Disposition
}

// IntentOrEmpty is the reply's intent, or "" when it is null.
func (r Reply) IntentOrEmpty() string {
	if r.Intent == nil {
		return ""
	}
	return *r.Intent
}

// Payloads lists the quick replies' payloads in order.
func (r Reply) Payloads() []string {
	var p []string
	for _, q := range r.QuickReplies {
		p = append(p, q.Payload)
	}
	return p
}

// timeout is how long Eventually waits: generous, because the machines
// that run the suite are shared and slow (a content reload runs the whole
// content gate, which grows with the content and the tuning corpus the
// second opinion learns from; 20s was overrun on a busy machine).
const timeout = 60 * time.Second

// Eventually polls ok every 20ms until it holds, failing the test with
// what was awaited if it does not within timeout.
func Eventually(t testing.TB, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
