package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// On SIGTERM (the context ending) the server is at once not ready and
// closes every connection after its reply, but still answers for
// SIGNPOST_SHUTDOWN_DELAY; then it refuses new connections and exits.
func TestDrainFailsReadinessAndClosesConnections(t *testing.T) {
	cfg, err := loadConfig(map[string]string{"SIGNPOST_HTTP_ADDR": "127.0.0.1:0",
		"SIGNPOST_SHUTDOWN_DELAY": "500ms", "SIGNPOST_LOG_LEVEL": "error"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, done := launch(t, ctx, cfg, io.Discard)
	base := "http://" + a.addr()
	c := &http.Client{Timeout: 2 * time.Second}
	get := func(path string) (*http.Response, string) {
		t.Helper()
		resp, err := c.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	if resp, body := get("/readyz"); resp.StatusCode != 200 || resp.Close || !strings.Contains(body, `"version":"`+buildVersion()+`"`) {
		t.Fatalf("before: %d close=%v %s", resp.StatusCode, resp.Close, body)
	}
	start := time.Now()
	cancel()
	time.Sleep(50 * time.Millisecond)
	if resp, body := get("/readyz"); resp.StatusCode != http.StatusServiceUnavailable || !resp.Close || !strings.Contains(body, "draining") {
		t.Errorf("/readyz while draining: %d close=%v %s", resp.StatusCode, resp.Close, body)
	}
	resp, err := c.Post(base+"/api/v1/messages", "application/json", bytes.NewReader([]byte(`{"text":"I have a sore throat"}`)))
	if err != nil {
		t.Fatalf("a message while draining: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !resp.Close {
		t.Errorf("a message while draining: %d close=%v, want 200 with Connection: close", resp.StatusCode, resp.Close)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < 500*time.Millisecond {
		t.Errorf("stopped %v after SIGTERM, before the 500ms delay", took)
	}
	if _, err := c.Get(base + "/healthz"); err == nil {
		t.Error("still accepting connections after the drain")
	}
}

func TestVersionAndHealthcheckCommands(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"version"}, nil, nil, &out, &errOut); err != nil || out.String() != "signpost "+buildVersion()+"\n" {
		t.Errorf("version: %q %v", out.String(), err)
	}
	base := startSignpost(t, nil)
	_, port, _ := strings.Cut(strings.TrimPrefix(base, "http://"), ":")
	out.Reset()
	if err := run(context.Background(), []string{"healthcheck"}, map[string]string{"SIGNPOST_HTTP_ADDR": ":" + port}, nil, &out, &errOut); err != nil {
		t.Errorf("healthcheck of a running server: %v", err)
	}
	if !strings.Contains(out.String(), `"status":"ok"`) {
		t.Errorf("healthcheck printed %q", out.String())
	}
	err := run(context.Background(), []string{"healthcheck", "http://127.0.0.1:1/readyz"}, nil, nil, &out, &errOut)
	if err == nil || exitCode(err) != 1 {
		t.Errorf("healthcheck of nothing: %v (exit %d), want exit 1", err, exitCode(err))
	}
	_, body := getBody(t, base+"/metrics")
	if !strings.Contains(body, `signpost_build_info{go_version="`) || !strings.Contains(body, `version="`+buildVersion()+`"} 1`) {
		t.Error("no signpost_build_info metric with the version")
	}
}

func getBody(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
