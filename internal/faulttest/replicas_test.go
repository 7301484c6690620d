package faulttest

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/redistest"
)

// TestTwoReplicas runs two servers behind one Redis. A conversation carries
// on whichever replica answers each turn.
func TestTwoReplicas(t *testing.T) {
	rds := redistest.Start(t)
	env := map[string]string{"SIGNPOST_REDIS_URL": rds.URL}
	a, b := start(t, env), start(t, env)
	c := client()
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		bases := []string{a.base, b.base}
		if i%2 == 1 {
			bases = []string{b.base, a.base}
		}
		if err := twoTurns(ctx, c, bases...); err != nil {
			t.Fatalf("conversation %d (%s then %s): %v", i, bases[0], bases[1], err)
		}
	}
}

// TestSIGTERMFinishesInFlight stops a replica with SIGTERM while it is in
// the middle of many replies. Every request it had accepted gets a complete
// 200 answer, and the process exits 0. The replies are kept in flight by an
// LLM endpoint that takes 700ms to answer, so SIGTERM lands while all of
// them are being worked on.
func TestSIGTERMFinishesInFlight(t *testing.T) {
	const n = 40
	rds := redistest.Start(t)
	f := newFakeLLM(t, 700*time.Millisecond, http.StatusOK)
	env := llmEnv(f, "3s")
	env["SIGNPOST_REDIS_URL"] = rds.URL
	env["SIGNPOST_SHUTDOWN_TIMEOUT"] = "10s"
	env["SIGNPOST_SHUTDOWN_DELAY"] = "0s" // the listener closes at once
	sp := start(t, env)
	other := start(t, map[string]string{"SIGNPOST_REDIS_URL": rds.URL})

	// Each request on its own connection, so that "accepted" is plain: the
	// connection was made before the listener closed.
	c := &http.Client{Timeout: 15 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := post(context.Background(), c, sp.base, map[string]string{"text": nonsense(1000 + i)})
			if err == nil && r.Messages[0].Kind != engine.KindFallback {
				err = errors.New("want the fallback answer, got kind " + string(r.Messages[0].Kind))
			}
			errs[i] = err
		}()
	}
	// SIGTERM once every request has reached the (slow) LLM: all are in flight.
	deadline := time.Now().Add(10 * time.Second)
	for f.calls.Load() < n {
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d requests reached the LLM endpoint within 10s", f.calls.Load(), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
	sp.signal(syscall.SIGTERM)
	termAt := time.Now()

	// New requests after SIGTERM are refused (the listener is closed), and
	// the other replica takes them: a conversation starts there and goes on.
	time.Sleep(100 * time.Millisecond)
	if _, err := post(context.Background(), c, sp.base, map[string]string{"text": soreThroat}); !errors.Is(err, errNotAccepted) {
		t.Errorf("a request after SIGTERM: got %v, want the connection refused", err)
	}
	if err := twoTurns(context.Background(), client(), other.base); err != nil {
		t.Errorf("the other replica: %v", err)
	}

	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("in-flight request %d: %v", i, err)
		}
	}
	select {
	case <-sp.done:
	case <-time.After(12 * time.Second):
		t.Fatal("signpost did not exit within 12s of SIGTERM")
	}
	if sp.err != nil {
		t.Errorf("signpost exited with %v, want 0", sp.err)
	}
	t.Logf("%d in-flight replies finished; exited %v after SIGTERM", n, time.Since(termAt).Round(time.Millisecond))
}
