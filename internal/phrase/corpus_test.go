package phrase_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/phrase"
	"github.com/nhs-signpost/signpost/internal/text"
)

// TestScanFindsWhatEachSequenceFinds scans every tuning message and every
// example of the bundled content with Scan and with ScanEach (every
// sequence tried on its own, the scan before the trie) and compares what
// they found, clause by clause: the trie and the concept groups must change
// nothing but the cost.
func TestScanFindsWhatEachSequenceFinds(t *testing.T) {
	set := contenttest.Bundled(t)
	msgs := corpusAndExamples(t, set)
	if len(msgs) < 4000 {
		t.Fatalf("only %d messages: is eval/tuning there?", len(msgs))
	}
	plain := text.NewAnalyzer(text.Lexicon{}) // unnumbered tokens: the scan looks the words up
	found := 0
	// The reusing forms, fed one message after another as the engine feeds
	// them, must give what the fresh ones give.
	var reusedDoc text.Doc
	var reused phrase.Hits
	for _, msg := range msgs {
		doc := set.Analyzer.Analyze(msg)
		if reusedDoc = set.Analyzer.AnalyzeReusing(reusedDoc, msg); !reflect.DeepEqual(reusedDoc, doc) {
			t.Fatalf("%q: AnalyzeReusing %+v, Analyze %+v", msg, reusedDoc, doc)
		}
		for _, doc := range []text.Doc{doc, plain.Analyze(msg)} {
			got, want := set.Library.Scan(doc), set.Library.ScanEach(doc)
			if !reflect.DeepEqual(got.Now(), want.Now()) || !reflect.DeepEqual(got.Marks(), want.Marks()) {
				t.Fatalf("%q:\nScan     now %v, negated or past %v\nScanEach now %v, negated or past %v",
					msg, got.Now(), got.Marks(), want.Now(), want.Marks())
			}
			reused = set.Library.ScanReusing(reused, doc)
			if !reflect.DeepEqual(reused.Now(), want.Now()) || !reflect.DeepEqual(reused.Marks(), want.Marks()) {
				t.Fatalf("%q:\nScanReusing now %v, negated or past %v\nScanEach    now %v, negated or past %v",
					msg, reused.Now(), reused.Marks(), want.Now(), want.Marks())
			}
			found += len(got.Now()) + len(got.Marks())
		}
	}
	t.Logf("%d messages, %d patterns found", len(msgs), found)
}

// TestConceptsEndWhereTheirSequencesEnd works out, for a sample of the
// tuning messages and examples, where every concept can end from every
// token, as the scan does it (only the sequences indexed under the token's
// word, and not those lacking a word the message has not, passed over a run
// at a time) and by trying every one of the concept's sequences: the scan's
// short cuts must change nothing but the cost. (ScanEach shares the scan's
// concepts, so TestScanFindsWhatEachSequenceFinds does not check them.)
func TestConceptsEndWhereTheirSequencesEnd(t *testing.T) {
	set := contenttest.Bundled(t)
	msgs := corpusAndExamples(t, set)
	n := 0
	for k := 0; k < len(msgs); k += 50 {
		if d := set.Library.ConceptEndsDiffer(set.Analyzer.Analyze(msgs[k])); d != "" {
			t.Fatalf("%q: %s", msgs[k], d)
		}
		n++
	}
	t.Logf("%d messages", n)
}

// corpusAndExamples is the tuning messages and the bundled content's
// examples and not-examples.
func corpusAndExamples(t *testing.T, set *content.Set) []string {
	msgs := corpusMessages(t)
	for _, in := range set.Intents {
		for _, ex := range in.Examples {
			msgs = append(msgs, ex.Text)
		}
		for _, ex := range in.NotExamples {
			msgs = append(msgs, ex.Text)
		}
	}
	return msgs
}

// corpusMessages reads the messages of eval/tuning/*.jsonl.
func corpusMessages(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "eval", "tuning", "*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var c struct{ Message string }
			if len(sc.Bytes()) == 0 {
				continue
			}
			if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			out = append(out, c.Message)
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestGroupedConceptsEndWhereAllTheirPhrasesEnd checks the grouping of a
// concept's phrases by their second word on every tuning message and every
// example (numbered and not): where a concept can end from each token must
// be where it ends when every phrase that starts with the token's word is
// tried.
func TestGroupedConceptsEndWhereAllTheirPhrasesEnd(t *testing.T) {
	set := contenttest.Bundled(t)
	msgs := corpusAndExamples(t, set)
	if len(msgs) < 4000 {
		t.Fatalf("only %d messages: is eval/tuning there?", len(msgs))
	}
	plain := text.NewAnalyzer(text.Lexicon{})
	for _, msg := range msgs {
		for _, doc := range []text.Doc{set.Analyzer.Analyze(msg), plain.Analyze(msg)} {
			if d := set.Library.GroupedConceptEndsDiffer(doc); d != "" {
				t.Fatalf("%q: %s", msg, d)
			}
		}
	}
	t.Logf("%d messages", len(msgs))
}

// TestFindAgreesWithEveryFinding works out, on every tuning message and
// every example, what the message says of every finding of the content one
// finding at a time (Finding.Status) and as the screen does (Set.Find, from
// the patterns mentioned and their statuses): they must agree, finding for
// finding.
func TestFindAgreesWithEveryFinding(t *testing.T) {
	set := contenttest.Bundled(t)
	msgs := corpusAndExamples(t, set)
	var old content.Found
	stated := 0
	for _, msg := range msgs {
		h := set.Library.Scan(set.Analyzer.Analyze(msg))
		fd := set.FindReusing(old, h)
		n := 0
		for _, f := range set.Findings {
			want := f.Status(h)
			if got := fd.Status(f); got != want {
				t.Fatalf("%q: finding %s is %v, one at a time %v", msg, f.ID, got, want)
			}
			if want != phrase.NotSaid {
				if f2, _ := fd.At(n); f2 != f {
					t.Fatalf("%q: finding %d of Find is %s, want %s", msg, n, f2.ID, f.ID)
				}
				n++
			}
		}
		if n != fd.Len() {
			t.Fatalf("%q: Find lists %d findings, %d are said", msg, fd.Len(), n)
		}
		stated += n
		old = fd
	}
	t.Logf("%d messages, %d findings said", len(msgs), stated)
}
