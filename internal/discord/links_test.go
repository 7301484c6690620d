package discord

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/redistest"
	"github.com/nhs-signpost/signpost/internal/store"
)

// openLinks returns Redis links on rs under a prefix of the test's own.
func openLinks(t *testing.T, rs *redistest.Server, prefix string) *RedisLinks {
	t.Helper()
	c, err := store.NewRedisClient(rs.URL, 250*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return NewRedisLinks(c, prefix, time.Hour, 250*time.Millisecond)
}

func TestRedisLinksRememberAndExpire(t *testing.T) {
	rs := redistest.Start(t)
	prefix := "test:" + t.Name() + ":"
	l := openLinks(t, rs, prefix)
	ctx := context.Background()
	key := UserKey([]byte("salt"), "700000000000000001")

	if s, found, err := l.Get(ctx, key); err != nil || found || s != "" {
		t.Fatalf("unknown person: %q, %v, %v", s, found, err)
	}
	if err := l.Put(ctx, key, "sess-1"); err != nil {
		t.Fatal(err)
	}
	if s, found, err := l.Get(ctx, key); err != nil || !found || s != "sess-1" {
		t.Fatalf("after Put: %q, %v, %v", s, found, err)
	}
	// Known, with no conversation (after /restart).
	if err := l.Put(ctx, key, ""); err != nil {
		t.Fatal(err)
	}
	if s, found, err := l.Get(ctx, key); err != nil || !found || s != "" {
		t.Fatalf("after Put(\"\"): %q, %v, %v", s, found, err)
	}

	rc := rs.Client(t)
	k := prefix + "discord:link:" + key
	if ttl := rc.TTL(ctx, k).Val(); ttl <= 0 || ttl > time.Hour {
		t.Errorf("link TTL = %v, want up to 1h", ttl)
	}
	// Expiry is Redis's: a link whose TTL has run out is a new person.
	rc.PExpire(ctx, k, time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	if _, found, err := l.Get(ctx, key); err != nil || found {
		t.Fatalf("expired link still found (%v)", err)
	}
}

func TestRedisLinksDownIsAnError(t *testing.T) {
	rs := redistest.Start(t)
	l := openLinks(t, rs, "test:"+t.Name()+":")
	rs.Stop()
	ctx := context.Background()
	if _, _, err := l.Get(ctx, "k"); err == nil {
		t.Error("Get with Redis down: no error")
	}
	if err := l.Put(ctx, "k", "s"); err == nil {
		t.Error("Put with Redis down: no error")
	}
}

// startBotOn runs a bot on eng keeping its links in links, against the fake
// Discord f, and waits until it is connected.
func startBotOn(t *testing.T, f *fakeDiscord, eng *engine.Engine, links Links) *Bot {
	t.Helper()
	b := startBotWith(t, f, eng, func(c *Config) { c.Links = links })
	connected(t, f, b)
	return b
}

// Two Signpost replicas (two shards, or the old and the new bot in a rolling
// restart) sharing one Redis: a conversation begun with one continues with
// the other, and what Redis holds has a TTL and no Discord user id.
func TestTwoBotsShareConversationsThroughRedis(t *testing.T) {
	rs := redistest.Start(t)
	prefix := "test:" + t.Name() + ":"
	set := contenttest.Bundled(t)
	var fakes [2]*fakeDiscord
	for i := range fakes {
		c, err := store.NewRedisClient(rs.URL, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		sessions := store.NewRedis(c, store.RedisOptions{Prefix: prefix, TTL: time.Hour})
		fakes[i] = newFakeDiscord(t)
		startBotOn(t, fakes[i], engine.New(set, sessions), openLinks(t, rs, prefix))
	}

	user := "700000000000000042"
	fakes[0].push("MESSAGE_CREATE", dmEvent("600000000000000100", user, "I have a sore throat"))
	if first := decode(t, fakes[0].waitREST("POST", dmPath)); !strings.Contains(first.Content, "not a doctor") {
		t.Fatalf("first contact should say this is not a doctor; got %q", first.Content)
	}
	if q := decode(t, fakes[0].waitREST("POST", dmPath)); !strings.Contains(q.Content, "struggling to breathe or swallow") {
		t.Fatalf("want the triage question, got %q", q.Content)
	}

	// The answer reaches the other bot: it knows the person and the question.
	fakes[1].push("MESSAGE_CREATE", dmEvent("600000000000000101", user, "no"))
	ans := decode(t, fakes[1].waitREST("POST", dmPath))
	if strings.Contains(ans.Content, "not a doctor") {
		t.Errorf("the second bot greeted a person the first already had: %q", ans.Content)
	}
	if !strings.Contains(ans.Content, "pharmacist") {
		t.Fatalf("the second bot did not continue the conversation; got %q", ans.text())
	}

	ctx := context.Background()
	rc := rs.Client(t)
	keys, err := rc.Keys(ctx, prefix+"*").Result()
	if err != nil {
		t.Fatal(err)
	}
	var links int
	for _, k := range keys {
		if strings.HasPrefix(k, prefix+"discord:link:") {
			links++
		}
		if ttl := rc.TTL(ctx, k).Val(); ttl <= 0 {
			t.Errorf("%s has no TTL (%v)", k, ttl)
		}
		v := rc.Get(ctx, k).Val()
		if strings.Contains(k, user) || strings.Contains(v, user) {
			t.Errorf("the Discord user id is stored in Redis under %s", k)
		}
	}
	if links != 1 {
		t.Errorf("%d link keys in %v, want 1", links, keys)
	}
}

// With Redis down the bot still answers (in a fresh conversation).
func TestRedisLinksDownStillAnswers(t *testing.T) {
	rs := redistest.Start(t)
	l := openLinks(t, rs, "test:"+t.Name()+":")
	rs.Stop()
	set := contenttest.Bundled(t)
	f := newFakeDiscord(t)
	startBotOn(t, f, engine.New(set, store.NewMemory(100, 0)), l)
	f.push("MESSAGE_CREATE", dmEvent("600000000000000110", "700000000000000043", "her face is drooping on one side"))
	if got := decode(t, f.waitREST("POST", dmPath)); !strings.Contains(got.text(), "999") {
		t.Fatalf("with the link store down an emergency still gets 999, got %q", got.text())
	}
}

// In memory, a link is kept until the store is full, then the person heard
// from least recently is forgotten first.
func TestMemoryLinksForgetTheLeastRecentFirst(t *testing.T) {
	l, ctx := NewMemoryLinks(2, time.Hour), context.Background()
	for _, kv := range [][2]string{{"a", "s1"}, {"b", "s2"}, {"a", "s3"}, {"c", "s4"}} {
		if err := l.Put(ctx, kv[0], kv[1]); err != nil {
			t.Fatal(err)
		}
	}
	for key, want := range map[string]string{"a": "s3", "c": "s4"} {
		if s, found, _ := l.Get(ctx, key); !found || s != want {
			t.Errorf("%s: %q %v, want %q", key, s, found, want)
		}
	}
	if _, found, _ := l.Get(ctx, "b"); found {
		t.Error("b, heard from least recently, should have been forgotten")
	}
}
