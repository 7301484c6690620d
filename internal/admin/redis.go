package admin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/redis/go-redis/v9"
)

// NewRedisStore shares the admin state between replicas through c (a
// client from store.NewRedisClient, which the caller opens and closes): the
// state is one JSON value changed with optimistic check-and-set, the audit
// log a capped list, and every change is announced on a pub/sub channel so
// other replicas re-read at once (and every Refresh interval in case a
// message was missed). The keys are prefix + "{admin}:state" and
// prefix + "{admin}:audit" (prefix default "signpost:"; the braces keep
// both in one Cluster slot, so a change and its audit entry are one
// transaction). An unreachable Redis is not an error: the store starts
// empty and catches up.
func NewRedisStore(ctx context.Context, c redis.UniversalClient, prefix string, o Options) *Store {
	if prefix == "" {
		prefix = "signpost:"
	}
	base := prefix + "{admin}:"
	rb := &redisBackend{c: c, key: base + "state", auditKey: base + "audit", channel: base + "changed"}
	s := newStore(rb, o)
	lctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	mctx, mcancel := context.WithTimeout(lctx, s.timeout)
	defer mcancel()
	if moved, err := rb.moveLegacy(mctx); err == nil && moved {
		s.log.Info("admin state moved to its new key", "from", legacyKey, "to", rb.key)
	}
	s.start(lctx)
	return s
}

// legacyKey is where releases before SIGNPOST_REDIS_PREFIX applied to the
// admin area kept its state, whatever the prefix.
const legacyKey = "signpost:admin:state"

// moveLegacy copies the state from legacyKey when the new key has none, so
// that an upgrade keeps what was published. The old key is left for a
// replica of the previous release still running during the rollout.
func (r *redisBackend) moveLegacy(ctx context.Context) (bool, error) {
	if n, err := r.c.Exists(ctx, r.key).Result(); err != nil || n > 0 {
		return false, err
	}
	b, err := r.c.Get(ctx, legacyKey).Bytes()
	if err != nil {
		return false, err
	}
	if _, err := decodeState(b); err != nil {
		return false, err
	}
	return r.c.SetNX(ctx, r.key, b, 0).Result()
}

type redisBackend struct {
	c        redis.UniversalClient
	key      string
	auditKey string
	channel  string
}

func decodeState(b []byte) (*State, error) {
	var st State
	if err := json.Unmarshal(b, &st); err != nil {
		return nil, fmt.Errorf("admin state in redis is not valid JSON: %w", err)
	}
	return &st, nil
}

func (r *redisBackend) load(ctx context.Context) (*State, error) {
	b, err := r.c.Get(ctx, r.key).Bytes()
	if errors.Is(err, redis.Nil) {
		return &State{}, nil
	}
	if err != nil {
		return nil, err
	}
	return decodeState(b)
}

func (r *redisBackend) update(ctx context.Context, fn func(*State) ([]Entry, error)) (*State, error) {
	var out *State
	wrote := false
	txf := func(tx *redis.Tx) error {
		st := &State{}
		b, err := tx.Get(ctx, r.key).Bytes()
		switch {
		case errors.Is(err, redis.Nil):
		case err != nil:
			return err
		default:
			if st, err = decodeState(b); err != nil {
				return err
			}
		}
		es, err := fn(st)
		if err != nil {
			return err
		}
		out = st
		if len(es) == 0 {
			return nil
		}
		nb, err := json.Marshal(st)
		if err != nil {
			return err
		}
		entries := make([]any, len(es))
		for i, e := range es {
			if entries[i], err = json.Marshal(e); err != nil {
				return err
			}
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, r.key, nb, 0)
			p.LPush(ctx, r.auditKey, entries...)
			p.LTrim(ctx, r.auditKey, 0, maxAudit-1)
			return nil
		})
		wrote = err == nil
		return err
	}
	for attempt := range 50 {
		err := r.c.Watch(ctx, txf, r.key)
		if errors.Is(err, redis.TxFailedErr) {
			// Someone else changed it in between: back off a little, with
			// jitter so racing editors spread out, and try on the new state.
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(time.Duration(1+rand.IntN(2+attempt)) * time.Millisecond):
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		// Tell the other replicas. If this fails they still catch up on their next refresh.
		if wrote {
			_ = r.c.Publish(ctx, r.channel, "changed").Err()
		}
		return out, nil
	}
	return nil, errors.New("admin: too many concurrent changes; try again")
}

func (r *redisBackend) audit(ctx context.Context, limit int) ([]Entry, error) {
	raw, err := r.c.LRange(ctx, r.auditKey, 0, int64(limit)-1).Result()
	if err != nil {
		return nil, err
	}
	out := make([]Entry, 0, len(raw))
	for _, s := range raw {
		var e Entry
		if json.Unmarshal([]byte(s), &e) == nil {
			out = append(out, e)
		}
	}
	return out, nil
}

// watch listens on the channel; go-redis resubscribes after a reconnect.
func (r *redisBackend) watch(ctx context.Context, changed func()) {
	sub := r.c.Subscribe(ctx, r.channel)
	defer sub.Close()
	ch := sub.Channel()
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-ch:
			if !ok {
				return
			}
			changed()
		}
	}
}

// close leaves the client to its owner.
func (r *redisBackend) close() error { return nil }
