package content_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nhs-signpost/signpost/intents"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

// goodMessages are the messages and notice every content set needs.
var goodMessages = string(contenttest.Messages())

// brokenIntents has one problem on each line marked "# <- name".
const brokenIntents = `intents:
  - id: parking
    disposition: info
    keywords: [car park]
    reply: "Park in the main car park."
  - id: parking   # <- duplicate
    disposition: info
    keywords: [parking]
    reply: "Parking is free."
  - id: small_talk
    disposition: info
    keywords: [hiya]
    max_words: 0   # <- max words
    reply: "Hello."
  - id: sore_knee
    disposition: self_care
    keywords: [sore knee]
    reply: "Rest it."
    reason: "Knees settle."
    if_worse: "Call NHS 111."
    aside: "About your knee."   # <- aside on a clinical intent
  - id: visiting
    disposition: info
    keywords: [visiting times]
    reply: "Visiting is as normal."
    aside: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"   # <- aside too long
  - id: no_reply   # <- empty reply
    disposition: info
    keywords: [nothing to say]
    reply: ""
  - id: odd_place   # <- unknown disposition
    disposition: somewhere
    keywords: [odd place]
    reply: "Go somewhere."
  - id: asks
    disposition: info
    keywords: [asks a question]
    reply: "OK."
    questions:
      - ask: "Is it bad?"   # <- unknown intent
        yes: no_such_intent
  - id: loop_a   # <- loop
    disposition: info
    keywords: [round and round]
    reply: "A."
    route:
      - if: {says: [again]}
        to: loop_b
  - id: loop_b
    disposition: info
    reply: "B."
    questions:
      - ask: "Go back?"
        yes: loop_a
  - id: coloured
    disposition: info
    keywords: [colour]
    reply: "Blue."
    colour: blue   # <- unknown field
  - id: chest
    disposition: ae
    keywords: [chest hurts]
    reply: "Go to A&E now."
    quick_replies:
      - {title: "My appointment", payload: "intent:parking"}   # <- buttons under an emergency
  - id: buttons
    disposition: info
    keywords: [buttons]
    reply: "Pick one."
    quick_replies:
      - {title: "Parking", payload: "parking"}   # <- payload without its prefix
      - {title: "Yes", payload: "yes"}   # <- an answer to no question
      - {title: "Start again", payload: "restart"}
      - {title: "Parking", payload: "intent:parking"}
checks:
  - say: "buttons"
    answers: ["no", "maybe"]   # <- an answer that is not a button
    intent: buttons
`

const brokenServices = `services:
  - id: clinic
    name: A clinic
    kind: walk_in
    address: 1 High Street
    hours: ["Mon-Fri 8am till 8pm"]   # <- bad hours
`

// lineOf is the 1-based line of the line marked "# <- mark".
func lineOf(t *testing.T, src, mark string) int {
	t.Helper()
	for i, l := range strings.Split(src, "\n") {
		if strings.HasSuffix(strings.TrimSpace(l), "# <- "+mark) {
			return i + 1
		}
	}
	t.Fatalf("no line marked %q", mark)
	return 0
}

func TestLoadReportsEveryProblemWithFileAndLine(t *testing.T) {
	set, err := content.Load(fstest.MapFS{
		"messages.yaml": {Data: []byte(goodMessages)},
		"intents.yaml":  {Data: []byte(brokenIntents)},
		"services.yaml": {Data: []byte(brokenServices)},
	})
	if set != nil {
		t.Fatal("broken content half-loaded: Load returned a set")
	}
	var errs content.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Load error is %T (%v), want content.Errors", err, err)
	}
	want := []struct {
		file, mark, text string
	}{
		{"intents.yaml", "duplicate", `duplicate intent id "parking"`},
		{"intents.yaml", "empty reply", `intent "no_reply" has an empty reply`},
		{"intents.yaml", "max words", `intent "small_talk": max_words must be a whole number of at least 1`},
		{"intents.yaml", "aside on a clinical intent", `intent "sore_knee": only an information intent (disposition info, with examples or keywords) may have an aside`},
		{"intents.yaml", "aside too long", `intent "visiting": aside is 301 characters; keep it to 300`},
		{"intents.yaml", "unknown disposition", `unknown disposition "somewhere"`},
		{"intents.yaml", "unknown intent", `leads to unknown intent "no_such_intent"`},
		{"intents.yaml", "loop", `the flow can loop: loop_a → loop_b → loop_a`},
		{"intents.yaml", "unknown field", `unknown field "colour"`},
		{"intents.yaml", "buttons under an emergency", `intent "chest": an emergency or crisis answer (ae) must not offer buttons`},
		{"intents.yaml", "payload without its prefix", `intent "buttons": quick reply payload "parking" must be "intent:" followed by an intent id`},
		{"intents.yaml", "an answer to no question", `intent "buttons": quick reply payload "yes" must be`},
		{"intents.yaml", "an answer that is not a button", `check: answer "maybe" must be "yes" or "no"`},
		{"services.yaml", "bad hours", `opening hours "Mon-Fri 8am till 8pm"`},
	}
	src := map[string]string{"intents.yaml": brokenIntents, "services.yaml": brokenServices}
	for _, w := range want {
		line := lineOf(t, src[w.file], w.mark)
		prefix := w.file + ":" + strconv.Itoa(line) + ": "
		found := false
		for _, e := range errs {
			if s := e.Error(); strings.HasPrefix(s, prefix) && strings.Contains(s, w.text) {
				found = true
			}
		}
		if !found {
			t.Errorf("no error %q at %s%s; got:\n%v", w.text, prefix, w.mark, err)
		}
	}
	if len(errs) != len(want) {
		t.Errorf("got %d problems, want exactly %d:\n%v", len(errs), len(want), err)
	}
	// Every problem is "file:line: message", in file and line order.
	for _, e := range errs {
		var le *content.LineError
		if !errors.As(e, &le) || le.Line < 1 {
			t.Errorf("problem %q has no file and line", e)
		}
	}
}

func TestLoadReportsBadYAMLInEveryFile(t *testing.T) {
	set, err := content.Load(fstest.MapFS{
		"messages.yaml": {Data: []byte(goodMessages)},
		"a.yaml":        {Data: []byte("intents:\n  - id: one\n    reply: \"unterminated\n")},
		"b.yaml":        {Data: []byte("services:\n  - id: x\n\tname: tab indented\n")},
	})
	if set != nil {
		t.Fatal("content with bad YAML half-loaded")
	}
	var errs content.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Load error is %T (%v), want content.Errors", err, err)
	}
	for _, f := range []string{"a.yaml:", "b.yaml:"} {
		found := false
		for _, e := range errs {
			if strings.HasPrefix(e.Error(), f) && strings.Contains(e.Error(), "not valid YAML") {
				found = true
			}
		}
		if !found {
			t.Errorf("no YAML error for %s in:\n%v", f, err)
		}
	}
	for _, e := range errs {
		var le *content.LineError
		if !errors.As(e, &le) || le.Line < 1 {
			t.Errorf("problem %q has no line", e)
		}
	}
}

func TestLoadRequiresMessagesAndNotice(t *testing.T) {
	_, err := content.Load(fstest.MapFS{
		"intents.yaml": {Data: []byte("intents:\n  - id: hi\n    disposition: info\n    keywords: [hello]\n    reply: Hi\n")},
	})
	if err == nil {
		t.Fatal("content with no messages and no notice loaded")
	}
	for _, want := range []string{`the message "welcome" is missing`, `the message "none_open" is missing`, "notice"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q:\n%v", want, err)
		}
	}
}

func TestLoadAcceptsValidContent(t *testing.T) {
	set, err := content.Load(fstest.MapFS{
		"messages.yaml": {Data: []byte(goodMessages)},
		"services.yaml": {Data: []byte("services:\n  - id: clinic\n    name: A clinic\n    kind: walk_in\n    address: 1 High Street\n    hours: [\"Mon-Fri 08:00-20:00\", \"Sat 10:00-14:00\"]\n")},
		"intents.yaml":  {Data: []byte("intents:\n  - id: hi\n    disposition: info\n    keywords: [hello]\n    reply: Hi\n    services: [clinic]\n")},
	})
	if err != nil {
		t.Fatalf("valid content did not load: %v", err)
	}
	if set.Intent("hi") == nil || set.Services["clinic"] == nil || len(set.Services["clinic"].Hours.Spans) != 6 {
		t.Errorf("loaded set is missing parts: %+v", set)
	}
}

// The bundled content loads and passes its own tests, as `signpost check`
// runs them.
func TestBundledContentLoadsAndPassesItsChecks(t *testing.T) {
	set, err := content.Load(intents.FS)
	if err != nil {
		t.Fatalf("bundled content does not load:\n%v", err)
	}
	rep := engine.Check(context.Background(), set, store.NewMemory(10000, 0))
	for _, f := range rep.Failures {
		t.Errorf("%s", f)
	}
	if rep.Passed == 0 {
		t.Error("the bundled content has no tests")
	}
	for _, id := range []string{"call_999", "nhs111", "arrowe_park_ae", "find_pharmacy", "samaritans", "shout",
		"nhs111_mental_health", "wirral_utc", "maternity_triage", "pals", "switchboard"} {
		if set.Services[id] == nil {
			t.Errorf("bundled services lack %q", id)
		}
	}
}

// A text-only service needs the number and the word to text; either alone
// is refused.
func TestTextOnlyServiceNeedsNumberAndWord(t *testing.T) {
	for name, svc := range map[string]string{
		"no word":   `{id: shout, name: Shout, kind: mental_health, sms: "85258"}`,
		"no number": `{id: shout, name: Shout, kind: mental_health, url: "https://giveusashout.org", sms_text: SHOUT}`,
		"letters":   `{id: shout, name: Shout, kind: mental_health, sms: "SHOUT", sms_text: SHOUT}`,
	} {
		fsys := fstest.MapFS{"m.yaml": {Data: []byte(goodMessages)}, "s.yaml": {Data: []byte("services:\n  - " + svc + "\n")}}
		if _, err := content.Load(fsys); err == nil || !strings.Contains(err.Error(), "sms") {
			t.Errorf("%s: want an sms problem, got %v", name, err)
		}
	}
	fsys := fstest.MapFS{"m.yaml": {Data: []byte(goodMessages)}, "s.yaml": {Data: []byte(`services:
  - {id: shout, name: Shout, kind: mental_health, sms: "85258", sms_text: SHOUT}
`)}}
	set, err := content.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if s := set.Services["shout"]; s.SMS != "85258" || s.SMSText != "SHOUT" || s.Phone != "" {
		t.Errorf("service = %+v", s)
	}
}

// A check that expects a red flag no rule has fails as a test, at its
// line, rather than stopping the content from loading: when an editor
// deletes a rule, the safety suite can still say which required rule went.
func TestCheckNamingAMissingRedFlagFailsAtItsLine(t *testing.T) {
	set, err := content.Load(fstest.MapFS{
		"messages.yaml": {Data: []byte(goodMessages)},
		"intents.yaml": {Data: []byte("intents:\n  - id: hi\n    disposition: info\n    keywords: [hello]\n    reply: Hi\n" +
			"checks:\n  - say: \"hello\"\n    intent: hi\n  - say: \"my face has dropped\"\n    red_flag: strok\n")},
	})
	if err != nil {
		t.Fatalf("content whose check names a missing red flag did not load: %v", err)
	}
	rep := engine.Check(context.Background(), set, store.NewMemory(100, 0))
	if len(rep.Failures) != 1 || !strings.Contains(rep.Failures[0].String(), `intents.yaml:9: check names unknown red flag "strok"`) {
		t.Errorf("failures %v: want the check at intents.yaml:9 naming the unknown red flag", rep.Failures)
	}
	if rep.Passed != 1 {
		t.Errorf("passed %d, want the other check's 1", rep.Passed)
	}
}

// An outranks: naming a rule that is not there fails as a content test at
// the rule's line rather than stopping the load, for the same reason: when
// an editor deletes the outranked rule, the safety suite can still say which
// required rule went and which emergency it would now miss.
func TestOutranksNamingAMissingRedFlagFailsAtItsLine(t *testing.T) {
	set, err := content.Load(fstest.MapFS{
		"messages.yaml": {Data: []byte(goodMessages)},
		"red.yaml": {Data: []byte("red_flags:\n  - id: spiked\n    level: \"999\"\n    reply: Call 999 now.\n" +
			"    outranks: [strok]\n    when:\n      - [spiked]\n")},
	})
	if err != nil {
		t.Fatalf("content whose outranks names a missing red flag did not load: %v", err)
	}
	rep := engine.Check(context.Background(), set, store.NewMemory(100, 0))
	if len(rep.Failures) != 1 || !strings.Contains(rep.Failures[0].String(), `red.yaml:2: red flag "spiked" outranks unknown red flag "strok"`) {
		t.Errorf("failures %v: want the rule at red.yaml:2 naming the unknown red flag", rep.Failures)
	}
}

// A word written twice under spellings or synonyms is reported at the second
// entry, naming the first: an editor adding a word they did not see was there
// must choose one list, not leave two that silently merge.
func TestLexiconWordWrittenTwiceFailsAtItsLine(t *testing.T) {
	lexicon := "lexicon:\n" +
		"  spellings:\n" +
		"    hedache: headache\n" +
		"    hedache: headache # again\n" +
		"  synonyms:\n" +
		"    dizzy: [\"head spinning\"]\n" +
		"    dizzy: [\"room spinning\"] # again\n"
	_, err := content.Load(fstest.MapFS{
		"messages.yaml": {Data: []byte(goodMessages)},
		"lexicon.yaml":  {Data: []byte(lexicon)},
	})
	var errs content.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Load error is %T (%v), want content.Errors", err, err)
	}
	for _, w := range []struct{ line, text string }{
		{"lexicon.yaml:4: ", `"hedache" is written twice in spellings (also at line 3)`},
		{"lexicon.yaml:7: ", `"dizzy" is written twice in synonyms (also at line 6)`},
	} {
		found := false
		for _, e := range errs {
			if s := e.Error(); strings.HasPrefix(s, w.line) && strings.Contains(s, w.text) {
				found = true
			}
		}
		if !found {
			t.Errorf("no error %q at %s; got:\n%v", w.text, w.line, err)
		}
	}
}
