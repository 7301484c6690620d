package engine_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/nhs-signpost/signpost/internal/classify"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

// A small content set for the second opinion: one 999 rule ("collapsed"),
// the crisis reply, a self-care intent the rules find by keyword, an
// information intent, an intent with a question, and the safety net.
const secondContent = `
red_flags:
  - id: collapse
    level: "999"
    reply: "Call 999 now: someone has collapsed."
    source: test
    when: [collapsed, [grey, floppy]]
    tests:
      match:
        - "he has collapsed"
        - "my wife collapsed in the kitchen"
        - "dad collapsed and is grey and clammy"
        - "she collapsed at work and won't wake up"
        - "my son collapsed on the pitch, not responding"
        - "grandad collapsed, lips going blue"
  - id: classifier_emergency
    level: "999"
    reply: "This could be an emergency: call 999 now if a life is at risk."
    source: test
    when: ["zzinternal emergency marker"]
  - id: classifier_crisis
    level: mental_health_crisis
    reply: "Call NHS 111 and choose option 2."
    source: test
    when: ["zzinternal marker"]
intents:
  - id: graze
    title: A graze
    disposition: self_care
    examples: ["I have a graze on my knee", "grazed my elbow", "a small graze from falling off my bike"]
    keywords: [graze, grazed]
    reply: "Clean a graze with water and cover it."
    reason: "Most grazes heal on their own."
    if_worse: "If it gets red and hot, see a pharmacist."
  - id: parking
    title: Parking
    disposition: info
    examples: ["where do I park", "how much is parking", "is the car park open", "parking charges at the hospital", "where can I leave my car"]
    keywords: [parking, car park]
    reply: "The car park is open."
  - id: earache
    title: Earache
    disposition: pharmacy
    examples: ["my ear hurts", "earache since yesterday", "pain in my ear", "sore ear and a bit deaf"]
    keywords: [earache]
    reply: "A pharmacist can help with earache."
    reason: "Pharmacy First covers ear infections."
    if_worse: "If it gets worse, call NHS 111."
    questions:
      - ask: "Is there a swelling behind the ear?"
        yes: ear_urgent
  - id: ear_urgent
    title: Ear, today
    disposition: urgent
    reply: "Call NHS 111 now."
    reason: "A swelling behind the ear needs seeing today."
    if_worse: "Call 999 if very unwell."
  - id: classifier_safety_net
    title: Get help today
    disposition: urgent
    reply: "Call 999 if any of these... otherwise call NHS 111 now."
    reason: "A message can't show everything."
    if_worse: "Call 999 if it gets worse."
`

// secondCorpus teaches what an emergency sounds like in words the rules do
// not know, and what routine messages sound like.
func secondCorpus() []classify.Example {
	says := map[classify.Acuity][]string{
		classify.Emergency: {
			"%s is grey and clammy on the floor and won't wake up",
			"%s is not responding and his lips are blue",
			"%s went down and isn't breathing properly",
			"%s is unresponsive and floppy",
		},
		classify.Routine: {
			"%s has a small scrape on the hand",
			"%s wants to know about visiting times",
			"%s needs a repeat prescription",
			"%s has a runny nose and a cough",
		},
	}
	var out []classify.Example
	for _, who := range []string{"my dad", "my mum", "my husband", "my wife", "my neighbour", "he", "she", "grandad", "my son", "my friend"} {
		for _, a := range []classify.Acuity{classify.Emergency, classify.Routine} {
			for _, s := range says[a] {
				out = append(out, classify.Example{Text: fmt.Sprintf(s, who), Acuity: a})
			}
		}
	}
	return out
}

// secondEngine loads secondContent with the given classifier section and
// turns the second opinion on.
func secondEngine(t *testing.T, section string, opts ...engine.Option) *engine.Engine {
	t.Helper()
	opts = append(opts, engine.WithSecondOpinion(secondCorpus()))
	return engine.New(secondSet(t, section), store.NewMemory(100, 0), opts...)
}

func secondSet(t *testing.T, section string) *content.Set {
	t.Helper()
	set, err := content.Load(fstest.MapFS{
		"messages.yaml":   {Data: contenttest.Messages()},
		"services.yaml":   {Data: []byte(testServices)},
		"second.yaml":     {Data: []byte(secondContent)},
		"classifier.yaml": {Data: []byte(section)},
	})
	if err != nil {
		t.Fatalf("test content does not load: %v", err)
	}
	return set
}

// thresholds writes a classifier section.
func thresholds(topic, choices, emergency, rule, crisis, urgent float64) string {
	return fmt.Sprintf(`
classifier:
  topic_at_least: %g
  choices_at_least: %g
  emergency_at_least: %g
  rule_at_least: %g
  crisis_at_least: %g
  urgent_at_least: %g
  safety_net: classifier_safety_net
  emergency_rule: classifier_emergency
  crisis_rule: classifier_crisis
`, topic, choices, emergency, rule, crisis, urgent)
}

func say(t *testing.T, eng *engine.Engine, msg string) engine.Reply {
	t.Helper()
	r, err := eng.Handle(context.Background(), engine.Request{Text: msg, Channel: "test"})
	if err != nil {
		t.Fatalf("Handle(%q): %v", msg, err)
	}
	return r
}

// The rules place this at "graze" (self care); the words around it read as
// an emergency the rules do not know.
const grazeEmergency = "grazed my knee when he went down, now he is grey and clammy and won't wake up"

func TestSecondOpinionRaisesToTheClosestRule(t *testing.T) {
	eng := secondEngine(t, thresholds(0.5, 0.1, 0.5, 0.05, 1, 1))
	r := say(t, eng, grazeEmergency)
	if r.Disposition != "999" || r.RedFlag != "collapse" || r.Source != engine.SourceSecondOpinion || r.SecondOpinion != engine.SecondRaisedRule {
		t.Fatalf("reply %+v: want the collapse rule's 999 reply from the second opinion", r)
	}
	if !strings.Contains(r.Messages[0].Text, "Call 999 now: someone has collapsed.") {
		t.Errorf("reply text %q is not the rule's own words", r.Messages[0].Text)
	}
}

// A reading closest to a rule the message says nothing of keeps the
// emergency but not that rule's words: "someone has collapsed" would be
// about something the person never said.
func TestSecondOpinionRaisesInGeneralWordsWhenTheClosestRuleIsUntouched(t *testing.T) {
	eng := secondEngine(t, thresholds(0.5, 0.1, 0.5, 0.05, 1, 1))
	const msg = "grazed my knee and now he went down and isn't breathing properly"
	r := say(t, eng, msg)
	if r.Disposition != "999" || r.RedFlag != "classifier_emergency" || r.SecondOpinion != engine.SecondRaisedAlike {
		t.Fatalf("reply %+v: want the general emergency reply from the second opinion", r)
	}
	if strings.Contains(r.Messages[0].Text, "collapsed") {
		t.Errorf("reply %q names a collapse the message never mentioned", r.Messages[0].Text)
	}
	// The reading was an emergency closest to the collapse rule: only the
	// words changed.
	if rd := eng.Bundle().Second.ReadText(msg); rd.Emergency < 0.5 {
		t.Fatalf("the model reads the message as emergency %.2f; the test needs a confident reading", rd.Emergency)
	}
}

func TestSecondOpinionRaisesToTheSafetyNetWhenNoRuleFits(t *testing.T) {
	eng := secondEngine(t, thresholds(0.5, 0.1, 0.5, 1, 1, 1)) // rule_at_least 1: no rule ever fits
	r := say(t, eng, grazeEmergency)
	if r.Disposition != "urgent" || r.Intent != "classifier_safety_net" || r.SecondOpinion != engine.SecondRaisedNet {
		t.Fatalf("reply %+v: want the safety net (urgent)", r)
	}
	if !strings.Contains(r.Messages[0].Text, "Call 999 if any of these") {
		t.Errorf("reply text %q is not the safety net's", r.Messages[0].Text)
	}
}

// An emergency reading that fits no rule gives the safety net (urgent), but
// when the message also reads as a crisis the crisis reply is the more
// acute answer, and highest acuity wins.
func TestEmergencyReadingWithNoRuleGivesTheCrisisReplyWhenItReadsAsACrisis(t *testing.T) {
	eng := secondEngine(t, thresholds(0.5, 0.1, 0.5, 1, 1e-9, 1)) // no rule fits; any crisis reading counts
	r := say(t, eng, grazeEmergency)
	if r.Disposition != "mental_health_crisis" || r.Intent != "red_flag.classifier_crisis" {
		t.Fatalf("reply %+v: want the crisis reply, not the safety net", r)
	}
}

// The reply carries the model's reading whatever it did with it, so that
// the clinical safety officer can see how near a threshold a message was.
func TestReplyCarriesTheSecondOpinionsReading(t *testing.T) {
	eng := secondEngine(t, thresholds(1, 1, 1, 1, 1, 1)) // never acts
	r := say(t, eng, grazeEmergency)
	if r.SecondOpinion != "" || r.Reading.Emergency < 0.5 {
		t.Fatalf("reply %+v: want the rules' answer with a confident emergency reading beside it", r)
	}
	if calm := say(t, eng, "I have a graze on my knee"); calm.Reading.Emergency >= r.Reading.Emergency {
		t.Errorf("a plain graze reads as emergency %.2f, no less than %.2f for a collapse", calm.Reading.Emergency, r.Reading.Emergency)
	}
	off := engine.New(secondSet(t, thresholds(1, 1, 1, 1, 1, 1)), store.NewMemory(100, 0))
	if r := say(t, off, grazeEmergency); r.Reading != (engine.Reading{}) {
		t.Errorf("with the second opinion off the reply carries a reading %+v", r.Reading)
	}
}

func TestSecondOpinionThresholdsComeFromContent(t *testing.T) {
	// The same message and model: with every threshold at 1 (never), the
	// rules' answer stands.
	eng := secondEngine(t, thresholds(1, 1, 1, 1, 1, 1))
	r := say(t, eng, grazeEmergency)
	if r.Intent != "graze" || r.Disposition != "self_care" || r.Source != engine.SourceMatch || r.SecondOpinion != "" {
		t.Fatalf("reply %+v: want the rules' own graze answer", r)
	}
	// And the model did read it as an emergency: only the threshold held it back.
	if rd := eng.Bundle().Second.ReadText(grazeEmergency); rd.Emergency < 0.5 {
		t.Fatalf("the model reads the message as emergency %.2f; the test needs a confident reading", rd.Emergency)
	}
}

func TestSecondOpinionNeverLowers(t *testing.T) {
	// A threshold low enough that every reading counts as confident.
	eng := secondEngine(t, thresholds(0.01, 0.01, 0.01, 0.01, 0.01, 0.01))
	rules := secondEngine(t, thresholds(1, 1, 1, 1, 1, 1))
	msgs := []string{"he has collapsed", "my wife collapsed in the kitchen", "a small graze", "my ear hurts", "where do I park",
		grazeEmergency, "my dad has a small scrape on the hand", "hello", "blah blah"}
	for _, ex := range secondCorpus() {
		msgs = append(msgs, ex.Text)
	}
	for _, m := range msgs {
		with, without := say(t, eng, m), say(t, rules, m)
		if content.Acuity(with.Disposition) < content.Acuity(without.Disposition) {
			t.Errorf("%q: second opinion lowered %q to %q", m, without.Disposition, with.Disposition)
		}
		// A rule's answer stands, except that a crisis rule's may be raised
		// to an emergency.
		raisedCrisis := without.Disposition == content.DispCrisis && content.Acuity(with.Disposition) > content.Acuity(content.DispCrisis) &&
			with.Source == engine.SourceSecondOpinion
		if without.RedFlag != "" && !raisedCrisis && (with.RedFlag != without.RedFlag || with.Source != engine.SourceRedFlag) {
			t.Errorf("%q: a rule's red flag %q became %+v", m, without.RedFlag, with)
		}
		if with.Disposition != without.Disposition && with.Source != engine.SourceSecondOpinion {
			t.Errorf("%q: the answer changed but the source says %q", m, with.Source)
		}
	}
	// An answer to a triage question is never second-guessed.
	r := say(t, eng, "my ear hurts")
	if r.Source == engine.SourceFlow {
		r2, err := eng.Handle(context.Background(), engine.Request{SessionID: r.SessionID, Payload: content.PayloadYes})
		if err != nil || r2.Intent != "ear_urgent" || r2.Source != engine.SourceFlow {
			t.Errorf("answering yes gave %+v, %v", r2, err)
		}
	}
}

func TestSecondOpinionPlacesWhatTheRulesDoNot(t *testing.T) {
	// No keyword, no example word for word: the rules fall back.
	const msg = "how much to stay at the hospital"
	rules := secondEngine(t, thresholds(1, 1, 1, 1, 1, 1))
	if r := say(t, rules, msg); r.Source != engine.SourceFallback {
		t.Fatalf("the rules place %q (%+v); the test needs one they do not", msg, r)
	}
	confident := secondEngine(t, thresholds(0.05, 0.01, 1, 1, 1, 1))
	r := say(t, confident, msg)
	if r.Intent != "parking" || r.Source != engine.SourceSecondOpinion || r.SecondOpinion != engine.SecondTopic {
		t.Fatalf("reply %+v: want the parking intent chosen by the second opinion", r)
	}
	if r.Messages[0].Text != "The car park is open." {
		t.Errorf("reply %q is not the intent's approved words", r.Messages[0].Text)
	}
	unsure := secondEngine(t, thresholds(1, 0.0001, 1, 1, 1, 1))
	r = say(t, unsure, msg)
	if r.Source != engine.SourceChoices || len(r.QuickReplies) == 0 || len(r.QuickReplies) > 3 {
		t.Fatalf("reply %+v: want the fallback with up to three topics", r)
	}
	if r.QuickReplies[0].Payload != "intent:parking" || r.QuickReplies[0].Title != "Parking" {
		t.Errorf("first choice %+v, want Parking", r.QuickReplies[0])
	}
	if r.Disposition != "" {
		t.Errorf("choices carry a disposition %q", r.Disposition)
	}
}

// countingLLM is the LLM seam: it records whether it was asked.
type countingLLM struct{ calls atomic.Int32 }

func (c *countingLLM) Classify(context.Context, string, []engine.Candidate) (engine.Decision, error) {
	c.calls.Add(1)
	return engine.Decision{}, nil
}

func TestLLMIsAskedOnlyWhenTheSecondOpinionSaysNothing(t *testing.T) {
	const msg = "how much to stay at the hospital"
	llm := &countingLLM{}
	eng := secondEngine(t, thresholds(0.05, 0.01, 1, 1, 1, 1), engine.WithClassifier(llm))
	if r := say(t, eng, msg); r.SecondOpinion != engine.SecondTopic || llm.calls.Load() != 0 {
		t.Fatalf("reply %+v after %d LLM calls: the second opinion placed it, so the LLM must not be asked", r, llm.calls.Load())
	}
	eng = secondEngine(t, thresholds(1, 1, 1, 1, 1, 1), engine.WithClassifier(llm))
	if r := say(t, eng, msg); r.Source != engine.SourceFallback || llm.calls.Load() != 1 {
		t.Fatalf("reply %+v after %d LLM calls: nothing placed it, so the LLM is asked once", r, llm.calls.Load())
	}
}

func TestSecondOpinionRetrainsOnSwap(t *testing.T) {
	eng := secondEngine(t, thresholds(0.5, 0.1, 0.5, 0.05, 1, 1))
	before := eng.Bundle().Second
	set := contenttest.Bundled(t)
	eng.Swap(set)
	after := eng.Bundle().Second
	if after == nil || after.Digest() == before.Digest() || len(after.Topics()) <= len(before.Topics()) {
		t.Fatalf("after a swap to the bundled content the model is %v (before %v)", after, before)
	}
}

// TestBundledSecondOpinionNeverLowers runs every example and red-flag test
// of the bundled content through the rules alone and with the second
// opinion, as trained and configured in intents/classifier.yaml.
func TestBundledSecondOpinionNeverLowers(t *testing.T) {
	set := contenttest.Bundled(t)
	if set.Classifier == nil {
		t.Fatal("the bundled content has no classifier section")
	}
	rules := engine.New(set, store.NewMemory(10000, 0))
	second := engine.New(set, store.NewMemory(10000, 0), engine.WithSecondOpinion(nil))
	var msgs []string
	for _, rf := range set.RedFlags {
		for _, ex := range append(rf.Tests.Match, rf.Tests.NoMatch...) {
			msgs = append(msgs, ex.Text)
		}
	}
	for _, in := range set.Intents {
		for _, ex := range append(in.Examples, in.NotExamples...) {
			msgs = append(msgs, ex.Text)
		}
	}
	for _, m := range msgs {
		a, b := say(t, rules, m), say(t, second, m)
		if content.Acuity(b.Disposition) < content.Acuity(a.Disposition) {
			t.Errorf("%q: %q with the second opinion, %q without", m, b.Disposition, a.Disposition)
		}
	}
}

// BenchmarkHandleSecondOpinion is BenchmarkTurn/content=1x with the second opinion
// on (the same store and messages, CPU time reported alike): the difference
// is what the classifier adds to a message.
func BenchmarkHandleSecondOpinion(b *testing.B) {
	set := contenttest.Bundled(b)
	benchHandle(b, engine.New(set, store.NewMemory(10_000, 0), engine.WithSecondOpinion(nil)))
}

func TestCorpusTopicsMustNameContent(t *testing.T) {
	set := contenttest.Bundled(t)
	b := engine.NewBundle(set)
	m := engine.Train(b, []classify.Example{
		{Text: "my nan's face has gone lopsided", Topic: "stroke", Acuity: classify.Emergency},
		{Text: "grandad's speech is all wrong", Topic: "no_such_condition", Acuity: classify.Emergency},
		{Text: "a stroke clinic appointment", Topic: "stroke", Acuity: classify.Routine},
	})
	topics := strings.Join(m.Topics(), " ")
	if !strings.Contains(topics, classify.RuleTopic+"stroke") || strings.Contains(topics, "no_such_condition") || strings.Contains(topics, " stroke") {
		t.Errorf("topics learnt: %s", topics)
	}
}

// downStore is a session store that is unavailable.
type downStore struct{}

func (downStore) Update(context.Context, string, func(*engine.State, bool) error) error {
	return fmt.Errorf("store down")
}
func (downStore) Save(context.Context, string, engine.State) error { return fmt.Errorf("store down") }
func (downStore) Delete(context.Context, string) error             { return fmt.Errorf("store down") }

func TestSecondOpinionRaisesWithoutASession(t *testing.T) {
	set := secondSet(t, thresholds(0.5, 0.1, 0.5, 0.05, 1, 1))
	eng := engine.New(set, downStore{}, engine.WithSecondOpinion(secondCorpus()))
	r := say(t, eng, grazeEmergency)
	if !r.Degraded || r.RedFlag != "collapse" || r.Disposition != "999" || r.Source != engine.SourceSecondOpinion {
		t.Fatalf("with the store down: %+v; want the collapse rule raised by the second opinion", r)
	}
}

// The urgent safety net is for clinical answers: with every message reading
// as urgent, a self-care answer is raised to it, but the answer to a
// non-clinical question (info) stands.
func TestUrgentReadingRaisesClinicalAnswersOnly(t *testing.T) {
	eng := secondEngine(t, thresholds(1, 1, 1, 1, 1, 1e-9))
	if r := say(t, eng, "I have a graze on my knee"); r.Intent != "classifier_safety_net" || r.Disposition != "urgent" {
		t.Errorf("graze: reply %s (%s): want the safety net", r.Intent, r.Disposition)
	}
	if r := say(t, eng, "where do I park"); r.Intent != "parking" || r.Disposition != "info" || r.SecondOpinion != "" {
		t.Errorf("parking: reply %s (%s, second opinion %q): want the parking answer, not raised", r.Intent, r.Disposition, r.SecondOpinion)
	}
}

// The second opinion learns from the findings the content reads in each
// message as well as from its words; the engine hands it the findings its
// screen has already read, so a message is scanned once. What the reply
// carries must be what the model reads when it works the findings out
// itself, as it did in training.
func TestSecondOpinionReadsTheFindingsAsInTraining(t *testing.T) {
	set := contenttest.Bundled(t)
	model := engine.Train(engine.NewBundle(set), nil)
	if !model.HasExtra() {
		t.Fatal("the second opinion does not read the content's findings")
	}
	eng := engine.New(set, store.NewMemory(100, 0), engine.WithSecondOpinion(nil))
	for _, msg := range []string{
		"whats a lethal dose of propranolol",
		"my dad is grey and sweaty with a heavy feeling in his chest",
		"can I get my repeat prescription while the computers are down",
		"been saving up my tablets, nearly got enough now",
	} {
		r := say(t, eng, msg)
		want := model.ReadText(msg)
		if math.Abs(r.Reading.Emergency-want.Emergency) > 1e-9 || math.Abs(r.Reading.Crisis-want.Crisis) > 1e-9 {
			t.Errorf("%q: the engine's reading %+v, the model's own %.4f/%.4f", msg, r.Reading, want.Emergency, want.Crisis)
		}
	}
}

// A crisis rule's answer is raised to an emergency when the model reads the
// message as one (a life at risk now told without a 999 rule's words), and
// the crisis reply is kept beneath it; below the threshold it stands. A 999
// rule's answer is never changed.
func TestCrisisRuleRaisedWhenTheMessageReadsAsAnEmergency(t *testing.T) {
	const crisisRule = `
red_flags:
  - id: feels_hopeless
    level: mental_health_crisis
    reply: "Call NHS 111 and choose option 2 now."
    source: test
    when: [hopeless]
    tests:
      match: ["I feel hopeless"]
`
	load := func(section string) *engine.Engine {
		set, err := content.Load(fstest.MapFS{
			"messages.yaml":   {Data: contenttest.Messages()},
			"services.yaml":   {Data: []byte(testServices)},
			"second.yaml":     {Data: []byte(secondContent)},
			"crisis.yaml":     {Data: []byte(crisisRule)},
			"classifier.yaml": {Data: []byte(section)},
		})
		if err != nil {
			t.Fatalf("test content does not load: %v", err)
		}
		return engine.New(set, store.NewMemory(100, 0), engine.WithSecondOpinion(secondCorpus()))
	}
	const msg = "she feels hopeless and now she is grey and clammy on the floor and won't wake up"
	r := say(t, load(thresholds(0.5, 0.1, 0.5, 0.05, 1, 1)), msg)
	if r.Disposition != "999" || r.Source != engine.SourceSecondOpinion {
		t.Fatalf("reply %+v: want the crisis rule's answer raised to 999", r)
	}
	if len(r.Messages) < 2 || !strings.Contains(r.Messages[len(r.Messages)-1].Text, "option 2") {
		t.Errorf("messages %+v: want the crisis reply kept beneath the emergency's", r.Messages)
	}
	held := say(t, load(thresholds(0.5, 0.1, 1, 0.05, 1, 1)), msg)
	if held.Disposition != content.DispCrisis || held.RedFlag != "feels_hopeless" || held.Source != engine.SourceRedFlag {
		t.Errorf("with no emergency threshold the reply is %+v, want the crisis rule's own", held)
	}
	if calm := say(t, load(thresholds(0.5, 0.1, 0.5, 0.05, 1, 1)), "I feel hopeless"); calm.Disposition != content.DispCrisis {
		t.Errorf("a plain crisis message was answered %+v", calm)
	}
}
