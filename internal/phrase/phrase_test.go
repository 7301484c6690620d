package phrase

import (
	"reflect"
	"testing"

	"github.com/nhs-signpost/signpost/internal/text"
)

func library(t *testing.T) *Library {
	t.Helper()
	an := text.NewAnalyzer(text.Lexicon{Synonyms: map[string][]string{"vomit": {"throw up", "being sick"}}})
	l := NewLibrary(an)
	if err := l.DefineConcept("CHEST", []string{"chest", "breastbone"}); err != nil {
		t.Fatal(err)
	}
	if err := l.DefineConcept("CHEST_PAIN", []string{"@CHEST pain/ache/tight/tightness", "pain/tightness in * @CHEST"}); err != nil {
		t.Fatal(err)
	}
	if errs := l.CheckConcepts(); len(errs) > 0 {
		t.Fatal(errs)
	}
	return l
}

func TestPatternsMatchPhrasingsNotNegations(t *testing.T) {
	l := library(t)
	cases := []struct {
		pattern, msg string
		want         bool
	}{
		{"chest pain", "I have chest pain", true},
		{"chest pain", "I have no chest pain", false},
		{"chest pain", "chest pains since this morning", true},
		{"@CHEST_PAIN", "a tightness in my chest", true},
		{"@CHEST_PAIN", "pain in the middle of my chest", true},
		{"@CHEST_PAIN", "pain in the very centre of my breastbone", false}, // gap longer than four words
		{"@CHEST_PAIN * arm/jaw", "chest pain going into my left arm", true},
		{"not breathing", "he's not breathing", true},
		{"not breathing", "he is breathing fine", false},
		{"face droop/drooping/dropped", "her face has dropped", false},
		{"face * droop/drooping/dropped", "her face has dropped", true},
		{"throw up blood", "I've been throwing up blood", false}, // "throw up" becomes "vomit"; write the canonical form
		{"vomit blood", "I threw up blood", false},               // only "throw up" is listed, not "threw"
		{"vomit blood", "been being sick blood", true},
		{"throw up", "he keeps throwing up", false},
	}
	for _, c := range cases {
		checkMatch(t, l, c.pattern, c.msg, c.want)
	}
}

func TestBadPatternsAreRejected(t *testing.T) {
	l := library(t)
	for _, bad := range []string{"", "* chest", "chest *", "@NOPE pain", "a//b", "a/b/c/d/e/f/g/h a/b/c/d/e/f/g/h a/b/c/d/e/f/g/h a/b/c/d/e/f/g/h"} {
		if _, err := l.Compile(bad); err == nil {
			t.Errorf("pattern %q was accepted", bad)
		}
	}
}

func TestConceptLoopsAreReported(t *testing.T) {
	l := NewLibrary(text.NewAnalyzer(text.Lexicon{}))
	_ = l.DefineConcept("A", []string{"x @B"})
	_ = l.DefineConcept("B", []string{"y @A"})
	if errs := l.CheckConcepts(); len(errs) == 0 {
		t.Fatal("a loop between concepts was not reported")
	}
}

// A message whose analyser numbered its words (Library.Numbers) scans exactly
// like one looked up word by word, and a word compiled afterwards is still
// found: the stale numbering is then not used.
func TestNumberedWordsScanAlike(t *testing.T) {
	l := library(t)
	var pats []*Pattern
	for _, src := range []string{"@CHEST_PAIN", "chest pain", "vomit", "tightness * @CHEST", "left @CHEST"} {
		p, err := l.Compile(src)
		if err != nil {
			t.Fatal(err)
		}
		pats = append(pats, p)
	}
	numbered, plain := l.an, text.NewAnalyzer(text.Lexicon{Synonyms: map[string][]string{"vomit": {"throw up", "being sick"}}})
	numbered.SetNumbers(l.Numbers())
	matched := 0
	msgs := []string{"crushing chest pain", "pain in my left chest", "no chest pain but throwing up", "blah", "sick of the tightness in his breastbone"}
	for _, msg := range msgs {
		d := numbered.Analyze(msg)
		if !d.NumberedBy(l.nums) {
			t.Fatalf("%q: not numbered", msg)
		}
		a, b := l.Scan(d), l.Scan(plain.Analyze(msg))
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%q: numbered %+v, looked up %+v", msg, a, b)
		}
		for _, p := range pats {
			if a.Has(p) {
				matched++
			}
		}
	}
	if matched < 4 {
		t.Errorf("only %d matches: the messages test little", matched)
	}
	p, err := l.Compile("blah")
	if err != nil {
		t.Fatal(err)
	}
	if d := numbered.Analyze("blah"); d.NumberedBy(l.nums) || !l.Scan(d).Has(p) {
		t.Errorf("a word compiled after the numbering is missed")
	}
}

// A match stays within one sentence: neither a gap nor two words side by
// side reach past a full stop, question or exclamation mark, semicolon or
// new line, while commas, an ellipsis and words such as "but" or "and" do
// not stop them.
func TestMatchesStayInOneSentence(t *testing.T) {
	l := library(t)
	cases := []struct {
		pattern, msg string
		want         bool
	}{
		{"pain * arm", "pain down my left arm", true},
		{"pain * arm", "pain, down my arm", true},
		{"pain * arm", "pain and my arm", true},
		{"pain * arm", "pain but my arm", true},
		{"pain * arm", "pain... my arm", true},
		{"pain * arm", "pain. my arm is fine", false},
		{"pain * arm", "pain? my arm", false},
		{"pain * arm", "pain! my arm", false},
		{"pain * arm", "pain; my arm", false},
		{"pain * arm", "pain\nmy arm", false},
		{"pain * arm", "pain, ok. then my arm", false},
		{"chest pain", "my chest. pain in my leg", false},
		{"@CHEST_PAIN", "a tightness in. my chest", false},
		{"@CHEST_PAIN * arm/jaw", "chest pain. my arm is sore", false},
		{"@CHEST_PAIN * arm/jaw", "bad cough. chest pain going into my arm", true},
		{"fit", "keep seeing shadows move. having a fit", true},
	}
	for _, c := range cases {
		checkMatch(t, l, c.pattern, c.msg, c.want)
	}
}

// checkMatch compiles pattern and checks that Match, Scan and ScanEach all
// say want for msg.
func checkMatch(t *testing.T, l *Library, pattern, msg string, want bool) {
	t.Helper()
	p, err := l.Compile(pattern)
	if err != nil {
		t.Fatalf("%q: %v", pattern, err)
	}
	doc := l.an.Analyze(msg)
	if got := l.Match(p, doc); got != want {
		t.Errorf("pattern %q on %q (%s) = %v, want %v", pattern, msg, doc, got, want)
	}
	if got := l.Scan(doc).Has(p); got != want {
		t.Errorf("Scan: pattern %q on %q = %v, want %v", pattern, msg, got, want)
	}
	if got := l.ScanEach(doc).Has(p); got != want {
		t.Errorf("ScanEach: pattern %q on %q = %v, want %v", pattern, msg, got, want)
	}
}
