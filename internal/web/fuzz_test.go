package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

// FuzzMessagesAPI posts arbitrary bodies: the answer is always 200 or a 4xx
// with a JSON error, never a 5xx.
func FuzzMessagesAPI(f *testing.F) {
	set := contenttest.Bundled(f)
	srv := New(engine.New(set, store.NewMemory(10_000, 0)), nil, Config{}, nil, nil)
	for _, s := range []string{`{"text":"hi"}`, `{"session_id":"x","payload":"yes"}`, `{`, `[]`, `null`, `{"text":null}`, `{"text":"a"}{}`, `"str"`, `{"text":"\u0000"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/api/v1/messages", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("body %q: status %d", body, rec.Code)
		}
		if rec.Code != http.StatusOK && !strings.Contains(rec.Body.String(), `"error"`) {
			t.Fatalf("body %q: %d without a JSON error: %s", body, rec.Code, rec.Body.String())
		}
	})
}
