// Package store keeps conversation state: in memory (the default, bounded
// and expiring) or in Redis (shared by every replica). Both implement
// engine.Store.
package store

import (
	"container/list"
	"context"
	"hash/maphash"
	"sync"
	"time"

	"github.com/nhs-signpost/signpost/internal/engine"
)

var _ engine.Store = (*Memory)(nil)

// Memory is an in-memory session store with a size bound (least recently
// used sessions are dropped first) and an inactivity expiry.
//
// Sessions are spread over shards, each with its own mutex and LRU list, so
// that busy replicas do not queue on one lock. Eviction is least recently
// used within a shard, which is close enough to global LRU for a cache whose
// keys are random.
type Memory struct {
	ttl    time.Duration
	seed   maphash.Seed
	shards []memShard
	now    func() time.Time // replaced by tests
}

type memShard struct {
	mu    sync.Mutex
	max   int
	items map[string]*list.Element
	order *list.List // front = most recently used
}

type memItem struct {
	id      string
	st      engine.State
	expires time.Time
}

// memShards is how many shards a large store uses. Small stores (under
// minPerShard sessions per shard) use one shard so their bound stays exact.
const (
	memShards   = 32
	minPerShard = 256
)

// NewMemory returns a store holding at most max sessions, each forgotten
// after ttl without a message.
func NewMemory(max int, ttl time.Duration) *Memory {
	if max <= 0 {
		max = 100_000
	}
	if ttl <= 0 {
		ttl = 30 * time.Minute
	}
	n := memShards
	if max < n*minPerShard {
		n = 1
	}
	m := &Memory{ttl: ttl, seed: maphash.MakeSeed(), shards: make([]memShard, n), now: time.Now}
	for i := range m.shards {
		// The per-shard bounds add up to at most max.
		m.shards[i] = memShard{max: max / n, items: map[string]*list.Element{}, order: list.New()}
	}
	return m
}

func (m *Memory) shard(id string) *memShard {
	if len(m.shards) == 1 {
		return &m.shards[0]
	}
	return &m.shards[maphash.String(m.seed, id)%uint64(len(m.shards))]
}

// Update implements engine.Store. fn runs under the session's shard lock;
// it is pure and quick, so this is check-and-set by construction and fn is
// never called twice.
func (m *Memory) Update(_ context.Context, id string, fn func(*engine.State, bool) error) error {
	s := m.shard(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	now := m.now()
	var st engine.State
	found := false
	if el, ok := s.items[id]; ok {
		it := el.Value.(*memItem)
		if now.Before(it.expires) {
			st, found = it.st, true
		} else {
			s.remove(el)
		}
	}
	if err := fn(&st, found); err != nil {
		return err
	}
	s.put(id, st, now, now.Add(m.ttl))
	return nil
}

// Save implements engine.Store.
func (m *Memory) Save(_ context.Context, id string, st engine.State) error {
	s := m.shard(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	now := m.now()
	s.put(id, st, now, now.Add(m.ttl))
	return nil
}

// Delete implements engine.Store.
func (m *Memory) Delete(_ context.Context, id string) error {
	s := m.shard(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	if el, ok := s.items[id]; ok {
		s.remove(el)
	}
	return nil
}

// Len returns the number of sessions held (expired ones included until
// they are swept).
func (m *Memory) Len() int {
	n := 0
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.Lock()
		n += len(s.items)
		s.mu.Unlock()
	}
	return n
}

func (s *memShard) put(id string, st engine.State, now, exp time.Time) {
	if el, ok := s.items[id]; ok {
		it := el.Value.(*memItem)
		it.st, it.expires = st, exp
		s.order.MoveToFront(el)
	} else if back := s.order.Back(); back != nil && len(s.items) >= s.max && back.Value.(*memItem).expires.After(now) {
		// Full, and the least recently used session is still live, so it is
		// the one dropped below: its element and item are reused for this
		// one rather than allocated again.
		it := back.Value.(*memItem)
		delete(s.items, it.id)
		*it = memItem{id: id, st: st, expires: exp}
		s.order.MoveToFront(back)
		s.items[id] = back
	} else {
		s.items[id] = s.order.PushFront(&memItem{id: id, st: st, expires: exp})
	}
	// Every session has the same TTL, so the least recently used ones expire
	// first: sweeping a couple from the back on each write keeps expired
	// sessions from lingering, at constant cost.
	for range 2 {
		el := s.order.Back()
		if el == nil || el.Value.(*memItem).expires.After(now) {
			break
		}
		s.remove(el)
	}
	for len(s.items) > s.max {
		s.remove(s.order.Back())
	}
}

func (s *memShard) remove(el *list.Element) {
	s.order.Remove(el)
	delete(s.items, el.Value.(*memItem).id)
}
