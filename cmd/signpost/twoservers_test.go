package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/apitest"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/redistest"
)

// startSignpost runs a whole server (newApp, open, run) on a free loopback
// port with the given settings and returns its base URL. It stops when the
// test ends.
func startSignpost(t *testing.T, env map[string]string) string {
	t.Helper()
	return "http://" + runApp(t, env).addr()
}

// runApp is startSignpost for tests that reach into the running parts.
func runApp(t *testing.T, env map[string]string) *app {
	t.Helper()
	a, _ := runAppLogging(t, env, io.Discard)
	return a
}

// runAppLogging is runApp writing its logs to logs. stop shuts it down, for
// a test that reads every line it logged; else it stops when the test ends.
func runAppLogging(t *testing.T, env map[string]string, logs io.Writer) (a *app, stop func()) {
	t.Helper()
	cfg, err := loadConfig(apitest.ServerEnv(env, "127.0.0.1:0"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.ShutdownDelay = 0 // stop at once when the test ends
	ctx, cancel := context.WithCancel(context.Background())
	a, done := launch(t, ctx, cfg, logs)
	stop = sync.OnceFunc(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	})
	t.Cleanup(stop)
	return a, stop
}

// launch builds, opens and runs an app, logging to logs, until ctx ends;
// done gets run's result.
func launch(t *testing.T, ctx context.Context, cfg Config, logs io.Writer) (*app, <-chan error) {
	t.Helper()
	a, err := newApp(ctx, cfg, newLogger(cfg, logs))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.open(); err != nil {
		a.closeAll(context.Background())
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.run(ctx) }()
	return a, done
}

func ready(t *testing.T, base string) (int, map[string]string) {
	t.Helper()
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

// askSoreThroat starts a conversation that must stop at the sore throat
// intent's yes/no question.
func askSoreThroat(t *testing.T, base string) apitest.Reply {
	t.Helper()
	r := say(t, base, map[string]string{"text": "I have a sore throat"})
	if r.Disposition != nil {
		t.Fatalf("first reply decided %q; want a question first", *r.Disposition)
	}
	if p := r.Payloads(); !slices.Contains(p, content.PayloadYes) || !slices.Contains(p, content.PayloadNo) {
		t.Fatalf("quick reply payloads %v, want yes and no", p)
	}
	if r.SessionID == "" {
		t.Fatal("no session id")
	}
	return r
}

func TestConversationAlternatesBetweenTwoServers(t *testing.T) {
	redisSrv := redistest.Start(t)
	env := map[string]string{"SIGNPOST_REDIS_URL": redisSrv.URL, "SIGNPOST_REDIS_PREFIX": "signpost-test:" + t.Name() + ":"}
	a := startSignpost(t, env)
	b := startSignpost(t, env)

	for _, base := range []string{a, b} {
		if code, body := ready(t, base); code != http.StatusOK || body["status"] != "ok" || body["store"] != "ok" {
			t.Fatalf("%s/readyz = %d %v", base, code, body)
		}
	}

	first := askSoreThroat(t, a)
	// Server B has never seen this person: only the shared session knows a
	// yes/no question is open, so a bare "no" can only mean "no, I'm not
	// struggling to breathe or swallow".
	second := say(t, b, map[string]string{"session_id": first.SessionID, "payload": content.PayloadNo})
	if second.SessionID != first.SessionID {
		t.Fatalf("session changed from %s to %s", first.SessionID, second.SessionID)
	}
	if second.Disposition == nil || *second.Disposition != "pharmacy" {
		t.Fatalf("after answering no on the other server: disposition %v, want pharmacy", second.Disposition)
	}
	if second.Degraded {
		t.Fatal("reply marked degraded with Redis up")
	}

	// And back the other way: a new flow begun on B is finished on A.
	third := askSoreThroat(t, b)
	fourth := say(t, a, map[string]string{"session_id": third.SessionID, "payload": content.PayloadYes})
	if fourth.Disposition == nil || *fourth.Disposition != "ae" {
		t.Fatalf("after answering yes on the other server: disposition %v, want ae", fourth.Disposition)
	}
}

func TestRedisDownStillAnswers(t *testing.T) {
	// A private server, even with SIGNPOST_TEST_REDIS_URL set: this test stops it.
	redisSrv, err := redistest.StartServer()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(redisSrv.Stop)
	base := startSignpost(t, map[string]string{"SIGNPOST_REDIS_URL": redisSrv.URL, "SIGNPOST_REDIS_TIMEOUT": "200ms"})

	open := askSoreThroat(t, base)
	redisSrv.Stop()

	// A new conversation is still signposted, the flow shown all at once.
	r := say(t, base, map[string]string{"text": "I have a sore throat"})
	if !r.Degraded {
		t.Error("reply not marked degraded with Redis down")
	}
	if r.Disposition == nil || *r.Disposition != "pharmacy" {
		t.Errorf("degraded reply disposition %v, want pharmacy", r.Disposition)
	}
	// An open conversation gets an answer too, not an error.
	say(t, base, map[string]string{"session_id": open.SessionID, "payload": content.PayloadNo})
	// The red-flag screen needs no session.
	if r := say(t, base, map[string]string{"session_id": open.SessionID, "text": "her face is drooping on one side"}); r.Disposition == nil || *r.Disposition != "999" {
		t.Errorf("stroke signs with Redis down: disposition %v, want 999", r.Disposition)
	}

	if code, body := ready(t, base); code != http.StatusOK || body["status"] != "degraded" {
		t.Fatalf("/readyz with Redis down = %d %v, want 200 degraded", code, body)
	}

	if err := redisSrv.Restart(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, body := ready(t, base)
		if body["status"] == "ok" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz still %v 10s after Redis came back", body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	next := askSoreThroat(t, base)
	done := say(t, base, map[string]string{"session_id": next.SessionID, "payload": content.PayloadNo})
	if done.Disposition == nil || *done.Disposition != "pharmacy" || done.Degraded {
		t.Fatalf("after Redis came back: disposition %v degraded=%v, want pharmacy from a kept session", done.Disposition, done.Degraded)
	}
}

func TestBadRedisURLIsAConfigError(t *testing.T) {
	_, err := loadConfig(map[string]string{"SIGNPOST_REDIS_URL": "localhost:6379"})
	if err == nil {
		t.Fatal("accepted a Redis URL without a scheme")
	}
	if !strings.Contains(err.Error(), "SIGNPOST_REDIS_URL") {
		t.Fatalf("error does not name the variable: %v", err)
	}
}
