package engine_test

import (
	"testing"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/match"
	"github.com/nhs-signpost/signpost/internal/phrase"
	"github.com/nhs-signpost/signpost/internal/safety"
	"github.com/nhs-signpost/signpost/internal/text"
)

// BenchmarkStages measures each state-independent stage of a turn on its own,
// over the same messages as BenchmarkHandle.
func BenchmarkStages(b *testing.B) {
	set := scaledContent(b, 1)
	m := match.New(set)
	docs := analysed(set)
	hits := make([]phrase.Hits, len(docs))
	for i, d := range docs {
		hits[i] = set.Library.Scan(d)
	}
	// Each stage runs on the output of the ones before it, made beforehand.
	for _, stage := range []struct {
		name string
		run  func(i int)
	}{
		{"analyse", func(i int) { set.Analyzer.Analyze(benchMessages[i]) }},
		{"scan", func(i int) { set.Library.Scan(docs[i]) }},
		{"screen", func(i int) { safety.Screen(set, docs[i], hits[i]) }},
		{"rank", func(i int) { m.Best(docs[i], hits[i]) }},
	} {
		b.Run(stage.name, func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b)()
			i := 0
			for b.Loop() {
				stage.run(i % len(benchMessages))
				i++
			}
		})
	}
}

func analysed(set *content.Set) []text.Doc {
	out := make([]text.Doc, len(benchMessages))
	for i, msg := range benchMessages {
		out[i] = set.Analyzer.Analyze(msg)
	}
	return out
}

// reportCPU starts measuring CPU time; the function it returns reports it
// per operation as cpu-ns/op.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if d := cpuTime() - start; d > 0 && b.N > 0 {
			b.ReportMetric(float64(d.Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}
