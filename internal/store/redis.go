package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/redis/go-redis/v9"

	"github.com/nhs-signpost/signpost/internal/engine"
)

var _ engine.Store = (*Redis)(nil)

// ErrConflict is returned by Redis.Update when other requests kept changing
// the same session for every one of its attempts.
var ErrConflict = errors.New("store: session kept changing under concurrent requests")

// RedisOptions configure the Redis store.
type RedisOptions struct {
	// Prefix namespaces every key; default "signpost:". A session's key is
	// Prefix + "s:{" + id + "}" (the braces keep a session in one Cluster slot).
	Prefix string
	// TTL forgets a session after this long without a message; default 30m.
	TTL time.Duration
	// Timeout bounds each round trip to Redis, dialling included; default
	// 250ms. A Redis that is down or hung costs a reply at most a few of these.
	Timeout time.Duration
	// Remember is how many sessions' last written values this process keeps,
	// so that the next message of a conversation it answered skips the GET
	// (see Redis); default 10,000 (a few MB), negative for none.
	Remember int
}

// Redis keeps sessions in Redis so that every replica sees them. Each value
// is "VERSION:JSON". Update reads it with GET and writes the next version
// only if the value is still the one it read (two round trips, no lock in Redis),
// calling fn again on a conflict: a session that did not exist is written
// with SET NX, an existing one with a three-line script that compares and
// sets. Save writes a new session with one SET NX.
//
// Redis stays the only truth, but the value this process last wrote for a
// session is remembered (a bounded LRU): the next Update of that session
// starts from it and sends only the compare-and-set, one round trip. If
// another replica wrote the session since, or it expired or was deleted,
// the compare fails and returns the value Redis has, and the update is
// decided again on that, as after any conflict: two round trips, as without
// the memory. A remembered value can be stale but never wrong.
type Redis struct {
	c       redis.UniversalClient
	prefix  string
	ttl     time.Duration
	ttlMS   string // the TTL as SET ... PX takes it
	timeout time.Duration
	batches batches
	written *lru.Cache[string, string] // session id -> the value last written here; nil: none
}

// batches runs one write at a time per session in this process and gathers
// the updates that arrive meanwhile into the next write (a group commit).
// Messages of one conversation that arrive together would otherwise all read
// the same version, and all but one would have to read, decide and write
// again, the n-th of n about n times; gathered, a whole batch is read once,
// decided in order of arrival and written once. Updates from other replicas
// are still caught by the compare-and-set.
type batches struct {
	mu      sync.Mutex
	running map[string]*batch // by session id: the batch being written
}

// batch is the updates of one session written together.
type batch struct {
	members []*member
	next    *batch        // gathering while this one is written
	turn    chan struct{} // closed when the batch before it is done
}

// member is one Update waiting in a batch.
type member struct {
	fn   func(*engine.State, bool) error
	err  error
	done chan struct{}
}

// maxAttempts bounds how often Update re-reads a session that another request
// changed in between. Two taps at once need two; the rest is head room.
const maxAttempts = 20

// swapScript sets KEYS[1] to ARGV[2] with a TTL of ARGV[3] ms if its value is
// exactly ARGV[1]. It returns 1 on success, otherwise the current value (""
// for none) so that the caller can retry without another GET. Versions only
// grow, so a value is never written twice and comparing values is as safe as
// comparing versions; the version is worked out by the caller, which keeps
// the script (run in Redis for every message) as small as it can be.
var swapScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if cur == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return cur or ''
`)

// NewRedis keeps sessions through c, a client from NewRedisClient that the
// caller opens and closes (the other parts that use Redis share it). It does
// not wait for the server: a Redis that is down at start-up makes replies
// degraded, not the start fail, and sessions work as soon as it answers.
func NewRedis(c redis.UniversalClient, opt RedisOptions) *Redis {
	if opt.Prefix == "" {
		opt.Prefix = "signpost:"
	}
	if opt.TTL <= 0 {
		opt.TTL = 30 * time.Minute
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 250 * time.Millisecond
	}
	r := &Redis{c: c, prefix: opt.Prefix, ttl: opt.TTL, ttlMS: strconv.FormatInt(max(opt.TTL.Milliseconds(), 1), 10), timeout: opt.Timeout}
	if opt.Remember == 0 {
		opt.Remember = 10_000
	}
	if opt.Remember > 0 {
		r.written, _ = lru.New[string, string](opt.Remember) // errors only for a size <= 0
	}
	return r
}

// remembered is the value this process last wrote for session id, if any.
func (r *Redis) remembered(id string) (string, bool) {
	if r.written == nil {
		return "", false
	}
	return r.written.Get(id)
}

// remember records val as session id's value in Redis; "" forgets it.
func (r *Redis) remember(id, val string) {
	switch {
	case r.written == nil:
	case val == "":
		r.written.Remove(id)
	default:
		r.written.Add(id, val)
	}
}

// Ping reports whether Redis answers, for /readyz.
func (r *Redis) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	if err := r.c.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("store: redis ping: %w", err)
	}
	return nil
}

func (r *Redis) key(id string) string { return r.prefix + "s:{" + id + "}" }

// Update implements engine.Store.
func (r *Redis) Update(ctx context.Context, id string, fn func(*engine.State, bool) error) error {
	m := &member{fn: fn, done: make(chan struct{})}
	bs := &r.batches
	bs.mu.Lock()
	if bs.running == nil {
		bs.running = map[string]*batch{}
	}
	run := bs.running[id]
	if run == nil { // nothing being written: write now
		b := &batch{members: []*member{m}}
		bs.running[id] = b
		bs.mu.Unlock()
		r.write(ctx, id, b)
		return m.err
	}
	lead := run.next == nil
	if lead {
		run.next = &batch{turn: make(chan struct{})}
	}
	b := run.next
	b.members = append(b.members, m)
	bs.mu.Unlock()
	if lead { // the first to join a batch writes it, when its turn comes
		<-b.turn
		r.write(ctx, id, b)
	}
	// Not abandoned on ctx: a batch's wait and write are bounded by the
	// store's timeout, and its members' updates are applied in any case.
	<-m.done
	return m.err
}

// call runs the member's fn. A panic in it becomes that member's error: it
// runs in whichever request leads the batch, and must neither fail the
// others nor leave the session's next batch waiting for ever.
func (m *member) call(st *engine.State, found bool) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("store: session update panicked: %v", v)
		}
	}()
	return m.fn(st, found)
}

// write reads the session, applies a batch's updates in order and writes the
// result, then hands the session to the next batch.
func (r *Redis) write(ctx context.Context, id string, b *batch) {
	err := r.apply(ctx, id, b.members)
	for _, m := range b.members {
		if m.err == nil {
			m.err = err
		}
	}
	bs := &r.batches
	bs.mu.Lock()
	next := b.next
	if next == nil {
		delete(bs.running, id)
	} else {
		bs.running[id] = next
	}
	bs.mu.Unlock()
	if next != nil {
		close(next.turn)
	}
	for _, m := range b.members {
		close(m.done)
	}
}

// apply is one read-decide-write of a batch, with retries on conflicts. A
// member whose fn fails keeps its error and changes nothing.
func (r *Redis) apply(ctx context.Context, id string, members []*member) error {
	// Others share this write, so one leaving does not cancel it. One
	// deadline covers the usual two round trips (a context and its timer
	// cost as much as the rest of the client's work); a retry gets its own.
	base := context.WithoutCancel(ctx)
	ctx, cancel := context.WithTimeout(base, 2*r.timeout)
	defer cancel()
	key := r.key(id)
	// fromMemory: cur is the remembered value, which nothing has checked yet.
	cur, fromMemory := r.remembered(id)
	if !fromMemory {
		var err error
		if cur, err = r.get(ctx, key); err != nil {
			return err
		}
		r.remember(id, cur)
	}
	for attempt := 1; ; attempt++ {
		if attempt > 1 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(base, r.timeout)
			defer cancel()
		}
		ver, st, found := decodeValue(cur)
		changed := false
		for _, m := range members {
			next := st
			if m.err = m.call(&next, found); m.err == nil {
				st, found, changed = next, true, true
			}
		}
		if !changed {
			if !fromMemory {
				return nil
			}
			// Nothing to write, so no compare-and-set checked what the
			// updates saw: read the session and let them see that.
			var err error
			if cur, err = r.get(ctx, key); err != nil {
				return err
			}
			r.remember(id, cur)
			fromMemory = false
			continue
		}
		val, err := encodeValue(ver+1, st)
		if err != nil {
			return err
		}
		var ok bool
		var now string
		if cur == "" {
			ok, now, err = r.create(ctx, key, val)
		} else {
			ok, now, err = r.swap(ctx, key, cur, val)
		}
		switch {
		case err != nil:
			r.remember(id, "") // whether it was written is not known
			return err
		case ok:
			r.remember(id, val)
			return nil
		}
		r.remember(id, now)
		if attempt == maxAttempts {
			return ErrConflict
		}
		if fromMemory {
			// The remembered value was stale (another replica wrote the
			// session, or it expired): not a race, so no back-off.
			cur, fromMemory = now, false
			continue
		}
		cur = now
		// Back off a random, growing while so that racing requests do not
		// collide again in step. Two taps at once never get here twice.
		backoff := min(100*time.Microsecond<<attempt, 5*time.Millisecond)
		select {
		case <-ctx.Done():
			return fmt.Errorf("store: redis set: %w", ctx.Err())
		case <-time.After(time.Duration(rand.Int64N(int64(backoff)))):
		}
	}
}

// Save implements engine.Store. A new session's id is new, so one SET NX
// writes it; should the id be in use after all, the state replaces whatever
// is there, through Update.
func (r *Redis) Save(ctx context.Context, id string, st engine.State) error {
	val, err := encodeValue(1, st)
	if err != nil {
		return err
	}
	cctx, cancel := context.WithTimeout(ctx, r.timeout)
	created, _, err := r.create(cctx, r.key(id), val)
	cancel()
	if err != nil || created {
		if created {
			r.remember(id, val)
		}
		return err
	}
	return r.Update(ctx, id, func(cur *engine.State, _ bool) error { *cur = st; return nil })
}

// Delete implements engine.Store.
func (r *Redis) Delete(ctx context.Context, id string) error {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	r.remember(id, "")
	if err := r.c.Del(ctx, r.key(id)).Err(); err != nil {
		return fmt.Errorf("store: redis delete: %w", err)
	}
	return nil
}

// get returns the stored value, "" for none. ctx bounds the round trip.
func (r *Redis) get(ctx context.Context, key string) (string, error) {
	v, err := r.c.Get(ctx, key).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: redis get: %w", err)
	}
	return v, nil
}

// create writes val if the key does not exist. Otherwise it returns the
// value found instead (SET NX GET, Redis 7). ctx bounds the round trip.
func (r *Redis) create(ctx context.Context, key, val string) (bool, string, error) {
	now, err := r.c.SetArgs(ctx, key, val, redis.SetArgs{Mode: "NX", TTL: r.ttl, Get: true}).Result()
	switch {
	case errors.Is(err, redis.Nil):
		return true, "", nil
	case err != nil:
		return false, "", fmt.Errorf("store: redis set: %w", err)
	}
	return false, now, nil
}

// swap writes val if the key's value is still old. Otherwise it returns the
// value found instead ("" for none). ctx bounds the round trip.
func (r *Redis) swap(ctx context.Context, key, old, val string) (bool, string, error) {
	// Run tries EVALSHA and falls back to EVAL when the script is not cached
	// (a new or restarted server).
	res, err := swapScript.Run(ctx, r.c, []string{key}, old, val, r.ttlMS).Result()
	if err != nil {
		return false, "", fmt.Errorf("store: redis set: %w", err)
	}
	switch v := res.(type) {
	case int64:
		return v == 1, "", nil
	case string:
		return false, v, nil
	}
	return false, "", fmt.Errorf("store: redis set: unexpected reply %T", res)
}

// encodeValue writes "VERSION:JSON".
func encodeValue(ver int64, st engine.State) (string, error) {
	var buf [96]byte
	b := strconv.AppendInt(buf[:0], ver, 10)
	b = append(b, ':')
	b, err := appendState(b, st)
	if err != nil {
		return "", fmt.Errorf("store: encode session: %w", err)
	}
	return string(b), nil
}

// decodeValue splits "VERSION:JSON"; "" is no session (version 0). A value
// that cannot be read (written by something else) counts as no session, and
// the next write replaces it.
func decodeValue(v string) (ver int64, st engine.State, found bool) {
	if v == "" {
		return 0, st, false
	}
	vs, data, _ := strings.Cut(v, ":")
	ver, err := strconv.ParseInt(vs, 10, 64)
	if err != nil || ver < 0 {
		return 0, st, false
	}
	st, err = decodeState(data)
	if err != nil {
		return ver, engine.State{}, false
	}
	return ver, st, true
}
