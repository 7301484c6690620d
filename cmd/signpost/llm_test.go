package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/nhs-signpost/signpost/internal/apitest"
)

func TestLLMConfig(t *testing.T) {
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "key")
	if err := os.WriteFile(keyFile, []byte("sk-from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, []byte("\n"), 0o600)

	cfg, err := loadConfig(map[string]string{})
	if err != nil || cfg.LLM.enabled() {
		t.Fatalf("no settings: enabled %v, %v", cfg.LLM.enabled(), err)
	}

	cfg, err = loadConfig(map[string]string{"SIGNPOST_LLM_MODEL": "m", "SIGNPOST_LLM_API_KEY_FILE": keyFile})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.LLM.key() != "sk-from-file" {
		t.Errorf("key from file = %q, want it trimmed", cfg.LLM.key())
	}
	if cfg.LLM.Timeout != 3*time.Second || cfg.LLM.MaxConcurrent != 8 {
		t.Errorf("defaults: %+v", cfg.LLM)
	}
	if s := cfg.LLM.String(); strings.Contains(s, "sk-from-file") {
		t.Errorf("String shows the key: %s", s)
	}

	for name, env := range map[string]map[string]string{
		"no model":        {"SIGNPOST_LLM_BASE_URL": "http://127.0.0.1:11434/v1"},
		"two keys":        {"SIGNPOST_LLM_MODEL": "m", "SIGNPOST_LLM_API_KEY": "k", "SIGNPOST_LLM_API_KEY_FILE": keyFile},
		"empty key file":  {"SIGNPOST_LLM_MODEL": "m", "SIGNPOST_LLM_API_KEY_FILE": empty},
		"no key file":     {"SIGNPOST_LLM_MODEL": "m", "SIGNPOST_LLM_API_KEY_FILE": filepath.Join(dir, "missing")},
		"bad url":         {"SIGNPOST_LLM_MODEL": "m", "SIGNPOST_LLM_BASE_URL": "localhost:11434"},
		"azure no url":    {"SIGNPOST_LLM_MODEL": "m", "SIGNPOST_LLM_API": "azure"},
		"unknown api":     {"SIGNPOST_LLM_MODEL": "m", "SIGNPOST_LLM_API": "anthropic"},
		"zero timeout":    {"SIGNPOST_LLM_MODEL": "m", "SIGNPOST_LLM_TIMEOUT": "0s"},
		"zero concurrent": {"SIGNPOST_LLM_MODEL": "m", "SIGNPOST_LLM_MAX_CONCURRENT": "0"},
	} {
		_, err := loadConfig(env)
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		if strings.Contains(err.Error(), "sk-from-file") || strings.Contains(err.Error(), "\"k\"") {
			t.Errorf("%s: error shows the key: %v", name, err)
		}
	}
}

// The whole server, configured by environment, answers a message the rules
// miss through a local OpenAI-compatible server, and exports LLM metrics.
func TestServeWithLLM(t *testing.T) {
	var calls atomic.Int32
	var gotAuth atomic.Value
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		calls.Add(1)
		gotAuth.Store(r.Header.Get("Authorization"))
		var req openai.ChatCompletionRequest
		json.NewDecoder(r.Body).Decode(&req)
		content := `{"intent":"outage_appointments","emergency":false,"crisis":false}`
		json.NewEncoder(w).Encode(openai.ChatCompletionResponse{ID: "x", Object: "chat.completion", Model: req.Model,
			Choices: []openai.ChatCompletionChoice{{Message: openai.ChatCompletionMessage{Role: "assistant", Content: content}, FinishReason: "stop"}}})
	}))
	defer fake.Close()

	keyFile := filepath.Join(t.TempDir(), "key")
	os.WriteFile(keyFile, []byte("sk-secret-123\n"), 0o600)
	var logs apitest.Output
	a, _ := runAppLogging(t, map[string]string{
		"SIGNPOST_LOG_FORMAT":       "json",
		"SIGNPOST_LLM_BASE_URL":     fake.URL + "/v1",
		"SIGNPOST_LLM_MODEL":        "llama3.2",
		"SIGNPOST_LLM_API_KEY_FILE": keyFile,
		"SIGNPOST_LOG_LEVEL":        "debug",
		// The LLM alone: the trained second opinion comes before it and
		// would place this message itself.
		"SIGNPOST_SECOND_OPINION": "false",
	}, &logs)
	base := "http://" + a.addr()

	msg := "is the eye place still doing thursdays" // the bundled rules miss it
	for range 2 {
		resp, err := http.Post(base+"/api/v1/messages", "application/json", strings.NewReader(`{"text":"`+msg+`"}`))
		if err != nil {
			t.Fatal(err)
		}
		var out struct {
			Intent *string `json:"intent"`
		}
		json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		if out.Intent == nil || *out.Intent != "outage_appointments" {
			t.Fatalf("intent = %v", out.Intent)
		}
	}
	if calls.Load() != 1 {
		t.Errorf("model called %d times for the same message twice", calls.Load())
	}
	if gotAuth.Load() != "Bearer sk-secret-123" {
		t.Errorf("Authorization = %v", gotAuth.Load())
	}

	// An unclear answer to a triage question is asked again, or read by the
	// findings layer; the model, which would say outage_appointments, is
	// never asked to leave the safety question (the call count stays 1).
	q := say(t, base, map[string]string{"text": "I have a sore throat"})
	if q.Intent == nil || *q.Intent != "sore_throat" || q.Disposition != nil || len(q.QuickReplies) == 0 {
		t.Fatalf("want the sore throat's first question, got %+v", q)
	}
	r := say(t, base, map[string]string{"session_id": q.SessionID, "text": "a bit, when I walk upstairs"})
	if calls.Load() != 1 {
		t.Errorf("the model was asked about an answer to a triage question (%d calls)", calls.Load())
	}
	if r.Intent != nil && strings.HasPrefix(*r.Intent, "outage_") {
		t.Errorf("the model's answer replaced the triage flow: %+v", r)
	}
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`signpost_llm_calls_total{outcome="ok"} 1`, `signpost_llm_cache_total{result="hit"} 1`, "signpost_llm_call_seconds_count 1"} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("metrics lack %s", want)
		}
	}
	l := logs.String()
	if strings.Contains(l, "sk-secret-123") || strings.Contains(l, "eye place") {
		t.Errorf("logs show the key or the message:\n%s", l)
	}
	if !strings.Contains(l, "llm fallback on") {
		t.Errorf("start-up not logged:\n%s", l)
	}
}
