package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/llm"
)

// LLMConfig is the optional LLM fallback, read from SIGNPOST_LLM_*. It is off
// unless a model (or an endpoint or key) is set. docs/llm.md explains it.
type LLMConfig struct {
	BaseURL string `env:"BASE_URL"` // empty: OpenAI's API
	APIKey  string `env:"API_KEY"`
	// KeyFromFile holds the contents of the file named by
	// SIGNPOST_LLM_API_KEY_FILE (read by env, untrimmed).
	KeyFromFile     string        `env:"API_KEY_FILE,file"`
	Model           string        `env:"MODEL"`
	API             string        `env:"API" envDefault:"openai"` // openai (and compatible servers) or azure
	APIVersion      string        `env:"API_VERSION" envDefault:"2024-10-21"`
	Timeout         time.Duration `env:"TIMEOUT" envDefault:"3s"`
	MaxConcurrent   int           `env:"MAX_CONCURRENT" envDefault:"8"`
	BreakerFailures int           `env:"BREAKER_FAILURES" envDefault:"5"`
	BreakerCooldown time.Duration `env:"BREAKER_COOLDOWN" envDefault:"30s"`
	CacheTTL        time.Duration `env:"CACHE_TTL" envDefault:"24h"`
	CacheSize       int           `env:"CACHE_SIZE" envDefault:"10000"` // in-memory cache only
}

// String hides the key, should the configuration ever be printed.
func (c LLMConfig) String() string {
	return fmt.Sprintf("{BaseURL:%s Model:%s API:%s Timeout:%s key set:%v}", redactURL(c.BaseURL), c.Model, c.API, c.Timeout, c.key() != "")
}

// enabled reports whether any LLM setting is given.
func (c LLMConfig) enabled() bool {
	return c.Model != "" || c.BaseURL != "" || c.APIKey != "" || c.KeyFromFile != ""
}

// key is the API key, from the variable or the file, without the file's
// trailing newline.
func (c LLMConfig) key() string {
	if k := strings.TrimSpace(c.APIKey); k != "" {
		return k
	}
	return strings.TrimSpace(c.KeyFromFile)
}

func (c LLMConfig) validate() []string {
	if !c.enabled() {
		return nil
	}
	var p []string
	if c.Model == "" {
		p = append(p, "SIGNPOST_LLM_MODEL is needed when the LLM fallback is configured (the model, or the Azure deployment name)")
	}
	if c.APIKey != "" && c.KeyFromFile != "" {
		p = append(p, "set SIGNPOST_LLM_API_KEY or SIGNPOST_LLM_API_KEY_FILE, not both")
	}
	if c.KeyFromFile != "" && strings.TrimSpace(c.KeyFromFile) == "" {
		p = append(p, "SIGNPOST_LLM_API_KEY_FILE names an empty file")
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			p = append(p, fmt.Sprintf("SIGNPOST_LLM_BASE_URL must be an http(s) URL such as http://127.0.0.1:11434/v1, not %q", redactURL(c.BaseURL)))
		}
	}
	switch c.API {
	case "openai":
	case "azure":
		if c.BaseURL == "" {
			p = append(p, "SIGNPOST_LLM_BASE_URL must be the Azure OpenAI resource endpoint when SIGNPOST_LLM_API=azure")
		}
	default:
		p = append(p, fmt.Sprintf("SIGNPOST_LLM_API must be openai or azure, not %q", c.API))
	}
	if c.Timeout <= 0 || c.Timeout > 20*time.Second {
		p = append(p, "SIGNPOST_LLM_TIMEOUT must be positive and at most 20s (people are waiting), like 3s")
	}
	p = positive(p, "SIGNPOST_LLM_MAX_CONCURRENT", c.MaxConcurrent, "")
	p = positive(p, "SIGNPOST_LLM_BREAKER_FAILURES", c.BreakerFailures, "")
	p = positive(p, "SIGNPOST_LLM_BREAKER_COOLDOWN", c.BreakerCooldown, "30s")
	p = positive(p, "SIGNPOST_LLM_CACHE_TTL", c.CacheTTL, "24h")
	p = positive(p, "SIGNPOST_LLM_CACHE_SIZE", c.CacheSize, "")
	return p
}

// redactURL hides any password in a URL (and anything unparseable).
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparseable)"
	}
	return u.Redacted()
}

// setupLLM adds the optional LLM classifier. With no SIGNPOST_LLM_* settings
// Signpost runs on its rules alone, exactly as without this part.
func (a *app) setupLLM(ctx context.Context) ([]engine.Option, error) {
	c := a.cfg.LLM
	if !c.enabled() {
		a.log.Info("llm fallback off")
		return nil, nil
	}
	var cache llm.Cache
	cacheKind := "memory"
	if a.redis != nil {
		cache, cacheKind = llm.NewRedisCache(a.redis, a.cfg.RedisPrefix, c.CacheTTL, a.cfg.RedisTimeout), "redis"
	} else {
		cache = llm.NewMemoryCache(c.CacheSize, c.CacheTTL)
	}
	k, err := llm.New(llm.Config{
		BaseURL:         c.BaseURL,
		APIKey:          c.key(),
		Model:           c.Model,
		Azure:           c.API == "azure",
		APIVersion:      c.APIVersion,
		Timeout:         c.Timeout,
		MaxConcurrent:   c.MaxConcurrent,
		BreakerFailures: c.BreakerFailures,
		BreakerCooldown: c.BreakerCooldown,
	}, llm.WithCache(cache), llm.WithMetrics(llm.NewMetrics(a.metrics.Registry)), llm.WithLogger(a.log.With("part", "llm")))
	if err != nil {
		return nil, err
	}
	endpoint := redactURL(c.BaseURL)
	if c.BaseURL == "" {
		endpoint = "OpenAI"
	}
	a.log.Info("llm fallback on", "endpoint", endpoint, "api", c.API, "model", c.Model, "timeout", c.Timeout.String(),
		"max_concurrent", c.MaxConcurrent, "cache", cacheKind, "key_set", c.key() != "")
	return []engine.Option{engine.WithClassifier(k)}, nil
}
