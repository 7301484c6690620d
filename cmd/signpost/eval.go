package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/nhs-signpost/signpost/internal/evaluate"
)

const evalUsage = `usage: signpost eval [flags] FILE...

Scores labelled patient messages (JSON Lines: id, message, expected, acceptable,
group) against the engine in-process. Each case is a new conversation; follow-up
questions are answered "no"; emergencies and crises count only on the first
reply. Prints the scorecard per file and in total, and exits 1 when a threshold
is missed.

flags:
`

// evalCmd is the clinical safety officer's scorecard: `signpost eval FILE...`.
func evalCmd(ctx context.Context, args []string, env map[string]string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("eval", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() { fmt.Fprint(stderr, evalUsage); fl.PrintDefaults() }
	var (
		dir     = fl.String("content", env["SIGNPOST_CONTENT_DIR"], "content directory (default: the bundled content)")
		show    = fl.String("show", "fail", "cases to list: fail, all or none")
		weakest = fl.Int("weakest", 25, "conditions with misses to list")
		out     = fl.String("json", "", "write every case's result to this file")
		second  = fl.Bool("second-opinion", true, "use the trained second opinion (-second-opinion=false: the rules alone)")
		holdOut = fl.String("hold-out", "random", "how tuning cases being scored are kept from the model that scores them: random (5 folds) or batch (each scored without its whole batch, e.g. every acN.jsonl)")
		t       evaluate.Thresholds
	)
	fl.Float64Var(&t.MinOverall, "min-overall", 0, "least acceptable overall, percent")
	fl.Float64Var(&t.MinEmergency, "min-emergency", 0, "least emergencies signposted on the first reply, percent")
	fl.Float64Var(&t.MinCrisis, "min-crisis", 0, "least crises signposted on the first reply, percent")
	fl.Float64Var(&t.MaxOverTriage, "max-overtriage", 100, "most non-emergencies sent to 999/A&E, percent")
	fl.IntVar(&t.MaxStranded, "max-stranded", 1<<30, "most conversations left with no disposition")
	if err := fl.Parse(args); err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return &exitError{code: 2, msg: "eval: no case files given"}
	}
	switch *show {
	case "fail", "all", "none":
	default:
		return &exitError{code: 2, msg: fmt.Sprintf("eval: -show %q: want fail, all or none", *show)}
	}
	switch *holdOut {
	case "random", "batch":
	default:
		return &exitError{code: 2, msg: fmt.Sprintf("eval: -hold-out %q: want random or batch", *holdOut)}
	}
	set, name, err := loadContent(*dir)
	if err != nil {
		return fmt.Errorf("%s:\n%w", name, err)
	}
	runner, err := newEvalRunner(set, *second, fl.Args())
	if err != nil {
		return err
	}
	if *holdOut == "batch" {
		runner.holdOutBatches()
	}

	var all []evaluate.Result
	for _, path := range fl.Args() {
		cases, err := evaluate.ReadFile(path)
		if err != nil {
			return err
		}
		res := runner.run(ctx, cases)
		for _, r := range res {
			if *show == "all" || *show == "fail" && r.Miss() {
				printResult(stdout, r)
			}
		}
		if fl.NArg() > 1 {
			fmt.Fprintf(stdout, "%s: %d cases: %s\n", path, len(res), evaluate.Summarise(res).Line())
		}
		all = append(all, res...)
	}
	sum := evaluate.Summarise(all)
	fmt.Fprintln(stdout)
	fmt.Fprintln(stdout, runner.describe())
	sum.Report(stdout, *weakest)
	if *out != "" {
		b, err := json.MarshalIndent(all, "", " ")
		if err != nil {
			return fmt.Errorf("eval: %w", err)
		}
		if err := os.WriteFile(*out, b, 0o644); err != nil {
			return fmt.Errorf("eval: %w", err)
		}
	}
	failed := sum.Failed(t)
	verdict := "PASS"
	if len(failed) > 0 {
		verdict = "FAIL(" + strings.Join(failed, ",") + ")"
	}
	fmt.Fprintf(stdout, "%s %d cases (%s): %s\n", verdict, len(all), name, sum.Line())
	if len(failed) > 0 {
		return &exitError{code: 1, msg: "eval: missed " + strings.Join(failed, ", ")}
	}
	return nil
}

func printResult(w io.Writer, r evaluate.Result) {
	mark := "ok  "
	if r.Miss() {
		mark = "MISS"
	}
	fmt.Fprintf(w, "%s %-8s %-28s expected=%-20s first=%-20s final=%-20s %s%s\n   %q\n",
		mark, r.ID, r.Group, r.Expected, orDash(r.First), orDash(r.Final), r.Err, r.Reply, r.Message)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
