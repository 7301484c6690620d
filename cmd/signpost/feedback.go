package main

import (
	"context"

	"github.com/nhs-signpost/signpost/internal/admin"
	"github.com/nhs-signpost/signpost/internal/feedback"
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
func (a *app) mountFeedback(context.Context) error {
	if a.redis == nil {
		a.feedback = feedback.NewMemory()
	} else {
		a.feedback = feedback.NewRedis(a.redis, a.cfg.RedisPrefix)
	}
	a.web.SetFeedback(a.feedback)
	return nil
}
