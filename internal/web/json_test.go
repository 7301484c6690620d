package web

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"testing"

	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

// stdEncode is what writeJSON wrote for an answer before it was written by hand.
func stdEncode(t testing.TB, r MessageResponse) string {
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Every answer the bundled content gives to its own examples, rule tests and
// checks is written byte for byte as encoding/json writes it.
func TestMessageResponseIsEncodingJSON(t *testing.T) {
	if !handWritten {
		t.Fatal("a field of the answer's types is not written by appendMessageResponse: add it there and to handWritten")
	}
	set := contenttest.Bundled(t)
	eng := engine.New(set, store.NewMemory(100_000, 0))
	var msgs []string
	for _, in := range set.Intents {
		for _, ex := range in.Examples {
			msgs = append(msgs, ex.Text)
		}
	}
	for _, rf := range set.RedFlags {
		for _, ex := range rf.Tests.Match {
			msgs = append(msgs, ex.Text)
		}
	}
	ctx := context.Background()
	for _, m := range msgs {
		reply, err := eng.Handle(ctx, engine.Request{Text: m})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range []MessageResponse{response(reply), response(engine.Reply{})} {
			got, ok := appendMessageResponse(nil, r)
			if want := stdEncode(t, r); !ok || string(got) != want {
				t.Fatalf("answer to %q:\n got %s\nwant %s", m, got, want)
			}
		}
	}
	open, closed := true, false
	odd := MessageResponse{SessionID: "a\"b\\c\n\t\b\f\x01<>&\u2028\u2029\xff", Confidence: 1e-7, Degraded: true, Source: engine.SourceSecondOpinion,
		Messages: []engine.Message{{Text: "é ☃ 𝄞", Kind: "x", Services: []engine.ServiceCard{
			{ID: "a", OpenNow: &open, ExampleData: true, Phone: "1", Address: "2", URL: "3", Status: "4",
				SMS: "5", SMSText: "6", SMSLabel: "7"}, {ID: "b", OpenNow: &closed}}}},
		QuickReplies: []engine.QuickReply{{Title: "t", Payload: "p"}}}
	for _, c := range []float64{0, 1, 0.5, 0.1 + 0.2, 1e-6, 1e-7, 123456789, 1e21, 1e22, -0.25} {
		odd.Confidence = c
		got, ok := appendMessageResponse(nil, odd)
		if want := stdEncode(t, odd); !ok || string(got) != want {
			t.Fatalf("confidence %v:\n got %s\nwant %s", c, got, want)
		}
	}
	odd.Confidence = math.NaN()
	if _, ok := appendMessageResponse(nil, odd); ok {
		t.Fatal("NaN written")
	}
}

func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "a\"b", "<&>", "\u2028", "\xff\xfe", "\x00\x1f", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("appendJSONString(%q) = %s, encoding/json: %s", s, got, want)
		}
	})
}

// A request the hand-written reader accepts reads exactly as encoding/json
// reads it; whatever it refuses goes to encoding/json.
func FuzzParseMessageRequest(f *testing.F) {
	for _, s := range []string{`{"text":"hi"}`, `{"session_id":"x","payload":"yes"}`, ` { "text" : null , "payload":"no" } `,
		`{}`, `{"Text":"x"}`, `{"text":"a\"b"}`, `{"text":"a"}{}`, `{"text":"a","text":"b"}`, `null`, `{"text":"\xff"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		got, ok := parseMessageRequest([]byte(body))
		if !ok {
			return
		}
		var req messageRequest
		dec := json.NewDecoder(bytes.NewReader([]byte(body)))
		if err := dec.Decode(&req); err != nil || dec.More() {
			t.Fatalf("%q: read by hand as %+v, refused by encoding/json (%v)", body, got, err)
		}
		if want := req.request(); got != want {
			t.Fatalf("%q: read by hand as %+v, by encoding/json as %+v", body, got, want)
		}
	})
}
