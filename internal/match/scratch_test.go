package match

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// The touched intents' bit set is read in the order a sort of the intents
// touched would give, and sortRanked orders as the comparison sort it
// replaced did, ties and all.
func TestTouchedAndSortRankedAgreeWithSorting(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 1))
	for round := range 2000 {
		n := 1 + r.IntN(300)
		sc := &scratch{touched: make([]uint64, (n+63)/64)}
		var want []int32
		for range r.IntN(2 * n) {
			i := int32(r.IntN(n))
			sc.touch(i)
			if !slices.Contains(want, i) {
				want = append(want, i)
			}
		}
		slices.Sort(want)
		var got []int32
		for i := range sc.eachTouched {
			got = append(got, i)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: touched %v, want %v", round, got, want)
		}

		score := make([]float64, n)
		for i := range score {
			score[i] = float64(r.IntN(6)) / 5 // few values, so many ties
		}
		ranked := slices.Clone(want)
		if len(ranked) > 64 && round%2 == 0 {
			ranked = ranked[:r.IntN(64)] // the insertion sort's sizes too
		}
		old := slices.Clone(ranked)
		slices.SortFunc(old, func(a, b int32) int {
			if c := cmp.Compare(score[b], score[a]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		sortRanked(ranked, score)
		if !slices.Equal(ranked, old) {
			t.Fatalf("round %d: sortRanked %v, want %v", round, ranked, old)
		}
	}
}
