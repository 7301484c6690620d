package phrase_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

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
	msgs := corpusMessages(t)
	for _, in := range set.Intents {
		for _, ex := range in.Examples {
			msgs = append(msgs, ex.Text)
		}
		for _, ex := range in.NotExamples {
			msgs = append(msgs, ex.Text)
		}
	}
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
