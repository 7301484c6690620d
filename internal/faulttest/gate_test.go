package faulttest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-signpost/signpost/internal/admin"
	"github.com/nhs-signpost/signpost/internal/apitest"
)

// editorToken is the one named editor's token in the tests' tokens file.
const editorToken = "a-long-enough-admin-token-for-tests"

// editorsFile writes a tokens file naming one editor, Sam.
func editorsFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tokens")
	if err := os.WriteFile(path, []byte("Sam from comms:"+admin.HashToken(editorToken)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// adminGet calls the admin API as one client behind the trusted proxy
// (xff is the X-Forwarded-For the proxy sends) and returns the status and
// the JSON body.
func (p *proc) adminGet(t *testing.T, path, token, xff string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("GET", p.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	if xff != "" {
		req.Header.Set("X-Forwarded-For", xff)
	}
	resp, err := client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body
}

// adminReloadError is what the admin page shows about the latest content edit.
func (p *proc) adminReloadError(t *testing.T) string {
	t.Helper()
	code, st := p.adminGet(t, "/admin/api/status", editorToken, "")
	if code != http.StatusOK {
		t.Fatalf("admin status: %d", code)
	}
	reload, _ := st["reload"].(map[string]any)
	e, _ := reload["error"].(string)
	return e
}

// readyz returns /readyz's body.
func (p *proc) readyz(t *testing.T) map[string]string {
	t.Helper()
	resp, err := client().Get(p.base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return body
}

func (p *proc) metrics(t *testing.T) string {
	t.Helper()
	resp, err := client().Get(p.base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// A content directory under a running server loses its emergency rules:
// the whole red-flag file, then one rule. Each edit is refused by the
// content gate (ERROR log, metric, /readyz detail), the stroke still gets
// 999 from the last good content, and a restart with the bad content exits
// with the reasons instead of serving it. The admin page shows each refusal.
func TestContentThatLosesEmergencyRulesIsRefused(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../intents")); err != nil {
		t.Fatal(err)
	}
	rules := filepath.Join(dir, "red-flags.yaml")
	orig, err := os.ReadFile(rules)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"SIGNPOST_CONTENT_DIR": dir, "SIGNPOST_CONTENT_RELOAD_POLL": "1s", "SIGNPOST_ADMIN_TOKENS_FILE": editorsFile(t)}
	sp := start(t, env)
	c := client()
	strokeGets999 := func(when string) {
		t.Helper()
		r, err := post(context.Background(), c, sp.base, map[string]string{"text": "her face is drooping and her speech is slurred"})
		if err == nil {
			err = checkStroke(r)
		}
		if err != nil {
			t.Errorf("%s: %v", when, err)
		}
	}
	refused := func() bool { return strings.HasPrefix(sp.readyz(t)["content_edit"], "refused") }
	strokeGets999("before any edit")

	// 1. The whole red-flag file deleted.
	if err := os.Remove(rules); err != nil {
		t.Fatal(err)
	}
	apitest.Eventually(t, "the deletion to be refused", refused)
	strokeGets999("after red-flags.yaml was deleted")
	if rd := sp.readyz(t); rd["status"] != "degraded" {
		t.Errorf("/readyz while an edit is refused: %v", rd)
	}
	if m := sp.metrics(t); !strings.Contains(m, "signpost_content_refused 1") || !strings.Contains(m, "signpost_content_reload_errors_total") {
		t.Error("metrics do not show the refused edit")
	}
	if out := sp.stderr.String(); !strings.Contains(out, "level=ERROR") || !strings.Contains(out, "content edit refused") {
		t.Errorf("no ERROR log line for the refused edit:\n%s", out)
	}
	// Without red-flags.yaml the rest no longer loads (its concepts are used
	// elsewhere): the page lists every broken reference.
	if e := sp.adminReloadError(t); !strings.Contains(e, "unknown red flag") {
		t.Errorf("the admin page does not show why the deletion was refused: %.300q", e)
	}

	// 2. Put it back: in step again.
	if err := os.WriteFile(rules, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	apitest.Eventually(t, "the repair", func() bool { return sp.readyz(t)["status"] == "ok" })
	if e := sp.adminReloadError(t); e != "" {
		t.Errorf("the admin page still shows a refusal after the repair: %q", e)
	}

	// 3. One rule deleted.
	src := string(orig)
	from, to := strings.Index(src, "  - id: stroke\n"), strings.Index(src, "  - id: heart_attack\n")
	if from < 0 || to < from {
		t.Fatal("red-flags.yaml changed: update the test")
	}
	if err := os.WriteFile(rules, []byte(src[:from]+src[to:]), 0o644); err != nil {
		t.Fatal(err)
	}
	apitest.Eventually(t, "the rule's removal to be refused", refused)
	strokeGets999("after the stroke rule was deleted")
	if out := sp.stderr.String(); !strings.Contains(out, `red-flag rule \"stroke\" is missing`) {
		t.Errorf("the ERROR log does not name the lost rule:\n%.2000s", out)
	}
	if e := sp.adminReloadError(t); !strings.Contains(e, `red-flag rule "stroke" is missing`) || !strings.Contains(e, "her face is drooping") {
		t.Errorf("the admin page does not show why the rule's removal was refused: %q", e)
	}

	// 4. A restart with that content exits with the reasons.
	sp.signal(os.Interrupt)
	<-sp.done
	_, err = tryStart(t, env)
	if err == nil {
		t.Fatal("signpost started with content that lost the stroke rule")
	}
	for _, want := range []string{"signpost exited", "refusing to serve", `red-flag rule "stroke" is missing`, "her face is drooping and her speech is slurred"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the start-up refusal lacks %q:\n%.2000s", want, err)
		}
	}
}

// Behind the trust's proxy the admin area's limiter keys on the same client
// address as the API (the trusted header's entry, not the proxy's address
// nor what a client writes on the left): wrong tokens from one address lock
// out that address only, never an editor with the right token at another.
func TestAdminLimiterKeysOnTheAPIClientAddress(t *testing.T) {
	sp := start(t, map[string]string{"SIGNPOST_ADMIN_TOKENS_FILE": editorsFile(t), "SIGNPOST_CLIENT_IP_HEADER": "X-Forwarded-For",
		"SIGNPOST_RATE_CLIENT_PER_MINUTE": "1", "SIGNPOST_RATE_CLIENT_BURST": "1"})
	const guesser, editor = "198.51.100.66", "203.0.113.10"
	// The API: one message a minute per client address behind the proxy.
	api := func(xff string) int {
		req, _ := http.NewRequest("POST", sp.base+"/api/v1/messages", strings.NewReader(`{"text":"sore throat"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Forwarded-For", xff)
		resp, err := client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if api(guesser) != http.StatusOK || api(guesser) != http.StatusTooManyRequests || api(editor) != http.StatusOK {
		t.Fatal("the API does not limit each client address behind the proxy")
	}
	// The admin area: wrong tokens from the guesser (6 a minute allowed).
	var codes []int
	for range 8 {
		c, _ := sp.adminGet(t, "/admin/api/status", "wrong-token-wrong-token", "6.6.6.6, "+guesser)
		codes = append(codes, c)
	}
	if codes[0] != http.StatusUnauthorized || codes[len(codes)-1] != http.StatusTooManyRequests {
		t.Fatalf("wrong tokens from one address: %v, want 401 then 429", codes)
	}
	if c, _ := sp.adminGet(t, "/admin/api/status", editorToken, guesser); c != http.StatusTooManyRequests {
		t.Errorf("the guessing address was not locked out: %d", c)
	}
	// Writing the editor's address on the left does not borrow their limit.
	if c, _ := sp.adminGet(t, "/admin/api/status", editorToken, editor+", "+guesser); c != http.StatusTooManyRequests {
		t.Errorf("the guesser escaped its lock-out by naming another address: %d", c)
	}
	c, st := sp.adminGet(t, "/admin/api/status", editorToken, editor)
	if c != http.StatusOK || st["editor"] != "Sam from comms" {
		t.Errorf("an editor at another address was locked out by someone else's wrong tokens: %d %v", c, st["editor"])
	}
}
