package llm

import (
	"sync"
	"time"
)

// Breaker states, also the value of the signpost_llm_breaker_state gauge.
const (
	breakerClosed   = 0 // calls go through
	breakerOpen     = 1 // calls are refused until the cool-down ends
	breakerHalfOpen = 2 // one probe call is allowed
)

// breaker stops calling an endpoint that keeps failing: after max
// consecutive failures it opens for cooldown, then lets a single probe
// through; the probe's success closes it, its failure opens it again.
type breaker struct {
	mu       sync.Mutex
	now      func() time.Time
	max      int
	cooldown time.Duration
	fails    int
	st       int
	until    time.Time // end of the cool-down while open
	probing  bool
}

func newBreaker(max int, cooldown time.Duration) *breaker {
	return &breaker{now: time.Now, max: max, cooldown: cooldown}
}

// allow says whether a call may go ahead; probe is true for the half-open
// probe, which must be reported to done.
func (b *breaker) allow() (probe, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.st {
	case breakerClosed:
		return false, true
	case breakerOpen:
		if b.now().Before(b.until) {
			return false, false
		}
		b.st = breakerHalfOpen
	}
	if b.probing {
		return false, false
	}
	b.probing = true
	return true, true
}

// done records a call's result.
func (b *breaker) done(probe, success bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if probe {
		b.probing = false
	}
	if success {
		b.fails = 0
		if probe || b.st == breakerClosed {
			b.st = breakerClosed
		}
		return
	}
	b.fails++
	if probe || b.st == breakerClosed && b.fails >= b.max {
		b.st = breakerOpen
		b.until = b.now().Add(b.cooldown)
	}
}

func (b *breaker) state() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.st
}
