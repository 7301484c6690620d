package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

// The sepsis and meningitis warning-signs answer lists only their signs: a
// question about what to look out for with anything else must not get it,
// and a question about sepsis or meningitis still does.
func TestWarningSignsAnswerOnlyForSepsisOrMeningitis(t *testing.T) {
	eng := engine.New(contenttest.Bundled(t), store.NewMemory(100, 0))
	first := func(msg string) string {
		r, err := eng.Handle(context.Background(), engine.Request{Text: msg, Channel: "test"})
		if err != nil {
			t.Fatalf("Handle(%q): %v", msg, err)
		}
		return r.Intent
	}
	for _, msg := range []string{
		"what symptoms should I look out for with a heart attack",
		"what signs should we watch out for after his knee operation",
		"any symptoms I should look out for with shingles",
	} {
		if got := first(msg); got == "tr_warning_signs_asked" {
			t.Errorf("%q got the sepsis and meningitis warning signs", msg)
		}
	}
	for _, msg := range []string{
		"watched a documentary about sepsis, what are the signs I should look out for",
		"saw a piece on the news about meningitis, how would I know the signs",
	} {
		if got := first(msg); got != "tr_warning_signs_asked" {
			t.Errorf("%q answered by %q, want the warning signs", msg, got)
		}
	}
}

// One answer for every "what are the signs of…" question asked ahead of
// time: it names the signs of a stroke, a heart attack, sepsis and
// meningitis and says to call 999, whichever was asked about.
func TestWarningSignsAskedAheadGetOneAnswerWithEachCondition(t *testing.T) {
	eng := engine.New(contenttest.Bundled(t), store.NewMemory(100, 0))
	for _, msg := range []string{
		"can you list the signs of a stroke so we know what to look for, dad lives on his own",
		"just wondering what the signs of a heart attack are in a woman, nothing wrong, mum worries",
		"saw a piece on the news about meningitis, how would I know the signs",
	} {
		r, err := eng.Handle(context.Background(), engine.Request{Text: msg, Channel: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if r.Intent != "tr_warning_signs_asked" {
			t.Errorf("%q answered by %q, want the warning signs", msg, r.Intent)
			continue
		}
		var all strings.Builder
		for _, m := range r.Messages {
			all.WriteString(m.Text)
		}
		for _, want := range []string{"Call 999", "FAST", "heart attack", "Sepsis", "glass"} {
			if !strings.Contains(all.String(), want) {
				t.Errorf("%q: the answer does not mention %q", msg, want)
			}
		}
	}
}
