package content_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nhs-signpost/signpost/internal/content"
)

const classifierIntents = `intents:
  - id: info_only
    disposition: info
    keywords: [car park]
    reply: "Park in the main car park."
    quick_replies: [{title: "More", payload: "intent:gp_answer"}]
  - id: gp_answer
    disposition: gp
    reply: "See your GP."
    reason: "They know you."
    if_worse: "Call 111."
red_flags:
  - id: crisis_reply
    level: mental_health_crisis
    reply: "Call 111, option 2."
    source: test
    when: ["zzmarker"]
  - id: emergency_reply
    level: "999"
    reply: "Call 999."
    source: test
    when: ["zzother"]
`

// loadClassifier loads a small content set with a classifier.yaml.
func loadClassifier(section string) (*content.Set, error) {
	return content.Load(fstest.MapFS{
		"messages.yaml":   {Data: []byte(goodMessages)},
		"intents.yaml":    {Data: []byte(classifierIntents)},
		"classifier.yaml": {Data: []byte(section)},
	})
}

func TestClassifierSectionIsValidated(t *testing.T) {
	broken := `classifier:
  topic_at_least: 0.5
  choices_at_least: 0
  emergency_at_least: 1.5
  rule_at_least: 0.5
  crisis_at_least: 0.9
  safety_net: gp_answer
  crisis_rule: no_such_rule
  emergency_rule: crisis_reply
`
	_, err := loadClassifier(broken)
	if err == nil {
		t.Fatal("a broken classifier section loaded")
	}
	for _, want := range []string{
		"classifier.yaml:3: classifier: choices_at_least must be above 0",
		"classifier.yaml:4: classifier: emergency_at_least must be above 0 and at most 1",
		"classifier.yaml:2: classifier: urgent_at_least is missing",
		`classifier.yaml:7: classifier: safety_net intent "gp_answer" has disposition "gp"; it must be urgent or higher`,
		`classifier.yaml:8: classifier: crisis_rule names unknown red flag "no_such_rule"`,
		`classifier.yaml:9: classifier: emergency_rule "crisis_reply" has level mental_health_crisis, want 999 or ae`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors do not say %q:\n%v", want, err)
		}
	}
}

func TestClassifierSectionLoads(t *testing.T) {
	good := `classifier:
  topic_at_least: 0.5
  choices_at_least: 0.1
  emergency_at_least: 0.9
  rule_at_least: 0.5
  crisis_at_least: 0.9
  urgent_at_least: 1
  safety_net: net
  emergency_rule: emergency_reply
  crisis_rule: crisis_reply
intents:
  - id: net
    disposition: urgent
    reply: "Call 999 if any of these, otherwise 111 now."
    reason: "A message can't show everything."
    if_worse: "Call 999."
`
	set, err := loadClassifier(good)
	if err != nil {
		t.Fatal(err)
	}
	c := set.Classifier
	if c == nil || c.EmergencyAtLeast != 0.9 || c.UrgentAtLeast != 1 || c.SafetyNet != "net" || c.EmergencyRule != "emergency_reply" || c.CrisisRule != "crisis_reply" {
		t.Fatalf("classifier section read as %+v", c)
	}
}
