package faulttest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/apitest"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/engine"
)

// binary is the signpost binary built once by TestMain.
var binary string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "faulttest: go list -m:", err)
		return 1
	}
	root := strings.TrimSpace(string(out))
	dir, err := os.MkdirTemp("", "signpost-faulttest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "faulttest:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "signpost")
	build := exec.Command("go", "build", "-o", binary, "./cmd/signpost")
	build.Dir = root
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "faulttest: building signpost:", err)
		return 1
	}
	return m.Run()
}

// proc is a running signpost server.
type proc struct {
	t      *testing.T
	base   string
	cmd    *exec.Cmd
	stderr *apitest.Output
	done   chan struct{}
	err    error // from Wait, once done is closed
}

// start runs `signpost serve` with the given SIGNPOST_* settings (on top of
// a loopback address, error-level logs and no rate limits) and waits until
// /readyz answers 200. It is stopped when the test ends.
func start(t *testing.T, env map[string]string) *proc {
	t.Helper()
	var last error
	for attempt := 0; attempt < 3; attempt++ { // a free port can be taken between probe and bind
		p, err := tryStart(t, env)
		if err == nil {
			return p
		}
		last = err
	}
	t.Fatalf("signpost did not start: %v", last)
	return nil
}

func tryStart(t *testing.T, env map[string]string) (*proc, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	settings := map[string]string{"SIGNPOST_RATE_CLIENT_PER_MINUTE": "0", "SIGNPOST_RATE_SESSION_PER_MINUTE": "0"}
	maps.Copy(settings, env)
	vars := apitest.ServerEnv(settings, addr)
	var environ []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SIGNPOST_") {
			environ = append(environ, kv)
		}
	}
	for k, v := range vars {
		environ = append(environ, k+"="+v)
	}
	p := &proc{t: t, base: "http://" + addr, stderr: &apitest.Output{Max: 64 << 10}, done: make(chan struct{})}
	p.cmd = exec.Command(binary, "serve")
	p.cmd.Env = environ
	p.cmd.Stdout = p.stderr
	p.cmd.Stderr = p.stderr
	if err := p.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		p.signal(syscall.SIGKILL)
		<-p.done
		if t.Failed() {
			t.Logf("signpost %s output:\n%s", p.base, p.stderr.String())
		}
	})
	deadline := time.Now().Add(15 * time.Second)
	c := &http.Client{Timeout: time.Second}
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			return nil, fmt.Errorf("signpost exited: %v\n%s", p.err, p.stderr.String())
		default:
		}
		resp, err := c.Get(p.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p, nil
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	return nil, fmt.Errorf("no 200 from %s/readyz within 15s\n%s", p.base, p.stderr.String())
}

func (p *proc) signal(s os.Signal) {
	select {
	case <-p.done:
	default:
		_ = p.cmd.Process.Signal(s)
	}
}

// readyStatus is the "status" /readyz reports (ok, degraded).
func (p *proc) readyStatus() string {
	c := &http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get(p.base + "/readyz")
	if err != nil {
		return "error: " + err.Error()
	}
	defer resp.Body.Close()
	var body struct {
		Status string `json:"status"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return body.Status
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// errNotAccepted marks a request the server never took (the connection was
// refused), as opposed to one it took and then failed.
var errNotAccepted = errors.New("connection refused")

// post sends one message and insists on a complete 200 answer with at least
// one message in it.
func post(ctx context.Context, c *http.Client, base string, body map[string]string) (apitest.Reply, error) {
	b, _ := json.Marshal(body)
	code, r, raw, err := apitest.Post(ctx, c, base, string(b))
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return r, fmt.Errorf("%w: %v", errNotAccepted, err)
	case code != 0 && code != http.StatusOK:
		return r, fmt.Errorf("status %d: %s", code, raw)
	case err != nil:
		return r, err
	case len(r.Messages) == 0 || r.Messages[0].Text == "":
		return r, fmt.Errorf("no message in %s", raw)
	}
	return r, nil
}

func client() *http.Client {
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
}

const (
	stroke     = "her face is drooping on one side and her speech is slurred"
	soreThroat = "I have a sore throat"
)

// checkStroke asserts the emergency answer: 999 in the first reply.
func checkStroke(r apitest.Reply) error {
	if r.DispositionOrEmpty() != "999" {
		return fmt.Errorf("stroke message: disposition %q, want 999 (first message %q)", r.DispositionOrEmpty(), r.Messages[0].Text)
	}
	return nil
}

// twoTurns runs "I have a sore throat" → a yes/no question → "no" → a
// disposition, sending each turn to the next base URL in turn.
func twoTurns(ctx context.Context, c *http.Client, bases ...string) error {
	first, err := post(ctx, c, bases[0], map[string]string{"text": soreThroat})
	if err != nil {
		return err
	}
	if first.DispositionOrEmpty() != "" || first.Messages[0].Kind != engine.KindQuestion ||
		strings.Join(first.Payloads(), ",") != "yes,no" {
		return fmt.Errorf("sore throat: want a yes/no question, got kind %q disposition %q payloads %v",
			first.Messages[0].Kind, first.DispositionOrEmpty(), first.Payloads())
	}
	second, err := post(ctx, c, bases[1%len(bases)], map[string]string{"session_id": first.SessionID, "payload": content.PayloadNo})
	if err != nil {
		return err
	}
	if second.DispositionOrEmpty() == "" || second.IntentOrEmpty() != "sore_throat" || second.SessionID != first.SessionID {
		return fmt.Errorf("after \"no\": want sore_throat with a disposition in session %s, got intent %q disposition %q session %s (degraded %v)",
			first.SessionID, second.IntentOrEmpty(), second.DispositionOrEmpty(), second.SessionID, second.Degraded)
	}
	return nil
}
