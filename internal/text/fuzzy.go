package text

import "sort"

// Fuzzy corrects a word that is one typo (an insertion, deletion,
// substitution or swap of neighbours) away from a word of the vocabulary. It
// uses a symmetric-delete index, so a look-up costs a handful of map reads
// rather than a scan of the vocabulary.
type Fuzzy struct {
	words   map[string]bool
	deletes map[string][]string
}

// MinFuzzyLen is the shortest word that is corrected: shorter words have too
// many neighbours for a guess to be safe.
const MinFuzzyLen = 5

// NewFuzzy indexes words (lower-case, as typed, not stemmed).
func NewFuzzy(words []string) *Fuzzy {
	f := &Fuzzy{words: make(map[string]bool, len(words)), deletes: make(map[string][]string, len(words)*6)}
	for _, w := range words {
		if f.words[w] {
			continue
		}
		f.words[w] = true
		if len(w) < MinFuzzyLen-1 {
			continue
		}
		for _, d := range deletes1(w) {
			f.deletes[d] = append(f.deletes[d], w)
		}
	}
	for k, v := range f.deletes {
		sort.Strings(v)
		f.deletes[k] = v
	}
	return f
}

// Has reports whether w is in the vocabulary.
func (f *Fuzzy) Has(w string) bool { return f == nil || f.words[w] }

// Correct returns the vocabulary word closest to w, or w itself when w is
// known, too short, or not within one edit of any word.
func (f *Fuzzy) Correct(w string) string {
	if f == nil || len(w) < MinFuzzyLen || f.words[w] {
		return w
	}
	best := ""
	consider := func(c string) {
		if c == best || osaDistance(w, c) != 1 {
			return
		}
		// Prefer a candidate that keeps the first letter, then the shortest,
		// then the alphabetically first, so the choice is deterministic.
		if best == "" || better(w, c, best) {
			best = c
		}
	}
	for _, c := range f.deletes[w] { // w is a known word with one letter missing... or extra
		consider(c)
	}
	for _, d := range deletes1(w) {
		if f.words[d] {
			consider(d)
		}
		for _, c := range f.deletes[d] {
			consider(c)
		}
	}
	if best == "" {
		return w
	}
	return best
}

func better(w, a, b string) bool {
	af, bf := a[0] == w[0], b[0] == w[0]
	if af != bf {
		return af
	}
	if len(a) != len(b) {
		return len(a) > len(b)
	}
	return a < b
}

func deletes1(w string) []string {
	out := make([]string, 0, len(w))
	for i := 0; i < len(w); i++ {
		out = append(out, w[:i]+w[i+1:])
	}
	return out
}

// osaDistance is the optimal string alignment distance (Levenshtein plus
// swaps of neighbouring letters), on bytes.
func osaDistance(a, b string) int {
	la, lb := len(a), len(b)
	if d := la - lb; d > 1 || d < -1 {
		return 2
	}
	prev2 := make([]int, lb+1)
	prev := make([]int, lb+1)
	cur := make([]int, lb+1)
	for j := 0; j <= lb; j++ {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[lb]
}
