package main

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/nhs-signpost/signpost/internal/admin"
	"github.com/nhs-signpost/signpost/internal/apitest"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/redistest"
)

// topologyEnv turns on every part that keeps data in Redis: sessions, the
// admin area (refreshing often), and the LLM fallback with its cache.
func topologyEnv(t *testing.T, url string, calls *atomic.Int32) map[string]string {
	return map[string]string{
		"SIGNPOST_REDIS_URL":         url,
		"SIGNPOST_REDIS_PREFIX":      "trust-a:",
		"SIGNPOST_ADMIN_TOKENS_FILE": editorsFile(t, "Alex Comms", "a-long-enough-admin-token-for-tests"),
		"SIGNPOST_ADMIN_REFRESH":     "200ms",
		"SIGNPOST_LLM_BASE_URL":      fakeModel(t, "outage_lost_property", calls),
		"SIGNPOST_LLM_MODEL":         "m",
		// The LLM is asked only when the trained second opinion says
		// nothing; these tests are about the LLM's shared cache, so the
		// second opinion is off and the nonsense question always reaches it.
		"SIGNPOST_SECOND_OPINION": "false",
	}
}

const (
	llmOnlyQuestion = "wibble florp grommet zanzibar"
	apptQuestion    = "is my appointment still going ahead"
	// What the comms team publishes in these tests.
	publishedNotice = "The Arrowe Park main entrance is closed; use the west entrance."
	publishedReply  = "Parking is free in car park 1 while the IT problems last."
)

// everyPartShares runs two replicas on one Redis topology and checks that
// each part that keeps data there is shared: a conversation moves between
// them, the LLM is asked once for one phrasing, and what the comms team
// publishes on one shows on the other.
func everyPartShares(t *testing.T, env map[string]string, calls *atomic.Int32) (a, b *app) {
	t.Helper()
	a, b = runApp(t, env), runApp(t, env)
	base := func(x *app) string { return "http://" + x.addr() }
	for _, x := range []*app{a, b} {
		if code, body := ready(t, base(x)); code != http.StatusOK || body["store"] != "ok" {
			t.Fatalf("/readyz = %d %v", code, body)
		}
	}
	first := askSoreThroat(t, base(a))
	if r := say(t, base(b), map[string]string{"session_id": first.SessionID, "payload": content.PayloadNo}); r.Disposition == nil || *r.Disposition != "pharmacy" || r.Degraded {
		t.Fatalf("conversation across replicas: %v degraded=%v", r.Disposition, r.Degraded)
	}
	for _, x := range []*app{a, b} {
		if r := say(t, base(x), map[string]string{"text": llmOnlyQuestion}); r.Intent == nil || *r.Intent != "outage_lost_property" {
			t.Fatalf("LLM fallback: intent %v", r.Intent)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("the model was asked %d times for one phrasing on two replicas; the cache is not shared", n)
	}
	if err := a.admin.store.SetNotice(context.Background(), "Alex Comms", admin.Notice{Text: publishedNotice, Severity: "critical"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.admin.store.Publish(context.Background(), "Alex Comms", "outage_parking", publishedReply, "content reply"); err != nil {
		t.Fatal(err)
	}
	for _, x := range []*app{a, b} {
		apitest.Eventually(t, "the notice and override on both replicas", func() bool {
			return showsNoticeAndOverride(t, base(x))
		})
	}
	return a, b
}

// showsNoticeAndOverride says whether the server at base shows the
// published notice and override.
func showsNoticeAndOverride(t *testing.T, base string) bool {
	t.Helper()
	n := say(t, base, map[string]string{"text": apptQuestion})
	o := say(t, base, map[string]string{"text": "where can I park at the hospital"})
	return strings.Contains(allText(n), publishedNotice) && strings.Contains(allText(o), publishedReply)
}

func allText(r apitest.Reply) string {
	var b strings.Builder
	for _, m := range r.Messages {
		b.WriteString(m.Text + "\n")
	}
	return b.String()
}

// waitRestored waits until Redis (through rc) holds the admin state at
// version want again, with a restore entry in the audit log.
func waitRestored(t *testing.T, rc redis.UniversalClient, prefix string, want int64) {
	t.Helper()
	ctx := context.Background()
	apitest.Eventually(t, "the replicas to write the lost admin state back", func() bool {
		raw, err := rc.LRange(ctx, prefix+"{admin}:audit", 0, 0).Result()
		return err == nil && len(raw) == 1 && strings.Contains(raw[0], admin.ActionRestore) &&
			strings.Contains(raw[0], "restored after the store lost it") && strings.Contains(raw[0], `"version":`+strconv.FormatInt(want, 10))
	})
}

// On a real Sentinel set: every part shared; the master dies in the middle
// of a conversation and, once the sentinel has promoted the replica, the
// conversation goes on where it was; a failover that lost the admin state
// is repaired by the replicas.
func TestSentinelFailover(t *testing.T) {
	s := redistest.StartSentinel(t)
	var calls atomic.Int32
	env := topologyEnv(t, s.URL, &calls)
	a, b := everyPartShares(t, env, &calls)
	prefix := env["SIGNPOST_REDIS_PREFIX"]
	version := a.admin.store.State().Version

	// The new master will lack the admin state, as after a failover that
	// lost the last writes.
	s.Diverge(t, func(rc *redis.Client) {
		rc.Del(context.Background(), prefix+"{admin}:state", prefix+"{admin}:audit")
	})
	open := askSoreThroat(t, "http://"+a.addr())
	s.Failover(t)
	for _, x := range []*app{a, b} {
		apitest.Eventually(t, "the replicas to reach the new master", func() bool {
			_, body := ready(t, "http://"+x.addr())
			return body["store"] == "ok"
		})
	}
	r := say(t, "http://"+b.addr(), map[string]string{"session_id": open.SessionID, "payload": content.PayloadNo})
	if r.Disposition == nil || *r.Disposition != "pharmacy" || r.Degraded || r.SessionID != open.SessionID {
		t.Fatalf("after the failover the conversation did not go on: disposition %v degraded=%v session %s→%s",
			r.Disposition, r.Degraded, open.SessionID, r.SessionID)
	}
	rc := redis.NewClient(&redis.Options{Addr: s.Replica.Addr})
	defer rc.Close()
	waitRestored(t, rc, prefix, version)
}

// On a real three-node Cluster: every part shared, each trust's keys under
// its own prefix, and the admin state written back after the cluster lost
// every key.
func TestCluster(t *testing.T) {
	c := redistest.StartCluster(t)
	var calls atomic.Int32
	env := topologyEnv(t, c.URL, &calls)
	a, _ := everyPartShares(t, env, &calls)
	prefix := env["SIGNPOST_REDIS_PREFIX"]
	version := a.admin.store.State().Version

	cc := c.Client(t)
	ctx := context.Background()
	var mu sync.Mutex // ForEachMaster calls each node at once
	var keys []string
	err := cc.ForEachMaster(ctx, func(ctx context.Context, n *redis.Client) error {
		k, err := n.Keys(ctx, "*").Result()
		mu.Lock()
		defer mu.Unlock()
		keys = append(keys, k...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if !strings.HasPrefix(k, prefix) {
			t.Errorf("key %q is outside SIGNPOST_REDIS_PREFIX %q", k, prefix)
		}
	}
	if err := cc.ForEachMaster(ctx, func(ctx context.Context, n *redis.Client) error { return n.FlushAll(ctx).Err() }); err != nil {
		t.Fatal(err)
	}
	waitRestored(t, cc, prefix, version)
}

// The issue's own case, on whole servers: two replicas share a Redis with
// no persistence; the comms team publishes a notice and an override; Redis
// is killed and comes back empty. Within a few refresh intervals both
// replicas still serve them and Redis holds them again, with a restore
// entry in the audit log.
func TestAdminStateSurvivesAnEmptyRedisRestart(t *testing.T) {
	rs, err := redistest.StartServer() // private: this test kills it
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rs.Stop)
	var calls atomic.Int32
	env := topologyEnv(t, rs.URL, &calls)
	a, b := everyPartShares(t, env, &calls)
	version := a.admin.store.State().Version
	rs.Stop()
	if err := rs.Restart(); err != nil {
		t.Fatal(err)
	}
	waitRestored(t, rs.Client(t), env["SIGNPOST_REDIS_PREFIX"], version)
	for _, x := range []*app{a, b} {
		if !showsNoticeAndOverride(t, "http://"+x.addr()) {
			t.Errorf("%s lost the notice or the override after Redis came back empty", x.addr())
		}
	}
}
