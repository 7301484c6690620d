package engine_test

import (
	"context"
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
