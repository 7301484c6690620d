package llm

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// fakeLLM is a local server speaking the OpenAI chat completions protocol
// (POST /v1/chat/completions), answering as each test scripts it.
type fakeLLM struct {
	srv    *httptest.Server
	script func(req openai.ChatCompletionRequest, message string) reply

	mu     sync.Mutex
	bodies []string
	auth   string
}

// reply is one scripted answer. Content is the assistant message; Status,
// if not 200, sends an OpenAI-style error instead; Delay holds the answer back.
type reply struct {
	Status   int
	Content  string
	Refusal  string
	Finish   string
	Delay    time.Duration
	NoChoice bool
}

func newFake(t testing.TB, script func(req openai.ChatCompletionRequest, message string) reply) *fakeLLM {
	t.Helper()
	f := &fakeLLM{script: script}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// always answers every request with the same reply.
func always(r reply) func(openai.ChatCompletionRequest, string) reply {
	return func(openai.ChatCompletionRequest, string) reply { return r }
}

// answerJSON is a well-formed answer.
func answerJSON(intent string, emergency, crisis bool) string {
	b, _ := json.Marshal(map[string]any{"intent": intent, "emergency": emergency, "crisis": crisis})
	return string(b)
}

func (f *fakeLLM) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		http.Error(w, `{"error":{"message":"not found","type":"invalid_request_error"}}`, http.StatusNotFound)
		return
	}
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.bodies = append(f.bodies, string(body))
	f.auth = r.Header.Get("Authorization")
	f.mu.Unlock()
	var req openai.ChatCompletionRequest
	if err := json.Unmarshal(body, &req); err != nil {
		http.Error(w, `{"error":{"message":"bad json","type":"invalid_request_error"}}`, http.StatusBadRequest)
		return
	}
	rp := f.script(req, userMessage(req))
	if rp.Delay > 0 {
		select {
		case <-time.After(rp.Delay):
		case <-r.Context().Done():
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	if rp.Status != 0 && rp.Status != http.StatusOK {
		w.WriteHeader(rp.Status)
		typ := "server_error"
		if rp.Status == http.StatusTooManyRequests {
			typ = "rate_limit_exceeded"
		}
		json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": "scripted failure", "type": typ, "code": typ}})
		return
	}
	finish := openai.FinishReason(rp.Finish)
	if finish == "" {
		finish = openai.FinishReasonStop
	}
	resp := openai.ChatCompletionResponse{ID: "chatcmpl-test", Object: "chat.completion", Created: time.Now().Unix(), Model: req.Model}
	if !rp.NoChoice {
		resp.Choices = []openai.ChatCompletionChoice{{
			Index:        0,
			Message:      openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: rp.Content, Refusal: rp.Refusal},
			FinishReason: finish,
		}}
	}
	json.NewEncoder(w).Encode(resp)
}

// userMessage takes the patient's (masked) message out of its delimiters.
func userMessage(req openai.ChatCompletionRequest) string {
	for _, m := range req.Messages {
		if m.Role == openai.ChatMessageRoleUser {
			s := strings.TrimPrefix(m.Content, "<<<MESSAGE\n")
			return strings.TrimSuffix(s, "\nMESSAGE>>>")
		}
	}
	return ""
}

func (f *fakeLLM) url() string { return f.srv.URL + "/v1" }

func (f *fakeLLM) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.bodies)
}

func (f *fakeLLM) body(i int) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.bodies[i]
}

func (f *fakeLLM) authorization() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.auth
}
