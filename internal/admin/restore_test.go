package admin

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/apitest"
	"github.com/nhs-signpost/signpost/internal/redistest"
)

// publishBoth publishes a notice and a reply override on s and returns
// their texts.
func publishBoth(t *testing.T, s *server) (notice, reply string) {
	t.Helper()
	notice = "The Arrowe Park main entrance is closed; use the west entrance on Arrowe Park Road."
	if r := s.as(t, "PUT", "/admin/api/notice", map[string]any{"text": notice, "severity": "critical"}); r.status != 200 {
		t.Fatalf("set notice: %d %s", r.status, r.raw)
	}
	reply = "Pharmacies across Wirral are Parking is free in car park 1 during the IT problems."
	if r := s.as(t, "PUT", "/admin/api/overrides/appointment_cancelled", map[string]string{"text": reply}); r.status != 200 {
		t.Fatalf("override: %d %s", r.status, r.raw)
	}
	return notice, reply
}

// storedState reads the admin state as Redis holds it.
func storedState(t *testing.T, rs *redistest.Server, prefix string) *State {
	t.Helper()
	b, err := rs.Client(t).Get(context.Background(), prefix+"{admin}:state").Bytes()
	if err != nil {
		return &State{}
	}
	st, err := decodeState(b)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// Redis restarts empty (as with no persistence): both replicas write back
// what the comms team published, once between them, and say so in the audit
// log; patients never stop seeing the notice and the override.
func TestStateLostByRedisIsRestoredByTheReplicas(t *testing.T) {
	rs, err := redistest.StartServer() // private: this test restarts it
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rs.Stop)
	const prefix = "test:restore:"
	refresh := 100 * time.Millisecond
	a := newServer(t, openRedisStore(t, rs.URL, prefix, Options{Refresh: refresh}), false)
	b := newServer(t, openRedisStore(t, rs.URL, prefix, Options{Refresh: refresh}), false)
	notice, reply := publishBoth(t, a)
	apitest.Eventually(t, "replica B to see the override", func() bool { return strings.Contains(say(t, b.eng, apptQ), reply) })
	want := a.store.State().Version
	if want != 2 || b.store.State().Version != 2 {
		t.Fatalf("versions after two changes: A %d, B %d; want 2", want, b.store.State().Version)
	}
	// The state carries a timestamp with its version, and B keeps both.
	wantAt := a.store.State().UpdatedAt
	if wantAt.IsZero() || !b.store.State().UpdatedAt.Equal(wantAt) || !storedState(t, rs, prefix).UpdatedAt.Equal(wantAt) {
		t.Fatalf("updated_at: A %v, B %v, Redis %v", wantAt, b.store.State().UpdatedAt, storedState(t, rs, prefix).UpdatedAt)
	}

	rs.Stop()
	if err := rs.Restart(); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*server{a, b} {
		if got := say(t, s.eng, apptQ); !strings.Contains(got, notice) {
			t.Errorf("the notice went while Redis was empty: %q", got)
		}
	}
	deadline := time.Now().Add(10 * refresh)
	for storedState(t, rs, prefix).Version != want {
		if time.Now().After(deadline) {
			t.Fatalf("Redis does not hold version %d again after %v", want, 10*refresh)
		}
		time.Sleep(10 * time.Millisecond)
	}
	st := storedState(t, rs, prefix)
	if st.Notice == nil || st.Notice.Text != notice {
		t.Errorf("restored notice: %+v", st.Notice)
	}
	if text, _ := st.Overrides["appointment_cancelled"].active(); text != reply {
		t.Errorf("restored override: %q", text)
	}
	if o := st.Overrides["appointment_cancelled"]; len(o.Versions) != 1 || o.Versions[0].N != 1 || o.Versions[0].At.IsZero() || o.Versions[0].By != "Alex Comms" {
		t.Errorf("restored override history: %+v", o.Versions)
	}
	if !st.UpdatedAt.Equal(wantAt) {
		t.Errorf("restored updated_at %v, want %v as published", st.UpdatedAt, wantAt)
	}
	time.Sleep(3 * refresh) // let the other replica try too
	entries, err := a.store.Audit(context.Background(), 10)
	if err != nil || len(entries) != 1 {
		t.Fatalf("audit after the loss: %+v %v; want one restore entry", entries, err)
	}
	if e := entries[0]; e.Action != ActionRestore || e.Version != want || !strings.Contains(e.After, "restored after the store lost it") {
		t.Errorf("restore entry: %+v", e)
	}
	for name, s := range map[string]*server{"A": a, "B": b} {
		if got := say(t, s.eng, apptQ); !strings.Contains(got, notice) {
			t.Errorf("%s: notice after the restore: %q", name, got)
		}
		if got := say(t, s.eng, apptQ); !strings.Contains(got, reply) {
			t.Errorf("%s: override after the restore: %q", name, got)
		}
		if v := s.store.State().Version; v != want {
			t.Errorf("%s holds version %d, want %d", name, v, want)
		}
	}

	// A change after the restore carries on from it.
	if r := b.as(t, "DELETE", "/admin/api/notice", nil); r.status != 200 {
		t.Fatal(r.raw)
	}
	if st := storedState(t, rs, prefix); st.Version != want+1 || st.Overrides["appointment_cancelled"] == nil {
		t.Errorf("after a change: version %d, overrides %v", st.Version, st.Overrides)
	}
}

// Two replicas with different copies race to restore: both end with the
// newest, written once.
func TestRacingRestoresAgree(t *testing.T) {
	rs := redistest.Start(t)
	prefix := "test:" + t.Name() + ":"
	ctx := context.Background()
	var stores []*Store
	for range 4 {
		stores = append(stores, openRedisStore(t, rs.URL, prefix, Options{Refresh: time.Hour}))
	}
	_ = stores[0].SetNotice(ctx, "Sam", Notice{Text: "Version one", Severity: "info"})
	for _, s := range stores {
		s.Refresh(ctx)
	}
	_ = stores[0].SetNotice(ctx, "Sam", Notice{Text: "Version two", Severity: "info"})
	stores[1].Refresh(ctx) // 0 and 1 hold version 2; 2 and 3 version 1
	rc := rs.Client(t)
	rc.Del(ctx, prefix+"{admin}:state", prefix+"{admin}:audit")

	var wg sync.WaitGroup
	for _, s := range stores {
		wg.Go(func() { s.Refresh(ctx) })
	}
	wg.Wait()
	for _, s := range stores {
		s.Refresh(ctx)
	}
	for i, s := range stores {
		if st := s.State(); st.Version != 2 || st.Notice.Text != "Version two" {
			t.Errorf("replica %d: version %d %q", i, st.Version, st.Notice.Text)
		}
	}
	// Two replicas held version 2: it was written once. A replica holding
	// version 1 may have written that first; version 2 then replaced it.
	entries, _ := stores[3].Audit(ctx, 10)
	per := map[int64]int{}
	for _, e := range entries {
		if e.Action != ActionRestore {
			t.Errorf("unexpected audit entry %+v", e)
		}
		per[e.Version]++
	}
	if per[2] != 1 || per[1] > 1 || entries[0].Version != 2 {
		t.Errorf("audit: %+v; want version 2 restored once, last", entries)
	}
}

// An edit made before any refresh has noticed the loss writes the
// replica's copy back first: the override published before the loss stays,
// and the audit log has the restore, then the edit.
func TestEditAfterTheStoreLostItKeepsWhatWasPublished(t *testing.T) {
	rs := redistest.Start(t)
	prefix := "test:" + t.Name() + ":"
	s := newServer(t, openRedisStore(t, rs.URL, prefix, Options{Refresh: time.Hour}), false)
	_, reply := publishBoth(t, s)
	ctx := context.Background()
	rs.Client(t).Del(ctx, prefix+"{admin}:state", prefix+"{admin}:audit")
	if r := s.as(t, "DELETE", "/admin/api/notice", nil); r.status != 200 {
		t.Fatal(r.raw)
	}
	st := storedState(t, rs, prefix)
	if text, _ := st.Overrides["appointment_cancelled"].active(); st.Version != 3 || st.Notice != nil || text != reply {
		t.Errorf("after an edit on a store that lost the state: version %d, notice %+v, override %q", st.Version, st.Notice, text)
	}
	entries, err := s.store.Audit(ctx, 10)
	if err != nil || len(entries) != 2 || entries[1].Action != ActionRestore || entries[1].Version != 2 ||
		entries[0].Action != "notice.clear" || entries[0].Version != 3 {
		t.Errorf("audit: %+v %v; want the restore of version 2, then the clear as version 3", entries, err)
	}
}

// A replica starting on an empty store with no copy serves the content's
// notice and the admin page says the store holds none.
func TestEmptyStoreSaysSo(t *testing.T) {
	rs := redistest.Start(t)
	s := newServer(t, openRedisStore(t, rs.URL, "test:"+t.Name()+":", Options{}), false)
	if got := say(t, s.eng, apptQ); !strings.Contains(got, "major IT problem") {
		t.Errorf("empty store: want the content file's notice, got %q", got)
	}
	st := s.as(t, "GET", "/admin/api/status", nil)
	if !strings.Contains(st.raw, "No published notice found in the store") {
		t.Errorf("status does not say the store is empty: %s", st.raw)
	}
	publishBoth(t, s)
	if st := s.as(t, "GET", "/admin/api/status", nil); strings.Contains(st.raw, "No published notice found") {
		t.Errorf("still says empty after a publish: %s", st.raw)
	}
}

// Every change is one INFO log line with who, what, which intent, the
// version and the text before and after: the trail of record. Restores are
// changes too, whether a refresh or an edit finds the store lost the state,
// so the log holds exactly what the audit list holds, line for entry.
func TestEveryChangeIsOneStructuredLogLine(t *testing.T) {
	var buf bytes.Buffer
	var mu sync.Mutex
	log := slog.New(slog.NewJSONHandler(lockedWriter{&mu, &buf}, nil))
	s := newServer(t, NewMemoryStore(Options{Log: log}), false)
	ctx := context.Background()
	_, reply := publishBoth(t, s)
	if r := s.as(t, "DELETE", "/admin/api/overrides/appointment_cancelled", nil); r.status != 200 {
		t.Fatal(r.raw)
	}
	if r := s.as(t, "POST", "/admin/api/overrides/appointment_cancelled/rollback", map[string]int{"version": 1}); r.status != 200 {
		t.Fatal(r.raw)
	}
	mem := s.store.b.(*memory)
	lose := func() { mem.mu.Lock(); mem.st = &State{}; mem.mu.Unlock() } // the audit list stays, to compare
	lose()
	s.store.Refresh(ctx) // restored by a refresh
	lose()
	if r := s.as(t, "DELETE", "/admin/api/notice", nil); r.status != 200 { // restored by an edit
		t.Fatal(r.raw)
	}

	entries, err := s.store.Audit(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	var lines []map[string]any
	warns := 0
	for l := range strings.SplitSeq(strings.TrimSpace(buf.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		switch m["msg"] {
		case "admin change":
			lines = append(lines, m)
		case "admin state restored after the store lost it":
			warns++
		}
	}
	// notice.set, override.publish, override.clear, override.rollback,
	// state.restore, state.restore, notice.clear
	if len(entries) != 7 || len(lines) != len(entries) {
		t.Fatalf("%d audit entries and %d change lines, want 7 of each:\n%s", len(entries), len(lines), buf.String())
	}
	if warns != 2 {
		t.Errorf("%d WARN lines for two restores", warns)
	}
	for i, l := range lines {
		e := entries[len(entries)-1-i] // the audit list is newest first
		intent := e.Target
		if intent == "notice" || intent == "state" {
			intent = ""
		}
		want := map[string]any{"level": "INFO", "editor": e.Editor, "action": e.Action, "intent": intent,
			"version": float64(e.Version), "before": e.Before, "after": e.After}
		for k, v := range want {
			if l[k] != v {
				t.Errorf("line %d %s = %v, want %v (entry %+v)", i, k, l[k], v, e)
			}
		}
	}
	o := lines[1]
	if o["editor"] != "Alex Comms" || o["action"] != "override.publish" || o["intent"] != "appointment_cancelled" ||
		o["version"] != 2.0 || o["after"] != reply || !strings.Contains(o["before"].(string), "content file") {
		t.Errorf("override line: %v", o)
	}
	if n := lines[0]; n["action"] != "notice.set" || n["version"] != 1.0 || !strings.Contains(n["after"].(string), "west entrance") {
		t.Errorf("notice line: %v", n)
	}
	for _, i := range []int{4, 5} {
		if r := lines[i]; r["action"] != ActionRestore || r["version"] != 4.0 || r["editor"] != "signpost" ||
			r["after"] != "restored after the store lost it: version 4" || r["before"] != "the store held version 0" {
			t.Errorf("restore line %d: %v", i, r)
		}
	}
	if c := lines[6]; c["action"] != "notice.clear" || c["version"] != 5.0 {
		t.Errorf("the edit after the second loss: %v", c)
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

// With AOF on, as the compose file runs Redis, a restart keeps the audit
// log and the state; so does Redis being killed after a change.
func TestAOFRestartKeepsTheAuditLog(t *testing.T) {
	rs := redistest.StartAOF(t)
	ctx := context.Background()
	cfg, err := rs.Client(t).ConfigGet(ctx, "append*").Result()
	if err != nil || cfg["appendonly"] != "yes" || cfg["appendfsync"] != "everysec" {
		t.Fatalf("the test Redis does not run as the compose file's: %v %v", cfg, err)
	}
	const prefix = "test:aof:"
	s := newServer(t, openRedisStore(t, rs.URL, prefix, Options{Refresh: time.Hour}), false)
	publishBoth(t, s)
	if err := rs.Restart(); err != nil {
		t.Fatal(err)
	}
	entries, err := s.store.Audit(ctx, 10)
	if err != nil || len(entries) != 2 || entries[0].Action != "override.publish" || entries[1].Action != "notice.set" {
		t.Fatalf("audit after an AOF restart: %+v %v", entries, err)
	}
	if st := storedState(t, rs, prefix); st.Version != 2 {
		t.Errorf("state after an AOF restart: version %d", st.Version)
	}

	if r := s.as(t, "DELETE", "/admin/api/notice", nil); r.status != 200 {
		t.Fatal(r.raw)
	}
	// Redis writes the change to the file at once and fsyncs it within a
	// second (what a machine crash would need); then it is killed.
	time.Sleep(1500 * time.Millisecond)
	rs.Stop()
	if err := rs.Restart(); err != nil {
		t.Fatal(err)
	}
	entries, err = s.store.Audit(ctx, 10)
	if err != nil || len(entries) != 3 || entries[0].Action != "notice.clear" || entries[0].Version != 3 {
		t.Fatalf("audit after a crash with AOF: %+v %v", entries, err)
	}
	if st := storedState(t, rs, prefix); st.Version != 3 || st.Notice != nil {
		t.Errorf("state after a crash with AOF: version %d, notice %+v", st.Version, st.Notice)
	}
}

// An upgrade from a release that kept the state under signpost:admin:state
// keeps what was published.
func TestLegacyStateIsMoved(t *testing.T) {
	rs, err := redistest.StartServer() // private: the legacy key is global
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rs.Stop)
	old := `{"notice":{"text":"Use the west entrance.","severity":"warning","set_by":"Sam","set_at":"2026-11-30T09:00:00Z"}}`
	if err := rs.Client(t).Set(context.Background(), legacyKey, old, 0).Err(); err != nil {
		t.Fatal(err)
	}
	s := newServer(t, openRedisStore(t, rs.URL, "", Options{}), false)
	if got := say(t, s.eng, apptQ); !strings.Contains(got, "Use the west entrance.") {
		t.Errorf("the notice published before the upgrade is gone: %q", got)
	}
	if st := storedState(t, rs, "signpost:"); st.Notice == nil {
		t.Error("the state was not copied to its new key")
	}
}

// A hung Redis holds an admin change for a few round trips of
// SIGNPOST_REDIS_TIMEOUT, not seconds.
func TestHungRedisFailsAnAdminChangeQuickly(t *testing.T) {
	st := openRedisStore(t, redistest.Hung(t), "test:hung:", Options{Timeout: 50 * time.Millisecond})
	start := time.Now()
	err := st.SetNotice(context.Background(), "Alex Comms", Notice{Text: "x", Severity: "info"})
	if err == nil {
		t.Fatal("a change on a hung Redis succeeded")
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("a change on a hung Redis took %v; want about four 50ms round trips", took)
	}
}
