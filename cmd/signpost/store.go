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

// openStore returns the session store the configuration asks for: Redis
// when SIGNPOST_REDIS_URL is set (with a Pinger for /readyz), otherwise
// memory. A Redis that is down at start-up does not stop the server: replies
// are answered without sessions until it is back.
func openStore(ctx context.Context, cfg Config, log *slog.Logger) (engine.Store, web.Pinger, func(context.Context) error, error) {
	if cfg.RedisURL == "" {
		log.Info("sessions in memory", "max", cfg.MemorySessions, "ttl", cfg.SessionTTL.String())
		return store.NewMemory(cfg.MemorySessions, cfg.SessionTTL), nil, func(context.Context) error { return nil }, nil
	}
	// go-redis logs connection trouble itself, as plain text on stderr
	// unless told otherwise; keep it in Signpost's log format.
	redis.SetLogger(redisLog{log})
	r, err := store.NewRedis(store.RedisOptions{URL: cfg.RedisURL, Prefix: cfg.RedisPrefix, TTL: cfg.SessionTTL, Timeout: cfg.RedisTimeout})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("SIGNPOST_REDIS_URL: %w", err)
	}
	if err := r.Ping(ctx); err != nil {
		log.Warn("Redis not answering; replies are given without sessions until it is", "err", err)
	} else {
		log.Info("sessions in Redis", "ttl", cfg.SessionTTL.String(), "timeout", cfg.RedisTimeout.String())
	}
	return r, r, func(context.Context) error { return r.Close() }, nil
}

// redisLog passes go-redis's own messages to the server's logger.
type redisLog struct{ log *slog.Logger }

func (l redisLog) Printf(ctx context.Context, format string, v ...any) {
	l.log.WarnContext(ctx, "redis client", "detail", fmt.Sprintf(format, v...))
}
