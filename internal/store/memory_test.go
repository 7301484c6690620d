package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/engine"
)

// testClock is a clock tests move by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) pass(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newTestMemory(max int, ttl time.Duration) (*Memory, *testClock) {
	m := NewMemory(max, ttl)
	c := &testClock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	m.now = c.now
	return m, c
}

func TestMemoryStore(t *testing.T) {
	testStore(t, func(t *testing.T, ttl time.Duration) (engine.Store, func(time.Duration)) {
		m, c := newTestMemory(1000, ttl)
		return m, c.pass
	}, 30*time.Minute)
}

func TestMemoryStoreSharded(t *testing.T) {
	testStore(t, func(t *testing.T, ttl time.Duration) (engine.Store, func(time.Duration)) {
		m, c := newTestMemory(100_000, ttl)
		if len(m.shards) < 2 {
			t.Fatalf("a store of 100000 has %d shard", len(m.shards))
		}
		return m, c.pass
	}, 30*time.Minute)
}

func TestMemoryDropsLeastRecentlyUsed(t *testing.T) {
	ctx := context.Background()
	m, _ := newTestMemory(3, time.Hour)
	for _, id := range []string{"a", "b", "c"} {
		if err := m.Save(ctx, id, engine.State{Turns: 1}); err != nil {
			t.Fatal(err)
		}
	}
	// A message in "a" makes "b" the least recently used.
	if err := m.Update(ctx, "a", func(st *engine.State, _ bool) error { st.Turns++; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := m.Save(ctx, "d", engine.State{}); err != nil {
		t.Fatal(err)
	}
	if n := m.Len(); n != 3 {
		t.Fatalf("Len = %d, want the bound 3", n)
	}
	for id, want := range map[string]bool{"a": true, "b": false, "c": true, "d": true} {
		found := false
		_ = m.Update(ctx, id, func(_ *engine.State, ok bool) error { found = ok; return fmt.Errorf("read") })
		if found != want {
			t.Errorf("%s found=%v, want %v", id, found, want)
		}
	}
}

func TestMemoryBoundHoldsWhenSharded(t *testing.T) {
	ctx := context.Background()
	const max = 10_000
	m, _ := newTestMemory(max, time.Hour)
	for i := range 3 * max {
		if err := m.Save(ctx, fmt.Sprintf("s%d", i), engine.State{}); err != nil {
			t.Fatal(err)
		}
	}
	if n := m.Len(); n > max || n < max*9/10 {
		t.Fatalf("Len = %d after %d saves, want at most %d and near it", n, 3*max, max)
	}
	// The newest session is always kept.
	found := false
	_ = m.Update(ctx, fmt.Sprintf("s%d", 3*max-1), func(_ *engine.State, ok bool) error { found = ok; return fmt.Errorf("read") })
	if !found {
		t.Fatal("newest session was dropped")
	}
}

func TestMemorySweepsExpired(t *testing.T) {
	ctx := context.Background()
	m, c := newTestMemory(1000, time.Minute)
	for i := range 10 {
		if err := m.Save(ctx, fmt.Sprintf("old%d", i), engine.State{}); err != nil {
			t.Fatal(err)
		}
	}
	c.pass(2 * time.Minute)
	for i := range 10 {
		if err := m.Save(ctx, fmt.Sprintf("new%d", i), engine.State{}); err != nil {
			t.Fatal(err)
		}
	}
	if n := m.Len(); n != 10 {
		t.Fatalf("Len = %d, want the 10 live sessions only", n)
	}
}

// BenchmarkMemoryUpdateParallel is many conversations at once on one
// replica: the sharded locks keep them from queueing on one mutex.
func BenchmarkMemoryUpdateParallel(b *testing.B) {
	ctx := context.Background()
	m := NewMemory(100_000, time.Hour)
	ids := make([]string, 1024)
	for i := range ids {
		ids[i] = fmt.Sprintf("session-%d", i)
		_ = m.Save(ctx, ids[i], engine.State{})
	}
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			i++
			_ = m.Update(ctx, ids[i%len(ids)], func(st *engine.State, _ bool) error { st.Turns++; return nil })
		}
	})
}
