package store

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/nhs-signpost/signpost/internal/engine"
)

var _ engine.Store = (*Redis)(nil)

// ErrConflict is returned by Redis.Update when other requests kept changing
// the same session for every one of its attempts.
var ErrConflict = errors.New("store: session kept changing under concurrent requests")

// RedisOptions configure the Redis store.
type RedisOptions struct {
	// URL names the server(s). go-redis has a URL parser for each kind of
	// deployment but none that chooses between them, so the scheme says which:
	//
	//	redis://[user:password@]host:port[/db][?option=value...]    one server
	//	rediss://...                                                 the same over TLS
	//	unix://[user:password@]/path/to/redis.sock[?db=N...]         one server on a socket
	//	redis-sentinel://[user:password@]s1:26379,s2:26379/MASTER[/db][?option=value...]
	//	rediss-sentinel://...                                        the same over TLS
	//	redis-cluster://[user:password@]n1:6379,n2:6379[?option=value...]
	//	rediss-cluster://...                                         the same over TLS
	//
	// For Sentinel the user and password are the Redis servers' own; if the
	// sentinels need a password too, give sentinel_username and sentinel_password
	// as options. Options are go-redis's, in snake case (dial_timeout=1s,
	// pool_size=50, ...). Timeouts and retries come from Timeout unless the
	// URL gives them, and context deadlines are always honoured.
	URL string
	// Prefix namespaces every key; default "signpost:". A session's key is
	// Prefix + "s:{" + id + "}" (the braces keep a session in one Cluster slot).
	Prefix string
	// TTL forgets a session after this long without a message; default 30m.
	TTL time.Duration
	// Timeout bounds each round trip to Redis, dialling included; default
	// 250ms. A Redis that is down or hung costs a reply at most a few of these.
	Timeout time.Duration
}

// Redis keeps sessions in Redis so that every replica sees them. Each value
// is "VERSION:JSON". Update reads it with GET and writes the next version
// only if the value is still the one it read (two round trips, no lock),
// calling fn again on a conflict: a session that did not exist is written
// with SET NX, an existing one with a three-line script that compares and
// sets. Save writes a new session with one SET NX.
type Redis struct {
	c       redis.UniversalClient
	prefix  string
	ttl     time.Duration
	ttlMS   string // the TTL as SET ... PX takes it
	timeout time.Duration
	turns   turns
}

// turns lets one update at a time run per session in this process. Messages
// of one conversation that arrive together would otherwise all read the same
// version, and all but one would have to read, decide and write again (the
// n-th of n about n times); queued, each reads and writes once. Updates
// from other replicas are still caught by the compare-and-set.
type turns struct {
	once  sync.Once
	seed  maphash.Seed
	lanes []chan struct{} // a session's lane is chosen by the hash of its id
}

// turnLanes is the number of lanes: sessions that share one wait for each
// other, which costs nothing while fewer than a few hundred are mid-update.
const turnLanes = 1024

// take waits for the session's turn, or for ctx to end; the function it
// returns ends the turn.
func (t *turns) take(ctx context.Context, id string) (func(), error) {
	t.once.Do(func() {
		t.seed = maphash.MakeSeed()
		t.lanes = make([]chan struct{}, turnLanes)
		for i := range t.lanes {
			t.lanes[i] = make(chan struct{}, 1)
		}
	})
	lane := t.lanes[maphash.String(t.seed, id)%turnLanes]
	select {
	case lane <- struct{}{}:
		return func() { <-lane }, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("store: waiting for the session's previous message: %w", ctx.Err())
	}
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

// NewRedis connects to the Redis named by opt.URL. It does not wait for the
// server: a Redis that is down at start-up makes replies degraded, not the
// start fail, and sessions work as soon as it answers.
func NewRedis(opt RedisOptions) (*Redis, error) {
	if opt.Prefix == "" {
		opt.Prefix = "signpost:"
	}
	if opt.TTL <= 0 {
		opt.TTL = 30 * time.Minute
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 250 * time.Millisecond
	}
	o, err := parseRedisURL(opt.URL, opt.Timeout)
	if err != nil {
		return nil, err
	}
	return &Redis{c: o.client(), prefix: opt.Prefix, ttl: opt.TTL, ttlMS: strconv.FormatInt(max(opt.TTL.Milliseconds(), 1), 10), timeout: opt.Timeout}, nil
}

// Close closes the connections.
func (r *Redis) Close() error { return r.c.Close() }

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
	// One deadline for the usual two round trips (a context and its timer
	// cost as much as the rest of the client's work); a retry gets its own.
	octx := ctx
	ctx, cancel := context.WithTimeout(ctx, 2*r.timeout)
	defer cancel()
	done, err := r.turns.take(ctx, id) // a wait counts against the deadline
	if err != nil {
		return err
	}
	defer done()
	key := r.key(id)
	cur, err := r.get(ctx, key)
	if err != nil {
		return err
	}
	for attempt := 1; ; attempt++ {
		if attempt > 1 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(octx, r.timeout)
			defer cancel()
		}
		ver, st, found := decodeValue(cur)
		if err := fn(&st, found); err != nil {
			return err
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
		if err != nil || ok {
			return err
		}
		if attempt == maxAttempts {
			return ErrConflict
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
		return err
	}
	return r.Update(ctx, id, func(cur *engine.State, _ bool) error { *cur = st; return nil })
}

// Delete implements engine.Store.
func (r *Redis) Delete(ctx context.Context, id string) error {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
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
