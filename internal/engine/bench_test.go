package engine_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

var benchMessages = []string{
	"is my outpatient appointment tomorrow still going ahead with the computer problems?",
	"my little boy has had a temperature since last night and is off his food",
	"I've had a sore throat for three days and it hurts to swallow",
	"my husband's face has dropped on one side and his speech is slurred",
	"blah blah nothing to see here",
	// The messages of ../shared/bench/chat.lua, the judged HTTP benchmark.
	"is my outpatient appointment today cancelled?",
	"i've had a sore throat for three days",
	"where is the nearest walk in centre open now",
	"my dad's face is drooping and he can't lift his arm",
	"do i still need to come in for my blood test",
	"can i get my repeat prescription from a pharmacy",
}

// contentScales are the sizes the budget benchmarks run at: the bundled
// content, and it copied twice and four times over (scaledContent).
var contentScales = []int{1, 2, 4}

// BenchmarkTurn measures one message through the whole engine, the in-memory
// store included: analysis, the safety screen, matching and the reply, a new
// conversation each time. Budget on the bundled content (1x): 15 us and 40
// allocations.
func BenchmarkTurn(b *testing.B) {
	for _, k := range contentScales {
		b.Run(fmt.Sprintf("content=%dx", k), func(b *testing.B) {
			set := scaledContent(b, k)
			eng := engine.New(set, store.NewMemory(10_000, 0)) // bounded, so the heap stays the same size
			defer reportSize(b, set)                           // after the loop, which resets the metrics
			benchHandle(b, eng)
		})
	}
}

// benchHandle sends the benchmark messages to eng in turn, each a new
// conversation, reporting allocations and CPU time.
func benchHandle(b *testing.B, eng *engine.Engine) {
	ctx := context.Background()
	b.ReportAllocs()
	defer reportCPU(b)()
	i := 0
	for b.Loop() {
		if _, err := eng.Handle(ctx, engine.Request{Text: benchMessages[i%len(benchMessages)]}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkScreen measures what screening a message for red flags takes, as
// the engine screens a message it will not answer in full (Engine.Screen:
// over a rate limit or too long): analysis, the pattern scan, the findings
// and the rules, and the emergency reply when one matches. Budget on the
// bundled content: 5 us.
func BenchmarkScreen(b *testing.B) {
	for _, k := range contentScales {
		b.Run(fmt.Sprintf("content=%dx", k), func(b *testing.B) {
			set := scaledContent(b, k)
			eng := engine.New(set, store.NewMemory(10, 0))
			defer reportSize(b, set) // after the loop, which resets the metrics
			b.ReportAllocs()
			defer reportCPU(b)()
			i := 0
			for b.Loop() {
				eng.Screen(benchMessages[i%len(benchMessages)])
				i++
			}
		})
	}
}
