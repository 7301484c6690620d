package engine_test

import (
	"context"
	"testing"

	"github.com/nhs-signpost/signpost/intents"
	"github.com/nhs-signpost/signpost/internal/content"
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

// BenchmarkHandle measures one message through the whole engine with the
// bundled content and the in-memory store: analysis, the safety screen,
// matching and the reply.
func BenchmarkHandle(b *testing.B) {
	set, err := content.Load(intents.FS)
	if err != nil {
		b.Fatal(err)
	}
	eng := engine.New(set, store.NewMemory(1_000_000, 0))
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
