package faulttest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// A rolling update under keep-alive load: SIGTERM a real process while
// clients keep sending on their pooled connections. /readyz fails at once;
// for SIGNPOST_SHUTDOWN_DELAY every reply closes its connection, so that no
// connection is left idle for the shutdown to cut; then the listener
// closes. Every request is answered, or its new connection refused (a load
// balancer sends that one elsewhere): none is reset mid-request.
func TestDrainUnderKeepAliveLoad(t *testing.T) {
	sp := start(t, map[string]string{"SIGNPOST_SHUTDOWN_DELAY": "1s", "SIGNPOST_SHUTDOWN_TIMEOUT": "5s"})
	const workers = 16
	c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	var answered, refused, afterTerm atomic.Int64
	var termed atomic.Bool
	var termAt atomic.Value
	termAt.Store(time.Now())
	var mu sync.Mutex
	var failures []error
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				_, err := post(context.Background(), c, sp.base, map[string]string{"text": soreThroat})
				switch {
				case err == nil:
					answered.Add(1)
					if termed.Load() {
						afterTerm.Add(1)
					}
				case errors.Is(err, errNotAccepted):
					refused.Add(1)
					time.Sleep(5 * time.Millisecond) // the process is going; do not spin
				default:
					mu.Lock()
					failures = append(failures, fmt.Errorf("%v after SIGTERM: %w", time.Since(termAt.Load().(time.Time)).Round(time.Millisecond), err))
					mu.Unlock()
				}
			}
		})
	}
	time.Sleep(300 * time.Millisecond) // every worker has a pooled connection
	termAt.Store(time.Now())
	sp.signal(syscall.SIGTERM)
	termed.Store(true)

	// Not ready at once, while still answering.
	time.Sleep(100 * time.Millisecond)
	probe := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := probe.Get(sp.base + "/readyz")
	if err != nil {
		t.Errorf("/readyz during the drain: %v", err)
	} else {
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable || !resp.Close {
			t.Errorf("/readyz during the drain: %d (Connection: close %v), want 503 and close", resp.StatusCode, resp.Close)
		}
	}

	select {
	case <-sp.done:
	case <-time.After(8 * time.Second):
		t.Fatal("signpost did not exit within 8s of SIGTERM")
	}
	exited := time.Since(termAt.Load().(time.Time))
	time.Sleep(200 * time.Millisecond) // clients meet the closed port
	close(stop)
	wg.Wait()
	if sp.err != nil {
		t.Errorf("signpost exited with %v, want 0", sp.err)
	}
	for i, err := range failures {
		if i < 10 {
			t.Errorf("request failed mid-way instead of being answered or refused: %v", err)
		}
	}
	if len(failures) > 0 {
		t.Errorf("%d requests failed", len(failures))
	}
	if afterTerm.Load() == 0 || refused.Load() == 0 {
		t.Errorf("answered %d after SIGTERM, %d refused: the drain should serve, then refuse", afterTerm.Load(), refused.Load())
	}
	if exited < time.Second {
		t.Errorf("exited %v after SIGTERM, before the 1s drain delay", exited)
	}
	t.Logf("%d answered (%d after SIGTERM), %d refused, 0 reset; exited %v after SIGTERM",
		answered.Load(), afterTerm.Load(), refused.Load(), exited.Round(time.Millisecond))
}
