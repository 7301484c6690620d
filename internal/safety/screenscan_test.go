package safety_test

import (
	"slices"
	"testing"

	"github.com/nhs-signpost/signpost/eval"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/evaluate"
	"github.com/nhs-signpost/signpost/internal/phrase"
	"github.com/nhs-signpost/signpost/internal/safety"
)

// The screen on its own (Engine.Screen, for a message that will not be
// answered in full) scans only for the patterns the red-flag rules read.
// On every message of the tuning corpus and every rule's and finding's own
// examples, it must meet exactly the rules, in exactly the order, that the
// screen meets after a scan of the whole library.
func TestScreenScanMeetsTheSameRulesAsTheFullScan(t *testing.T) {
	s := set(t)
	msgs := tuningMessages(t)
	for _, rf := range s.RedFlags {
		for _, ex := range append(slices.Clone(rf.Tests.Match), rf.Tests.NoMatch...) {
			msgs = append(msgs, ex.Text)
		}
	}
	for _, f := range s.Findings {
		for _, exs := range [][]content.Example{f.Tests.Present, f.Tests.Absent, f.Tests.Past, f.Tests.NotSaid} {
			for _, ex := range exs {
				msgs = append(msgs, ex.Text)
			}
		}
	}
	if len(msgs) < 5000 {
		t.Fatalf("only %d messages to compare", len(msgs))
	}
	met, skipped := 0, 0
	for _, msg := range msgs {
		doc := s.Analyzer.Analyze(msg)
		full := s.Library.Scan(doc)
		part := s.ScanForScreen(phrase.Hits{}, doc)
		fullFound, partFound := s.Find(full), s.Find(part)
		want := ruleList(safety.ScreenFound(s, &doc, &fullFound))
		got := ruleList(safety.ScreenFound(s, &doc, &partFound))
		if !slices.Equal(got, want) {
			t.Errorf("%q: the screen's own scan meets %v, the full scan %v", msg, got, want)
		}
		if len(want) > 0 {
			met++
		}
		if len(part.AppendMatched(nil)) < len(full.AppendMatched(nil)) {
			skipped++
		}
	}
	// It must be a real saving, and the comparison a real one.
	if met < 1000 || skipped < len(msgs)/2 {
		t.Errorf("of %d messages, %d met a rule and %d had intent-only patterns skipped", len(msgs), met, skipped)
	}
}

func ruleList(hits []safety.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Rule.ID)
	}
	return out
}

func tuningMessages(t *testing.T) []string {
	t.Helper()
	cases, err := evaluate.ReadFS(eval.Tuning)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(cases))
	for i, c := range cases {
		out[i] = c.Message
	}
	return out
}
