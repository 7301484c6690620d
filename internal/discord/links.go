package discord

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"
	"github.com/redis/go-redis/v9"
)

// Links remembers which engine session each Discord user is in, keyed by a
// salted hash of their user id (never the id itself). The engine issues
// session ids and issues a new one when a session has expired, so the link
// is updated after every turn. A link that exists also means the person has
// already seen the first-contact notice.
//
// It is an interface so that a shared (Redis) implementation can be plugged
// in when several replicas serve different shards.
type Links interface {
	// Get returns the session linked to a user key; found is false for a
	// person never seen (or forgotten after the link's expiry).
	Get(ctx context.Context, key string) (session string, found bool, err error)
	// Put links a user key to a session ("" keeps the person known but with
	// no conversation).
	Put(ctx context.Context, key, session string) error
}

// UserKey is the salted hash that identifies a Discord user inside Signpost.
func UserKey(salt []byte, userID string) string {
	m := hmac.New(sha256.New, salt)
	m.Write([]byte(userID))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

// saltFromToken derives an id salt from the bot token when none is
// configured, so that hashes are stable across restarts without another
// secret. Changing the token then resets every link, which is harmless.
func saltFromToken(token string) []byte {
	m := hmac.New(sha256.New, []byte(token))
	m.Write([]byte("signpost discord user id salt v1"))
	return m.Sum(nil)
}

var _ Links = (*MemoryLinks)(nil)

// MemoryLinks keeps links in memory, bounded (least recently used dropped
// first) and forgotten after ttl without a message.
type MemoryLinks struct {
	lru *expirable.LRU[string, string]
}

// NewMemoryLinks returns an in-memory link store of at most max links
// (default 100,000) kept for ttl (default 24h).
func NewMemoryLinks(max int, ttl time.Duration) *MemoryLinks {
	if max <= 0 {
		max = 100_000
	}
	if ttl <= 0 {
		ttl = 24 * time.Hour
	}
	return &MemoryLinks{lru: expirable.NewLRU[string, string](max, nil, ttl)}
}

// Get implements Links.
func (m *MemoryLinks) Get(_ context.Context, key string) (string, bool, error) {
	s, ok := m.lru.Get(key)
	return s, ok, nil
}

// Put implements Links.
func (m *MemoryLinks) Put(_ context.Context, key, session string) error {
	m.lru.Add(key, session)
	return nil
}

var _ Links = (*RedisLinks)(nil)

// RedisLinks keeps links in Redis, so that every replica (each Discord
// shard, or the old and new bot during a rolling restart) continues the same
// person's conversation. A link is the key Prefix + "discord:link:" + the
// hashed user id, holding the session id, forgotten after ttl without a
// message. Nothing else about the person is stored.
type RedisLinks struct {
	c       redis.UniversalClient
	prefix  string
	ttl     time.Duration
	timeout time.Duration
}

// NewRedisLinks stores links through c (which the caller opens and closes)
// under prefix (default "signpost:"), for ttl (default 24h), each round trip
// bounded by timeout (default 250ms) so that a Redis that is down costs a
// reply little: the person then gets an answer in a new conversation.
func NewRedisLinks(c redis.UniversalClient, prefix string, ttl, timeout time.Duration) *RedisLinks {
	if prefix == "" {
		prefix = "signpost:"
	}
	if ttl <= 0 {
		ttl = 24 * time.Hour
	}
	if timeout <= 0 {
		timeout = 250 * time.Millisecond
	}
	return &RedisLinks{c: c, prefix: prefix, ttl: ttl, timeout: timeout}
}

func (r *RedisLinks) key(userKey string) string { return r.prefix + "discord:link:" + userKey }

// Get implements Links.
func (r *RedisLinks) Get(ctx context.Context, key string) (string, bool, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	s, err := r.c.Get(ctx, r.key(key)).Result()
	if errors.Is(err, redis.Nil) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("discord: get link: %w", err)
	}
	return s, true, nil
}

// Put implements Links.
func (r *RedisLinks) Put(ctx context.Context, key, session string) error {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	if err := r.c.Set(ctx, r.key(key), session, r.ttl).Err(); err != nil {
		return fmt.Errorf("discord: save link: %w", err)
	}
	return nil
}

// queues runs each person's work one item at a time, in the order it was
// queued. Gateway events are queued from discordgo's single read loop (the
// session runs with SyncEvents), so a person's messages are answered in the
// order they were sent while different people are answered in parallel.
type queues struct {
	mu  sync.Mutex
	max int
	m   map[string]*queue
	wg  sync.WaitGroup
}

type queue struct {
	items []func()
}

// add queues fn for key; false when that person already has max items waiting.
func (q *queues) add(key string, fn func()) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.m == nil {
		q.m = map[string]*queue{}
	}
	if w, ok := q.m[key]; ok {
		if len(w.items) >= q.max {
			return false
		}
		w.items = append(w.items, fn)
		return true
	}
	w := &queue{items: []func(){fn}}
	q.m[key] = w
	q.wg.Add(1)
	go q.drain(key, w)
	return true
}

func (q *queues) drain(key string, w *queue) {
	defer q.wg.Done()
	for {
		q.mu.Lock()
		if len(w.items) == 0 {
			delete(q.m, key)
			q.mu.Unlock()
			return
		}
		fn := w.items[0]
		w.items = w.items[1:]
		q.mu.Unlock()
		fn()
	}
}

// wait waits for queued work to finish or ctx to end.
func (q *queues) wait(ctx context.Context) error {
	done := make(chan struct{})
	go func() { q.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
