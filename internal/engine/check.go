package engine

import (
	"context"
	"fmt"
	"strings"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/phrase"
	"github.com/nhs-signpost/signpost/internal/safety"
)

// Failure is one content test that did not pass.
type Failure struct {
	content.Pos
	Msg string
}

func (f Failure) String() string { return fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Msg) }

// CheckReport is the result of running a content set's own tests.
type CheckReport struct {
	Passed   int
	Failures []Failure
}

// Check runs the content's own tests: every red-flag test phrase must (or
// must not) meet its rule; every example utterance of an intent must route
// to that intent and every counter-example must not; every conversation
// check must end in its disposition. store holds the checks' conversations.
func Check(ctx context.Context, set *content.Set, store Store) CheckReport {
	var rep CheckReport
	fail := func(p content.Pos, format string, args ...any) {
		rep.Failures = append(rep.Failures, Failure{Pos: p, Msg: fmt.Sprintf(format, args...)})
	}
	b := NewBundle(set)
	for _, f := range set.Findings {
		for _, want := range []struct {
			status phrase.Status
			exs    []content.Example
		}{{phrase.Present, f.Tests.Present}, {phrase.Absent, f.Tests.Absent}, {phrase.Past, f.Tests.Past}, {phrase.NotSaid, f.Tests.NotSaid}} {
			for _, ex := range want.exs {
				doc := set.Analyzer.Analyze(ex.Text)
				if got := f.Status(set.Library.Scan(doc)); got == want.status {
					rep.Passed++
				} else {
					fail(ex.Pos, "finding %q should be %s in %q but is %s", f.ID, want.status, ex.Text, got)
				}
			}
		}
	}
	for _, rf := range set.RedFlags {
		for _, ex := range rf.Tests.Match {
			doc := set.Analyzer.Analyze(ex.Text)
			hits := set.Library.Scan(doc)
			if !safety.Meets(rf, doc, hits) {
				fail(ex.Pos, "red flag %q should match %q but does not", rf.ID, ex.Text)
				continue
			}
			// Which rule answers is decided by acuity, outranks: and
			// specificity, never by where a rule is written.
			if fl := safety.Screen(set, doc, hits); len(fl) > 1 && safety.Tied(fl[0], fl[1]) {
				fail(ex.Pos, "red flags %q and %q both meet %q at the same level, rank and specificity: say which answers first with outranks:", fl[0].Rule.ID, fl[1].Rule.ID, ex.Text)
				continue
			}
			rep.Passed++
		}
		for _, ex := range rf.Tests.NoMatch {
			doc := set.Analyzer.Analyze(ex.Text)
			if !safety.Meets(rf, doc, set.Library.Scan(doc)) {
				rep.Passed++
			} else {
				fail(ex.Pos, "red flag %q should not match %q but does", rf.ID, ex.Text)
			}
		}
	}
	for _, in := range set.Intents {
		for _, ex := range in.Examples {
			got := route(b, ex.Text)
			if got == in.ID {
				rep.Passed++
			} else {
				fail(ex.Pos, "example %q of intent %q goes to %s", ex.Text, in.ID, describe(got))
			}
		}
		for _, ex := range in.NotExamples {
			got := route(b, ex.Text)
			if got != in.ID {
				rep.Passed++
			} else {
				fail(ex.Pos, "counter-example %q should not go to intent %q, but does", ex.Text, in.ID)
			}
		}
	}
	for _, rf := range set.RedFlags {
		for _, id := range rf.Outranks {
			if set.RedFlag(id) == nil {
				fail(rf.Pos, "red flag %q outranks unknown red flag %q (misspelt, or the rule was removed)", rf.ID, id)
			} else {
				rep.Passed++
			}
		}
	}
	eng := New(set, store)
	for _, c := range set.Checks {
		if c.RedFlag != "" && set.RedFlag(c.RedFlag) == nil {
			fail(c.Pos, "check names unknown red flag %q (misspelt, or the rule was removed)", c.RedFlag)
			continue
		}
		got, err := converse(ctx, eng, c.Say, c.Answers)
		if err != nil {
			fail(c.Pos, "check %q: %v", c.Say, err)
			continue
		}
		var bad []string
		if c.Disposition != "" && got.Disposition != c.Disposition {
			bad = append(bad, fmt.Sprintf("disposition %s, want %s", describe(got.Disposition), c.Disposition))
		}
		if c.Intent != "" && got.Intent != c.Intent {
			bad = append(bad, fmt.Sprintf("intent %s, want %s", describe(got.Intent), c.Intent))
		}
		if c.RedFlag != "" && got.RedFlag != c.RedFlag {
			bad = append(bad, fmt.Sprintf("red flag %s, want %s", describe(got.RedFlag), c.RedFlag))
		}
		if len(bad) > 0 {
			fail(c.Pos, "check %q ended with %s", c.Say, strings.Join(bad, "; "))
		} else {
			rep.Passed++
		}
	}
	return rep
}

func describe(s string) string {
	if s == "" {
		return "nothing (no confident match)"
	}
	return fmt.Sprintf("%q", s)
}

// route says where a first message goes before any question: a red flag
// ("red_flag.ID"), an intent id, or "" for the fallback.
func route(b *Bundle, msg string) string {
	set := b.Content
	doc := set.Analyzer.Analyze(msg)
	hits := set.Library.Scan(doc)
	if fl := safety.Screen(set, doc, hits); len(fl) > 0 {
		return "red_flag." + fl[0].Rule.ID
	}
	if r, ok := b.Matcher.Best(doc, hits); ok {
		return r.Intent.ID
	}
	return ""
}

// converse plays a whole conversation: it says msg, then gives answers in
// turn (and "no" once they run out) while the engine is still asking, and
// returns the reply that signposted the person (or the last one).
func converse(ctx context.Context, eng *Engine, msg string, answers []string) (Reply, error) {
	r, err := eng.Handle(ctx, Request{Text: msg, Channel: "check"})
	if err != nil {
		return r, err
	}
	first := r
	for i := 0; r.Disposition == "" && i < 6; i++ {
		a := content.PayloadNo
		if i < len(answers) {
			a = answers[i]
		}
		if len(r.QuickReplies) == 0 {
			break
		}
		r, err = eng.Handle(ctx, Request{SessionID: r.SessionID, Payload: a, Channel: "check"})
		if err != nil {
			return r, err
		}
	}
	if first.RedFlag != "" {
		return first, nil
	}
	return r, nil
}
