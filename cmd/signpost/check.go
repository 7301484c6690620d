package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

// check validates content and runs its own tests: what the comms team runs
// before publishing an edit.
func check(ctx context.Context, args []string, env map[string]string, stdout io.Writer) error {
	dir := env["SIGNPOST_CONTENT_DIR"]
	if len(args) > 0 {
		dir = args[0]
	} else if dir == "" {
		if st, err := os.Stat("intents"); err == nil && st.IsDir() {
			dir = "intents"
		}
	}
	set, name, err := loadContent(dir)
	if err != nil {
		if errs, ok := err.(content.Errors); ok {
			fmt.Fprintf(stdout, "%s: %d problem(s) found; nothing was loaded:\n", name, len(errs))
			for _, e := range errs {
				fmt.Fprintf(stdout, "  %v\n", e)
			}
			return &exitError{code: 1, msg: "content is not valid"}
		}
		return err
	}
	rep := engine.Check(ctx, set, store.NewMemory(10000, 0))
	for _, f := range rep.Failures {
		fmt.Fprintf(stdout, "FAIL %s\n", f)
	}
	fmt.Fprintf(stdout, "%s (version %s): %d red flags, %d intents, %d services; %d passed, %d failed\n",
		name, set.Version, len(set.RedFlags), len(set.Intents), len(set.Services), rep.Passed, len(rep.Failures))
	if len(rep.Failures) > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d content test(s) failed", len(rep.Failures))}
	}
	return nil
}
