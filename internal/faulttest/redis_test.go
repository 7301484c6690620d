package faulttest

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/apitest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/redistest"
)

var openers = []string{
	soreThroat,
	stroke,
	"is my appointment tomorrow still going ahead?",
	"my little boy has a temperature and a cough",
	"where do I go for a sprained ankle?",
}

// converse runs conversations against base until stop is closed (or a
// bounded number of messages is sent): an opener, then "no" to each question
// until a disposition. It reports every message that did not get a complete
// 200 answer, and every stroke message not answered 999 at once.
func converse(c *http.Client, base string, worker int, stop <-chan struct{}, sent *atomic.Int64, fail func(error)) {
	session := ""
	for i := 0; i < 2000; i++ {
		select {
		case <-stop:
			return
		default:
		}
		body := map[string]string{}
		opener := ""
		if session == "" {
			opener = openers[(worker+i)%len(openers)]
			body["text"] = opener
		} else {
			body["session_id"], body["payload"] = session, "no"
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		r, err := post(ctx, c, base, body)
		cancel()
		sent.Add(1)
		if err != nil {
			fail(fmt.Errorf("worker %d, %v: %w", worker, body, err))
			session = ""
			continue
		}
		if opener == stroke {
			if err := checkStroke(r); err != nil {
				fail(err)
			}
		}
		session = r.SessionID
		if r.Disposition != nil || r.Messages[0].Kind != engine.KindQuestion {
			session = "" // start a new conversation
		}
	}
}

// TestRedisKilledAndRestarted kills the session store in the middle of
// traffic: every message is still answered, emergencies get 999 while Redis
// is down, and conversations keep their place again once it is back.
func TestRedisKilledAndRestarted(t *testing.T) {
	rds := redistest.Start(t)
	sp := start(t, map[string]string{"SIGNPOST_REDIS_URL": rds.URL})
	c := client()
	ctx := context.Background()
	if err := twoTurns(ctx, c, sp.base); err != nil {
		t.Fatalf("before the fault: %v", err)
	}

	var (
		mu       sync.Mutex
		failures []error
		sent     atomic.Int64
		wg       sync.WaitGroup
	)
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if len(failures) < 20 {
			failures = append(failures, err)
		}
	}
	stop := make(chan struct{})
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func() { defer wg.Done(); converse(c, sp.base, w, stop, &sent, fail) }()
	}

	time.Sleep(400 * time.Millisecond)
	rds.Stop()
	downAt := sent.Load()
	// While Redis is down: emergencies first, and conversations still answered.
	for i := 0; i < 5; i++ {
		r, err := post(ctx, c, sp.base, map[string]string{"text": stroke})
		if err != nil {
			t.Errorf("Redis down: %v", err)
			continue
		}
		if err := checkStroke(r); err != nil {
			t.Errorf("Redis down: %v", err)
		}
	}
	if s := sp.readyStatus(); s != "degraded" {
		t.Errorf("/readyz with Redis down: status %q, want degraded", s)
	}
	time.Sleep(700 * time.Millisecond)
	if err := rds.Restart(); err != nil {
		t.Fatalf("restarting Redis: %v", err)
	}
	upAt := sent.Load()
	deadline := time.Now().Add(5 * time.Second)
	for sp.readyStatus() != "ok" {
		if time.Now().After(deadline) {
			t.Fatalf("/readyz did not report ok within 5s of Redis coming back (status %q)", sp.readyStatus())
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()

	for _, err := range failures {
		t.Error(err)
	}
	if upAt-downAt < 10 {
		t.Errorf("only %d messages were sent while Redis was down; the test did not exercise the fault", upAt-downAt)
	}
	t.Logf("%d messages in all, %d while Redis was down", sent.Load(), upAt-downAt)

	// Sessions work again after the restart.
	if err := twoTurns(ctx, c, sp.base); err != nil {
		t.Errorf("after Redis came back: %v", err)
	}
}

// TestRedisNeverAnswers points Signpost at a Redis that accepts connections
// and then says nothing. Replies must not hang on it.
func TestRedisNeverAnswers(t *testing.T) {
	const bound = 2 * time.Second // SIGNPOST_REDIS_TIMEOUT is 250ms by default
	sp := start(t, map[string]string{"SIGNPOST_REDIS_URL": redistest.Hung(t)})
	c := client()

	one := func(body map[string]string) (apitest.Reply, time.Duration, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		t0 := time.Now()
		r, err := post(ctx, c, sp.base, body)
		return r, time.Since(t0), err
	}
	// One at a time, then many at once (more than the pool has connections).
	for i := 0; i < 3; i++ {
		for _, text := range []string{stroke, soreThroat} {
			r, took, err := one(map[string]string{"text": text})
			if err != nil {
				t.Fatalf("%q: %v", text, err)
			}
			if took > bound {
				t.Errorf("%q answered in %v, want within %v", text, took, bound)
			}
			if text == stroke {
				if err := checkStroke(r); err != nil {
					t.Error(err)
				}
			}
		}
	}
	var wg sync.WaitGroup
	var slow, failed atomic.Int64
	var worst atomic.Int64
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text := openers[i%len(openers)]
			r, took, err := one(map[string]string{"text": text})
			if err != nil {
				failed.Add(1)
				t.Errorf("%q: %v", text, err)
				return
			}
			if took > bound {
				slow.Add(1)
			}
			for {
				w := worst.Load()
				if int64(took) <= w || worst.CompareAndSwap(w, int64(took)) {
					break
				}
			}
			if text == stroke {
				if err := checkStroke(r); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if slow.Load() > 0 {
		t.Errorf("%d of 40 concurrent replies took longer than %v (slowest %v)", slow.Load(), bound, time.Duration(worst.Load()))
	}
	t.Logf("40 concurrent replies with a silent Redis: slowest %v", time.Duration(worst.Load()))
	began := time.Now()
	if s := sp.readyStatus(); s != "degraded" {
		t.Errorf("/readyz with a silent Redis: status %q, want degraded", s)
	}
	if took := time.Since(began); took > bound {
		t.Errorf("/readyz took %v with a silent Redis", took)
	}
}
