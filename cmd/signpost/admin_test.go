package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/admin"
)

// The whole server, configured from the environment: content reloads from
// its directory, and the admin area changes what patients see.
func TestServeWithAdminAndContentReload(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../intents")); err != nil {
		t.Fatal(err)
	}
	const tok = "a-long-enough-admin-token-for-tests"
	tokFile := editorsFile(t, "Sam from comms", tok)
	a := runApp(t, map[string]string{"SIGNPOST_CONTENT_DIR": dir,
		"SIGNPOST_ADMIN_TOKENS_FILE": tokFile, "SIGNPOST_CONTENT_RELOAD_POLL": "1s",
		// The reload is what is tested here; training the second opinion on
		// every reload (engine TestSecondOpinionRetrainsOnSwap) only slows
		// it on a busy machine.
		"SIGNPOST_SECOND_OPINION": "false"})
	base := "http://" + a.addr()
	ask := func(text string) string {
		b, _ := json.Marshal(map[string]string{"text": text})
		res, err := http.Post(base+"/api/v1/messages", "application/json", bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return string(body)
	}
	adminCall := func(method, path, token string, body any) int {
		var rd io.Reader
		if body != nil {
			b, _ := json.Marshal(body)
			rd = bytes.NewReader(b)
		}
		req, _ := http.NewRequest(method, base+path, rd)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}

	if c := adminCall("GET", "/admin/api/status", "wrong-token-wrong-token", nil); c != 401 {
		t.Errorf("wrong token: %d", c)
	}
	if c := adminCall("GET", "/admin/api/status", tok, nil); c != 200 {
		t.Fatalf("a named editor's token: %d", c)
	}
	notice := "Arrowe Park outpatients reopen on Monday."
	if c := adminCall("PUT", "/admin/api/notice", tok, map[string]string{"text": notice}); c != 200 {
		t.Fatalf("set notice: %d", c)
	}
	if got := ask("is my appointment still going ahead"); !strings.Contains(got, notice) {
		t.Errorf("notice not shown: %s", got)
	}

	b, _ := os.ReadFile(filepath.Join(dir, "outage.yaml"))
	edited := strings.Replace(string(b), "you will not lose your place on the waiting list.", "your appointment letter tells you where to go.", 1)
	if err := os.WriteFile(filepath.Join(dir, "outage.yaml"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	// A reload runs the whole content gate (every content test and the safety
	// suite: about 5,500 of them), which grows with the content and takes
	// minutes under -race on a small shared machine. This is a wait, not a
	// time limit: the gate's cost is measured by `signpost check`.
	deadline := time.Now().Add(3 * time.Minute)
	for !strings.Contains(ask("is my appointment still going ahead"), "appointment letter tells you") {
		if time.Now().After(deadline) {
			t.Fatal("the content edit was not served")
		}
		time.Sleep(50 * time.Millisecond)
	}
	// A broken edit: refused, reported on the admin page, /readyz and in the metrics; the last good content stays.
	good := a.eng.Content().Version
	if err := os.WriteFile(filepath.Join(dir, "outage.yaml"), []byte(strings.Replace(edited, "disposition: info", "disposition: chemist", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	// Refusing it still loads and validates the whole set, which under -race
	// on a busy shared machine took more than 10s: a wait, not a limit.
	deadline = time.Now().Add(2 * time.Minute)
	for {
		req, _ := http.NewRequest("GET", base+"/admin/api/status", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var st struct {
			Reload struct {
				Version, Error string
			}
		}
		_ = json.NewDecoder(res.Body).Decode(&st)
		res.Body.Close()
		if st.Reload.Error != "" {
			if !strings.Contains(st.Reload.Error, "outage.yaml:") || st.Reload.Version != good {
				t.Errorf("reload status after a broken edit: %+v", st.Reload)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the broken edit was not reported")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if a.eng.Content().Version != good {
		t.Error("a broken edit was swapped in")
	}
	res, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(m), `signpost_content_info{version="`+a.eng.Content().Version+`"} 1`) {
		t.Errorf("metrics do not show the new content version %s", a.eng.Content().Version)
	}
	if !strings.Contains(string(m), "signpost_content_reload_errors_total 1") || !strings.Contains(string(m), "signpost_content_refused 1") {
		t.Error("metrics do not count the refused edit")
	}
	if code, rd := ready(t, base); code != 200 || rd["status"] != "degraded" || !strings.HasPrefix(rd["content_edit"], "refused") {
		t.Errorf("/readyz after a refused edit: %d %v", code, rd)
	}
}

// editorsFile writes a tokens file naming one editor and returns its path.
func editorsFile(t *testing.T, name, token string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tokens")
	if err := os.WriteFile(path, []byte(name+":"+admin.HashToken(token)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAdminConfig(t *testing.T) {
	for _, env := range []map[string]string{
		{"SIGNPOST_ADMIN_UNMATCHED_MAX": "0"},
		{"SIGNPOST_CONTENT_RELOAD_POLL": "-1s"},
	} {
		if _, err := loadConfig(env); err == nil {
			t.Errorf("%v accepted", env)
		}
	}
	// One shared token cannot say who made a change: it is refused by name,
	// with the way to named editors, rather than ignored.
	for _, env := range []map[string]string{
		{"SIGNPOST_ADMIN_TOKEN": "a-long-enough-admin-token-for-tests"},
		{"SIGNPOST_ADMIN_TOKEN_FILE": "/run/secrets/admin-token"},
		{"SIGNPOST_ADMIN_TOKEN": "a-long-enough-admin-token-for-tests", "SIGNPOST_ADMIN_TOKENS_FILE": "/y"},
	} {
		_, err := loadConfig(env)
		if err == nil || !strings.Contains(err.Error(), "no longer accepted") || !strings.Contains(err.Error(), "SIGNPOST_ADMIN_TOKENS_FILE") {
			t.Errorf("%v: want the shared token refused with the way to named editors, got %v", env, err)
		}
	}
	cfg, err := loadConfig(map[string]string{"SIGNPOST_ADMIN_TOKENS_FILE": filepath.Join(t.TempDir(), "missing")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := newApp(context.Background(), cfg, slog.New(slog.DiscardHandler)); err == nil || !strings.Contains(err.Error(), "SIGNPOST_ADMIN_TOKENS_FILE") {
		t.Errorf("a missing tokens file: %v", err)
	}
}
