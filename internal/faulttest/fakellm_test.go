package faulttest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// fakeLLM is an OpenAI-compatible endpoint (POST /v1/chat/completions) in
// the test process. Each call waits delay, then answers with status (an
// OpenAI-style error) or, for 200, a well-formed "none" decision.
type fakeLLM struct {
	srv    *httptest.Server
	calls  atomic.Int64
	delay  atomic.Int64 // time.Duration
	status atomic.Int64
}

func newFakeLLM(t *testing.T, delay time.Duration, status int) *fakeLLM {
	t.Helper()
	f := &fakeLLM{}
	f.delay.Store(int64(delay))
	f.status.Store(int64(status))
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeLLM) url() string { return f.srv.URL + "/v1" }

func (f *fakeLLM) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		http.Error(w, `{"error":{"message":"not found","type":"invalid_request_error"}}`, http.StatusNotFound)
		return
	}
	var req struct {
		Model string `json:"model"`
	}
	body, _ := io.ReadAll(r.Body)
	_ = json.Unmarshal(body, &req)
	f.calls.Add(1)
	if d := time.Duration(f.delay.Load()); d > 0 {
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	if st := int(f.status.Load()); st != http.StatusOK {
		typ := "server_error"
		if st == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "20")
			typ = "rate_limit_exceeded"
		}
		w.WriteHeader(st)
		json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": "scripted failure", "type": typ, "code": typ}})
		return
	}
	decision, _ := json.Marshal(map[string]any{"intent": "none", "emergency": false, "crisis": false})
	json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-fault", "object": "chat.completion", "created": time.Now().Unix(), "model": req.Model,
		"choices": []map[string]any{{
			"index":         0,
			"message":       map[string]any{"role": "assistant", "content": string(decision)},
			"finish_reason": "stop",
		}},
	})
}

func llmEnv(f *fakeLLM, timeout string) map[string]string {
	return map[string]string{
		"SIGNPOST_LLM_BASE_URL":       f.url(),
		"SIGNPOST_LLM_MODEL":          "test",
		"SIGNPOST_LLM_API_KEY":        "x",
		"SIGNPOST_LLM_TIMEOUT":        timeout,
		"SIGNPOST_LLM_MAX_CONCURRENT": "64",
		// These tests are about the LLM path: without the trained second
		// opinion, which would place some nonsense messages before the model
		// is asked, every message reaches the model.
		"SIGNPOST_SECOND_OPINION": "false",
	}
}

// nonsense is a message no rule matches, different for each n so that the
// LLM's decision cache does not answer it.
func nonsense(n int) string {
	const letters = "bcdfghjklmnpqrstvwxz"
	word := func(k int) string {
		b := []byte("zorb")
		for ; k > 0; k /= len(letters) {
			b = append(b, letters[k%len(letters)], 'u')
		}
		return string(b)
	}
	return word(n) + " " + word(n*7+3) + " quffle"
}
