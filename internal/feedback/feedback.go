// Package feedback counts the answers to "Was this helpful?", asked under
// an answer in the chat widget: a yes or a no per intent, nothing else (no
// text, no session, no time). With Redis the counts are shared by every
// replica, so the admin page shows the whole fleet; in memory they are this
// replica's own.
package feedback

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/redis/go-redis/v9"
)

// Count is how people rated one intent's answer.
type Count struct {
	Intent     string `json:"intent"`
	Helpful    int64  `json:"helpful"`
	NotHelpful int64  `json:"not_helpful"`
}

// sortCounts puts the intents with the most "no" first: those are the
// answers to look at.
func sortCounts(cs []Count) {
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.NotHelpful != b.NotHelpful {
			return a.NotHelpful > b.NotHelpful
		}
		if a.Helpful != b.Helpful {
			return a.Helpful < b.Helpful
		}
		return a.Intent < b.Intent
	})
}

// Memory keeps the counts in this process.
type Memory struct {
	mu     sync.Mutex
	counts map[string]*Count
}

// NewMemory returns empty in-memory counts.
func NewMemory() *Memory { return &Memory{counts: map[string]*Count{}} }

// Record counts one answer.
func (m *Memory) Record(_ context.Context, intent string, helpful bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := m.counts[intent]
	if c == nil {
		c = &Count{Intent: intent}
		m.counts[intent] = c
	}
	if helpful {
		c.Helpful++
	} else {
		c.NotHelpful++
	}
	return nil
}

// Counts returns every intent's counts, the least helpful first.
func (m *Memory) Counts(context.Context) ([]Count, error) {
	m.mu.Lock()
	out := make([]Count, 0, len(m.counts))
	for _, c := range m.counts {
		out = append(out, *c)
	}
	m.mu.Unlock()
	sortCounts(out)
	return out, nil
}

// Shared reports whether other replicas' answers are counted too: no.
func (m *Memory) Shared() bool { return false }

// Redis keeps the counts in one Redis hash that every replica adds to with
// HINCRBY, so a count is never lost to a race between replicas.
type Redis struct {
	c   redis.UniversalClient
	key string
}

// NewRedis counts in the Redis behind c, under the key prefix+"feedback".
// The caller owns c (and closes it).
func NewRedis(c redis.UniversalClient, prefix string) *Redis {
	return &Redis{c: c, key: prefix + "feedback"}
}

// field is the hash field of one intent's yes or no count. Intent ids have
// no "|" (content ids are lower case letters, digits and _).
func field(intent string, helpful bool) string {
	if helpful {
		return intent + "|yes"
	}
	return intent + "|no"
}

// Record counts one answer.
func (r *Redis) Record(ctx context.Context, intent string, helpful bool) error {
	if err := r.c.HIncrBy(ctx, r.key, field(intent, helpful), 1).Err(); err != nil {
		return fmt.Errorf("feedback: record: %w", err)
	}
	return nil
}

// Counts returns every intent's counts across the fleet, the least helpful
// first.
func (r *Redis) Counts(ctx context.Context) ([]Count, error) {
	all, err := r.c.HGetAll(ctx, r.key).Result()
	if err != nil {
		return nil, fmt.Errorf("feedback: read counts: %w", err)
	}
	by := map[string]*Count{}
	for f, v := range all {
		intent, answer, ok := strings.Cut(f, "|")
		n, err := strconv.ParseInt(v, 10, 64)
		if !ok || err != nil {
			continue // not ours
		}
		c := by[intent]
		if c == nil {
			c = &Count{Intent: intent}
			by[intent] = c
		}
		switch answer {
		case "yes":
			c.Helpful += n
		case "no":
			c.NotHelpful += n
		}
	}
	out := make([]Count, 0, len(by))
	for _, c := range by {
		out = append(out, *c)
	}
	sortCounts(out)
	return out, nil
}

// Shared reports whether other replicas' answers are counted too: yes.
func (r *Redis) Shared() bool { return true }
