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
	b.Run("analyse", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		defer reportCPU(b)()
		for b.Loop() {
			set.Analyzer.Analyze(benchMessages[i%len(benchMessages)])
			i++
		}
	})
	b.Run("scan", func(b *testing.B) {
		docs := analysed(set)
		b.ReportAllocs()
		i := 0
		defer reportCPU(b)()
		for b.Loop() {
			set.Library.Scan(docs[i%len(docs)])
			i++
		}
	})
	b.Run("screen", func(b *testing.B) {
		docs := analysed(set)
		hits := make([]phraseHits, len(docs))
		for i, d := range docs {
			hits[i] = set.Library.Scan(d)
		}
		b.ReportAllocs()
		i := 0
		defer reportCPU(b)()
		for b.Loop() {
			safety.Screen(set, docs[i%len(docs)], hits[i%len(docs)])
			i++
		}
	})
	b.Run("rank", func(b *testing.B) {
		docs := analysed(set)
		hits := make([]phraseHits, len(docs))
		for i, d := range docs {
			hits[i] = set.Library.Scan(d)
		}
		b.ReportAllocs()
		i := 0
		defer reportCPU(b)()
		for b.Loop() {
			m.Best(docs[i%len(docs)], hits[i%len(docs)])
			i++
		}
	})
}

type phraseHits = phrase.Hits

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
