package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/redistest"
)

// postFeedback answers "Was this helpful?" through the API.
func postFeedback(t *testing.T, base, body string) int {
	t.Helper()
	res, err := http.Post(base+"/api/v1/feedback", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// adminStats reads the admin page's statistics.
func adminStats(t *testing.T, base, token string) map[string]any {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/admin/api/stats", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET /admin/api/stats: %d, %v", res.StatusCode, err)
	}
	return out
}

// "Was this helpful?" answers given to two replicas sharing a Redis are
// counted together on the admin page; each replica's /metrics counts its own.
// Only content intents are counted and no text is accepted.
func TestFeedbackCountedAcrossTheFleet(t *testing.T) {
	redisSrv := redistest.Start(t)
	const tok = "a-long-enough-admin-token-for-tests"
	env := map[string]string{"SIGNPOST_REDIS_URL": redisSrv.URL, "SIGNPOST_REDIS_PREFIX": "signpost-test:" + t.Name() + ":",
		"SIGNPOST_ADMIN_TOKENS_FILE": editorsFile(t, "Alex Comms", tok)}
	a := startSignpost(t, env)
	b := startSignpost(t, env)

	answer := say(t, a, map[string]string{"text": "sore throat"})
	answer = say(t, a, map[string]string{"session_id": answer.SessionID, "payload": content.PayloadNo})
	if answer.Intent == nil || answer.Disposition == nil {
		t.Fatalf("no answer to rate: %+v", answer)
	}
	intent := *answer.Intent
	for _, v := range []struct {
		base, body string
	}{
		{a, `{"intent":"` + intent + `","helpful":true,"session_id":"` + answer.SessionID + `"}`},
		{b, `{"intent":"` + intent + `","helpful":false}`},
		{b, `{"intent":"` + intent + `","helpful":false}`},
	} {
		if code := postFeedback(t, v.base, v.body); code != http.StatusNoContent {
			t.Fatalf("POST /api/v1/feedback %s: %d, want 204", v.body, code)
		}
	}
	for _, bad := range []string{
		`{"intent":"no_such_intent","helpful":true}`,
		`{"intent":"` + intent + `"}`,
		`{"intent":"` + intent + `","helpful":true,"comment":"the pharmacist was rude"}`,
		`not json`,
	} {
		if code := postFeedback(t, a, bad); code != http.StatusBadRequest {
			t.Errorf("POST /api/v1/feedback %s: %d, want 400", bad, code)
		}
	}

	for _, base := range []string{a, b} {
		st := adminStats(t, base, tok)
		fb, _ := st["feedback"].([]any)
		if len(fb) != 1 || st["feedback_shared"] != true {
			t.Fatalf("%s admin stats feedback = %v (shared %v), want one intent, shared", base, st["feedback"], st["feedback_shared"])
		}
		c := fb[0].(map[string]any)
		if c["intent"] != intent || c["helpful"] != 1.0 || c["not_helpful"] != 2.0 || c["title"] == "" {
			t.Errorf("%s admin stats feedback = %v, want %s: 1 helpful, 2 not, with its title", base, c, intent)
		}
	}
	for base, want := range map[string]string{
		a: `signpost_feedback_total{answer="helpful",intent="` + intent + `"} 1`,
		b: `signpost_feedback_total{answer="not_helpful",intent="` + intent + `"} 2`,
	} {
		res, err := http.Get(base + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("%s/metrics lacks %s", base, want)
		}
		if bytes.Contains(body, []byte("rude")) || bytes.Contains(body, []byte("no_such_intent")) {
			t.Errorf("%s/metrics counted a refused answer", base)
		}
	}

	// Redis gone: the person is still thanked (204) and the replica's
	// metrics still count; the admin page still shows this replica's
	// statistics and says the shared counts cannot be read.
	redisSrv.Stop()
	if code := postFeedback(t, a, `{"intent":"`+intent+`","helpful":true}`); code != http.StatusNoContent {
		t.Errorf("POST /api/v1/feedback with Redis down: %d, want 204", code)
	}
	st := adminStats(t, a, tok)
	if msg, _ := st["feedback_error"].(string); msg == "" || st["messages"] == nil {
		t.Errorf("admin stats with Redis down: %v", st)
	}
}
