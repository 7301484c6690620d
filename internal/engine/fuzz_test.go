package engine_test

import (
	"context"
	"testing"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

// FuzzHandle sends arbitrary text and payloads through normalisation, the
// safety screen, matching and the flow with the bundled content: every
// message gets at least one message back and nothing panics.
func FuzzHandle(f *testing.F) {
	set := contenttest.Bundled(f)
	eng := engine.New(set, store.NewMemory(10_000, 0))
	for _, s := range []string{"sore throat", "yes", "no", "intent:appointment_cancelled", "restart", "a&e", "日本語 テキスト", "\x00\xff", "her face * @x is drooping"} {
		f.Add(s, "")
		f.Add("", s)
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, text, payload string) {
		r, err := eng.Handle(ctx, engine.Request{Text: text, Payload: payload})
		if err != nil {
			if engine.TooLong(text) || engine.TooLong(payload) {
				return
			}
			t.Fatalf("Handle(%q, %q): %v", text, payload, err)
		}
		if text == "" && payload == "" {
			return
		}
		if len(r.Messages) == 0 {
			t.Fatalf("Handle(%q, %q) gave no message", text, payload)
		}
		// Continue the conversation with a "no", as a person pressing a button would.
		if _, err := eng.Handle(ctx, engine.Request{SessionID: r.SessionID, Payload: content.PayloadNo}); err != nil {
			t.Fatal(err)
		}
	})
}
