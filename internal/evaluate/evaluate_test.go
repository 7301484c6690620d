package evaluate_test

import (
	"context"
	"strings"
	"testing"

	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/evaluate"
	"github.com/nhs-signpost/signpost/internal/store"
)

func newEngine(t *testing.T) *engine.Engine {
	t.Helper()
	set := contenttest.Bundled(t)
	return engine.New(set, store.NewMemory(100, 0))
}

func TestReadReportsEveryBadLineWithItsNumber(t *testing.T) {
	in := `{"id":"a","message":"hi","expected":"info","acceptable":["info"]}

{"id":"b","message":"x","expected":"hospital","acceptable":["hospital"]}
{"id":"c","message":"x","expected":"gp","acceptable":["pharmacy"]}
{"id":"a","message":"again","expected":"gp","acceptable":["gp"]}
not json
`
	_, err := evaluate.Read(strings.NewReader(in), "cases.jsonl")
	if err == nil {
		t.Fatal("bad cases were accepted")
	}
	for _, want := range []string{
		`cases.jsonl:3: expected "hospital" is not a disposition`,
		`cases.jsonl:4: acceptable [pharmacy] does not hold expected "gp"`,
		`cases.jsonl:5: id "a" already used on line 1`,
		`cases.jsonl:6: `,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestRunScoresEmergenciesOnTheFirstReplyAndAnswersNoToQuestions(t *testing.T) {
	cases, err := evaluate.Read(strings.NewReader(`
{"id":"stroke","message":"my dad's face has dropped on one side and his speech is slurred","expected":"999","acceptable":["999"],"group":"stroke"}
{"id":"lice","message":"my daughter has nits in her hair","expected":"pharmacy","acceptable":["pharmacy","self_care"],"group":"head_lice"}
{"id":"wrong","message":"my daughter has nits in her hair","expected":"999","acceptable":["999"],"group":"labelled_wrongly"}
`), "t")
	if err != nil {
		t.Fatal(err)
	}
	res := evaluate.Run(context.Background(), newEngine(t), cases)
	if !res[0].OK || res[0].First != "999" || res[0].Turns != 1 {
		t.Errorf("stroke: %+v, want 999 on the first reply", res[0])
	}
	if !strings.HasPrefix(res[0].FirstIntent, "red_flag.") || res[0].FirstSource != "red_flag" {
		t.Errorf("stroke: first reply from %q (%q), want a red-flag rule named", res[0].FirstIntent, res[0].FirstSource)
	}
	// Head lice asks whether the scalp looks infected; "no" ends in pharmacy.
	if !res[1].OK || res[1].First != "" || res[1].Final != "pharmacy" || res[1].Turns < 2 {
		t.Errorf("head lice: %+v, want a question then pharmacy", res[1])
	}
	if res[1].FirstIntent == "" || res[1].FirstSource != "match" {
		t.Errorf("head lice: first reply from %q (%q), want the topic that asked", res[1].FirstIntent, res[1].FirstSource)
	}
	if res[2].OK || !res[2].Miss() {
		t.Errorf("a case labelled 999 that gets pharmacy counted as a hit: %+v", res[2])
	}
	s := evaluate.Summarise(res)
	if s.Overall != (evaluate.Ratio{N: 2, Of: 3}) || s.Emergency != (evaluate.Ratio{N: 1, Of: 2}) {
		t.Errorf("summary %s", s.Line())
	}
	if got := s.Failed(evaluate.Thresholds{MinEmergency: 98, MaxOverTriage: 5}); len(got) != 1 || got[0] != "emergency" {
		t.Errorf("failed thresholds %v, want [emergency]", got)
	}
}

func TestOverTriageAndStranded(t *testing.T) {
	over := evaluate.Result{Case: evaluate.Case{Expected: "gp", Acceptable: []string{"gp"}}, Final: "ae"}
	if !over.OverTriage() {
		t.Error("a GP case sent to A&E is not counted as over-triage")
	}
	fine := evaluate.Result{Case: evaluate.Case{Expected: "urgent", Acceptable: []string{"urgent", "ae"}}, Final: "ae"}
	if fine.OverTriage() {
		t.Error("A&E counted as over-triage where the clinician accepts it")
	}
	s := evaluate.Summarise([]evaluate.Result{over, {Case: evaluate.Case{Expected: "gp", Acceptable: []string{"gp"}}}})
	if s.Stranded.N != 1 || s.OverTriage.N != 1 {
		t.Errorf("stranded %v over-triage %v", s.Stranded, s.OverTriage)
	}
	if got := s.Failed(evaluate.Thresholds{MaxOverTriage: 100}); len(got) != 1 || got[0] != "stranded" {
		t.Errorf("failed %v, want [stranded]", got)
	}
}
