package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/redistest"
)

// newTestRedis returns a store on srv whose keys are namespaced for this test
// alone, so that tests can share a server (SIGNPOST_TEST_REDIS_URL).
func newTestRedis(t testing.TB, url string, ttl, timeout time.Duration) *Redis {
	t.Helper()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	c, err := NewRedisClient(url, timeout)
	if err != nil {
		t.Fatal(err)
	}
	r := NewRedis(c, RedisOptions{Prefix: "signpost-test:" + hex.EncodeToString(b) + ":", TTL: ttl, Timeout: timeout})
	t.Cleanup(func() {
		// Leave a shared server as it was found.
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		iter := r.c.Scan(ctx, 0, r.prefix+"*", 100).Iterator()
		for iter.Next(ctx) {
			r.c.Del(ctx, iter.Val())
		}
		c.Close()
	})
	return r
}

func TestRedisStore(t *testing.T) {
	srv := redistest.Start(t)
	testStore(t, func(t *testing.T, ttl time.Duration) (engine.Store, func(time.Duration)) {
		return newTestRedis(t, srv.URL, ttl, time.Second), time.Sleep
	}, 400*time.Millisecond)
}

func TestRedisKeysAreNamespacedCompactAndExpire(t *testing.T) {
	ctx := context.Background()
	srv := redistest.Start(t)
	c := srv.Client(t)
	r := newTestRedis(t, srv.URL, 30*time.Minute, time.Second)
	if err := r.Save(ctx, "abc123", engine.State{Flow: "sore_throat", Turns: 1}); err != nil {
		t.Fatal(err)
	}
	key := r.prefix + "s:{abc123}"
	val, err := c.Get(ctx, key).Result()
	if err != nil {
		t.Fatalf("GET %s: %v", key, err)
	}
	if want := `1:{"f":"sore_throat","t":1}`; val != want {
		t.Fatalf("stored %q, want %q", val, want)
	}
	ttl, err := c.PTTL(ctx, key).Result()
	if err != nil || ttl <= 29*time.Minute || ttl > 30*time.Minute {
		t.Fatalf("key TTL = %v (%v), want about 30m", ttl, err)
	}
	// Let the TTL run down a little, then a message must renew it.
	if err := c.PExpire(ctx, key, time.Minute).Err(); err != nil {
		t.Fatal(err)
	}
	if err := r.Update(ctx, "abc123", func(st *engine.State, _ bool) error { st.Turns++; return nil }); err != nil {
		t.Fatal(err)
	}
	if ttl, _ := c.PTTL(ctx, key).Result(); ttl <= 29*time.Minute {
		t.Fatalf("TTL after a message = %v, want it renewed to about 30m", ttl)
	}
	if val, _ := c.Get(ctx, key).Result(); !strings.HasPrefix(val, "2:") {
		t.Fatalf("value after one update = %q, want version 2", val)
	}
}

// A value not written by Signpost (or by an older version) must not wedge
// the session: it reads as no session, and a new save replaces it.
func TestRedisUnreadableValueIsNoSession(t *testing.T) {
	ctx := context.Background()
	srv := redistest.Start(t)
	c := srv.Client(t)
	r := newTestRedis(t, srv.URL, time.Hour, time.Second)
	for _, junk := range []string{"garbage", "7:not json", ":"} {
		if err := c.Set(ctx, r.key("junk"), junk, time.Hour).Err(); err != nil {
			t.Fatal(err)
		}
		// fn may first be offered the value this store wrote last (stale
		// here: the junk was written behind its back); the call whose
		// result is written is the one decided on what Redis holds.
		var lastFound bool
		err := r.Update(ctx, "junk", func(st *engine.State, found bool) error {
			lastFound = found
			st.Turns = 1
			return nil
		})
		if err != nil {
			t.Fatalf("update over %q: %v", junk, err)
		}
		if lastFound {
			t.Errorf("%q read as a session", junk)
		}
		var got engine.State
		_ = r.Update(ctx, "junk", func(st *engine.State, _ bool) error { got = *st; return errors.New("read") })
		if got.Turns != 1 {
			t.Fatalf("after writing over %q: %+v", junk, got)
		}
	}
}

func TestRedisDownFailsFastAndRecovers(t *testing.T) {
	ctx := context.Background()
	// A private server even when SIGNPOST_TEST_REDIS_URL is set: this test
	// stops and restarts it.
	srv, err := redistest.StartServer()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	const timeout = 250 * time.Millisecond
	r := newTestRedis(t, srv.URL, time.Hour, timeout)
	if err := r.Save(ctx, "before", engine.State{Turns: 1}); err != nil {
		t.Fatal(err)
	}

	srv.Stop()
	for _, op := range []struct {
		name string
		do   func() error
	}{
		{"Update", func() error {
			return r.Update(ctx, "before", func(st *engine.State, _ bool) error { st.Turns++; return nil })
		}},
		{"Save", func() error { return r.Save(ctx, "during", engine.State{}) }},
		{"Ping", func() error { return r.Ping(ctx) }},
	} {
		start := time.Now()
		err := op.do()
		took := time.Since(start)
		if err == nil {
			t.Fatalf("%s with Redis stopped: no error", op.name)
		}
		// Not a performance assertion: without the bounds this waits for
		// seconds of dial retries; the point is that it cannot hang a reply.
		if took > 4*timeout {
			t.Fatalf("%s with Redis stopped took %v, want it bounded by the %v timeout", op.name, took, timeout)
		}
	}

	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	// The restarted server is empty (nothing on disk); new conversations work
	// again once the client reconnects, which it does by itself.
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := r.Save(ctx, "after", engine.State{Turns: 1})
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Save still failing 10s after Redis came back: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := r.Update(ctx, "after", func(st *engine.State, found bool) error {
		if !found {
			return errors.New("not found after restart")
		}
		st.Turns++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := r.Ping(ctx); err != nil {
		t.Fatalf("Ping after restart: %v", err)
	}
}

func TestRedisHungFailsWithinTimeout(t *testing.T) {
	ctx := context.Background()
	const timeout = 200 * time.Millisecond
	r := newTestRedis(t, redistest.Hung(t), time.Hour, timeout)
	for _, op := range []struct {
		name string
		do   func() error
	}{
		{"Update", func() error {
			return r.Update(ctx, "x", func(st *engine.State, _ bool) error { st.Turns++; return nil })
		}},
		{"Save", func() error { return r.Save(ctx, "x", engine.State{}) }},
		{"Delete", func() error { return r.Delete(ctx, "x") }},
		{"Ping", func() error { return r.Ping(ctx) }},
	} {
		start := time.Now()
		err := op.do()
		took := time.Since(start)
		if err == nil {
			t.Fatalf("%s against a hung Redis: no error", op.name)
		}
		if took > 4*timeout {
			t.Fatalf("%s against a hung Redis took %v, want it bounded by the %v timeout", op.name, took, timeout)
		}
	}
}

func TestRedisURLs(t *testing.T) {
	const to = 250 * time.Millisecond
	t.Run("single node", func(t *testing.T) {
		o, err := parseRedisURL("redis://:s3cret@cache.internal:6380/2", to)
		if err != nil {
			t.Fatal(err)
		}
		s := o.simple
		if s == nil || s.Addr != "cache.internal:6380" || s.DB != 2 || s.Password != "s3cret" || s.TLSConfig != nil {
			t.Fatalf("got %+v", s)
		}
		if !s.ContextTimeoutEnabled || s.ReadTimeout != to || s.DialTimeout != to || s.WriteTimeout != to || s.MaxRetries != 1 || s.DialerRetries != 1 {
			t.Fatalf("timeouts not applied: ctx=%v read=%v dial=%v write=%v retries=%d",
				s.ContextTimeoutEnabled, s.ReadTimeout, s.DialTimeout, s.WriteTimeout, s.MaxRetries)
		}
	})
	t.Run("TLS and options in the URL win", func(t *testing.T) {
		o, err := parseRedisURL("rediss://cache.internal?read_timeout=2s&max_retries=-1", to)
		if err != nil {
			t.Fatal(err)
		}
		s := o.simple
		if s.TLSConfig == nil || s.ReadTimeout != 2*time.Second || s.MaxRetries != -1 || s.DialTimeout != to || s.Addr != "cache.internal:6379" {
			t.Fatalf("got tls=%v read=%v retries=%d dial=%v addr=%s", s.TLSConfig != nil, s.ReadTimeout, s.MaxRetries, s.DialTimeout, s.Addr)
		}
	})
	t.Run("sentinel", func(t *testing.T) {
		o, err := parseRedisURL("redis-sentinel://app:pw@s1:26379,s2:26379,s3/mymaster/3?sentinel_password=sp&pool_size=20", to)
		if err != nil {
			t.Fatal(err)
		}
		f := o.failover
		if f == nil {
			t.Fatalf("not a failover client: %+v", o)
		}
		if f.MasterName != "mymaster" || f.DB != 3 || f.Username != "app" || f.Password != "pw" || f.SentinelPassword != "sp" || f.PoolSize != 20 {
			t.Fatalf("got master=%q db=%d user=%q pw=%q sentinelpw=%q pool=%d", f.MasterName, f.DB, f.Username, f.Password, f.SentinelPassword, f.PoolSize)
		}
		if want := []string{"s1:26379", "s2:26379", "s3:26379"}; strings.Join(f.SentinelAddrs, ",") != strings.Join(want, ",") {
			t.Fatalf("sentinels %v, want %v", f.SentinelAddrs, want)
		}
		if !f.ContextTimeoutEnabled || f.ReadTimeout != to {
			t.Fatal("timeouts not applied")
		}
	})
	t.Run("sentinel db as option", func(t *testing.T) {
		o, err := parseRedisURL("rediss-sentinel://s1:26379/mymaster?db=1", to)
		if err != nil {
			t.Fatal(err)
		}
		if o.failover.DB != 1 || o.failover.TLSConfig == nil {
			t.Fatalf("got %+v", o.failover)
		}
	})
	t.Run("cluster", func(t *testing.T) {
		o, err := parseRedisURL("redis-cluster://:pw@n1:7000,n2:7001,n3:7002?read_only=true", to)
		if err != nil {
			t.Fatal(err)
		}
		c := o.cluster
		if c == nil || strings.Join(c.Addrs, ",") != "n1:7000,n2:7001,n3:7002" || c.Password != "pw" || !c.ReadOnly {
			t.Fatalf("got %+v", c)
		}
		if !c.ContextTimeoutEnabled || c.ReadTimeout != to || c.MaxRetries != 1 {
			t.Fatal("timeouts not applied")
		}
	})
	for _, bad := range []string{
		"localhost:6379",
		"http://localhost:6379",
		"redis://localhost:6379/notanumber",
		"redis://localhost?bogus_option=1",
		"redis-sentinel://s1:26379",
		"redis-sentinel://s1:26379/m/1/extra",
		"redis-cluster://n1:7000/3",
		"redis-cluster://",
	} {
		t.Run("rejects "+bad, func(t *testing.T) {
			if _, err := parseRedisURL(bad, to); err == nil {
				t.Fatalf("%q accepted", bad)
			}
		})
	}
	t.Run("errors do not repeat the password", func(t *testing.T) {
		_, err := parseRedisURL("redis://:hunter2@host/x?bogus=1", to)
		if err == nil || strings.Contains(err.Error(), "hunter2") {
			t.Fatalf("err = %v", err)
		}
	})
}

func BenchmarkRedisUpdate(b *testing.B) {
	ctx := context.Background()
	srv := redistest.Start(b)
	r := newTestRedis(b, srv.URL, time.Hour, time.Second)
	if err := r.Save(ctx, "bench", engine.State{Flow: "sore_throat"}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Update(ctx, "bench", func(st *engine.State, found bool) error {
			if !found {
				return errors.New("lost")
			}
			st.Turns++
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRedisGetSet is the floor Update is compared against: one plain
// GET and one SET with a TTL, no check.
func BenchmarkRedisGetSet(b *testing.B) {
	ctx := context.Background()
	srv := redistest.Start(b)
	c := srv.Client(b)
	key := "signpost-bench:getset"
	if err := c.Set(ctx, key, `1:{"f":"sore_throat"}`, time.Hour).Err(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		v, err := c.Get(ctx, key).Result()
		if err != nil {
			b.Fatal(err)
		}
		if err := c.Set(ctx, key, v, time.Hour).Err(); err != nil {
			b.Fatal(err)
		}
	}
}

// countHook counts the commands a client sends: each is one round trip.
type countHook struct {
	mu    sync.Mutex
	names []string
}

func (h *countHook) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h *countHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}
func (h *countHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.mu.Lock()
		h.names = append(h.names, cmd.Name())
		h.mu.Unlock()
		return next(ctx, cmd)
	}
}

func (h *countHook) take() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := h.names
	h.names = nil
	return n
}

func TestRedisUpdateRoundTrips(t *testing.T) {
	ctx := context.Background()
	srv := redistest.Start(t)
	r := newTestRedis(t, srv.URL, time.Hour, time.Second)
	h := &countHook{}
	r.c.AddHook(h)
	inc := func(st *engine.State, _ bool) error { st.Turns++; return nil }
	if err := r.Ping(ctx); err != nil { // the connection's own hello first
		t.Fatal(err)
	}
	h.take()
	if err := r.Save(ctx, "rt", engine.State{}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(h.take(), " "); got != "set" {
		t.Fatalf("Save of a new session sent %q, want \"set\"", got)
	}
	// The first Update on a new server loads the script (EVALSHA, then EVAL).
	if err := r.Update(ctx, "rt", inc); err != nil {
		t.Fatal(err)
	}
	h.take()
	// This process wrote the session last, so an Update is one round trip:
	// the compare-and-set against the value it wrote.
	for range 4 {
		if err := r.Update(ctx, "rt", inc); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(h.take(), " "); got != "evalsha" {
			t.Fatalf("one Update sent %q, want \"evalsha\"", got)
		}
	}

	// A restarted server has forgotten the script: Update loads it again
	// and carries on.
	if err := srv.Client(t).ScriptFlush(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	if err := r.Update(ctx, "rt", inc); err != nil {
		t.Fatalf("Update after SCRIPT FLUSH: %v", err)
	}
	if got := strings.Join(h.take(), " "); got != "evalsha eval" {
		t.Fatalf("Update after SCRIPT FLUSH sent %q, want \"evalsha eval\"", got)
	}
	if got := turnsOf(t, r, "rt"); got != 6 {
		t.Fatalf("Turns = %d, want 6", got)
	}

	// A session this process has not written (another replica's) is read
	// first: two round trips. So is every one without the memory.
	other := NewRedis(r.c, RedisOptions{Prefix: r.prefix, TTL: time.Hour, Timeout: time.Second})
	forgetful := NewRedis(r.c, RedisOptions{Prefix: r.prefix, TTL: time.Hour, Timeout: time.Second, Remember: -1})
	for _, c := range []struct {
		name        string
		saver, user *Redis
	}{{"another replica's session", other, r}, {"with Remember -1", forgetful, forgetful}} {
		if err := c.saver.Save(ctx, c.name, engine.State{}); err != nil {
			t.Fatal(err)
		}
		h.take()
		if err := c.user.Update(ctx, c.name, inc); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(h.take(), " "); got != "get evalsha" {
			t.Fatalf("Update, %s, sent %q, want \"get evalsha\"", c.name, got)
		}
	}
}

// turnsOf reads session id's Turns through r (0 when there is none).
func turnsOf(t *testing.T, r *Redis, id string) int {
	t.Helper()
	var turns int
	_ = r.Update(context.Background(), id, func(st *engine.State, _ bool) error { turns = st.Turns; return errors.New("read") })
	return turns
}

// Two replicas answering one conversation in turn: each remembers the value
// it wrote, which the other then changes. No update is lost, and a stale
// memory costs the retry that a GET would have cost, not a back-off.
func TestRedisReplicasTakingTurnsLoseNothing(t *testing.T) {
	ctx := context.Background()
	srv := redistest.Start(t)
	a := newTestRedis(t, srv.URL, time.Hour, time.Second)
	b := NewRedis(a.c, RedisOptions{Prefix: a.prefix, TTL: time.Hour, Timeout: time.Second})
	h := &countHook{}
	a.c.AddHook(h)
	if err := a.Save(ctx, "conv", engine.State{}); err != nil {
		t.Fatal(err)
	}
	inc := func(st *engine.State, found bool) error {
		if !found {
			return errors.New("session lost")
		}
		st.Turns++
		return nil
	}
	for i := range 20 {
		s := a
		if i%2 == 1 {
			s = b
		}
		if err := s.Update(ctx, "conv", inc); err != nil {
			t.Fatalf("update %d: %v", i, err)
		}
	}
	h.take()
	if err := a.Update(ctx, "conv", inc); err != nil { // a wrote the 19th; b the 20th since
		t.Fatal(err)
	}
	if got := strings.Join(h.take(), " "); got != "evalsha evalsha" {
		t.Fatalf("Update over a stale memory sent %q, want \"evalsha evalsha\"", got)
	}
	for _, s := range []*Redis{a, b} {
		if got := turnsOf(t, s, "conv"); got != 21 {
			t.Fatalf("Turns = %d after 21 updates from two replicas, want 21", got)
		}
	}
}

// A session that expired (or was deleted elsewhere) while this process still
// remembers it is no session: the conversation starts again.
func TestRedisRememberedButExpiredIsNoSession(t *testing.T) {
	ctx := context.Background()
	srv := redistest.Start(t)
	r := newTestRedis(t, srv.URL, time.Hour, time.Second)
	if err := r.Save(ctx, "gone", engine.State{Turns: 3}); err != nil {
		t.Fatal(err)
	}
	if err := srv.Client(t).Del(ctx, r.key("gone")).Err(); err != nil { // as when its TTL runs out
		t.Fatal(err)
	}
	var sawFound bool
	err := r.Update(ctx, "gone", func(st *engine.State, found bool) error {
		sawFound = found
		if !found {
			return errors.New("unknown session")
		}
		st.Turns++
		return nil
	})
	if err == nil || sawFound {
		t.Fatalf("an expired session was updated as found (err %v, last found %v)", err, sawFound)
	}
	if n, _ := srv.Client(t).Exists(ctx, r.key("gone")).Result(); n != 0 {
		t.Fatal("the expired session was written back")
	}
}

// An update that panics fails alone: the updates batched with it and the
// session's later updates go on.
func TestRedisUpdatePanicFailsOnlyItself(t *testing.T) {
	ctx := context.Background()
	srv := redistest.Start(t)
	r := newTestRedis(t, srv.URL, time.Hour, time.Second)
	if err := r.Save(ctx, "p", engine.State{}); err != nil {
		t.Fatal(err)
	}
	if err := r.Update(ctx, "p", func(*engine.State, bool) error { panic("boom") }); err == nil {
		t.Fatal("a panicking update reported success")
	}
	for range 3 {
		if err := r.Update(ctx, "p", func(st *engine.State, _ bool) error { st.Turns++; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	var got engine.State
	_ = r.Update(ctx, "p", func(st *engine.State, _ bool) error { got = *st; return errors.New("read") })
	if got.Turns != 3 {
		t.Fatalf("Turns = %d after three updates past a panic, want 3", got.Turns)
	}
}
