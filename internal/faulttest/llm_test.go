package faulttest

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/engine"
)

// TestLLMFaults runs the binary against an LLM endpoint that hangs, fails
// with 500 or rate-limits with 429. Messages the rules do not match must
// still be answered with the fallback answer, within the LLM timeout plus a
// margin.
func TestLLMFaults(t *testing.T) {
	const (
		llmTimeout = time.Second
		bound      = llmTimeout + 1500*time.Millisecond
	)
	cases := []struct {
		name   string
		delay  time.Duration
		status int
	}{
		{"hangs", time.Minute, http.StatusOK},
		{"500", 0, http.StatusInternalServerError},
		{"429", 0, http.StatusTooManyRequests},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeLLM(t, tc.delay, tc.status)
			sp := start(t, llmEnv(f, llmTimeout.String()))
			c := client()
			var wg sync.WaitGroup
			for i := 0; i < 12; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
					defer cancel()
					t0 := time.Now()
					r, err := post(ctx, c, sp.base, map[string]string{"text": nonsense(i)})
					took := time.Since(t0)
					if err != nil {
						t.Errorf("message %d: %v", i, err)
						return
					}
					if took > bound {
						t.Errorf("message %d answered in %v, want within %v", i, took, bound)
					}
					if r.Messages[0].Kind != engine.KindFallback || r.DispositionOrEmpty() != "" {
						t.Errorf("message %d: kind %q disposition %q, want the fallback answer", i, r.Messages[0].Kind, r.DispositionOrEmpty())
					}
				}()
			}
			wg.Wait()
			if f.calls.Load() == 0 {
				t.Errorf("the LLM endpoint was never called; the test did not exercise it")
			}
			// The rules still come first: an emergency needs no LLM.
			t0 := time.Now()
			r, err := post(context.Background(), c, sp.base, map[string]string{"text": stroke})
			if err != nil {
				t.Fatal(err)
			}
			if err := checkStroke(r); err != nil {
				t.Error(err)
			}
			if took := time.Since(t0); took > bound {
				t.Errorf("stroke message answered in %v", took)
			}
			t.Logf("LLM %s: %d calls reached it", tc.name, f.calls.Load())
		})
	}
}
