package match

import (
	"math"
	"testing"
)

// The keyword table must give exactly what math.Pow gives, for any count.
func TestKeywordMissIsPow(t *testing.T) {
	for k := range 100 {
		if got, want := keywordMiss(k), math.Pow(0.45, float64(k)); got != want {
			t.Errorf("keywordMiss(%d) = %v, want %v", k, got, want)
		}
	}
}
