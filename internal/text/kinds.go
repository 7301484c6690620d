package text

// What the analyser knows about a word, read with one map look-up rather
// than one per list: a message's words each used to cost up to ten look-ups
// (its spelling, whether it is known, its synonyms, its stem, and the lists
// of clause breaks, time cues, people and negation cues).

// wordKind is what the fixed word lists say about a word, a bit per list.
type wordKind uint16

const (
	kindClauseBreak  wordKind = 1 << iota // clauseBreakWords
	kindPresent                           // presentCues
	kindPastSingle                        // pastSingles
	kindPastPair                          // a first word of pastPairs
	kindMale                              // maleWords
	kindFemale                            // femaleWords
	kindBaby                              // babyWords
	kindNegation                          // negationCues (of a stemmed word)
	kindUnsure                            // unsureWords (of a stemmed word)
	kindStillPair                         // a first word of stillPairs
	kindDateBoundary                      // dateBoundaries
	kindNumberWord                        // numberWords
)

// wordKinds is every fixed list in one map.
var wordKinds = func() map[string]wordKind {
	m := map[string]wordKind{}
	for kind, words := range map[wordKind]map[string]bool{
		kindClauseBreak: clauseBreakWords, kindPresent: presentCues, kindPastSingle: pastSingles,
		kindMale: maleWords, kindFemale: femaleWords, kindBaby: babyWords,
		kindNegation: negationCues, kindUnsure: unsureWords,
	} {
		for w := range words {
			m[w] |= kind
		}
	}
	for w := range pastPairs {
		m[w] |= kindPastPair
	}
	for w := range stillPairs {
		m[w] |= kindStillPair
	}
	for w := range dateBoundaries {
		m[w] |= kindDateBoundary
	}
	for w := range numberWords {
		m[w] |= kindNumberWord
	}
	return m
}()

// card is everything the analyser does to one typed word, worked out once
// when the vocabulary is set (Analyzer.buildCards), for the words content
// uses and the words of its lexicon and fixed lists.
type card struct {
	word   string   // the word after spelling fixes (rawTok.word)
	kind   wordKind // wordKinds[word]
	syn    []phrase // a.synonyms[word]
	single string   // a.single[word], or word
	stem   string   // a.stem(single) when single is one word
	cue    wordKind // the negation bits of wordKinds[stem]
	num    int32    // Token.num of stem, when a.nums is set
	// bySecond holds syn by each phrase's second word, each list in syn's
	// order, when syn is long ("the" starts two hundred phrases): a
	// message's next word picks the few that can match.
	bySecond map[string][]phrase
}

// manyPhrases is how many phrases a word starts before its card keeps them
// by their second word: one map look-up costs about what comparing this
// many phrases does.
const manyPhrases = 8

// phrases returns the synonym phrases of the card's word that can match at
// words (the word and those after it): every phrase of the word has a
// second word, in the same clause.
func (c *card) phrases(words []rawTok) []phrase {
	if c.bySecond == nil {
		return c.syn
	}
	if len(words) < 2 || words[1].clause != words[0].clause {
		return nil
	}
	return c.bySecond[words[1].word]
}

// buildCards fills a.cards. It runs once the vocabulary and the stems are
// set, before the analyser is used: the analyser is read-only afterwards.
func (a *Analyzer) buildCards() {
	cards := map[string]*card{}
	add := func(t string) {
		if _, done := cards[t]; done || t == "" || isMarker(t) || t[0] >= '0' && t[0] <= '9' {
			return
		}
		w := a.spell(t)
		if !a.known(w) {
			return // fuzzy correction decides; the slow path does it
		}
		c := &card{word: w, kind: wordKinds[w], syn: a.synonyms[w], single: w}
		if len(c.syn) > manyPhrases {
			c.bySecond = map[string][]phrase{}
			for _, p := range c.syn {
				c.bySecond[p.words[1]] = append(c.bySecond[p.words[1]], p)
			}
		}
		if s, ok := a.single[w]; ok {
			c.single = s
		}
		if !containsSpace(c.single) {
			c.stem = a.stemOf(c.single)
			c.cue = wordKinds[c.stem] & (kindNegation | kindUnsure)
			if a.nums != nil {
				c.num = a.nums.lookup(c.stem)
			}
		}
		cards[t] = c
	}
	for w := range a.stems {
		add(w)
	}
	for w := range a.spellings {
		add(w)
	}
	for w := range a.single {
		add(w)
	}
	for w := range a.synonyms {
		add(w)
	}
	for w := range wordKinds {
		add(w)
	}
	a.cards = cards
}

// stemOf is a.stem without remembering the word in the cache.
func (a *Analyzer) stemOf(w string) string {
	if s, ok := a.stems[w]; ok {
		return s
	}
	return Stem(w)
}

func containsSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			return true
		}
	}
	return false
}
