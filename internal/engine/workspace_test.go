package engine_test

import (
	"context"
	"reflect"
	"sync"
	"testing"

	"github.com/nhs-signpost/signpost/internal/engine"
)

// Handle works in pooled workspaces whose lists the next message reuses:
// many goroutines opening conversations at once must each get the reply
// Step gives for that message alone, which works in no pooled list.
func TestHandleWorkspacesAreNotShared(t *testing.T) {
	e := bundledEngine(t)
	msgs := append([]string{"", "yes", "no", "chest pain and I can't breathe", "hello"}, benchMessages...)
	want := make([]engine.Reply, len(msgs))
	for i, m := range msgs {
		r, _, err := e.Step(context.Background(), engine.State{}, engine.Request{Text: m})
		if err != nil {
			t.Fatalf("%q: %v", m, err)
		}
		want[i] = r
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k := range 50 * len(msgs) {
				i := (k + g) % len(msgs)
				got, err := e.Handle(context.Background(), engine.Request{Text: msgs[i]})
				if err != nil {
					t.Errorf("%q: %v", msgs[i], err)
					return
				}
				got.SessionID, got.NewSession = "", false
				if !reflect.DeepEqual(got, want[i]) {
					t.Errorf("%q: Handle %+v, Step %+v", msgs[i], got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}
