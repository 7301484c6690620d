package admin

import (
	"sort"
	"sync"
	"time"

	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/text"
)

// Stats counts what people ask about on this replica since it started, and
// (only when KeepUnmatched is set) keeps the messages that matched nothing,
// masked, for a bounded time and count, so the comms team can write content
// for them. Prometheus has the same counts across all replicas.
type Stats struct {
	keep   bool
	max    int
	maxAge time.Duration
	now    func() time.Time

	mu        sync.Mutex
	since     time.Time
	total     int
	fallbacks int
	redFlags  int
	intents   map[string]int
	unmatched []Unmatched // oldest first
}

// Unmatched is one masked message that no intent answered.
type Unmatched struct {
	At      time.Time `json:"at"`
	Text    string    `json:"text"`
	Channel string    `json:"channel"`
}

// StatsOptions configure Stats.
type StatsOptions struct {
	KeepUnmatched bool
	MaxUnmatched  int           // default 500
	MaxAge        time.Duration // default 24h
	Now           func() time.Time
}

// NewStats returns empty stats.
func NewStats(o StatsOptions) *Stats {
	s := &Stats{keep: o.KeepUnmatched, max: o.MaxUnmatched, maxAge: o.MaxAge, now: o.Now, intents: map[string]int{}}
	if s.max <= 0 {
		s.max = 500
	}
	if s.maxAge <= 0 {
		s.maxAge = 24 * time.Hour
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.since = s.now()
	return s
}

// Observe is an engine.Observer. It is quick: counts, and a mask only for
// the (opt-in) unmatched messages.
func (s *Stats) Observe(req engine.Request, r engine.Reply, _ time.Duration) {
	var masked string
	fallback := r.Source == engine.SourceFallback
	if fallback && s.keep && req.Text != "" {
		masked = text.Mask(req.Text)
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.total++
	switch {
	case fallback:
		s.fallbacks++
	case r.RedFlag != "":
		s.redFlags++
	}
	if r.Intent != "" {
		s.intents[r.Intent]++
	}
	if masked != "" {
		s.unmatched = append(s.unmatched, Unmatched{At: now.UTC(), Text: masked, Channel: req.Channel})
		s.prune(now)
	}
}

// prune drops unmatched messages over the count or age limit. Call with mu held.
func (s *Stats) prune(now time.Time) {
	drop := 0
	for drop < len(s.unmatched) && (len(s.unmatched)-drop > s.max || now.Sub(s.unmatched[drop].At) > s.maxAge) {
		drop++
	}
	if drop > 0 {
		s.unmatched = append(s.unmatched[:0:0], s.unmatched[drop:]...)
	}
}

// Snapshot is the stats as the admin page shows them.
type Snapshot struct {
	Since         time.Time     `json:"since"`
	Messages      int           `json:"messages"`
	Fallbacks     int           `json:"fallbacks"`
	FallbackRate  float64       `json:"fallback_rate"`
	RedFlags      int           `json:"red_flags"`
	Intents       []IntentCount `json:"intents"`
	KeepUnmatched bool          `json:"keep_unmatched"`
}

// IntentCount is how often one intent answered.
type IntentCount struct {
	Intent string `json:"intent"`
	Title  string `json:"title,omitempty"`
	Count  int    `json:"count"`
}

// Snapshot returns the counts, most asked first.
func (s *Stats) Snapshot() Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	sn := Snapshot{Since: s.since.UTC(), Messages: s.total, Fallbacks: s.fallbacks, RedFlags: s.redFlags, KeepUnmatched: s.keep,
		Intents: make([]IntentCount, 0, len(s.intents))}
	if s.total > 0 {
		sn.FallbackRate = float64(s.fallbacks) / float64(s.total)
	}
	for id, n := range s.intents {
		sn.Intents = append(sn.Intents, IntentCount{Intent: id, Count: n})
	}
	sort.Slice(sn.Intents, func(i, j int) bool {
		a, b := sn.Intents[i], sn.Intents[j]
		return a.Count > b.Count || a.Count == b.Count && a.Intent < b.Intent
	})
	return sn
}

// Unmatched returns the kept messages, newest first.
func (s *Stats) Unmatched() []Unmatched {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.prune(s.now())
	out := make([]Unmatched, len(s.unmatched))
	for i, u := range s.unmatched {
		out[len(out)-1-i] = u
	}
	return out
}
