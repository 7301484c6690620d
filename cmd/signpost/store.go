package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
	"github.com/nhs-signpost/signpost/internal/web"
)

// openStore returns the session store the configuration asks for.
func openStore(ctx context.Context, cfg Config, log *slog.Logger) (engine.Store, web.Pinger, func(context.Context) error, error) {
	if cfg.RedisURL == "" {
		log.Info("sessions in memory", "max", cfg.MemorySessions, "ttl", cfg.SessionTTL.String())
		return store.NewMemory(cfg.MemorySessions, cfg.SessionTTL), nil, func(context.Context) error { return nil }, nil
	}
	return nil, nil, nil, fmt.Errorf("SIGNPOST_REDIS_URL: the Redis store is not built yet")
}
