package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"
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
	lru *expirable.LRU[string, engine.Decision]
}

// NewMemoryCache returns a cache of at most max decisions kept for ttl.
func NewMemoryCache(max int, ttl time.Duration) *MemoryCache {
	if max <= 0 {
		max = 1
	}
	return &MemoryCache{lru: expirable.NewLRU[string, engine.Decision](max, nil, ttl)}
}

// Get returns a live entry.
func (m *MemoryCache) Get(_ context.Context, key string) (engine.Decision, bool, error) {
	d, ok := m.lru.Get(key)
	return d, ok, nil
}

// Set stores an entry, evicting the least recently used when full.
func (m *MemoryCache) Set(_ context.Context, key string, d engine.Decision) error {
	m.lru.Add(key, d)
	return nil
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
