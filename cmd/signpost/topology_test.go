package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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
		"SIGNPOST_ADMIN_REFRESH":     topologyRefresh.String(),
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

// topologyRefresh is SIGNPOST_ADMIN_REFRESH in these tests.
const topologyRefresh = 200 * time.Millisecond

// restoreIntervals is "within a few refresh intervals": how long after Redis
// lost the admin state the replicas may take to write it back.
const restoreIntervals = 15

// waitRestored checks what the replicas promise once Redis (read through
// rc) has lost the admin state at since: within restoreIntervals refresh
// intervals Redis holds version want again, with the published notice and
// override, and a restore entry naming that version; once every replica has
// refreshed again that entry is the only one (the replicas racing to write
// it agreed on one result); and every replica holds version want and serves
// the notice and the override.
func waitRestored(t *testing.T, rc redis.UniversalClient, prefix string, want int64, since time.Time, apps ...*app) {
	t.Helper()
	ctx := context.Background()
	limit := restoreIntervals * topologyRefresh
	for !heldAgain(ctx, rc, prefix, want) {
		if time.Since(since) > limit {
			st, _ := rc.Get(ctx, prefix+"{admin}:state").Result()
			audit, _ := rc.LRange(ctx, prefix+"{admin}:audit", 0, -1).Result()
			t.Fatalf("Redis does not hold version %d again %v after the loss: state %s, audit %q", want, limit, st, audit)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("the admin state was written back %v after the loss", time.Since(since).Round(time.Millisecond))
	time.Sleep(3 * topologyRefresh) // every replica refreshes again: a second restore would show
	audit, err := rc.LRange(ctx, prefix+"{admin}:audit", 0, -1).Result()
	if err != nil || len(audit) != 1 {
		t.Errorf("audit log after the restore: %q %v; want the one restore entry", audit, err)
	}
	for _, x := range apps {
		if v := x.admin.store.State().Version; v != want {
			t.Errorf("%s holds version %d, want %d", x.addr(), v, want)
		}
		if !showsNoticeAndOverride(t, "http://"+x.addr()) {
			t.Errorf("%s does not serve the published notice and override after the restore", x.addr())
		}
	}
}

// heldAgain says whether Redis holds the published admin state at version
// want, with a restore entry for it at the head of the audit log.
func heldAgain(ctx context.Context, rc redis.UniversalClient, prefix string, want int64) bool {
	b, err := rc.Get(ctx, prefix+"{admin}:state").Bytes()
	if err != nil {
		return false
	}
	var st admin.State
	if json.Unmarshal(b, &st) != nil || st.Version != want || st.UpdatedAt.IsZero() || st.Notice == nil || st.Notice.Text != publishedNotice {
		return false
	}
	o := st.Overrides["outage_parking"]
	if o == nil || o.Active == 0 || len(o.Versions) == 0 || o.Versions[len(o.Versions)-1].Text != publishedReply {
		return false
	}
	raw, err := rc.LRange(ctx, prefix+"{admin}:audit", 0, 0).Result()
	if err != nil || len(raw) != 1 {
		return false
	}
	var e admin.Entry
	return json.Unmarshal([]byte(raw[0]), &e) == nil && e.Action == admin.ActionRestore && e.Version == want &&
		strings.Contains(e.After, "restored after the store lost it")
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
	lost := time.Now()
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
	waitRestored(t, rc, prefix, version, lost, a, b)
}

// On a real three-node Cluster: every part shared, each trust's keys under
// its own prefix, and the admin state written back after the cluster lost
// every key.
func TestCluster(t *testing.T) {
	c := redistest.StartCluster(t)
	var calls atomic.Int32
	env := topologyEnv(t, c.URL, &calls)
	a, b := everyPartShares(t, env, &calls)
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
	waitRestored(t, cc, prefix, version, time.Now(), a, b)
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
	for _, x := range []*app{a, b} { // while Redis is down, from each replica's copy
		if !showsNoticeAndOverride(t, "http://"+x.addr()) {
			t.Errorf("%s lost the notice or the override while Redis was down", x.addr())
		}
	}
	if err := rs.Restart(); err != nil {
		t.Fatal(err)
	}
	waitRestored(t, rs.Client(t), env["SIGNPOST_REDIS_PREFIX"], version, time.Now(), a, b)
}
