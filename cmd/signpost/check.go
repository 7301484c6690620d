package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/gate"
)

// check runs the content gate and reports everything it found: what the
// comms team runs before publishing an edit. It passes exactly when `signpost
// serve` and hot reload would accept the content.
func check(ctx context.Context, args []string, env map[string]string, stdout io.Writer) error {
	dir := env["SIGNPOST_CONTENT_DIR"]
	if len(args) > 0 {
		dir = args[0]
	} else if dir == "" {
		if st, err := os.Stat("intents"); err == nil && st.IsDir() {
			dir = "intents"
		}
	}
	fsys, name := contentFS(dir)
	res, err := gate.Run(ctx, fsys)
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
	for _, r := range res.Reasons() {
		fmt.Fprintf(stdout, "FAIL %s\n", r)
	}
	set := res.Set
	fmt.Fprintf(stdout, "%s (version %s): %d red flags, %d intents, %d services; %d passed, %d failed; safety suite: %d problem(s)\n",
		name, set.Version, len(set.RedFlags), len(set.Intents), len(set.Services), res.Tests.Passed, len(res.Tests.Failures), len(res.Suite))
	if !res.OK() {
		return &exitError{code: 1, msg: fmt.Sprintf("content refused: %d content test(s) failed, %d safety suite problem(s)", len(res.Tests.Failures), len(res.Suite))}
	}
	return nil
}
