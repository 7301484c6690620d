package content_test

import (
	"testing"
	"testing/fstest"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
)

// Rules over a symptom and a context finding, a list of patterns with a
// time after its subject, a list that starts with its context, and a symptom that a rule only knows in one context.
const touchesYAML = `concepts:
  EXPECTING: [pregnant, expecting]
findings:
  - id: expecting
    title: Pregnant
    context: true
    says: ["@EXPECTING"]
    tests:
      present: ["I'm expecting"]
` + contenttest.ContextFindings + `  - id: flooding
    title: Heavy bleeding from below
    says: [flooding, soaking pads, soaking a pad]
    tests:
      present: ["I'm flooding"]
  - id: new_mother
    title: Recently given birth
    context: true
    says: [had * baby * ago, gave birth]
    tests:
      present: ["I gave birth on Monday"]
red_flags:
  - id: knock_thinned
    level: ae
    reply: "Go to A&E now: a knock to the head on a blood thinner."
    when:
      - {all: [knock, thinner]}
      - {all: [knock], any: [sick]}
  - id: droop_now
    level: "999"
    reply: "Call 999 now: a face that droops."
    when:
      - [face * droop/drooping/dropped, now/today/tonight/suddenly]
  - id: pregnant_pain
    level: "999"
    reply: "Call 999 now: severe pain in pregnancy."
    when:
      - ["@EXPECTING", agony/unbearable]
  - id: bleed_after_birth
    level: "999"
    reply: "Call 999 now: heavy bleeding after a birth."
    when:
      - {all: [new_mother, flooding]}
`

func TestTouchesNeedsWhatARuleIsAboutNotItsContext(t *testing.T) {
	set, err := content.Load(fstest.MapFS{
		"messages.yaml": {Data: []byte(goodMessages)},
		"rules.yaml":    {Data: []byte(touchesYAML)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !set.Finding("thinner").Context || set.Finding("knock").Context {
		t.Fatal("context: true is not read as the finding's Context")
	}
	for _, c := range []struct {
		rule, msg string
		want      bool
	}{
		// A context finding alone is not what the rule is about.
		{"knock_thinned", "my grandad takes warfarin, can he have ibuprofen for his back", false},
		{"knock_thinned", "he bumped his head getting out of the car", true},
		{"knock_thinned", "she is on apixaban and banged her head", true},
		// A later part of a list of patterns (a time) says nothing of it alone;
		// its first part (its subject) does.
		{"droop_now", "my knee has been sore since tonight's walk, worse now", false},
		{"droop_now", "her face is drooping on the left", true},
		// A list that starts with its context: the context alone is not it.
		{"pregnant_pain", "I'm 20 weeks pregnant, can I take paracetamol for a cold", false},
		{"pregnant_pain", "I'm pregnant and the pain is unbearable", true},
		// A symptom the rule knows only in a context the message does not state.
		{"bleed_after_birth", "my period is really heavy, I'm flooding", false},
		{"bleed_after_birth", "I had my baby two weeks ago and now I'm flooding", true},
	} {
		doc := set.Analyzer.Analyze(c.msg)
		fd := set.Find(set.Library.Scan(doc))
		if got := fd.Touches(set.RedFlag(c.rule)); got != c.want {
			t.Errorf("%q touches %s: %v, want %v", c.msg, c.rule, got, c.want)
		}
	}
}
