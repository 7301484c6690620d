package engine_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

// bundledEngine serves the bundled content; Step never touches its store.
func bundledEngine(t *testing.T) *engine.Engine {
	t.Helper()
	return engine.New(contenttest.SharedBundled(t), store.NewMemory(10, 0))
}

// play runs a conversation through Step alone: each turn is text, or a
// payload when it starts with "payload:".
func play(t *testing.T, e *engine.Engine, turns ...string) []engine.Reply {
	t.Helper()
	var st engine.State
	var out []engine.Reply
	for _, say := range turns {
		req := engine.Request{Text: say, Channel: "test"}
		if p, ok := strings.CutPrefix(say, "payload:"); ok {
			req = engine.Request{Payload: p, Channel: "test"}
		}
		r, next, err := e.Step(context.Background(), st, req)
		if err != nil {
			t.Fatalf("%q: %v", say, err)
		}
		st = next
		out = append(out, r)
	}
	return out
}

func payloads(r engine.Reply) []string {
	var out []string
	for _, q := range r.QuickReplies {
		out = append(out, q.Payload)
	}
	return out
}

// Nobody is stranded: a message not understood offers the closest topics and
// "None of these"; a second miss in a row ends with NHS 111 and the 999 line.
func TestSecondMissEndsWith111And999(t *testing.T) {
	e := bundledEngine(t)
	for _, second := range []string{"no", "payload:none", "zxcv qwerty"} {
		rs := play(t, e, "flibble wotsit grommet", second)
		first, last := rs[0], rs[1]
		if first.Disposition != "" {
			t.Fatalf("gibberish got disposition %q", first.Disposition)
		}
		if p := payloads(first); len(p) == 0 || p[len(p)-1] != content.PayloadNone {
			t.Errorf("first miss offers %v, want topics then %q", p, content.PayloadNone)
		}
		if last.Disposition != content.DispUrgent {
			t.Errorf("then %q: disposition %q, want urgent", second, last.Disposition)
		}
		txt := last.Messages[0].Text
		if !strings.Contains(txt, "111") || !strings.Contains(txt, "999") {
			t.Errorf("the stranded reply lacks 111 or 999: %s", txt)
		}
	}
}

// A miss offers the closest topics even below the match threshold.
func TestMissSuggestsClosestTopics(t *testing.T) {
	e := bundledEngine(t)
	r := play(t, e, "something about my tablets thing")[0]
	if r.Disposition != "" || r.Intent != "" {
		t.Fatalf("the message was understood (%s); pick a vaguer one", r.Intent)
	}
	p := payloads(r)
	if len(p) < 2 || len(p) > engine.MaxSuggestions+1 {
		t.Fatalf("offers %v, want 1 to %d topics and none of these", p, engine.MaxSuggestions)
	}
	for _, x := range p[:len(p)-1] {
		if !strings.HasPrefix(x, "intent:") {
			t.Errorf("suggestion %q is not a topic", x)
		}
	}
}

// An understood message between two misses starts the count again.
func TestUnderstoodMessageResetsMisses(t *testing.T) {
	e := bundledEngine(t)
	rs := play(t, e, "flibble wotsit grommet", "hello", "zxcv qwerty")
	if rs[2].Disposition == content.DispUrgent {
		t.Error("a miss after an understood message ended the conversation")
	}
}

func TestOtherLanguagesGetThe999LineInTheirLanguage(t *testing.T) {
	e := bundledEngine(t)
	for msg, lang := range map[string]string{
		"Potrzebuję lekarza, boli mnie brzuch": "language_pl",
		"Mă doare burta foarte rău":            "language_ro",
		"Estou com muita dor de cabeça":        "language_pt",
		"أحتاج إلى طبيب، ابني مريض":            "language_ar",
		"مجھے ڈاکٹر کی ضرورت ہے":               "language_ur",
		"আমার পেটে ব্যথা":                      "language_bn",
		"我的孩子发烧了":                              "language_zh",
	} {
		r := play(t, e, msg)[0]
		if r.Intent != lang || r.Disposition != content.DispInfo {
			t.Errorf("%q: intent %q disposition %q, want %s info", msg, r.Intent, r.Disposition, lang)
			continue
		}
		if !strings.Contains(r.Messages[0].Text, "999") || !strings.Contains(r.Messages[0].Text, "interpreter") {
			t.Errorf("%q: the reply lacks 999 or the interpreter word: %s", msg, r.Messages[0].Text)
		}
	}
}

// Questions skip what the message already said: a finding stated present
// answers its question yes (and a "no" to another question cannot undo
// it); stated absent answers it no; only the unknown is asked.
func TestQuestionsSkipWhatTheMessageSaid(t *testing.T) {
	e := bundledEngine(t)
	asked := func(r engine.Reply) string {
		if len(r.Messages) > 0 && r.Messages[0].Kind == engine.KindQuestion {
			return r.Messages[0].Text
		}
		return ""
	}

	// A later question whose finding the message stated: the open question
	// before it leads somewhere more urgent, so it is asked first, and a "no"
	// to it still ends where the stated finding leads.
	fe := engine.New(flowSet(t), store.NewMemory(10, 0))
	rs := play(t, fe, "my ear hurts and there's pus coming out", "payload:no")
	if q := asked(rs[0]); q != "Is there a high temperature?" {
		t.Fatalf("first reply should ask the open, more urgent question, got %+v", rs[0].Messages)
	}
	if last := rs[1]; last.Intent != "ear_gp" {
		t.Errorf("after no: %q, want ear_gp (the message said pus)", last.Intent)
	}
	// When no open question before it leads higher, the stated finding
	// settles the flow at once.
	if r := play(t, fe, "my ear hurts and I'm on warfarin")[0]; r.Intent != "ear_thinners" {
		t.Errorf("ear on warfarin: %q, want ear_thinners at once", r.Intent)
	}
	// Denied: "no temperature" skips that question.
	if q := asked(play(t, fe, "my ear hurts, no temperature")[0]); q != "Is there pus coming out?" {
		t.Errorf("asked %q, want the pus question (temperature was denied)", q)
	}

	// Coughing up blood answers the cough flow's question at once.
	r := play(t, e, "I've had a cough for 3 days and now I'm coughing up blood")[0]
	if r.Disposition != content.DispUrgent || asked(r) != "" {
		t.Errorf("cough with blood: disposition %q, question %q; want urgent with no question", r.Disposition, asked(r))
	}

	// Stated absent: "not short of breath and no chest pain" skips that question.
	r = play(t, e, "I've had a cough for 3 days, not short of breath and no chest pain")[0]
	if q := asked(r); strings.Contains(q, "short of breath") {
		t.Errorf("asked again what the message denied: %q", q)
	}
}

// flowSet is a small content set with a flow whose questions name findings.
func flowSet(t *testing.T) *content.Set {
	t.Helper()
	set, err := content.Load(fstest.MapFS{
		"messages.yaml": {Data: contenttest.Messages()},
		"services.yaml": {Data: []byte(testServices)},
		"flow.yaml": {Data: []byte(`
findings:
  - id: fever
    says: [temperature, fever]
    tests: {present: ["a temperature"], absent: ["no temperature"]}
  - id: pus
    together: [[pus/gunk, coming/leaking]]
    tests: {present: ["pus coming out"]}
  - id: thinners
    says: [warfarin, blood thinners]
    tests: {present: ["on warfarin"]}
intents:
  - id: earache
    disposition: self_care
    keywords: [ear hurts, earache]
    reply: "Rest."
    reason: "Most earache goes."
    if_worse: "Call 111."
    questions:
      - {ask: "Is there a high temperature?", yes: ear_urgent, findings: [fever]}
      - {ask: "Is there pus coming out?", yes: ear_gp, findings: [pus]}
      - {ask: "Do you take blood thinners?", yes: ear_thinners, findings: [thinners]}
  - id: ear_urgent
    disposition: urgent
    reply: "Call 111."
    reason: "Fever."
    if_worse: "Call 999."
  - id: ear_gp
    disposition: gp
    reply: "See a GP."
    reason: "Pus."
    if_worse: "Call 111."
  - id: ear_thinners
    disposition: urgent
    reply: "Call 111: you take a blood thinner."
    reason: "Thinners."
    if_worse: "Call 111."
`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// Inside a flow, a reply that is neither yes, no nor a new topic is asked
// again once; a second in a row ends with NHS 111 and the 999 line.
func TestFlowRepromptThenStranded(t *testing.T) {
	e := bundledEngine(t)
	rs := play(t, e, "sore throat", "flibble", "wotsit")
	if rs[0].Disposition != "" || len(rs[0].Messages) == 0 || rs[0].Messages[0].Kind != engine.KindQuestion {
		t.Fatalf("sore throat should ask a question first, got %+v", rs[0].Messages)
	}
	if rs[1].Disposition != "" {
		t.Errorf("first unclear answer: disposition %q, want the question again", rs[1].Disposition)
	}
	if rs[2].Disposition != content.DispUrgent {
		t.Errorf("second unclear answer: disposition %q, want urgent", rs[2].Disposition)
	}
}

// A results or scan question that also tells a symptom as bad, back or
// worse now, with no clinical topic for it, is not answered with the
// information alone (hazard H143): the first reply is not an information
// answer, and a "no" to what it offers ends with NHS 111. A plain question
// about the same thing still gets its information answer.
func TestInformationDoesNotStandAloneBesideASymptomToldNow(t *testing.T) {
	e := bundledEngine(t)
	for _, msg := range []string{
		"had a scan on my gallbladder a month ago and still no results, and now the pain is back tonight and worse than ever",
		"they cancelled my liver scan and I'm in agony under my ribs on the right",
	} {
		rs := play(t, e, msg, "no")
		if rs[0].Disposition == content.DispInfo {
			t.Errorf("%q: first reply is only the information answer (intent %q)", msg, rs[0].Intent)
		}
		if d := rs[len(rs)-1].Disposition; content.Acuity(d) < content.Acuity(content.DispUrgent) {
			t.Errorf("%q then no: ended with %q, want NHS 111 (urgent) or higher", msg, d)
		}
	}
	for _, msg := range []string{
		"had a scan on my gallbladder a month ago and still no results, how do I chase them",
		"is my liver scan still going ahead with the computers down",
	} {
		if r := play(t, e, msg)[0]; r.Disposition != content.DispInfo {
			t.Errorf("%q: got %q (intent %q), want the information answer", msg, r.Disposition, r.Intent)
		}
	}
}
