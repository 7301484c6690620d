package faulttest

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-signpost/signpost/internal/apitest"
)

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
// with the reasons instead of serving it.
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
	env := map[string]string{"SIGNPOST_CONTENT_DIR": dir, "SIGNPOST_CONTENT_RELOAD_POLL": "1s"}
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

	// 2. Put it back: in step again.
	if err := os.WriteFile(rules, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	apitest.Eventually(t, "the repair", func() bool { return sp.readyz(t)["status"] == "ok" })

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
