package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
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
// is "VERSION:JSON"; Update reads it with GET and writes with a Lua script
// that sets the new value only if the version is unchanged (two round trips,
// no lock), calling fn again on a conflict.
type Redis struct {
	c       redis.UniversalClient
	prefix  string
	ttlMS   string // the TTL as SET ... PX takes it
	timeout time.Duration
}

// maxAttempts bounds how often Update re-reads a session that another request
// changed in between. Two taps at once need two; the rest is head room.
const maxAttempts = 20

// casScript sets KEYS[1] to "(version+1):ARGV[2]" with a TTL of ARGV[3] ms if
// its version is ARGV[1] (0: the key must not exist; -1: any version). It
// returns 1 on success, otherwise the current value ("" for none) so that the
// caller can retry without another GET.
var casScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
local v = 0
if cur then v = tonumber(string.match(cur, '^(%d+):')) or 0 end
if ARGV[1] ~= '-1' and tonumber(ARGV[1]) ~= v then
  return cur or ''
end
redis.call('SET', KEYS[1], (v + 1) .. ':' .. ARGV[2], 'PX', ARGV[3])
return 1
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
	return &Redis{c: c, prefix: opt.Prefix, ttlMS: strconv.FormatInt(max(opt.TTL.Milliseconds(), 1), 10), timeout: opt.Timeout}
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
	key := r.key(id)
	cur, err := r.get(ctx, key)
	if err != nil {
		return err
	}
	for attempt := 1; ; attempt++ {
		ver, st, found := decodeValue(cur)
		if err := fn(&st, found); err != nil {
			return err
		}
		data, err := json.Marshal(st)
		if err != nil {
			return fmt.Errorf("store: encode session: %w", err)
		}
		ok, now, err := r.cas(ctx, key, ver, data)
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

// Save implements engine.Store.
func (r *Redis) Save(ctx context.Context, id string, st engine.State) error {
	data, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("store: encode session: %w", err)
	}
	_, _, err = r.cas(ctx, r.key(id), -1, data)
	return err
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

// get returns the stored value, "" for none.
func (r *Redis) get(ctx context.Context, key string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	v, err := r.c.Get(ctx, key).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: redis get: %w", err)
	}
	return v, nil
}

// cas writes data if the key's version is still ver. On a conflict it
// returns the value found instead.
func (r *Redis) cas(ctx context.Context, key string, ver int64, data []byte) (bool, string, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	// Run tries EVALSHA and falls back to EVAL when the script is not cached
	// (a new or restarted server).
	res, err := casScript.Run(ctx, r.c, []string{key}, ver, data, r.ttlMS).Result()
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

// decodeValue splits "VERSION:JSON"; "" is no session (version 0). A value
// that cannot be read (written by something else) counts as no session, with
// the version the script will also see, so that the next write replaces it.
func decodeValue(v string) (ver int64, st engine.State, found bool) {
	if v == "" {
		return 0, st, false
	}
	vs, data, _ := strings.Cut(v, ":")
	ver, err := strconv.ParseInt(vs, 10, 64)
	if err != nil || ver < 0 {
		return 0, st, false
	}
	if err := json.Unmarshal([]byte(data), &st); err != nil {
		return ver, engine.State{}, false
	}
	return ver, st, true
}
