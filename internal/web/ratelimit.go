package web

import (
	"math"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limits are the abuse controls on the messages API. They are generous by
// default: a frightened person typing fast is never the one they stop.
type Limits struct {
	ClientPerMinute  float64 // sustained messages a minute from one client address; 0 = no limit
	ClientBurst      int
	SessionPerMinute float64 // sustained messages a minute in one conversation; 0 = no limit
	SessionBurst     int
	// ClientIP finds the client's address, behind a trusted proxy or not.
	ClientIP ClientIP
}

// keyedLimiter is a set of token buckets keyed by client or session, bounded
// in size: idle buckets are swept.
type keyedLimiter struct {
	mu      sync.Mutex
	per     rate.Limit
	burst   int
	buckets map[string]*bucket
	max     int
	now     func() time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newKeyedLimiter(perMinute float64, burst int) *keyedLimiter {
	if perMinute <= 0 {
		return nil
	}
	if burst <= 0 {
		burst = int(math.Max(1, perMinute/4))
	}
	return &keyedLimiter{per: rate.Limit(perMinute / 60), burst: burst, buckets: map[string]*bucket{}, max: 200_000, now: time.Now}
}

// allow reports whether key may send now, and if not how long to wait.
func (k *keyedLimiter) allow(key string) (bool, time.Duration) {
	if k == nil || key == "" {
		return true, 0
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	now := k.now()
	b := k.buckets[key]
	if b == nil {
		if len(k.buckets) >= k.max {
			k.sweep(now)
		}
		b = &bucket{lim: rate.NewLimiter(k.per, k.burst)}
		k.buckets[key] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// sweep drops buckets idle long enough to have refilled; if that frees
// nothing, the oldest half goes (a flood of new addresses must not grow memory).
func (k *keyedLimiter) sweep(now time.Time) {
	full := time.Duration(float64(k.burst)/float64(k.per)*float64(time.Second)) + time.Second
	for key, b := range k.buckets {
		if now.Sub(b.seen) > full {
			delete(k.buckets, key)
		}
	}
	if len(k.buckets) < k.max {
		return
	}
	n := 0
	for key := range k.buckets {
		delete(k.buckets, key)
		if n++; n >= k.max/2 {
			break
		}
	}
}

// ClientIP finds the address of the client behind a request.
type ClientIP struct {
	// Header names the header the trusted reverse proxy appends the
	// client's address to (e.g. X-Forwarded-For). Empty: the connection's
	// address is used and such headers are ignored.
	Header string
	// Hops is how many trusted proxies append to Header, the one nearest
	// Signpost last; default 1. The address taken is the Hops-th from the
	// right: what the outermost trusted proxy saw. Entries to its left
	// were written by the client and are never trusted.
	Hops int
}

// Of returns the client's address. A header with fewer entries than Hops
// (a request that did not come through every proxy) or an entry that is
// not an address gives the connection's address instead.
func (c ClientIP) Of(r *http.Request) string {
	if c.Header != "" {
		hops := max(c.Hops, 1)
		// Several header lines count as one list, in order.
		var entries []string
		for _, v := range r.Header.Values(c.Header) {
			for e := range strings.SplitSeq(v, ",") {
				entries = append(entries, strings.TrimSpace(e))
			}
		}
		if len(entries) >= hops {
			if ip := net.ParseIP(entries[len(entries)-hops]); ip != nil {
				return ip.String()
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
