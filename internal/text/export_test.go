package text

// CardWords returns the typed words a has cards for.
func CardWords(a *Analyzer) []string {
	out := make([]string, 0, len(a.cards))
	for w := range a.cards {
		out = append(out, w)
	}
	return out
}

// AnalyzeWithoutCards analyses s as a would without its cards: every word
// looked up list by list.
func AnalyzeWithoutCards(a *Analyzer, s string) Doc {
	b := &Analyzer{spellings: a.spellings, synonyms: a.synonyms, single: a.single, fuzzy: a.fuzzy,
		stems: a.stems, seen: a.seen, nums: a.nums}
	return b.analyze(s, false, nil)
}
