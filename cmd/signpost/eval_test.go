package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/evaluate"
)

func TestEvalScoresAFileAndFailsAMissedThreshold(t *testing.T) {
	file := filepath.Join(t.TempDir(), "cases.jsonl")
	cases := `{"id":"s1","message":"she collapsed and isn't breathing","expected":"999","acceptable":["999"],"group":"arrest"}
{"id":"s2","message":"is my outpatient appointment tomorrow cancelled?","expected":"info","acceptable":["info"],"group":"appointments"}
{"id":"s3","message":"is my outpatient appointment tomorrow cancelled?","expected":"gp","acceptable":["gp"],"group":"mislabelled"}
`
	if err := os.WriteFile(file, []byte(cases), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"eval", "-show", "none", file}, map[string]string{}, nil, &out, &out); err != nil {
		t.Fatalf("eval without thresholds failed: %v\n%s", err, &out)
	}
	if !strings.Contains(out.String(), "PASS 3 cases") || !strings.Contains(out.String(), "overall 2/3 (66.7%); emergency first reply 1/1 (100.0%)") {
		t.Errorf("scorecard:\n%s", &out)
	}
	out.Reset()
	err := run(context.Background(), []string{"eval", "-min-overall", "90", file}, map[string]string{}, nil, &out, &out)
	if exitCode(err) != 1 || !strings.Contains(out.String(), "FAIL(overall)") || !strings.Contains(out.String(), "MISS s3") {
		t.Errorf("eval under its threshold: err %v\n%s", err, &out)
	}
}

func TestEvalNeverScoresACaseWithAModelThatLearntIt(t *testing.T) {
	set, _, err := loadContent("")
	if err != nil {
		t.Fatal(err)
	}
	var tuning []evaluate.Case
	for i := range 40 {
		tuning = append(tuning, evaluate.Case{ID: fmt.Sprint(i), Message: fmt.Sprintf("message number %d about a sore knee", i), Expected: "gp", Acceptable: []string{"gp"}})
	}
	blind := evaluate.Case{ID: "b", Message: "a message nobody learnt", Expected: "gp", Acceptable: []string{"gp"}}
	scored := append(tuning[:20:20], blind)
	r := newRunner(set, true, tuning, scored)
	all := engine.Train(engine.NewBundle(set), nil).Examples() + len(tuning)
	for _, c := range scored {
		f := r.fold(c)
		if c.ID == "b" {
			if f != -1 || r.engine(f).Bundle().Second.Examples() != all {
				t.Errorf("a case outside the tuning corpus: fold %d, model of %d examples, want -1 and %d", f, r.engine(f).Bundle().Second.Examples(), all)
			}
			continue
		}
		inFold := 0
		for _, s := range scored {
			if s.ID != "b" && r.fold(s) == f {
				inFold++
			}
		}
		if got := r.engine(f).Bundle().Second.Examples(); got != all-inFold {
			t.Errorf("case %s (fold %d): its model learnt from %d examples, want %d (all but the %d scored cases of its fold)", c.ID, f, got, all-inFold, inFold)
		}
	}
	res := r.run(context.Background(), scored)
	for i, c := range scored {
		if res[i].ID != c.ID {
			t.Fatalf("result %d is case %s, want %s: results must keep the cases' order", i, res[i].ID, c.ID)
		}
	}
	if !strings.Contains(r.describe(), "40 tuning cases; 20 scored cases from the tuning corpus cross-fitted in 5 folds") {
		t.Errorf("describe: %s", r.describe())
	}
}

// With -hold-out batch a tuning case is scored by a model that learnt
// nothing from its whole batch (every file of it, scored or not), so that a
// writer's own words never help score that writer's messages.
func TestEvalHoldsOutWholeBatches(t *testing.T) {
	set, _, err := loadContent("")
	if err != nil {
		t.Fatal(err)
	}
	var tuning []evaluate.Case
	for i, file := range []string{"ac1.jsonl", "ac2.jsonl", "ad1.jsonl", "v4.jsonl"} {
		for j := range 10 {
			tuning = append(tuning, evaluate.Case{ID: fmt.Sprint(i, "-", j), File: file,
				Message: fmt.Sprintf("message %d of file %d about a sore knee", j, i), Expected: "gp", Acceptable: []string{"gp"}})
		}
	}
	scored := []evaluate.Case{tuning[0], tuning[15], tuning[25], tuning[35]} // ac1, ac2, ad1, v4
	r := newRunner(set, true, tuning, scored)
	r.holdOutBatches()
	all := engine.Train(engine.NewBundle(set), nil).Examples() + len(tuning)
	for _, c := range scored {
		want := all - 10 // ad1 and v4 are batches of one file
		if strings.HasPrefix(c.File, "ac") {
			want = all - 20 // ac1 and ac2 are one batch
		}
		if got := r.engine(r.fold(c)).Bundle().Second.Examples(); got != want {
			t.Errorf("case from %s: its model learnt from %d examples, want %d (all but its batch)", c.File, got, want)
		}
	}
	if r.fold(tuning[0]) != r.fold(tuning[15]) || r.fold(tuning[0]) == r.fold(tuning[25]) {
		t.Errorf("folds ac1 %d, ac2 %d, ad1 %d: want ac1 and ac2 together, ad1 apart", r.fold(tuning[0]), r.fold(tuning[15]), r.fold(tuning[25]))
	}
	if !strings.Contains(r.describe(), "each scored without its whole batch") {
		t.Errorf("describe: %s", r.describe())
	}
}
