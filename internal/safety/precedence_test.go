package safety_test

import (
	"context"
	"strings"
	"testing"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/safety"
	"github.com/nhs-signpost/signpost/internal/store"
)

// The reply must suit the message: when several rules are met, the one
// answered is chosen by level, then outranks:, then specificity, never by
// the order rules are written in.
func TestPrecedenceChoosesTheReplyThatFits(t *testing.T) {
	s := set(t)
	for msg, want := range map[string]string{
		"my baby is not breathing":                              "not_breathing",
		"he collapsed and he isn't breathing":                   "not_breathing",
		"my dad has stopped breathing and his lips are blue":    "not_breathing",
		"she's fitting and now she's stopped breathing":         "not_breathing",
		"i can't breathe and my lips are blue":                  "cant_breathe",
		"he's got a sweet stuck in his throat and cant breathe": "choking",
		"my toddler is choking and not breathing":               "choking",
	} {
		doc := s.Analyzer.Analyze(msg)
		hits := safety.Screen(s, doc, s.Library.Scan(doc))
		if len(hits) == 0 {
			t.Errorf("%q: no red flag, want %s", msg, want)
			continue
		}
		if hits[0].Rule.ID != want {
			t.Errorf("%q answered by %s, want %s", msg, hits[0].Rule.ID, want)
		}
		for _, h := range hits[1:] {
			if safety.Before(h, hits[0]) {
				t.Errorf("%q: %s is ordered after %s but comes before it", msg, h.Rule.ID, hits[0].Rule.ID)
			}
			// Chosen by the rules' levels, outranks: and specificity: were
			// the two tied, only file order would have chosen.
			if safety.Tied(h, hits[0]) {
				t.Errorf("%q: %s and %s tie, so file order chooses", msg, h.Rule.ID, hits[0].Rule.ID)
			}
		}
	}
}

// Every not-breathing message gets CPR wording, never the advice for
// someone who is struggling to breathe.
func TestNotBreathingReplyHasCPRWording(t *testing.T) {
	s := set(t)
	for _, rf := range s.RedFlags {
		if rf.ID != "not_breathing" {
			continue
		}
		for _, want := range []string{"999", "call handler will tell you what to do", "CPR"} {
			if !strings.Contains(rf.Reply, want) {
				t.Errorf("not_breathing reply lacks %q: %s", want, rf.Reply)
			}
		}
		for _, bad := range []string{"inhaler", "Sit up"} {
			if strings.Contains(rf.Reply, bad) {
				t.Errorf("not_breathing reply has breathing-difficulty advice %q", bad)
			}
		}
		return
	}
	t.Fatal("no not_breathing rule in the bundled content")
}

// Precedence is most acute first, then outranks:, then most specific; file
// order never enters into it (Screen sorts the hits it found in file order).
func TestPrecedenceIsAcuityThenRankThenSpecificity(t *testing.T) {
	rule := func(id, level string, rank int) *content.RedFlag {
		return &content.RedFlag{ID: id, Level: level, Rank: rank}
	}
	for _, c := range []struct {
		name        string
		first, then safety.Hit
	}{
		{"999 before A&E, however specific the A&E rule",
			safety.Hit{Rule: rule("a", content.Disp999, 0), Specificity: 1}, safety.Hit{Rule: rule("b", content.DispAE, 5), Specificity: 9}},
		{"A&E before a crisis",
			safety.Hit{Rule: rule("a", content.DispAE, 0), Specificity: 1}, safety.Hit{Rule: rule("b", content.DispCrisis, 0), Specificity: 9}},
		{"the same level: the rule that outranks the other",
			safety.Hit{Rule: rule("a", content.Disp999, 1), Specificity: 1}, safety.Hit{Rule: rule("b", content.Disp999, 0), Specificity: 9}},
		{"the same level and rank: the more specific",
			safety.Hit{Rule: rule("a", content.Disp999, 0), Specificity: 3}, safety.Hit{Rule: rule("b", content.Disp999, 0), Specificity: 2}},
	} {
		if !safety.Before(c.first, c.then) || safety.Before(c.then, c.first) || safety.Tied(c.first, c.then) {
			t.Errorf("%s: want %s before %s", c.name, c.first.Rule.ID, c.then.Rule.ID)
		}
	}
}

// Through the engine, as a patient sees it: someone not breathing gets
// call 999 and CPR, never the advice for someone struggling to breathe.
func TestNotBreathingIsAnsweredWithCPR(t *testing.T) {
	eng := engine.New(set(t), store.NewMemory(10, 0))
	for _, msg := range []string{"my baby is not breathing", "he collapsed and he isn't breathing",
		"my dad has stopped breathing and his lips are blue", "she's fitting and now she's stopped breathing"} {
		r, err := eng.Handle(context.Background(), engine.Request{Text: msg})
		if err != nil {
			t.Fatal(err)
		}
		if r.Disposition != content.Disp999 || len(r.Messages) == 0 {
			t.Errorf("%q: disposition %q, want 999", msg, r.Disposition)
			continue
		}
		first := r.Messages[0].Text
		if !strings.HasPrefix(first, "Call 999") || !strings.Contains(first, "CPR") {
			t.Errorf("%q: the first message lacks call 999 and CPR: %s", msg, first)
		}
		for _, bad := range []string{"inhaler", "Sit up", "sit up"} {
			if strings.Contains(first, bad) {
				t.Errorf("%q: breathing-difficulty advice %q in the answer: %s", msg, bad, first)
			}
		}
	}
}

// replyOf is the reply of the rule chosen to answer msg ("" if none).
func replyOf(t *testing.T, msg string) string {
	t.Helper()
	s := set(t)
	doc := s.Analyzer.Analyze(msg)
	hits := safety.Screen(s, doc, s.Library.Scan(doc))
	if len(hits) == 0 {
		return ""
	}
	return hits[0].Rule.Reply
}

// The breathing-difficulty reply answers heart failure, chest injuries,
// clots and infections as well as asthma, so its inhaler advice must be for
// asthma or COPD only (NHS, Asthma attacks); and someone collapsed who is
// only gasping now and then is not breathing normally, so the reply for a
// collapse must tell the caller to start CPR for gasping too (NHS, First
// aid: CPR; Resuscitation Council UK: occasional gasps are not breathing).
func TestBreathingAndCollapseRepliesFitEveryCause(t *testing.T) {
	for _, msg := range []string{
		"my grandad has heart failure and he's woken up fighting for breath, coughing up pink foam",
		"my flatmate was punched in the ribs and now he can barely get a breath in",
		"mum has had a chest infection all week and today she is struggling to breathe and can't talk in sentences",
	} {
		r := replyOf(t, msg)
		if !strings.Contains(r, "999") {
			t.Errorf("%q: reply lacks 999: %s", msg, r)
		}
		if strings.Contains(r, "inhaler") && !strings.Contains(r, "If it is asthma") {
			t.Errorf("%q: inhaler advice not limited to asthma or COPD: %s", msg, r)
		}
	}
	if r := replyOf(t, "my asthma is awful, I can't get my words out"); !strings.Contains(r, "reliever") {
		t.Errorf("an asthma attack's reply lacks the reliever inhaler: %s", r)
	}
	for _, msg := range []string{
		"my dad collapsed in the garden, he isn't responding, just the odd gasp",
		"found my neighbour on the floor, can't wake her and she is making gasping noises",
	} {
		r := replyOf(t, msg)
		if !strings.Contains(r, "999") || !strings.Contains(r, "CPR") || !strings.Contains(r, "gasping") {
			t.Errorf("%q: reply does not say to start CPR when only gasping: %s", msg, r)
		}
	}
}

// Lips or mouth swelling with breathing that has become hard, a wheeze, a
// tight throat or not swallowing is anaphylaxis even when no cause is named
// (NHS, When to call 999: sudden swelling of the lips, mouth, throat or
// tongue): the reply is the adrenaline one, not the breathing one. A lip
// swollen by a cold sore beside a cold's mild breathlessness is not.
func TestSwollenLipsWithHardBreathingGetTheAdrenalineReply(t *testing.T) {
	swollen := []string{
		"halfway through the meal her lips started swelling and now she can barely breathe",
		"my mouth is puffing up and I'm wheezing",
		"lips going huge and he can't swallow",
	}
	wantAnsweredBy(t, "anaphylaxis", swollen...)
	for _, msg := range swollen {
		if r := replyOf(t, msg); !strings.Contains(r, "adrenaline") {
			t.Errorf("%q: reply lacks the adrenaline auto-injector: %s", msg, r)
		}
	}
	wantNotRule(t, "anaphylaxis",
		"cold sore has made my top lip swell, and I'm a little short of breath with this cold",
		"my lip is swollen where I bit it, breathing is fine",
	)
}
