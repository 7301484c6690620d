package main

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/nhs-signpost/signpost/internal/discord"
	"github.com/nhs-signpost/signpost/internal/llm"
	"github.com/nhs-signpost/signpost/internal/redistest"
)

// fakeModel is a local OpenAI-compatible server that always picks intent.
func fakeModel(t *testing.T, intent string, calls *atomic.Int32) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		calls.Add(1)
		var req openai.ChatCompletionRequest
		json.NewDecoder(r.Body).Decode(&req)
		answer := `{"intent":"` + intent + `","emergency":false,"crisis":false}`
		json.NewEncoder(w).Encode(openai.ChatCompletionResponse{ID: "x", Object: "chat.completion", Model: req.Model,
			Choices: []openai.ChatCompletionChoice{{Message: openai.ChatCompletionMessage{Role: "assistant", Content: answer}, FinishReason: "stop"}}})
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/v1"
}

// Two servers sharing one Redis share the LLM cache too: a phrasing the
// model placed for one is not sent to it again by the other.
func TestLLMCacheSharedThroughRedis(t *testing.T) {
	rs := redistest.Start(t)
	var calls atomic.Int32
	env := map[string]string{
		"SIGNPOST_REDIS_URL":    rs.URL,
		"SIGNPOST_REDIS_PREFIX": "test:" + t.Name() + ":",
		"SIGNPOST_LLM_BASE_URL": fakeModel(t, "outage_appointments", &calls),
		"SIGNPOST_LLM_MODEL":    "m",
		// The LLM alone: the trained second opinion comes before it and
		// would place this message itself.
		"SIGNPOST_SECOND_OPINION": "false",
	}
	a, b := startSignpost(t, env), startSignpost(t, env)
	msg := "is the eye place still doing thursdays" // the bundled rules miss it
	for _, base := range []string{a, b} {
		r := say(t, base, map[string]string{"text": msg})
		if r.Intent == nil || *r.Intent != "outage_appointments" {
			t.Fatalf("%s: intent %v", base, *r.Intent)
		}
	}
	if calls.Load() != 1 {
		t.Errorf("model called %d times for one phrasing on two servers", calls.Load())
	}
	keys, err := rs.Client(t).Keys(context.Background(), env["SIGNPOST_REDIS_PREFIX"]+llm.RedisKeys+"*").Result()
	if err != nil || len(keys) == 0 {
		t.Fatalf("no LLM cache keys in Redis: %v %v", keys, err)
	}
}

// Every kind of Redis URL the session store takes is taken by the LLM cache
// and the Discord links too (clients connect lazily, so nothing is dialled
// here beyond a failing ping to a closed loopback port).
func TestEveryPartTakesTheStoresRedisURLs(t *testing.T) {
	for _, u := range []string{
		"redis://127.0.0.1:1/0",
		"redis-sentinel://127.0.0.1:1,127.0.0.1:2/mymaster",
		"redis-cluster://127.0.0.1:1,127.0.0.1:2",
	} {
		t.Run(strings.SplitN(u, ":", 2)[0], func(t *testing.T) {
			cfg, err := loadConfig(map[string]string{
				"SIGNPOST_HTTP_ADDR":     "127.0.0.1:0",
				"SIGNPOST_REDIS_URL":     u,
				"SIGNPOST_REDIS_TIMEOUT": "50ms",
				"SIGNPOST_LLM_BASE_URL":  "http://127.0.0.1:1/v1",
				"SIGNPOST_LLM_MODEL":     "m",
			})
			if err != nil {
				t.Fatal(err)
			}
			a, err := newApp(context.Background(), cfg, newLogger(cfg, io.Discard))
			if err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			defer a.closeAll(context.Background())
			links, kind, err := a.discordLinks()
			if err != nil || kind != "redis" || links == nil {
				t.Fatalf("discord links for %s: %v %q %v", u, links, kind, err)
			}
		})
	}
}

// With SIGNPOST_REDIS_URL set the Discord links live in Redis under the
// configured prefix, hashed, with a TTL.
func TestDiscordLinksInRedis(t *testing.T) {
	rs := redistest.Start(t)
	prefix := "test:" + t.Name() + ":"
	cfg, err := loadConfig(map[string]string{"SIGNPOST_REDIS_URL": rs.URL, "SIGNPOST_REDIS_PREFIX": prefix})
	if err != nil {
		t.Fatal(err)
	}
	a := &app{cfg: cfg, log: newLogger(cfg, io.Discard)}
	defer a.closeAll(context.Background())
	if err := a.openRedis(); err != nil {
		t.Fatal(err)
	}
	links, kind, err := a.discordLinks()
	if err != nil || kind != "redis" {
		t.Fatalf("%q %v", kind, err)
	}
	ctx := context.Background()
	key := discord.UserKey([]byte("salt"), "700000000000000001")
	if err := links.Put(ctx, key, "sess-1"); err != nil {
		t.Fatal(err)
	}
	rc := rs.Client(t)
	k := prefix + "discord:link:" + key
	if v := rc.Get(ctx, k).Val(); v != "sess-1" {
		t.Fatalf("%s = %q", k, v)
	}
	if ttl := rc.TTL(ctx, k).Val(); ttl <= 0 || ttl > discordLinkTTL {
		t.Errorf("ttl %v", ttl)
	}
	if s, ok, err := links.Get(ctx, key); err != nil || !ok || s != "sess-1" {
		t.Errorf("Get: %q %v %v", s, ok, err)
	}
}

// Signpost opens one Redis client, in openRedis, and hands it to every part
// that keeps data in Redis: no other code of the server makes a client or
// parses a Redis URL itself (a part that did would miss the Sentinel and
// Cluster schemes, the prefix or the timeout).
func TestOneRedisClient(t *testing.T) {
	makesClient := regexp.MustCompile(`redis\.(New(Universal|Failover|Cluster|Sentinel)?Client|Parse(Failover|Cluster)?URL)\(|store\.NewRedisClient\(`)
	opened := 0
	for _, root := range []string{"../../cmd", "../../internal"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			rel := filepath.ToSlash(strings.TrimPrefix(p, "../../"))
			if strings.HasPrefix(rel, "internal/redistest/") || rel == "internal/store/redisurl.go" {
				return nil // the test servers' own clients; the one parser
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, m := range makesClient.FindAll(b, -1) {
				if rel == "cmd/signpost/store.go" && string(m) == "store.NewRedisClient(" {
					opened++
					continue
				}
				t.Errorf("%s makes its own Redis client (%s); take the one from cmd/signpost's openRedis", rel, m)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if opened != 1 {
		t.Errorf("cmd/signpost/store.go opens %d Redis clients, want 1", opened)
	}
}
