package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/redis/go-redis/v9"

	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
	"github.com/nhs-signpost/signpost/internal/web"
)

// openRedis opens the one Redis client every part shares (sessions, the
// admin state and its pub/sub, the LLM cache, the Discord links), from
// SIGNPOST_REDIS_URL and SIGNPOST_REDIS_TIMEOUT; nil when no URL is set. It
// is closed last, after every part that uses it.
func (a *app) openRedis() error {
	if a.cfg.RedisURL == "" {
		return nil
	}
	// go-redis logs connection trouble itself, as plain text on stderr
	// unless told otherwise; keep it in Signpost's log format.
	redis.SetLogger(redisLog{a.log})
	c, err := store.NewRedisClient(a.cfg.RedisURL, a.cfg.RedisTimeout)
	if err != nil {
		return fmt.Errorf("SIGNPOST_REDIS_URL: %w", err)
	}
	a.redis = c
	a.closers = append(a.closers, func(context.Context) error { return c.Close() })
	return nil
}

// openStore returns the session store the configuration asks for: Redis
// when SIGNPOST_REDIS_URL is set (with a Pinger for /readyz), otherwise
// memory. A Redis that is down at start-up does not stop the server: replies
// are answered without sessions until it is back.
func (a *app) openStore(ctx context.Context) (engine.Store, web.Pinger) {
	cfg := a.cfg
	if a.redis == nil {
		a.log.Info("sessions in memory", "max", cfg.MemorySessions, "ttl", cfg.SessionTTL.String())
		return store.NewMemory(cfg.MemorySessions, cfg.SessionTTL), nil
	}
	r := store.NewRedis(a.redis, store.RedisOptions{Prefix: cfg.RedisPrefix, TTL: cfg.SessionTTL, Timeout: cfg.RedisTimeout})
	if err := r.Ping(ctx); err != nil {
		a.log.Warn("Redis not answering; replies are given without sessions until it is", "err", err)
	} else {
		a.log.Info("sessions in Redis", "ttl", cfg.SessionTTL.String(), "timeout", cfg.RedisTimeout.String())
	}
	return r, r
}

// redisLog passes go-redis's own messages to the server's logger.
type redisLog struct{ log *slog.Logger }

func (l redisLog) Printf(ctx context.Context, format string, v ...any) {
	l.log.WarnContext(ctx, "redis client", "detail", fmt.Sprintf(format, v...))
}
