package main

import (
	"context"
	"fmt"
	"hash/fnv"
	"path"
	"strings"

	"github.com/nhs-signpost/signpost/eval"
	"github.com/nhs-signpost/signpost/internal/classify"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/evaluate"
	"github.com/nhs-signpost/signpost/internal/store"
)

// setupSecondOpinion turns on the trained second opinion (docs/classifier.md)
// unless SIGNPOST_SECOND_OPINION=false. It learns from the content and the
// tuning corpus embedded from eval/tuning.
func (a *app) setupSecondOpinion(context.Context) ([]engine.Option, error) {
	a.log.Info("second opinion", "on", a.cfg.SecondOpinion)
	return secondOpinion(a.cfg.SecondOpinion)
}

// secondOpinion is the engine option for the second opinion, if on.
func secondOpinion(on bool) ([]engine.Option, error) {
	if !on {
		return nil, nil
	}
	cases, err := evaluate.ReadFS(eval.Tuning)
	if err != nil {
		return nil, err
	}
	return []engine.Option{engine.WithSecondOpinion(corpusExamples(cases, nil))}, nil
}

// corpusExamples turns cases into what the second opinion learns from,
// leaving out those for which skip is true (cases being scored).
func corpusExamples(cases []evaluate.Case, skip func(evaluate.Case) bool) []classify.Example {
	var out []classify.Example
	for _, c := range cases {
		if skip != nil && skip(c) {
			continue
		}
		// The condition name is offered as a topic; the engine keeps it only
		// when it names one of the content's rules or intents.
		if a := classify.AcuityOf(c.Expected); a != classify.NoAcuity {
			out = append(out, classify.Example{Text: c.Message, Topic: c.Group, Acuity: a})
		}
	}
	return out
}

// folds is how many parts `signpost eval` splits scored tuning cases into:
// each part is scored by a model trained without it.
const folds = 5

// evalRunner scores cases for `signpost eval`. With the second opinion on,
// no case is ever scored by a model that learnt from it: when scored cases
// are part of the tuning corpus, they are split into folds and each fold is
// scored by a model trained on the content and the rest of the corpus
// (cross-fitting); blind batches are scored by a model trained on all of it.
type evalRunner struct {
	set     *content.Set
	second  bool
	tuning  []evaluate.Case
	learnt  map[string]bool // messages of the tuning corpus
	scored  map[string]bool // messages of every case to be scored
	engines map[int]*engine.Engine
	// byBatch holds out whole batches instead of random folds (-hold-out
	// batch): a tuning case is scored by a model that learnt nothing from
	// its batch's writer. batchOf is a tuning message's batch number.
	byBatch bool
	batchOf map[string]int
}

// batchName is the batch a tuning file belongs to: its name's letters before
// the first digit ("ac" for ac3.jsonl, "v" for v4.jsonl).
func batchName(file string) string {
	base := path.Base(file)
	if i := strings.IndexAny(base, "0123456789."); i > 0 {
		return base[:i]
	}
	return base
}

// holdOutBatches makes the runner score each tuning case with a model trained
// without any case of its batch (one model per batch scored).
func (r *evalRunner) holdOutBatches() {
	r.byBatch = true
	r.batchOf = map[string]int{}
	ids := map[string]int{}
	for _, c := range r.tuning {
		b := batchName(c.File)
		if _, ok := ids[b]; !ok {
			ids[b] = len(ids)
		}
		r.batchOf[c.Message] = ids[b]
	}
}

func newEvalRunner(set *content.Set, second bool, files []string) (*evalRunner, error) {
	if !second {
		return newRunner(set, false, nil, nil), nil
	}
	tuning, err := evaluate.ReadFS(eval.Tuning)
	if err != nil {
		return nil, err
	}
	var scored []evaluate.Case
	for _, f := range files {
		cases, err := evaluate.ReadFile(f)
		if err != nil {
			return nil, err
		}
		scored = append(scored, cases...)
	}
	return newRunner(set, true, tuning, scored), nil
}

// newRunner is an evalRunner that learns from tuning and will score scored.
func newRunner(set *content.Set, second bool, tuning, scored []evaluate.Case) *evalRunner {
	r := &evalRunner{set: set, second: second, tuning: tuning, learnt: map[string]bool{}, scored: map[string]bool{}, engines: map[int]*engine.Engine{}}
	for _, c := range tuning {
		r.learnt[c.Message] = true
	}
	for _, c := range scored {
		r.scored[c.Message] = true
	}
	return r
}

// describe says how the cases were scored, for the report.
func (r *evalRunner) describe() string {
	if !r.second {
		return "second opinion: off (the rules alone)"
	}
	n := 0
	for m := range r.scored {
		if r.learnt[m] {
			n++
		}
	}
	if r.byBatch {
		return fmt.Sprintf("second opinion: on, trained on the content and %d tuning cases; %d scored cases from the tuning corpus each scored without its whole batch",
			len(r.tuning), n)
	}
	return fmt.Sprintf("second opinion: on, trained on the content and %d tuning cases; %d scored cases from the tuning corpus cross-fitted in %d folds",
		len(r.tuning), n, folds)
}

// fold is the part of a case: -1 when the tuning corpus does not hold it.
func (r *evalRunner) fold(c evaluate.Case) int {
	if !r.learnt[c.Message] {
		return -1
	}
	if r.byBatch {
		return r.batchOf[c.Message]
	}
	h := fnv.New32a()
	h.Write([]byte(c.Message))
	return int(h.Sum32() % folds)
}

func (r *evalRunner) engine(fold int) *engine.Engine {
	if e, ok := r.engines[fold]; ok {
		return e
	}
	var opts []engine.Option
	if r.second {
		skip := func(c evaluate.Case) bool { return r.scored[c.Message] && r.fold(c) == fold }
		if r.byBatch {
			// The whole batch, scored or not: its writer's words stay unseen.
			skip = func(c evaluate.Case) bool { return fold >= 0 && r.fold(c) == fold }
		}
		opts = append(opts, engine.WithSecondOpinion(corpusExamples(r.tuning, skip)))
	}
	e := engine.New(r.set, store.NewMemory(1000, 0), opts...)
	r.engines[fold] = e
	return e
}

// run scores cases, each with the engine for its fold, in their order.
func (r *evalRunner) run(ctx context.Context, cases []evaluate.Case) []evaluate.Result {
	out := make([]evaluate.Result, len(cases))
	byFold := map[int][]int{}
	last := folds - 1
	for i, c := range cases {
		f := -1
		if r.second {
			f = r.fold(c)
		}
		byFold[f] = append(byFold[f], i)
		last = max(last, f)
	}
	for f := -1; f <= last; f++ {
		idx := byFold[f]
		if len(idx) == 0 {
			continue
		}
		part := make([]evaluate.Case, len(idx))
		for j, i := range idx {
			part[j] = cases[i]
		}
		for j, res := range evaluate.Run(ctx, r.engine(f), part) {
			out[idx[j]] = res
		}
	}
	return out
}
