package llm

import (
	"container/list"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/nhs-signpost/signpost/internal/engine"
)

// Cache keeps model decisions by key (a hash; never message text), so that
// the same question asked again costs no call. A cache error is treated as a
// miss by the classifier.
type Cache interface {
	Get(ctx context.Context, key string) (engine.Decision, bool, error)
	Set(ctx context.Context, key string, d engine.Decision) error
}

// MemoryCache is a bounded in-memory cache: least recently used entries go
// first, and entries expire after ttl.
type MemoryCache struct {
	mu    sync.Mutex
	max   int
	ttl   time.Duration
	now   func() time.Time
	order *list.List // front is most recent
	items map[string]*list.Element
}

type memEntry struct {
	key     string
	d       engine.Decision
	expires time.Time
}

// NewMemoryCache returns a cache of at most max decisions kept for ttl.
func NewMemoryCache(max int, ttl time.Duration) *MemoryCache {
	if max <= 0 {
		max = 1
	}
	return &MemoryCache{max: max, ttl: ttl, now: time.Now, order: list.New(), items: map[string]*list.Element{}}
}

// Get returns a live entry.
func (m *MemoryCache) Get(_ context.Context, key string) (engine.Decision, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	el, ok := m.items[key]
	if !ok {
		return engine.Decision{}, false, nil
	}
	e := el.Value.(*memEntry)
	if !m.now().Before(e.expires) {
		m.order.Remove(el)
		delete(m.items, key)
		return engine.Decision{}, false, nil
	}
	m.order.MoveToFront(el)
	return e.d, true, nil
}

// Set stores an entry, evicting the least recently used when full.
func (m *MemoryCache) Set(_ context.Context, key string, d engine.Decision) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	exp := m.now().Add(m.ttl)
	if el, ok := m.items[key]; ok {
		e := el.Value.(*memEntry)
		e.d, e.expires = d, exp
		m.order.MoveToFront(el)
		return nil
	}
	m.items[key] = m.order.PushFront(&memEntry{key: key, d: d, expires: exp})
	for m.order.Len() > m.max {
		last := m.order.Back()
		m.order.Remove(last)
		delete(m.items, last.Value.(*memEntry).key)
	}
	return nil
}

// Len is the number of entries held.
func (m *MemoryCache) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.order.Len()
}

// RedisKeys is what follows SIGNPOST_REDIS_PREFIX in the cache's keys.
const RedisKeys = "llm:v1:"

// RedisCache keeps decisions in Redis, shared by every Signpost instance.
type RedisCache struct {
	c       redis.UniversalClient
	prefix  string
	ttl     time.Duration
	timeout time.Duration
}

// NewRedisCache keeps entries through c (which the caller opens and closes)
// under prefix + RedisKeys (prefix default "signpost:") for ttl, each round
// trip bounded by timeout (default 250ms): a cache that is slow is worse
// than none.
func NewRedisCache(c redis.UniversalClient, prefix string, ttl, timeout time.Duration) *RedisCache {
	if prefix == "" {
		prefix = "signpost:"
	}
	if timeout <= 0 {
		timeout = 250 * time.Millisecond
	}
	return &RedisCache{c: c, prefix: prefix + RedisKeys, ttl: ttl, timeout: timeout}
}

type redisEntry struct {
	I string `json:"i,omitempty"`
	E bool   `json:"e,omitempty"`
	C bool   `json:"c,omitempty"`
}

// Get reads an entry.
func (r *RedisCache) Get(ctx context.Context, key string) (engine.Decision, bool, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	b, err := r.c.Get(ctx, r.prefix+key).Bytes()
	if errors.Is(err, redis.Nil) {
		return engine.Decision{}, false, nil
	}
	if err != nil {
		return engine.Decision{}, false, fmt.Errorf("llm cache: get: %w", err)
	}
	var e redisEntry
	if err := json.Unmarshal(b, &e); err != nil {
		return engine.Decision{}, false, fmt.Errorf("llm cache: bad entry: %w", err)
	}
	return engine.Decision{Intent: e.I, Emergency: e.E, Crisis: e.C}, true, nil
}

// Set writes an entry with the TTL.
func (r *RedisCache) Set(ctx context.Context, key string, d engine.Decision) error {
	b, _ := json.Marshal(redisEntry{I: d.Intent, E: d.Emergency, C: d.Crisis})
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	if err := r.c.Set(ctx, r.prefix+key, b, r.ttl).Err(); err != nil {
		return fmt.Errorf("llm cache: set: %w", err)
	}
	return nil
}
