package text

import "testing"

func TestHistorical(t *testing.T) {
	a := NewAnalyzer(Lexicon{})
	cases := []struct {
		msg  string
		word string // the first token with this raw word is tested
		past bool
	}{
		{"had chest pain two years ago", "chest", true},
		{"i used to have fits", "fits", true},
		{"had asthma as a child", "asthma", true},
		{"my dad had a stroke last year", "stroke", true},
		{"in the past i had a clot", "clot", true},
		{"had chest pain two years ago, now it is back", "chest", true},
		{"chest pain started 2 hours ago", "chest", false},
		{"had a fall 3 days ago", "fall", false},
		{"had a heart attack last year and now chest pain again", "chest", false},
		{"used to get migraines but this headache is the worst ever", "headache", false},
		{"when i walk my chest hurts", "chest", false},
		{"chest pain for two years", "chest", false},
	}
	for _, c := range cases {
		d := a.Analyze(c.msg)
		at := -1
		for i, tok := range d.Tokens {
			if tok.Raw == c.word {
				at = i
				break
			}
		}
		if at < 0 {
			t.Fatalf("%q: no token %q", c.msg, c.word)
		}
		if got := d.Historical(at); got != c.past {
			t.Errorf("%q: Historical(%q) = %v, want %v", c.msg, c.word, got, c.past)
		}
	}
}
