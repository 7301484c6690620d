package engine_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nhs-signpost/signpost/internal/classify"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

// An A&E rule over a knock to the head (a symptom) and a blood thinner (a
// context finding), the general emergency reply, and everyday topics.
const contextContent = `
findings:
` + contenttest.ContextFindings + `red_flags:
  - id: knock_thinned
    level: ae
    reply: "Go to A&E now: a knock to the head needs checking."
    source: test
    when:
      - {all: [knock, thinner]}
      - {all: [knock], any: [sick]}
    tests:
      match:
        - "he is on warfarin and banged his head"
        - "my wife takes apixaban and knocked her head on a shelf"
        - "dad bumped his head and has been vomiting"
        - "on blood thinners and hit my head on the door"
  - id: classifier_emergency
    level: "999"
    reply: "This could be an emergency: call 999 if a life is at risk, or go to A&E."
    source: test
    when: ["zzinternal emergency marker"]
  - id: classifier_crisis
    level: mental_health_crisis
    reply: "Call NHS 111 and choose option 2."
    source: test
    when: ["zzinternal marker"]
intents:
  - id: parking
    title: Parking
    disposition: info
    examples: ["where do I park", "how much is parking", "is the car park open"]
    keywords: [parking, car park]
    reply: "The car park is open."
  - id: cold
    title: A cold
    disposition: self_care
    examples: ["I have a cold", "runny nose and sneezing", "a bit of a cough"]
    keywords: [cold, runny nose]
    reply: "Rest and drink plenty."
    reason: "Colds get better on their own."
    if_worse: "If it gets worse, call NHS 111."
  - id: classifier_safety_net
    title: Get help today
    disposition: urgent
    reply: "Call 999 if any of these... otherwise call NHS 111 now."
    reason: "A message can't show everything."
    if_worse: "Call 999 if it gets worse."
`

// contextCorpus teaches that someone grey, clammy and not waking is an
// emergency, whoever it is and whatever else is said.
func contextCorpus() []classify.Example {
	var out []classify.Example
	for _, who := range []string{"my mum", "my dad", "my husband", "my wife", "grandad", "my neighbour", "he", "she"} {
		for _, s := range []string{"%s is grey and clammy and won't wake up", "%s won't wake up and is breathing strangely", "%s is on the floor, grey and not responding"} {
			out = append(out, classify.Example{Text: fmt.Sprintf(s, who), Acuity: classify.Emergency})
		}
		for _, s := range []string{"%s has a runny nose", "%s wants to know where to park", "%s has a bit of a cough"} {
			out = append(out, classify.Example{Text: fmt.Sprintf(s, who), Acuity: classify.Routine})
		}
	}
	return out
}

func contextEngine(t *testing.T) *engine.Engine {
	t.Helper()
	set, err := content.Load(fstest.MapFS{
		"messages.yaml":   {Data: contenttest.Messages()},
		"services.yaml":   {Data: []byte(testServices)},
		"rules.yaml":      {Data: []byte(contextContent)},
		"classifier.yaml": {Data: []byte(thresholds(0.5, 0.1, 0.5, 0.05, 1, 1))},
	})
	if err != nil {
		t.Fatalf("test content does not load: %v", err)
	}
	return engine.New(set, store.NewMemory(100, 0), engine.WithSecondOpinion(contextCorpus()))
}

// A message read as an emergency that names only the closest rule's context
// (a blood thinner, no knock to the head) gets the general emergency words,
// at the closest rule's level; one that tells the rule's symptom (a knock to
// the head, without what the rules need to meet it) keeps the rule's words.
func TestSecondOpinionGivesARuleOnlyThroughItsContextInGeneralWords(t *testing.T) {
	eng := contextEngine(t)
	const onlyContext = "mum is on warfarin and now she is grey and clammy and won't wake up"
	if rd := eng.Bundle().Second.ReadText(onlyContext); rd.Emergency < 0.5 {
		t.Fatalf("the model reads %q as emergency %.2f; the test needs a confident reading", onlyContext, rd.Emergency)
	}
	r := say(t, eng, onlyContext)
	if r.RedFlag != "classifier_emergency" || r.SecondOpinion != engine.SecondRaisedAlike || r.Disposition != content.DispAE {
		t.Fatalf("%q: reply %+v: want the general emergency words at the closest rule's level (ae)", onlyContext, r)
	}
	if strings.Contains(r.Messages[0].Text, "head") {
		t.Errorf("%q: reply %q names a head injury the message never mentioned", onlyContext, r.Messages[0].Text)
	}

	const symptom = "mum bumped her head and now she is grey and clammy and won't wake up"
	r = say(t, eng, symptom)
	if r.RedFlag != "knock_thinned" || r.SecondOpinion != engine.SecondRaisedRule || r.Disposition != content.DispAE {
		t.Fatalf("%q: reply %+v: want the knock_thinned rule's own A&E reply from the second opinion", symptom, r)
	}
}
