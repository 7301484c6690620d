package safety_test

import (
	"strings"
	"testing"

	"github.com/nhs-signpost/signpost/internal/safety"
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
