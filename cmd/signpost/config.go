package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"

	"github.com/nhs-signpost/signpost/internal/store"
	"github.com/nhs-signpost/signpost/internal/web"
)

// Config is every setting, read once from SIGNPOST_* environment variables.
// README.md lists them with their defaults; keep the two in step.
type Config struct {
	HTTPAddr        string        `env:"HTTP_ADDR" envDefault:":8080"`
	MetricsAddr     string        `env:"METRICS_ADDR"` // empty: /metrics on the main listener
	PprofAddr       string        `env:"PPROF_ADDR"`   // empty: no profiling endpoints (see docs/performance.md)
	RedisURL        string        `env:"REDIS_URL"`    // empty: in-memory sessions
	RedisTimeout    time.Duration `env:"REDIS_TIMEOUT" envDefault:"250ms"`
	RedisPrefix     string        `env:"REDIS_PREFIX" envDefault:"signpost:"`
	SessionTTL      time.Duration `env:"SESSION_TTL" envDefault:"30m"`
	MemorySessions  int           `env:"MEMORY_SESSIONS_MAX" envDefault:"100000"`
	ContentDir      string        `env:"CONTENT_DIR"` // empty: the bundled content
	WidgetOrigins   []string      `env:"WIDGET_ORIGINS" envSeparator:","`
	LogLevel        string        `env:"LOG_LEVEL" envDefault:"info"`
	LogFormat       string        `env:"LOG_FORMAT" envDefault:"json"`
	ShutdownDelay   time.Duration `env:"SHUTDOWN_DELAY" envDefault:"5s"` // draining before the listener closes
	ShutdownTimeout time.Duration `env:"SHUTDOWN_TIMEOUT" envDefault:"15s"`

	// Abuse controls: generous, since many patients may share one address
	// (hospital Wi-Fi, a mobile network's NAT).
	RateClientPerMinute  float64       `env:"RATE_CLIENT_PER_MINUTE" envDefault:"6000"`
	RateClientBurst      int           `env:"RATE_CLIENT_BURST" envDefault:"1000"`
	RateSessionPerMinute float64       `env:"RATE_SESSION_PER_MINUTE" envDefault:"30"`
	RateSessionBurst     int           `env:"RATE_SESSION_BURST" envDefault:"20"`
	ClientIPHeader       string        `env:"CLIENT_IP_HEADER"` // set only behind a trusted reverse proxy
	TrustedHops          int           `env:"TRUSTED_HOPS" envDefault:"1"`
	LLM                  LLMConfig     `envPrefix:"LLM_"`                       // optional LLM fallback, see llm.go
	SecondOpinion        bool          `env:"SECOND_OPINION" envDefault:"true"` // trained classifier, see second.go
	Discord              DiscordConfig `envPrefix:"DISCORD_"`
	// Content hot reload, when CONTENT_DIR is set (admin.go).
	ContentReload     bool          `env:"CONTENT_RELOAD" envDefault:"true"`
	ContentReloadPoll time.Duration `env:"CONTENT_RELOAD_POLL" envDefault:"30s"`
	Admin             AdminConfig   `envPrefix:"ADMIN_"`
}

// clientIP is how the API and the admin area find a client's address.
func (c Config) clientIP() web.ClientIP {
	return web.ClientIP{Header: c.ClientIPHeader, Hops: c.TrustedHops}
}

// loadConfig parses the environment given as a map, reporting every bad
// variable at once.
func loadConfig(environ map[string]string) (Config, error) {
	var cfg Config
	err := env.ParseWithOptions(&cfg, env.Options{Prefix: "SIGNPOST_", Environment: environ})
	var problems []string
	if err != nil {
		var agg env.AggregateError
		if errors.As(err, &agg) {
			for _, e := range agg.Errors {
				problems = append(problems, e.Error())
			}
		} else {
			problems = append(problems, err.Error())
		}
	}
	problems = append(problems, cfg.validate()...)
	if len(problems) > 0 {
		return cfg, fmt.Errorf("bad configuration:\n  %s", strings.Join(problems, "\n  "))
	}
	return cfg, nil
}

func (c Config) validate() []string {
	var p []string
	p = positive(p, "SIGNPOST_SESSION_TTL", c.SessionTTL, "30m")
	if c.RedisURL != "" {
		if err := store.CheckRedisURL(c.RedisURL); err != nil {
			p = append(p, "SIGNPOST_REDIS_URL: "+err.Error())
		}
	}
	p = positive(p, "SIGNPOST_REDIS_TIMEOUT", c.RedisTimeout, "250ms")
	p = positive(p, "SIGNPOST_MEMORY_SESSIONS_MAX", c.MemorySessions, "")
	switch strings.ToLower(c.LogLevel) {
	case "debug", "info", "warn", "error":
	default:
		p = append(p, fmt.Sprintf("SIGNPOST_LOG_LEVEL must be debug, info, warn or error, not %q", c.LogLevel))
	}
	switch c.LogFormat {
	case "json", "text":
	default:
		p = append(p, fmt.Sprintf("SIGNPOST_LOG_FORMAT must be json or text, not %q", c.LogFormat))
	}
	if c.RateClientPerMinute < 0 || c.RateSessionPerMinute < 0 || c.RateClientBurst < 0 || c.RateSessionBurst < 0 {
		p = append(p, "SIGNPOST_RATE_* must not be negative (0 turns a limit off)")
	}
	if c.TrustedHops < 1 {
		p = append(p, "SIGNPOST_TRUSTED_HOPS must be at least 1 (the proxies in front of Signpost that append to SIGNPOST_CLIENT_IP_HEADER)")
	}
	if c.ContentReloadPoll < 0 {
		p = append(p, "SIGNPOST_CONTENT_RELOAD_POLL must not be negative (0 turns polling off)")
	}
	p = append(p, c.Admin.validate()...)
	p = positive(p, "SIGNPOST_SHUTDOWN_TIMEOUT", c.ShutdownTimeout, "")
	if c.ShutdownDelay < 0 {
		p = append(p, "SIGNPOST_SHUTDOWN_DELAY must not be negative (0 closes the listener at once)")
	}
	p = append(p, c.LLM.validate()...)
	return p
}

// positive is p with a problem added unless v is positive; like is an
// example for a duration ("30s"), "" for a count.
func positive[T int | time.Duration](p []string, name string, v T, like string) []string {
	switch {
	case v > 0:
		return p
	case like != "":
		return append(p, name+" must be positive, like "+like)
	}
	return append(p, name+" must be positive")
}

// secret returns a secret given either directly or as a file to read (a
// mounted Kubernetes secret), trimmed. name is the variable's name without
// _FILE, for error messages; setting both is an error.
func secret(value, file, name string) (string, error) {
	value = strings.TrimSpace(value)
	if file == "" {
		return value, nil
	}
	if value != "" {
		return "", fmt.Errorf("set %s or %s_FILE, not both", name, name)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("%s_FILE: %w", name, err)
	}
	if v := strings.TrimSpace(string(b)); v != "" {
		return v, nil
	}
	return "", fmt.Errorf("%s_FILE: %s is empty", name, file)
}
