package admin

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/apitest"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/feedback"
	"github.com/nhs-signpost/signpost/internal/redistest"
	"github.com/nhs-signpost/signpost/internal/store"
	"github.com/nhs-signpost/signpost/internal/web"
)

const (
	testToken  = "correct-horse-battery-staple-42" // Alex Comms
	priyaToken = "priya-has-her-own-token-1234"
)

// tokensFile writes a named editors file for Alex (testToken) and Priya.
func tokensFile(t testing.TB) string {
	t.Helper()
	path := t.TempDir() + "/admin-tokens"
	body := "# name:sha256(token)\nAlex Comms:" + HashToken(testToken) + "\nPriya (comms):" + HashToken(priyaToken) + "\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func bundled(t testing.TB) *content.Set {
	t.Helper()
	set := contenttest.Fixture(t)
	return set
}

// server is one Signpost replica: an engine serving patients, wired to an
// admin store, and the admin area in front of it.
type server struct {
	eng   *engine.Engine
	store *Store
	stats *Stats
	fb    *feedback.Memory
	h     *Handler
	http  *httptest.Server
}

func newServer(t *testing.T, st *Store, keepUnmatched bool) *server {
	t.Helper()
	return newServerWith(t, st, keepUnmatched, bundled(t))
}

// newServerWith is newServer over a given content set.
func newServerWith(t *testing.T, st *Store, keepUnmatched bool, set *content.Set) *server {
	t.Helper()
	s := &server{store: st, stats: NewStats(StatsOptions{KeepUnmatched: keepUnmatched}), fb: feedback.NewMemory()}
	s.eng = engine.New(set, store.NewMemory(1000, 0),
		engine.WithNotices(st), engine.WithOverrides(st), engine.WithObserver(s.stats.Observe))
	st.SetContent(s.eng.Content)
	eds, err := OpenEditors(tokensFile(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewHandler(Config{Editors: eds, Engine: s.eng, Store: st, Stats: s.stats, Feedback: s.fb,
		RequestsPerSecond: 1000, FailuresPerMinute: 1000})
	if err != nil {
		t.Fatal(err)
	}
	s.h = h
	s.http = httptest.NewServer(h)
	t.Cleanup(s.http.Close)
	t.Cleanup(func() { st.Close() })
	return s
}

type resp struct {
	status int
	body   map[string]any
	raw    string
}

func (s *server) call(t *testing.T, method, path, token, editor string, body any) resp {
	t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, _ := http.NewRequest(method, s.http.URL+path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if editor != "" {
		// A name the client claims, as the old shared-token page sent it:
		// the audit log must record the token's owner instead.
		req.Header.Set("X-Signpost-Editor", editor)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(res.Body)
	out := resp{status: res.StatusCode, raw: buf.String()}
	_ = json.Unmarshal(buf.Bytes(), &out.body)
	return out
}

// as calls the API as a signed-in editor.
func (s *server) as(t *testing.T, method, path string, body any) resp {
	t.Helper()
	return s.call(t, method, path, testToken, "Alex Comms", body)
}

// say sends a patient's message through the engine and returns all the text shown.
func say(t *testing.T, eng *engine.Engine, text string, answers ...string) string {
	t.Helper()
	r, err := eng.Handle(context.Background(), engine.Request{Text: text, Channel: "web"})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range answers {
		if r, err = eng.Handle(context.Background(), engine.Request{SessionID: r.SessionID, Payload: a, Channel: "web"}); err != nil {
			t.Fatal(err)
		}
	}
	var parts []string
	for _, m := range r.Messages {
		parts = append(parts, m.Text)
	}
	return strings.Join(parts, "\n")
}

func TestEveryAPIRouteRefusesMissingOrWrongToken(t *testing.T) {
	s := newServer(t, NewMemoryStore(Options{}), false)
	routes := s.h.Routes()
	if len(routes) < 10 {
		t.Fatalf("only %d routes", len(routes))
	}
	routes = append(routes, "GET /admin/api/no-such-thing")
	for _, rt := range routes {
		method, path, _ := strings.Cut(rt, " ")
		path = strings.ReplaceAll(path, "{intent}", "sore_throat")
		for _, tc := range []struct{ name, auth string }{
			{"missing", ""},
			{"wrong", "Bearer not-the-token-at-all-000"},
			{"prefix of the token", "Bearer " + testToken[:10]},
			{"token plus more", "Bearer " + testToken + "x"},
			{"basic scheme", "Basic " + testToken},
			{"token without scheme", testToken},
		} {
			t.Run(rt+"/"+tc.name, func(t *testing.T) {
				req, _ := http.NewRequest(method, s.http.URL+path, strings.NewReader(`{"text":"x","version":1}`))
				if tc.auth != "" {
					req.Header.Set("Authorization", tc.auth)
				}
				req.Header.Set("X-Signpost-Editor", "Mallory") // a claimed name opens nothing
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != http.StatusUnauthorized {
					t.Errorf("%s %s with %s token: status %d, want 401", method, path, tc.name, res.StatusCode)
				}
			})
		}
	}
	// Nothing was changed by any of that.
	if st := s.store.State(); st.Notice != nil || len(st.Overrides) != 0 {
		t.Errorf("state changed by refused requests: %+v", st)
	}
	// And the right token opens every read route.
	for _, rt := range routes[:len(routes)-1] {
		method, path, _ := strings.Cut(rt, " ")
		if method == "GET" {
			if r := s.as(t, method, strings.ReplaceAll(path, "{intent}", "sore_throat"), nil); r.status != 200 {
				t.Errorf("%s with the token: %d %s", rt, r.status, r.raw)
			}
		}
	}
}

func TestTokenGuessingIsRateLimited(t *testing.T) {
	st := NewMemoryStore(Options{})
	s := newServer(t, st, false)
	h, err := NewHandler(Config{Editors: s.h.cfg.Editors, Engine: s.eng, Store: st}) // default limits
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	get := func(tok string) int {
		req, _ := http.NewRequest("GET", srv.URL+"/admin/api/status", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	var codes []int
	for i := 0; i < 10; i++ {
		codes = append(codes, get("guess-number-"+string(rune('a'+i))))
	}
	if codes[0] != 401 || codes[len(codes)-1] != 429 {
		t.Errorf("statuses for 10 wrong guesses: %v; want 401 first and 429 at the end", codes)
	}
	// Once limited, even the right token waits: a guesser learns nothing.
	if c := get(testToken); c != 429 {
		t.Errorf("right token from a limited client: %d, want 429", c)
	}
}

// There is no shared token: without named editors there is no admin area.
func TestNoAdminWithoutNamedEditors(t *testing.T) {
	eng := engine.New(bundled(t), store.NewMemory(10, 0))
	if _, err := NewHandler(Config{Engine: eng, Store: NewMemoryStore(Options{})}); err == nil || !strings.Contains(err.Error(), "tokens file") {
		t.Errorf("an admin area without named editors: %v", err)
	}
}

func TestPageLoadsWithoutDataAndAStrictCSP(t *testing.T) {
	s := newServer(t, NewMemoryStore(Options{}), false)
	for _, p := range []string{"/admin", "/admin/", "/admin/static/admin.js", "/admin/static/admin.css"} {
		res, err := http.Get(s.http.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("%s: %d", p, res.StatusCode)
		}
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", p, csp)
		}
		if strings.HasSuffix(p, "/") || p == "/admin" {
			html := buf.String()
			if strings.Contains(html, "<script>") || strings.Contains(html, "onclick") || strings.Contains(html, "style=") {
				t.Errorf("%s has inline script or style", p)
			}
			if strings.Contains(html, testToken) {
				t.Errorf("%s shows the token", p)
			}
		}
	}
	if res, _ := http.Get(s.http.URL + "/admin/static/../admin.go"); res != nil && res.StatusCode == 200 {
		t.Error("static serves files outside its list")
	}
}

// Named editors: the audit log records the token's owner whatever name a
// request claims, and deleting a line revokes that person alone, without a
// restart.
func TestNamedEditorsAreAuditedAndRevocable(t *testing.T) {
	s := newServer(t, NewMemoryStore(Options{}), false)
	if r := s.call(t, "PUT", "/admin/api/notice", priyaToken, "Mallory", map[string]any{"text": "Clinics are open."}); r.status != 200 {
		t.Fatalf("Priya's notice: %d %s", r.status, r.raw)
	}
	if r := s.call(t, "DELETE", "/admin/api/notice", testToken, "", nil); r.status != 200 {
		t.Fatalf("Alex clears it (no name header needed): %d %s", r.status, r.raw)
	}
	au := s.as(t, "GET", "/admin/api/audit", nil)
	entries, _ := au.body["entries"].([]any)
	if len(entries) != 2 || entries[0].(map[string]any)["editor"] != "Alex Comms" || entries[1].(map[string]any)["editor"] != "Priya (comms)" {
		t.Fatalf("audit: %s", au.raw)
	}
	if st := s.call(t, "GET", "/admin/api/status", priyaToken, "", nil); st.body["editor"] != "Priya (comms)" {
		t.Errorf("status should say who is signed in: %s", st.raw)
	}

	// Revoke Priya: her line goes; Alex's token keeps working.
	path := s.h.cfg.Editors.path
	if err := os.WriteFile(path, []byte("Alex Comms:"+HashToken(testToken)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	apitest.Eventually(t, "Priya's token to stop working", func() bool {
		return s.call(t, "GET", "/admin/api/status", priyaToken, "", nil).status == http.StatusUnauthorized
	})
	if r := s.call(t, "GET", "/admin/api/status", testToken, "", nil); r.status != 200 {
		t.Errorf("Alex after Priya's revocation: %d", r.status)
	}
	// The file gone: nobody gets in.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	apitest.Eventually(t, "the admin area to close", func() bool {
		return s.call(t, "GET", "/admin/api/status", testToken, "", nil).status == http.StatusUnauthorized
	})
}

func TestTokensFileLines(t *testing.T) {
	good := HashToken("x")
	names, _, err := parseEditors([]byte("# comment\n\nAlex:" + good + "\nno colon here\nBad:1234\n:" + good + "\nSam:Jones:" + good + "\n"))
	if err == nil || !strings.Contains(err.Error(), "line 4") || !strings.Contains(err.Error(), "line 5") || !strings.Contains(err.Error(), "line 6") {
		t.Errorf("want the three bad lines reported, got %v", err)
	}
	if strings.Join(names, ",") != "Alex,Sam:Jones" {
		t.Errorf("good lines: %v", names)
	}
	if _, err := OpenEditors(t.TempDir()+"/missing", nil); err == nil {
		t.Error("a missing tokens file was accepted")
	}
}

const apptQ = "is my appointment still going ahead"

func TestOverridePreviewPublishAuditRollback(t *testing.T) {
	s := newServer(t, NewMemoryStore(Options{}), false)
	const original = "If your appointment is cancelled we will contact you to rebook."
	if got := say(t, s.eng, apptQ); !strings.Contains(got, original) {
		t.Fatalf("before: %q", got)
	}

	// Preview: rendered as the patient sees it, with the content's reason and
	// services, and nothing published.
	v1 := "Clinics at Arrowe Park are running as usual; we will text you if yours moves."
	p := s.as(t, "POST", "/admin/api/overrides/appointment_cancelled/preview", map[string]string{"text": v1})
	if p.status != 200 || p.body["ok"] != true {
		t.Fatalf("preview: %d %s", p.status, p.raw)
	}
	if !strings.Contains(p.raw, v1) || !strings.Contains(p.raw, "major IT problem") {
		t.Errorf("preview does not show the patient's view: %s", p.raw)
	}
	if got := say(t, s.eng, apptQ); strings.Contains(got, v1) {
		t.Fatal("a preview was published")
	}
	// A preview of a broken text lists its problems.
	p = s.as(t, "POST", "/admin/api/overrides/appointment_cancelled/preview", map[string]string{"text": "See http://example.com"})
	if p.body["ok"] != false || !strings.Contains(p.raw, "https://") {
		t.Errorf("broken preview: %s", p.raw)
	}

	// Publish: patients see it at once.
	if r := s.as(t, "PUT", "/admin/api/overrides/appointment_cancelled", map[string]string{"text": v1}); r.status != 200 || r.body["version"] != 1.0 {
		t.Fatalf("publish: %d %s", r.status, r.raw)
	}
	if got := say(t, s.eng, apptQ); !strings.Contains(got, v1) || strings.Contains(got, original) {
		t.Errorf("after publishing: %q", got)
	}
	v2 := "Check your appointment at https://www.wuth.nhs.uk before you travel."
	if r := s.as(t, "PUT", "/admin/api/overrides/appointment_cancelled", map[string]string{"text": v2}); r.status != 200 {
		t.Fatalf("publish v2: %d %s", r.status, r.raw)
	}
	if got := say(t, s.eng, apptQ); !strings.Contains(got, v2) {
		t.Errorf("after v2: %q", got)
	}

	// The audit log says who changed what, from what, to what.
	a := s.as(t, "GET", "/admin/api/audit", nil)
	entries, _ := a.body["entries"].([]any)
	if len(entries) != 2 {
		t.Fatalf("audit: %s", a.raw)
	}
	newest := entries[0].(map[string]any)
	if newest["editor"] != "Alex Comms" || newest["action"] != "override.publish" || newest["target"] != "appointment_cancelled" ||
		newest["before"] != v1 || newest["after"] != v2 || newest["at"] == "" {
		t.Errorf("audit entry: %v", newest)
	}
	if first := entries[1].(map[string]any); !strings.Contains(first["before"].(string), original) {
		t.Errorf("first entry's before should be the content file's reply: %v", first)
	}

	// Roll back to version 1, then to the content file's reply.
	if r := s.as(t, "POST", "/admin/api/overrides/appointment_cancelled/rollback", map[string]int{"version": 1}); r.status != 200 {
		t.Fatalf("rollback: %d %s", r.status, r.raw)
	}
	if got := say(t, s.eng, apptQ); !strings.Contains(got, v1) {
		t.Errorf("after rollback to 1: %q", got)
	}
	if r := s.as(t, "POST", "/admin/api/overrides/appointment_cancelled/rollback", map[string]int{"version": 7}); r.status != 404 {
		t.Errorf("rollback to a version that never existed: %d", r.status)
	}
	if r := s.as(t, "DELETE", "/admin/api/overrides/appointment_cancelled", nil); r.status != 200 {
		t.Fatalf("clear: %d %s", r.status, r.raw)
	}
	if got := say(t, s.eng, apptQ); !strings.Contains(got, original) {
		t.Errorf("after clearing: %q", got)
	}
	o := s.as(t, "GET", "/admin/api/overrides/appointment_cancelled", nil)
	if vs, _ := o.body["versions"].([]any); len(vs) != 2 || o.body["active"] != 0.0 {
		t.Errorf("history after clearing: %s", o.raw)
	}
	a = s.as(t, "GET", "/admin/api/audit", nil)
	if entries, _ := a.body["entries"].([]any); len(entries) != 4 || entries[0].(map[string]any)["action"] != "override.clear" {
		t.Errorf("audit after rollback and clear: %s", a.raw)
	}
}

func TestClinicalRepliesCannotBeChanged(t *testing.T) {
	s := newServer(t, NewMemoryStore(Options{}), false)
	// Emergency, crisis and every other clinical answer (pharmacy here) are locked.
	for _, id := range []string{"stroke", "red_flag.stroke", "classifier_crisis", "throat_urgent", "sore_throat"} {
		for _, tc := range []struct{ method, path string }{
			{"PUT", "/admin/api/overrides/" + id},
			{"POST", "/admin/api/overrides/" + id + "/preview"},
			{"POST", "/admin/api/overrides/" + id + "/rollback"},
			{"DELETE", "/admin/api/overrides/" + id},
		} {
			r := s.as(t, tc.method, tc.path, map[string]any{"text": "You are fine, no need to call anyone.", "version": 0})
			if r.status != http.StatusForbidden || !strings.Contains(r.raw, "content files") {
				t.Errorf("%s %s: %d %s, want 403", tc.method, tc.path, r.status, r.raw)
			}
		}
	}
	if len(s.store.State().Overrides) != 0 {
		t.Error("an override was stored for an emergency reply")
	}
	// Even an override stored behind the admin area's back (or before a
	// content change made the intent an emergency one) is not applied.
	if _, err := s.store.Publish(context.Background(), "test", "throat_urgent", "Stay at home and rest.", ""); err != nil {
		t.Fatal(err)
	}
	if got := say(t, s.eng, "I have a sore throat", content.PayloadYes); strings.Contains(got, "Stay at home") || !strings.Contains(got, "A&E") {
		t.Errorf("emergency reply was overridden: %q", got)
	}
	if _, err := s.store.Publish(context.Background(), "test", "sore_throat", "You are fine, no need to call anyone.", ""); err != nil {
		t.Fatal(err)
	}
	if got := say(t, s.eng, "I have a sore throat", content.PayloadNo); strings.Contains(got, "no need to call") {
		t.Errorf("a pharmacy answer was overridden: %q", got)
	}
	if got := say(t, s.eng, "her face is drooping on one side"); !strings.Contains(got, "Call 999") {
		t.Errorf("stroke: %q", got)
	}
}

func TestOverrideValidation(t *testing.T) {
	s := newServer(t, NewMemoryStore(Options{}), false)
	bad := map[string]string{
		"empty":          "   ",
		"plain http":     "See http://www.wuth.nhs.uk for news.",
		"broken link":    "See https://wuth nhs uk/news for news.",
		"link with port": "See https://www.wuth.nhs.uk:8443/news.",
		"short phone":    "Call us on 0151 67 511.",
		"long phone":     "Call us on 0151 678 511100.",
		"html":           "Call <b>111</b> now.",
		"too long":       strings.Repeat("Pharmacies are open. ", 100),
		"control char":   "Pharmacies\x07 are open.",
	}
	for name, text := range bad {
		r := s.as(t, "PUT", "/admin/api/overrides/appointment_cancelled", map[string]string{"text": text})
		if r.status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d %s, want 422", name, r.status, r.raw)
		}
	}
	if len(s.store.State().Overrides) != 0 {
		t.Fatal("an invalid override was stored")
	}
	good := []string{
		"Clinics run as normal. Call 0151 678 5111 or see https://www.wuth.nhs.uk/news.",
		"Call NHS 111, or 999 in an emergency. Samaritans: 116 123. Text SHOUT to 85258.",
		"Ring +44 151 678 5111 to rebook.",
	}
	for _, text := range good {
		if r := s.as(t, "PUT", "/admin/api/overrides/appointment_cancelled", map[string]string{"text": text}); r.status != 200 {
			t.Errorf("%q refused: %s", text, r.raw)
		}
	}
	if r := s.as(t, "PUT", "/admin/api/overrides/no_such_intent", map[string]string{"text": "Hello."}); r.status != 404 {
		t.Errorf("unknown intent: %d", r.status)
	}
}

func TestNoticeSetScheduledAndCleared(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	st := NewMemoryStore(Options{Now: clock})
	s := newServer(t, st, false)
	contentNotice := "Our hospitals are dealing with a major IT problem"
	if got := say(t, s.eng, apptQ); !strings.Contains(got, contentNotice) {
		t.Fatalf("the content notice should show before any is set: %q", got)
	}
	text := "Clinics at Arrowe Park are running again from 1pm. Check https://www.wuth.nhs.uk for updates."
	if r := s.as(t, "PUT", "/admin/api/notice", map[string]any{"text": text, "severity": "critical"}); r.status != 200 {
		t.Fatalf("set: %d %s", r.status, r.raw)
	}
	if got := say(t, s.eng, apptQ); !strings.Contains(got, text) || strings.Contains(got, contentNotice) {
		t.Errorf("after setting: %q", got)
	}
	n, _ := s.eng.CurrentNotice(context.Background())
	if n.Severity != "critical" {
		t.Errorf("severity %q", n.Severity)
	}

	// Scheduled: shows from its start, and goes at its expiry.
	later := "From 5pm all clinics are running as normal."
	start := time.Now().Add(2 * time.Hour) // validation compares expiry with the real clock
	now = start.Add(-time.Hour)
	r := s.as(t, "PUT", "/admin/api/notice", map[string]any{"text": later, "severity": "info",
		"starts_at": start.Format(time.RFC3339), "expires_at": start.Add(time.Hour).Format(time.RFC3339)})
	if r.status != 200 {
		t.Fatalf("schedule: %d %s", r.status, r.raw)
	}
	if got := say(t, s.eng, apptQ); strings.Contains(got, later) {
		t.Error("a scheduled notice showed before its start")
	}
	now = start.Add(time.Minute)
	if got := say(t, s.eng, apptQ); !strings.Contains(got, later) {
		t.Errorf("the scheduled notice did not show at its start: %q", got)
	}
	now = start.Add(61 * time.Minute)
	if got := say(t, s.eng, apptQ); strings.Contains(got, later) {
		t.Error("the notice showed after its expiry")
	}

	if r := s.as(t, "PUT", "/admin/api/notice", map[string]any{"text": "x", "severity": "loud"}); r.status != 422 {
		t.Errorf("bad severity: %d", r.status)
	}
	if r := s.as(t, "DELETE", "/admin/api/notice", nil); r.status != 200 {
		t.Fatalf("clear: %d", r.status)
	}
	if got := say(t, s.eng, apptQ); !strings.Contains(got, contentNotice) {
		t.Errorf("after clearing, the content notice should show again: %q", got)
	}
	a := s.as(t, "GET", "/admin/api/audit", nil)
	if entries, _ := a.body["entries"].([]any); len(entries) != 3 {
		t.Errorf("audit: %s", a.raw)
	}
}

func TestNoticeAndOverrideReachEveryReplicaThroughRedis(t *testing.T) {
	rs := redistest.Start(t)
	prefix := "test:" + t.Name() + ":"
	open := func() *Store {
		return openRedisStore(t, rs.URL, prefix, Options{Refresh: time.Hour}) // pub/sub only
	}
	a := newServer(t, open(), false)
	b := newServer(t, open(), false)
	time.Sleep(100 * time.Millisecond) // let both subscribe

	text := "Outpatient clinics at Clatterbridge are cancelled today. We will call you to rebook."
	if r := a.as(t, "PUT", "/admin/api/notice", map[string]any{"text": text, "severity": "warning"}); r.status != 200 {
		t.Fatalf("set on A: %d %s", r.status, r.raw)
	}
	apitest.Eventually(t, "the notice on replica B", func() bool { return strings.Contains(say(t, b.eng, apptQ), text) })

	reply := "Outpatient clinics reopen on Monday; we will text you a new time."
	if r := a.as(t, "PUT", "/admin/api/overrides/appointment_cancelled", map[string]string{"text": reply}); r.status != 200 {
		t.Fatalf("override on A: %d %s", r.status, r.raw)
	}
	apitest.Eventually(t, "the override on replica B", func() bool { return strings.Contains(say(t, b.eng, apptQ), reply) })

	// B rolls it back; A follows. Both audit logs are the same shared log.
	if r := b.as(t, "DELETE", "/admin/api/overrides/appointment_cancelled", nil); r.status != 200 {
		t.Fatalf("clear on B: %d", r.status)
	}
	apitest.Eventually(t, "the rollback on replica A", func() bool { return !strings.Contains(say(t, a.eng, apptQ), reply) })
	if r := b.as(t, "DELETE", "/admin/api/notice", nil); r.status != 200 {
		t.Fatalf("clear notice on B: %d", r.status)
	}
	apitest.Eventually(t, "the cleared notice on A", func() bool { return !strings.Contains(say(t, a.eng, apptQ), text) })
	au := a.as(t, "GET", "/admin/api/audit", nil)
	if entries, _ := au.body["entries"].([]any); len(entries) != 4 {
		t.Errorf("shared audit log: %s", au.raw)
	}

	// A replica started later reads the state at once.
	c := newServer(t, open(), false)
	if _, ok := c.store.State().Overrides["appointment_cancelled"]; !ok {
		t.Error("a new replica did not load the stored state")
	}
}

func TestRedisOutageKeepsServingTheLastCopy(t *testing.T) {
	// A private server, whatever SIGNPOST_TEST_REDIS_URL says: this test stops it.
	rs, err := redistest.StartServer()
	if err != nil {
		t.Fatalf("redistest: %v", err)
	}
	t.Cleanup(rs.Stop)
	st := openRedisStore(t, rs.URL, "test:outage:", Options{Refresh: 20 * time.Millisecond})
	s := newServer(t, st, false)
	text := "Clinics are cancelled today; we will call you."
	if r := s.as(t, "PUT", "/admin/api/notice", map[string]any{"text": text}); r.status != 200 {
		t.Fatal(r.raw)
	}
	rs.Stop()
	time.Sleep(100 * time.Millisecond) // several failed refreshes
	if got := say(t, s.eng, apptQ); !strings.Contains(got, text) {
		t.Errorf("with Redis down the notice is lost: %q", got)
	}
	if r := s.as(t, "DELETE", "/admin/api/notice", nil); r.status != http.StatusServiceUnavailable {
		t.Errorf("a change with Redis down: %d %s, want 503", r.status, r.raw)
	}
}

func TestStatsAndUnmatchedMessages(t *testing.T) {
	for _, keep := range []bool{false, true} {
		s := newServer(t, NewMemoryStore(Options{}), keep)
		say(t, s.eng, apptQ)
		say(t, s.eng, apptQ)
		say(t, s.eng, "I have a sore throat")
		say(t, s.eng, "my name is Jane Smith and my NHS number is 943 476 5919, where do I park the car")
		st := s.as(t, "GET", "/admin/api/stats", nil)
		if st.body["messages"] != 4.0 || st.body["fallbacks"] != 1.0 {
			t.Errorf("stats: %s", st.raw)
		}
		intents, _ := st.body["intents"].([]any)
		if len(intents) == 0 || intents[0].(map[string]any)["intent"] != "appointment_cancelled" || intents[0].(map[string]any)["count"] != 2.0 {
			t.Errorf("top intent: %s", st.raw)
		}
		u := s.as(t, "GET", "/admin/api/unmatched", nil)
		msgs, _ := u.body["messages"].([]any)
		if !keep {
			if len(msgs) != 0 {
				t.Errorf("messages kept without opting in: %s", u.raw)
			}
			continue
		}
		if len(msgs) != 1 {
			t.Fatalf("unmatched: %s", u.raw)
		}
		m := msgs[0].(map[string]any)["text"].(string)
		if strings.Contains(m, "Jane") || strings.Contains(m, "943") || !strings.Contains(m, "park the car") {
			t.Errorf("unmatched message not masked: %q", m)
		}
	}
}

func TestUnmatchedAreBoundedInCountAndAge(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	st := NewStats(StatsOptions{KeepUnmatched: true, MaxUnmatched: 3, MaxAge: time.Hour, Now: func() time.Time { return now }})
	for i := 0; i < 5; i++ {
		st.Observe(engine.Request{Text: "where is ward " + string(rune('A'+i))}, engine.Reply{Source: engine.SourceFallback}, 0)
	}
	got := st.Unmatched()
	if len(got) != 3 || got[0].Text != "where is ward E" {
		t.Errorf("kept %v", got)
	}
	now = now.Add(2 * time.Hour)
	if got := st.Unmatched(); len(got) != 0 {
		t.Errorf("kept past their age: %v", got)
	}
}

func TestConcurrentEditsOnTwoReplicasLoseNothing(t *testing.T) {
	rs := redistest.Start(t)
	prefix := "test:" + t.Name() + ":"
	var stores []*Store
	for range 2 {
		st := openRedisStore(t, rs.URL, prefix, Options{})
		stores = append(stores, st)
	}
	const n = 20
	errs := make(chan error, n)
	for i := range n {
		go func() {
			_, err := stores[i%2].Publish(context.Background(), "editor", "sore_throat", "Reply number "+string(rune('A'+i)), "content")
			errs <- err
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	stores[0].Refresh(context.Background())
	o := stores[0].State().Overrides["sore_throat"]
	seen := map[int]bool{}
	for _, v := range o.Versions {
		seen[v.N] = true
	}
	if len(o.Versions) != n || len(seen) != n || o.Active == 0 {
		t.Errorf("after %d concurrent publishes: %d versions, %d distinct numbers, active %d", n, len(o.Versions), len(seen), o.Active)
	}
	entries, err := stores[1].Audit(context.Background(), 100)
	if err != nil || len(entries) != n {
		t.Errorf("audit: %d entries, %v", len(entries), err)
	}
}

// The admin area's cost on the message path: the notice and override reads
// (local copy) and the observer.
func BenchmarkMessagePathAdminReads(b *testing.B) {
	st := NewMemoryStore(Options{})
	set := bundled(b)
	st.SetContent(func() *content.Set { return set })
	ctx := context.Background()
	_ = st.SetNotice(ctx, "b", Notice{Text: "Clinics are cancelled today.", Severity: "warning"})
	_, _ = st.Publish(ctx, "b", "sore_throat", "Pharmacies are open.", "")
	stats := NewStats(StatsOptions{KeepUnmatched: true})
	req := engine.Request{Text: "where do I park my car at the hospital please", Channel: "web"}
	b.ReportAllocs()
	for b.Loop() {
		st.Notice(ctx)
		st.Reply("sore_throat")
		stats.Observe(req, engine.Reply{Intent: "appointment_cancelled", Source: engine.SourceMatch}, 0)
	}
}

func BenchmarkObserveUnmatchedMasked(b *testing.B) {
	stats := NewStats(StatsOptions{KeepUnmatched: true})
	req := engine.Request{Text: "my name is Jane Smith and I live at CH49 5PE, where do I park my car at the hospital", Channel: "web"}
	b.ReportAllocs()
	for b.Loop() {
		stats.Observe(req, engine.Reply{Source: engine.SourceFallback}, 0)
	}
}

// Behind the trust's proxy every request comes from the proxy's address:
// wrong tokens from one client must not lock out an editor elsewhere.
func TestWrongTokensLockOutOnlyTheirOwnClient(t *testing.T) {
	st := NewMemoryStore(Options{})
	eng := engine.New(bundled(t), store.NewMemory(10, 0), engine.WithNotices(st))
	st.SetContent(eng.Content)
	eds, err := OpenEditors(tokensFile(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewHandler(Config{Editors: eds, Engine: eng, Store: st, FailuresPerMinute: 3,
		ClientIP: web.ClientIP{Header: "X-Forwarded-For", Hops: 1}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	get := func(xff, token string) int {
		req, _ := http.NewRequest("GET", srv.URL+"/admin/api/status", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("X-Forwarded-For", xff)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	for range 5 {
		get("6.6.6.6, 198.51.100.66", "wrong-token-wrong-token")
	}
	if c := get("198.51.100.66", testToken); c != http.StatusTooManyRequests {
		t.Errorf("the guessing client was not locked out: %d", c)
	}
	if c := get("203.0.113.10", testToken); c != http.StatusOK {
		t.Errorf("an editor at another address was locked out by someone else's wrong tokens: %d", c)
	}
}

func TestReplicaStartedDuringRedisOutageCatchesUp(t *testing.T) {
	rs := redistest.Start(t)
	// The replica's Redis address answers nothing at first; later it forwards to the real server.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	prefix := "test:" + t.Name() + ":"
	late := openRedisStore(t, "redis://"+addr+"/0", prefix, Options{Refresh: 50 * time.Millisecond})
	s := newServer(t, late, false)
	if got := say(t, s.eng, apptQ); !strings.Contains(got, "major IT problem") {
		t.Errorf("without Redis the content notice should show: %q", got)
	}
	forward(t, addr, rs.Addr)

	other := openRedisStore(t, rs.URL, prefix, Options{})
	text := "Clinics are running again at Arrowe Park."
	if err := other.SetNotice(context.Background(), "test", Notice{Text: text, Severity: "info"}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(say(t, s.eng, apptQ), text) {
		if time.Now().After(deadline) {
			t.Fatal("the replica did not catch up once Redis was back")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// openRedisStore opens an admin store on its own client to the Redis at
// url; both are closed when the test ends.
func openRedisStore(t *testing.T, url, prefix string, o Options) *Store {
	t.Helper()
	c, err := store.NewRedisClient(url, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	st := NewRedisStore(context.Background(), c, prefix, o)
	t.Cleanup(func() { st.Close(); c.Close() })
	return st
}

// forward relays TCP connections from addr to the server at to, until the test ends.
func forward(t *testing.T, addr, to string) {
	t.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				u, err := net.Dial("tcp", to)
				if err != nil {
					return
				}
				defer u.Close()
				go func() { _, _ = io.Copy(u, c); u.Close() }()
				_, _ = io.Copy(c, u)
			}()
		}
	}()
}

// Over the bundled content: only information answers (the outage,
// appointments, visiting, services) may be changed in the admin area; every
// answer with a clinical disposition is locked.
func TestOnlyInformationAnswersMayBeOverridden(t *testing.T) {
	set := contenttest.Bundled(t)
	seen := map[string]bool{}
	for _, in := range set.Intents {
		why := protected(set, in.ID)
		if (in.Disposition == content.DispInfo) != (why == "") {
			t.Errorf("%s (%s): locked=%v", in.ID, in.Disposition, why != "")
		}
		seen[in.Disposition] = true
	}
	for _, d := range content.Dispositions {
		if !seen[d] && d != content.DispCrisis && d != content.Disp999 { // those are red flags
			t.Errorf("no bundled intent with disposition %s: the test no longer covers it", d)
		}
	}
}

// Two trusts sharing one Redis with different SIGNPOST_REDIS_PREFIX values
// never see each other's notice, overrides, audit log or change
// announcements.
func TestTwoTrustsSharingARedisAreApart(t *testing.T) {
	rs := redistest.Start(t)
	base := "test:" + t.Name() + ":"
	a := newServer(t, openRedisStore(t, rs.URL, base+"trust-a:", Options{Refresh: 50 * time.Millisecond}), false)
	b := newServer(t, openRedisStore(t, rs.URL, base+"trust-b:", Options{Refresh: 50 * time.Millisecond}), false)
	a2 := newServer(t, openRedisStore(t, rs.URL, base+"trust-a:", Options{Refresh: time.Hour}), false) // pub/sub only
	time.Sleep(100 * time.Millisecond)                                                                 // let them subscribe

	text := "Trust A: the main entrance is closed; use the west entrance."
	if r := a.as(t, "PUT", "/admin/api/notice", map[string]any{"text": text, "severity": "critical"}); r.status != 200 {
		t.Fatalf("notice on trust A: %d %s", r.status, r.raw)
	}
	reply := "Trust A: cancelled clinics are rebooked by phone this week."
	if r := a.as(t, "PUT", "/admin/api/overrides/appointment_cancelled", map[string]string{"text": reply}); r.status != 200 {
		t.Fatalf("override on trust A: %d %s", r.status, r.raw)
	}
	// Trust A's other replica hears of it through A's channel...
	apitest.Eventually(t, "trust A's notice and override on its other replica", func() bool {
		s := say(t, a2.eng, apptQ)
		return strings.Contains(s, text) && strings.Contains(s, reply)
	})
	// ...and trust B, refreshing every 50ms, never sees it.
	time.Sleep(300 * time.Millisecond)
	if s := say(t, b.eng, apptQ); strings.Contains(s, text) || strings.Contains(s, reply) {
		t.Errorf("trust B shows trust A's notice or override:\n%s", s)
	}
	if st := b.store.State(); st.Notice != nil || len(st.Overrides) != 0 || st.Version != 0 {
		t.Errorf("trust B's state holds trust A's: %+v", st)
	}
	if au := b.as(t, "GET", "/admin/api/audit", nil); len(au.body["entries"].([]any)) != 0 {
		t.Errorf("trust B's audit log holds trust A's changes: %s", au.raw)
	}
	keys, err := rs.Client(t).Keys(context.Background(), base+"*").Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if !strings.HasPrefix(k, base+"trust-a:") {
			t.Errorf("trust A's change wrote %q, outside its prefix", k)
		}
	}
}

// Through the API, over the content bundled in the binary: "You are fine, no need to call
// anyone" is refused for every answer with a clinical disposition (the
// urgent outcome, a sore throat, urinary symptoms and every other), and
// accepted for an information answer.
func TestOverridePUTRefusedForEveryClinicalAnswer(t *testing.T) {
	s := newServerWith(t, NewMemoryStore(Options{}), false, contenttest.Bundled(t))
	set := s.eng.Content()
	const calm = "You are fine, no need to call anyone."
	byDisp := map[string]int{}
	for _, in := range set.Intents {
		if in.Disposition == content.DispInfo {
			continue
		}
		r := s.as(t, "PUT", "/admin/api/overrides/"+in.ID, map[string]any{"text": calm, "version": 0})
		if r.status != http.StatusForbidden {
			t.Errorf("%s (%s): %d %s, want 403", in.ID, in.Disposition, r.status, r.raw)
		}
		byDisp[in.Disposition]++
	}
	for _, d := range []string{content.DispUrgent, content.DispGP, content.DispPharmacy, content.DispSelfCare} {
		if byDisp[d] == 0 {
			t.Errorf("no bundled answer with disposition %s was tried", d)
		}
	}
	for _, id := range []string{"tr_out_kidney", "sore_throat", "tr_uti", "tr_uti_men"} {
		if in := set.Intent(id); in == nil || in.Disposition == content.DispInfo {
			t.Errorf("%s: not a clinical answer in the bundled content; pick another example", id)
		}
	}
	if st := s.store.State(); len(st.Overrides) != 0 {
		t.Fatalf("overrides stored for clinical answers: %v", st.Overrides)
	}
	var info string
	for _, in := range set.Intents {
		if in.Disposition == content.DispInfo && in.Reply != "" && strings.HasPrefix(in.ID, "outage_") {
			info = in.ID
			break
		}
	}
	if r := s.as(t, "PUT", "/admin/api/overrides/"+info, map[string]any{"text": "Parking is free today."}); r.status != http.StatusOK {
		t.Errorf("an information answer (%s): %d %s, want 200", info, r.status, r.raw)
	}
}
