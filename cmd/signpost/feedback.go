package main

import (
	"context"
	"fmt"

	"github.com/nhs-signpost/signpost/internal/admin"
	"github.com/nhs-signpost/signpost/internal/feedback"
	"github.com/nhs-signpost/signpost/internal/store"
	"github.com/nhs-signpost/signpost/internal/web"
)

// feedbackCounts is kept by the API (POST /api/v1/feedback) and read by the
// admin page.
type feedbackCounts interface {
	web.FeedbackRecorder
	admin.FeedbackCounts
}

// mountFeedback keeps the widget's "Was this helpful?" answers: in Redis
// when SIGNPOST_REDIS_URL is set, so the admin page counts the whole fleet;
// otherwise in memory, for this replica.
func (a *app) mountFeedback(ctx context.Context) error {
	if a.cfg.RedisURL == "" {
		a.feedback = feedback.NewMemory()
	} else {
		rc, err := store.NewRedisClient(a.cfg.RedisURL, a.cfg.RedisTimeout)
		if err != nil {
			return fmt.Errorf("SIGNPOST_REDIS_URL: %w", err)
		}
		a.closers = append(a.closers, func(context.Context) error { return rc.Close() })
		a.feedback = feedback.NewRedis(rc, a.cfg.RedisPrefix)
	}
	a.web.SetFeedback(a.feedback)
	return nil
}
