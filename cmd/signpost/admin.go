package main

import (
	"context"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/nhs-signpost/signpost/internal/admin"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/reload"
)

// AdminConfig is the admin area's part of the configuration
// (SIGNPOST_ADMIN_*). The admin area is off unless a tokens file of named
// editors is given.
type AdminConfig struct {
	TokensFile string `env:"TOKENS_FILE"` // name:sha256hex(token) lines (a Kubernetes secret); re-read on change
	// The single shared token of earlier versions, read only to refuse it
	// by name: one token shared by a team cannot say who made a change, nor
	// be revoked for one person.
	Token         string        `env:"TOKEN"`
	TokenFile     string        `env:"TOKEN_FILE"`
	KeepUnmatched bool          `env:"KEEP_UNMATCHED"`
	UnmatchedMax  int           `env:"UNMATCHED_MAX" envDefault:"500"`
	UnmatchedTTL  time.Duration `env:"UNMATCHED_TTL" envDefault:"24h"`
	Refresh       time.Duration `env:"REFRESH" envDefault:"30s"` // re-read shared state from Redis in case a message was missed
}

func (c AdminConfig) validate() []string {
	var p []string
	for _, old := range []struct{ name, v string }{{"SIGNPOST_ADMIN_TOKEN", c.Token}, {"SIGNPOST_ADMIN_TOKEN_FILE", c.TokenFile}} {
		if old.v != "" {
			p = append(p, old.name+" (one shared admin token) is no longer accepted: it cannot say who made a change or be revoked for one person. "+
				"Give each editor their own token in SIGNPOST_ADMIN_TOKENS_FILE, one name:sha256hex(token) line each "+
				"(printf %s \"$TOKEN\" | sha256sum)")
		}
	}
	p = positive(p, "SIGNPOST_ADMIN_UNMATCHED_MAX", c.UnmatchedMax, "")
	p = positive(p, "SIGNPOST_ADMIN_UNMATCHED_TTL", c.UnmatchedTTL, "24h")
	p = positive(p, "SIGNPOST_ADMIN_REFRESH", c.Refresh, "30s")
	return p
}

// adminState is what setupAdminState builds for mountAdmin.
type adminState struct {
	editors *admin.Editors
	store   *admin.Store
	stats   *admin.Stats
}

// setupAdminState adds the live incident notice and reply overrides kept by
// the admin area, and the observer behind its statistics. Without a tokens
// file there is no admin area and the content's notice is used.
func (a *app) setupAdminState(ctx context.Context) ([]engine.Option, error) {
	if a.cfg.Admin.TokensFile == "" {
		a.log.Info("admin area off (set SIGNPOST_ADMIN_TOKENS_FILE to turn it on)")
		return nil, nil
	}
	editors, err := admin.OpenEditors(a.cfg.Admin.TokensFile, a.log)
	if err != nil {
		return nil, fmt.Errorf("SIGNPOST_ADMIN_TOKENS_FILE: %w", err)
	}
	opts := admin.Options{Refresh: a.cfg.Admin.Refresh, Timeout: a.cfg.RedisTimeout, Log: a.log}
	var st *admin.Store
	if a.redis != nil {
		st = admin.NewRedisStore(ctx, a.redis, a.cfg.RedisPrefix, opts)
		a.log.Info("admin state shared through redis")
	} else {
		st = admin.NewMemoryStore(opts)
		a.log.Info("admin state in memory (this replica only)")
	}
	a.closers = append(a.closers, func(context.Context) error { return st.Close() })
	stats := admin.NewStats(admin.StatsOptions{KeepUnmatched: a.cfg.Admin.KeepUnmatched,
		MaxUnmatched: a.cfg.Admin.UnmatchedMax, MaxAge: a.cfg.Admin.UnmatchedTTL})
	a.admin = &adminState{editors: editors, store: st, stats: stats}
	return []engine.Option{engine.WithNotices(st), engine.WithOverrides(st), engine.WithObserver(stats.Observe)}, nil
}

// mountAdmin starts content hot reload (when content comes from a
// directory) and mounts /admin when named editors are configured.
func (a *app) mountAdmin(ctx context.Context) error {
	var status func() any
	if a.cfg.ContentDir != "" && a.cfg.ContentReload {
		poll := a.cfg.ContentReloadPoll
		if poll == 0 {
			poll = -1 // off
		}
		w := &reload.Watcher{Dir: a.cfg.ContentDir, Target: a.eng, Poll: poll, Log: a.log,
			OnReload: func(old, set *content.Set) {
				a.metrics.ContentInfo.Reset()
				a.metrics.ContentInfo.WithLabelValues(set.Version).Set(1)
			},
			OnError: func(error) { a.metrics.ReloadErrors.Inc() },
		}
		wctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { w.Run(wctx); close(done) }()
		a.closers = append(a.closers, func(context.Context) error { cancel(); <-done; return nil })
		a.log.Info("content reload on", "dir", a.cfg.ContentDir, "poll", a.cfg.ContentReloadPoll.String())
		status = func() any { return w.Status() }
		refused := func() string { return w.Status().Error }
		a.web.SetContentStatus(refused)
		a.metrics.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "signpost_content_refused",
			Help: "1 while the content files are refused by the content gate and the last good version is served.",
		}, func() float64 {
			if refused() != "" {
				return 1
			}
			return 0
		}))
	}
	if a.admin == nil {
		return nil
	}
	a.admin.store.SetContent(a.eng.Content)
	h, err := admin.NewHandler(admin.Config{Editors: a.admin.editors, Engine: a.eng, Store: a.admin.store,
		Stats: a.admin.stats, Feedback: a.feedback, ReloadStatus: status, Log: a.log, ClientIP: a.cfg.clientIP()})
	if err != nil {
		return err
	}
	a.web.Handle("/admin", h)
	a.web.Handle("/admin/", h)
	a.log.Info("admin area on", "path", "/admin", "keep_unmatched", a.cfg.Admin.KeepUnmatched)
	return nil
}
