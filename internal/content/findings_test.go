package content_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/phrase"
	"github.com/nhs-signpost/signpost/internal/safety"
)

const findingsYAML = `concepts:
  CHEST: [chest, breastbone]
findings:
  - id: chest_pain
    title: Chest pain
    says: ["@CHEST pain"]
    together:
      - ["@CHEST", pain/tight/pressure/hurts/hurting]
    tests:
      present: ["pain in my chest"]
  - id: sweating
    says: [sweating, sweaty, clammy]
    tests:
      present: ["I'm clammy"]
red_flags:
  - id: cardiac
    level: "999"
    reply: "Call 999."
    when:
      - {all: [chest_pain], any: [sweating]}
  - id: chest_alone
    level: "999"
    reply: "Call 999 for chest pain."
    when:
      - {all: [chest_pain]}
`

func TestFindingsStatusAndRules(t *testing.T) {
	set, err := content.Load(fstest.MapFS{
		"messages.yaml": {Data: []byte(goodMessages)},
		"rules.yaml":    {Data: []byte(findingsYAML)},
	})
	if err != nil {
		t.Fatal(err)
	}
	f := set.Finding("chest_pain")
	for _, c := range []struct {
		msg  string
		want phrase.Status
	}{
		{"pain in my chest", phrase.Present},
		{"my chest feels tight", phrase.Present},
		{"tight across my chest", phrase.Present},
		{"my chest doesn't hurt", phrase.Absent},
		{"no chest pain", phrase.Absent},
		{"had chest pain two years ago", phrase.Past},
		{"had chest pain two years ago, now my chest hurts again", phrase.Present},
		{"pain in my leg. cough on my chest", phrase.NotSaid},
		{"sore throat", phrase.NotSaid},
	} {
		doc := set.Analyzer.Analyze(c.msg)
		if got := f.Status(set.Library.Scan(doc)); got != c.want {
			t.Errorf("%q: chest_pain is %s, want %s", c.msg, got, c.want)
		}
	}
	// The more specific rule answers when both are met, whatever the file order.
	for msg, want := range map[string]string{
		"chest pain and I'm sweating":        "cardiac",
		"chest pain, not sweating":           "chest_alone",
		"I've been clammy, no pain in chest": "",
	} {
		doc := set.Analyzer.Analyze(msg)
		hits := safety.Screen(set, doc, set.Library.Scan(doc))
		got := ""
		if len(hits) > 0 {
			got = hits[0].Rule.ID
		}
		if got != want {
			t.Errorf("%q answered by %q, want %q", msg, got, want)
		}
	}
}

const brokenFindings = `findings:
  - id: lonely   # <- no phrases
    tests:
      present: ["x"]
  - id: untested   # <- no tests
    says: [cough]
  - id: grouped
    says: [wheeze]
    together:
      - [wheeze]   # <- one part
    tests:
      present: ["wheeze"]
red_flags:
  - id: a
    level: "999"
    reply: "Call 999."
    outranks: [b]
    when:
      - {all: [no_such_finding]}   # <- unknown finding
  - id: b
    level: "999"
    reply: "Call 999."
    outranks: [a]   # <- loop
    when: [wheeze]
  - id: c
    level: ae
    reply: "Go to A&E."
    outranks: [a]   # <- less acute
    when: [wheeze]
`

func TestFindingProblemsHaveFileAndLine(t *testing.T) {
	_, err := content.Load(fstest.MapFS{
		"messages.yaml": {Data: []byte(goodMessages)},
		"f.yaml":        {Data: []byte(brokenFindings)},
	})
	var errs content.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Load error is %T (%v), want content.Errors", err, err)
	}
	for _, w := range []struct{ mark, text string }{
		{"no phrases", `finding "lonely" has no says: or together:`},
		{"no tests", `finding "untested" needs tests: present:`},
		{"one part", `needs at least two parts`},
		{"unknown finding", `names unknown finding "no_such_finding"`},
		{"less acute", `cannot outrank "a" (999)`},
	} {
		prefix := "f.yaml:" + strconv.Itoa(lineOf(t, brokenFindings, w.mark)) + ": "
		found := false
		for _, e := range errs {
			if s := e.Error(); strings.HasPrefix(s, prefix) && strings.Contains(s, w.text) {
				found = true
			}
		}
		if !found {
			t.Errorf("no error %q at %s; got:\n%v", w.text, prefix, err)
		}
	}
	if !strings.Contains(err.Error(), "outrank each other in a loop") {
		t.Errorf("the outranks loop is not reported:\n%v", err)
	}
}
