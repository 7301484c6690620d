package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/metrics"
	"github.com/nhs-signpost/signpost/internal/web"
)

// app is a running Signpost server: built by newApp, listening after open,
// serving until its context ends, then shut down gracefully.
type app struct {
	cfg       Config
	log       *slog.Logger
	eng       *engine.Engine
	web       *web.Server
	ln        *drainListener
	conns     *connTracker
	srv       *http.Server
	metricLn  net.Listener
	metricSrv *http.Server
	pprofLn   net.Listener
	pprofSrv  *http.Server
	metrics   *metrics.Metrics
	closers   []func(context.Context) error
	admin     *adminState           // admin.go
	redis     redis.UniversalClient // nil without SIGNPOST_REDIS_URL; shared by every part
	feedback  feedbackCounts        // feedback.go
}

func (a *app) closeAll(ctx context.Context) {
	for i := len(a.closers) - 1; i >= 0; i-- {
		if e := a.closers[i](ctx); e != nil {
			a.log.Warn("close", "err", e)
		}
	}
	a.closers = nil
}

func newLogger(cfg Config, w io.Writer) *slog.Logger {
	var lvl slog.Level
	_ = lvl.UnmarshalText([]byte(strings.ToUpper(cfg.LogLevel)))
	opts := &slog.HandlerOptions{Level: lvl}
	if cfg.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

// newApp wires the parts together. Nothing listens yet.
func newApp(ctx context.Context, cfg Config, log *slog.Logger) (*app, error) {
	a := &app{cfg: cfg, log: log}
	set, name, err := serveContent(ctx, cfg.ContentDir)
	if err != nil {
		return nil, fmt.Errorf("refusing to serve %s:\n%w", name, err)
	}
	log.Info("content loaded", "from", name, "version", set.Version, "intents", len(set.Intents), "red_flags", len(set.RedFlags))

	if err := a.openRedis(); err != nil {
		return nil, err
	}
	st, pinger := a.openStore(ctx)

	a.metrics = metrics.New(log)
	a.metrics.ContentInfo.WithLabelValues(set.Version).Set(1)
	a.metrics.BuildInfo.WithLabelValues(buildVersion(), goVersion()).Set(1)
	opts := []engine.Option{engine.WithLogger(log), engine.WithObserver(a.metrics.Observer())}
	// Each optional part lives in its own file of this package.
	for _, setup := range []func(context.Context) ([]engine.Option, error){a.setupLLM, a.setupSecondOpinion, a.setupAdminState} {
		o, err := setup(ctx)
		if err != nil {
			a.closeAll(context.Background())
			return nil, err
		}
		opts = append(opts, o...)
	}
	a.eng = engine.New(set, st, opts...)
	a.web = web.New(a.eng, pinger, web.Config{
		AllowedOrigins: cfg.WidgetOrigins,
		PublicMetrics:  cfg.MetricsAddr == "",
		Version:        buildVersion(),
		Limits: web.Limits{
			ClientPerMinute: cfg.RateClientPerMinute, ClientBurst: cfg.RateClientBurst,
			SessionPerMinute: cfg.RateSessionPerMinute, SessionBurst: cfg.RateSessionBurst,
			ClientIP: cfg.clientIP(),
		},
	}, a.metrics, log)
	for _, mount := range []func(context.Context) error{a.mountWidget, a.mountFeedback, a.mountAdmin, a.startDiscord} {
		if err := mount(ctx); err != nil {
			a.closeAll(context.Background())
			return nil, err
		}
	}
	return a, nil
}

// open binds the listeners, so that ":0" works in tests and a busy port
// fails at once.
func (a *app) open() error {
	ln, err := net.Listen("tcp", a.cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", a.cfg.HTTPAddr, err)
	}
	a.ln = newDrainListener(ln.(*net.TCPListener))
	a.conns = newConnTracker()
	a.srv = &http.Server{Handler: a.web, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 16 << 10,
		ErrorLog: slog.NewLogLogger(a.log.Handler(), slog.LevelWarn), ConnState: a.conns.track}
	if a.cfg.MetricsAddr != "" {
		mln, err := net.Listen("tcp", a.cfg.MetricsAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("listen on %s: %w", a.cfg.MetricsAddr, err)
		}
		a.metricLn = mln
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", a.web.MetricsHandler())
		a.metricSrv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	}
	if a.cfg.PprofAddr != "" {
		pln, err := net.Listen("tcp", a.cfg.PprofAddr)
		if err != nil {
			ln.Close()
			if a.metricLn != nil {
				a.metricLn.Close()
			}
			return fmt.Errorf("listen on %s: %w", a.cfg.PprofAddr, err)
		}
		a.pprofLn = pln
		// Its own mux and listener: the profiles never reach the public API.
		mux := http.NewServeMux()
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
		a.pprofSrv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
		a.log.Warn("profiling endpoints on", "addr", pln.Addr().String())
	}
	return nil
}

// addr is the address the API listens on.
func (a *app) addr() string { return a.ln.Addr().String() }

// run serves until ctx ends, then drains: /readyz fails at once and every
// reply closes its connection, for SIGNPOST_SHUTDOWN_DELAY while the load
// balancer stops sending; then the listener closes at a quiet moment (see
// drainListener) and the replies in flight get up to
// SIGNPOST_SHUTDOWN_TIMEOUT to finish.
func (a *app) run(ctx context.Context) error {
	errc := make(chan error, 3)
	go func() { errc <- a.srv.Serve(a.ln) }()
	if a.metricSrv != nil {
		go func() { errc <- a.metricSrv.Serve(a.metricLn) }()
	}
	if a.pprofSrv != nil {
		go func() { errc <- a.pprofSrv.Serve(a.pprofLn) }()
	}
	a.log.Info("signpost serving", "addr", a.addr(), "version", buildVersion())
	var err error
	select {
	case <-ctx.Done():
		a.web.Drain()
		a.log.Info("draining: not ready, closing each connection after its reply", "delay", a.cfg.ShutdownDelay.String())
		select {
		case <-time.After(a.cfg.ShutdownDelay):
		case err = <-errc:
		}
	case err = <-errc:
	}
	a.log.Info("shutting down", "timeout", a.cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), a.cfg.ShutdownTimeout)
	defer cancel()
	if err == nil {
		a.ln.closeQuietly(a.cfg.ShutdownTimeout / 2)
		if e := <-errc; !errors.Is(e, net.ErrClosed) && !errors.Is(e, http.ErrServerClosed) {
			err = e
		}
		// Shutdown drops a request that arrives after it is called, so
		// first let every accepted connection be answered.
		a.conns.waitQuiet(sctx)
	}
	if e := a.srv.Shutdown(sctx); e != nil && err == nil {
		err = e
	}
	if a.metricSrv != nil {
		_ = a.metricSrv.Shutdown(sctx)
	}
	if a.pprofSrv != nil {
		_ = a.pprofSrv.Shutdown(sctx)
	}
	a.closeAll(sctx)
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

func serve(ctx context.Context, cfg Config, stdout, stderr io.Writer) error {
	log := newLogger(cfg, stderr)
	a, err := newApp(ctx, cfg, log)
	if err != nil {
		return err
	}
	if err := a.open(); err != nil {
		return err
	}
	return a.run(ctx)
}
