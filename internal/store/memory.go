// Package store keeps conversation state: in memory (the default, bounded
// and expiring) or in Redis (shared by every replica). Both implement
// engine.Store.
package store

import (
	"container/list"
	"context"
	"sync"
	"time"

	"github.com/nhs-signpost/signpost/internal/engine"
)

var _ engine.Store = (*Memory)(nil)

// Memory is an in-memory session store with a size bound (least recently
// used sessions are dropped first) and an inactivity expiry.
type Memory struct {
	mu    sync.Mutex
	ttl   time.Duration
	max   int
	items map[string]*list.Element
	order *list.List // front = most recently used
	now   func() time.Time
}

type memItem struct {
	id      string
	st      engine.State
	expires time.Time
}

// NewMemory returns a store holding at most max sessions, each forgotten
// after ttl without a message.
func NewMemory(max int, ttl time.Duration) *Memory {
	if max <= 0 {
		max = 100_000
	}
	if ttl <= 0 {
		ttl = 30 * time.Minute
	}
	return &Memory{ttl: ttl, max: max, items: map[string]*list.Element{}, order: list.New(), now: time.Now}
}

// Update implements engine.Store. A session is updated under the store's
// mutex; fn is pure and quick, so this is check-and-set by construction.
func (m *Memory) Update(_ context.Context, id string, fn func(*engine.State, bool) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	var st engine.State
	found := false
	if el, ok := m.items[id]; ok {
		it := el.Value.(*memItem)
		if m.now().Before(it.expires) {
			st, found = it.st, true
		} else {
			m.remove(el)
		}
	}
	if err := fn(&st, found); err != nil {
		return err
	}
	m.put(id, st)
	return nil
}

// Save implements engine.Store.
func (m *Memory) Save(_ context.Context, id string, st engine.State) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.put(id, st)
	return nil
}

// Delete implements engine.Store.
func (m *Memory) Delete(_ context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if el, ok := m.items[id]; ok {
		m.remove(el)
	}
	return nil
}

// Len returns the number of sessions held (expired ones included until evicted).
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.items)
}

func (m *Memory) put(id string, st engine.State) {
	exp := m.now().Add(m.ttl)
	if el, ok := m.items[id]; ok {
		it := el.Value.(*memItem)
		it.st, it.expires = st, exp
		m.order.MoveToFront(el)
		return
	}
	m.items[id] = m.order.PushFront(&memItem{id: id, st: st, expires: exp})
	for len(m.items) > m.max {
		m.remove(m.order.Back())
	}
}

func (m *Memory) remove(el *list.Element) {
	m.order.Remove(el)
	delete(m.items, el.Value.(*memItem).id)
}
