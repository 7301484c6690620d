// Package gate decides whether a content set may be served. Start-up
// (`signpost serve`), hot reload and `signpost check` all pass content
// through the same gate: it must load and validate, pass its own tests
// (rule examples, intent examples, conversation checks), and pass the
// clinical safety suite compiled into the binary (internal/safety/suite.yaml),
// which the content cannot edit or skip. Content that fails any of it is
// refused as a whole, with every reason.
package gate

import (
	"context"
	"fmt"
	"io/fs"
	"strings"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/safety"
	"github.com/nhs-signpost/signpost/internal/store"
)

// Result is what the gate found in a content set that loaded.
type Result struct {
	Set   *content.Set
	Tests engine.CheckReport // the content's own tests
	Suite []safety.Problem   // the clinical safety suite's findings
}

// OK reports whether the set may be served.
func (r Result) OK() bool { return len(r.Tests.Failures) == 0 && len(r.Suite) == 0 }

// Reasons lists every failure, one a line, content tests first.
func (r Result) Reasons() []string {
	var out []string
	for _, f := range r.Tests.Failures {
		out = append(out, "content test: "+f.String())
	}
	for _, p := range r.Suite {
		out = append(out, "safety suite: "+p.String())
	}
	return out
}

// RefusedError is the gate refusing a set that loaded but failed its tests
// or the safety suite.
type RefusedError struct{ Result Result }

func (e *RefusedError) Error() string {
	r := e.Result
	return fmt.Sprintf("content refused: %d content test(s) and %d safety suite check(s) failed:\n%s",
		len(r.Tests.Failures), len(r.Suite), strings.Join(r.Reasons(), "\n"))
}

// Run loads fsys and runs every check. err is non-nil only when the content
// does not load (a content.Errors listing every problem, with file:line) or
// the built-in suite is broken; a set that loads is always returned in the
// Result, passing or not, so that `signpost check` can report everything.
func Run(ctx context.Context, fsys fs.FS) (Result, error) {
	suite, err := safety.Builtin()
	if err != nil {
		return Result{}, err
	}
	return run(ctx, fsys, suite)
}

func run(ctx context.Context, fsys fs.FS, suite *safety.Suite) (Result, error) {
	set, err := content.Load(fsys)
	if err != nil {
		return Result{}, err
	}
	return Result{
		Set:   set,
		Tests: engine.Check(ctx, set, store.NewMemory(10000, 0)),
		Suite: suite.Run(set),
	}, nil
}

// Load is the gate: the set, only if it may be served; otherwise an error
// giving every reason (content.Errors or *RefusedError).
func Load(ctx context.Context, fsys fs.FS) (*content.Set, error) {
	r, err := Run(ctx, fsys)
	if err != nil {
		return nil, err
	}
	if !r.OK() {
		return nil, &RefusedError{Result: r}
	}
	return r.Set, nil
}
