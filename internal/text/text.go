// Package text turns what a person typed into the tokens the safety screen and
// the intent matcher compare against content: case and Unicode folded,
// apostrophes and "A&E" handled, common misspellings and British/US spellings
// mapped, multi-word synonyms collapsed, words stemmed, negation marked and a
// few facts (age, sex, pregnancy, temperature) read off. It is pure and
// deterministic: the same input and lexicon always give the same Doc.
package text

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// Token is one word of a message after normalisation.
type Token struct {
	Word     string   // canonical, stemmed form compared with content
	Raw      string   // the lower-cased word as typed (after spelling fixes)
	Clause   int32    // index of the clause the token sits in
	Sentence int32    // index of the sentence the token sits in (see Analyze)
	Num      bool     // the token is a number
	past     bool     // the token tells of the past (see Historical)
	cue      wordKind // kindNegation, kindUnsure: what Negated reads
	num      int32    // the word's number in the analyser's Numbers, plus 1; -1 none; 0 not numbered
}

// Number returns the word's number in the Numbers the doc was numbered with
// (see Doc.NumberedBy), or -1 when it has none.
func (t Token) Number() int32 {
	if t.num > 0 {
		return t.num - 1
	}
	return -1
}

// Doc is an analysed message.
type Doc struct {
	Tokens []Token
	Facts  Facts
	nums   *Numbers // what the tokens were numbered with, if anything
}

// Numbers numbers words: a pattern library's stemmed words, handed to the
// analyser (SetNumbers) so that each token of a message carries its number
// and the library looks nothing up. The numbering is fixed once made.
type Numbers struct{ m map[string]int32 }

// NewNumbers returns a numbering of the words in m (copied).
func NewNumbers(m map[string]int32) *Numbers {
	c := make(map[string]int32, len(m))
	for w, n := range m {
		c[w] = n
	}
	return &Numbers{m: c}
}

// lookup is a token's num for word w (see Token).
func (n *Numbers) lookup(w string) int32 {
	if k, ok := n.m[w]; ok {
		return k + 1
	}
	return -1
}

// NumberedBy reports whether the doc's tokens carry their numbers in n.
func (d Doc) NumberedBy(n *Numbers) bool { return n != nil && d.nums == n }

// Words returns the canonical words of the doc, in order.
func (d Doc) Words() []string {
	out := make([]string, len(d.Tokens))
	for i, t := range d.Tokens {
		out[i] = t.Word
	}
	return out
}

// String joins the canonical words with spaces; handy in tests and cache keys.
func (d Doc) String() string { return strings.Join(d.Words(), " ") }

// Negated reports whether the match starting at token i is in the scope of a
// negation cue ("no", "not", "never", "without", "don't" ...) written up to
// NegationWindow words before it in the same clause. A cue that is part of
// the match itself (a pattern such as "not breathing") does not count,
// because it sits at or after i. A match that itself starts with a cue is
// never negated by an earlier one: people list emergencies in the negative
// ("can't talk can't breathe", "not responding won't wake up"). A cue that
// only says the writer is unsure ("don't know why", "not sure", "no idea"),
// or that something will not stop ("can't stop vomiting"), negates nothing.
func (d Doc) Negated(i int) bool {
	if i <= 0 || i >= len(d.Tokens) {
		return false
	}
	if d.Tokens[i].cue&kindNegation != 0 {
		return false
	}
	clause := d.Tokens[i].Clause
	listed := false // an "or" or "nor" stands between the cue and the match
	for j, lim := i-1, i-NegationWindow; j >= 0 && j >= lim; j-- {
		t := &d.Tokens[j]
		if t.Clause != clause {
			return false
		}
		if t.cue&kindNegation != 0 && !(j+1 < len(d.Tokens) && d.Tokens[j+1].cue&kindUnsure != 0) {
			// "can't talk lips blue", "cant breathe face grey": a cue
			// before one of the abilities that fail in an emergency says
			// that ability is lost, and what follows it is told as there.
			// Through "or" the denial still runs on ("can't talk or
			// move her arm").
			if j+1 < i && !listed && abilityLost[d.Tokens[j+1].Raw] && abilityCues[t.Raw] {
				return false
			}
			return true
		}
		// A denial runs on through a list joined by "or" ("no trouble
		// breathing or chest pain"): the window starts again before it.
		if t.Raw == "or" || t.Raw == "nor" {
			lim = j - NegationWindow
			listed = true
		}
		// "any" carries no meaning of its own and does not use up the
		// window ("never any lip swelling or trouble breathing").
		if t.Raw == "any" {
			lim--
		}
		// "and" with a verb after it starts a new statement with its own
		// yes or no ("hasn't been sick and seems normal", "not breathing and
		// is blue"); "not eating and drinking" is still one denial.
		if t.Raw == "and" && j+1 < len(d.Tokens) && newStatementWords[d.Tokens[j+1].Raw] {
			return false
		}
	}
	return false
}

// newStatementWords after "and" start a new statement about the same
// person, so a denial before "and" does not reach what follows (a NegEx
// termination cue).
var newStatementWords = set("is", "was", "are", "were", "has", "had", "seems", "seem", "seemed", "looks", "look", "looked",
	"feels", "felt", "acting", "behaving", "playing")

// unsureWords after a negation cue make it a statement of doubt, not a
// denial. "stop" is there too: "can't stop vomiting", "won't stop shaking"
// say the symptom is there and will not go (a NegEx pseudo-negation).
var unsureWords = set("know", "sure", "idea", "understand", "realis", "realiz", "stop")

// abilityCues before a word of abilityLost say the ability is lost ("can't
// talk", "couldn't breathe"): a symptom, not a denial of what comes after.
var abilityCues = set("cant", "cannot", "couldnt")

// abilityLost are the abilities that fail in an emergency (breathing,
// talking, swallowing, standing): "can't talk lips bluey" tells of blue lips.
var abilityLost = set("talk", "speak", "breathe", "breath", "swallow", "stand", "walk")

// NegationWindow is how many words before a match a negation cue may stand.
const NegationWindow = 3

var negationCues = set("no", "not", "never", "without", "dont", "doesnt", "didnt", "isnt", "arent",
	"wasnt", "werent", "hasnt", "havent", "hadnt", "wont", "cant", "cannot", "couldnt", "shouldnt",
	"wouldnt", "nor", "nothing", "none", "neither", "deni", "free", "aint", "nt")

// clauseBreakWords start a new clause, so that negation before them does not
// reach past them ("no fever but she is floppy").
var clauseBreakWords = set("but", "although", "though", "however", "except", "yet", "whereas")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Analyzer normalises text with a lexicon taken from content.
// The zero value is usable: it only folds, tokenises and stems.
type Analyzer struct {
	spellings map[string]string   // misspelling or variant → word
	synonyms  map[string][]phrase // first word → multi-word phrases mapped to a canonical word
	single    map[string]string   // one-word synonym → canonical word
	fuzzy     *Fuzzy              // corrects unknown words against the content vocabulary
	stems     map[string]string   // cache of stems for known words (read-only after build)
	seen      *stemCache          // stems of other words met lately
	cards     map[string]*card    // typed word → all of the above, for the words content knows (kinds.go)
	nums      *Numbers            // the pattern library's word numbers (SetNumbers), or nil
	keep      map[string]bool     // words never corrected (Lexicon.Keep)
}

type phrase struct {
	words     []string
	canonical string
}

// Lexicon is the comms-editable word knowledge used for normalising.
type Lexicon struct {
	// Spellings maps a misspelt or variant word to the word content uses
	// ("diarrea" → "diarrhoea", "color" → "colour").
	Spellings map[string]string
	// Synonyms maps a canonical word to the words and phrases that mean the
	// same ("vomit": ["sick up", "throw up", "puke"]).
	Synonyms map[string][]string
	// Keep lists words that typo correction must leave as typed: names,
	// brands and words of other kinds one letter from a content word
	// ("clonic" is not "clinic", "paeds" not "pads"). Names of the English
	// word list are kept already (IsProperNoun).
	Keep []string
}

// NewAnalyzer builds an Analyzer from a lexicon. Vocabulary for fuzzy
// correction is added later with SetVocabulary, once patterns are known.
func NewAnalyzer(lex Lexicon) *Analyzer {
	a := &Analyzer{
		spellings: map[string]string{},
		synonyms:  map[string][]phrase{},
		single:    map[string]string{},
		stems:     map[string]string{},
		seen:      newStemCache(),
		keep:      map[string]bool{},
	}
	for _, w := range lex.Keep {
		a.keep[fold(w)] = true
	}
	for k, v := range lex.Spellings {
		a.spellings[fold(k)] = fold(v)
	}
	for canon, variants := range lex.Synonyms {
		c := strings.Join(a.rawWords(canon), " ")
		for _, v := range variants {
			ws := a.rawWords(v)
			switch {
			case len(ws) == 0:
			case len(ws) == 1:
				a.single[ws[0]] = c
			default:
				a.synonyms[ws[0]] = append(a.synonyms[ws[0]], phrase{words: ws, canonical: c})
			}
		}
	}
	// Longest phrases first so "throw up blood" wins over "throw up".
	for k, ps := range a.synonyms {
		sortPhrases(ps)
		a.synonyms[k] = ps
	}
	return a
}

func sortPhrases(ps []phrase) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && (len(ps[j].words) > len(ps[j-1].words) ||
			len(ps[j].words) == len(ps[j-1].words) && strings.Join(ps[j].words, " ") < strings.Join(ps[j-1].words, " ")); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// SetNumbers has every message's tokens carry their numbers in n (see
// Numbers). Like SetVocabulary, it is part of building the analyser, before
// it is used.
func (a *Analyzer) SetNumbers(n *Numbers) {
	a.nums = n
	if a.cards != nil {
		a.buildCards()
	}
}

// SetVocabulary gives the analyzer the words content knows, so that an
// unknown word one typo away from one of them is corrected.
func (a *Analyzer) SetVocabulary(words []string) {
	a.fuzzy = NewFuzzy(words)
	englishWords() // load the word lists now, not on the first message
	properNouns()
	if a.cards != nil {
		a.buildCards() // what is known has changed
	}
}

// rawWords folds and splits s into lower-case words with spellings fixed,
// before synonyms and stemming.
func (a *Analyzer) rawWords(s string) []string {
	var out []string
	for _, t := range tokenize(fold(s)) {
		if t.brk {
			continue
		}
		out = append(out, a.spell(t.word))
	}
	return out
}

func (a *Analyzer) spell(w string) string {
	if v, ok := a.spellings[w]; ok {
		return v
	}
	return w
}

// Analyze normalises a message into a Doc. Its tokens are numbered by
// clause and by sentence. A clause ends at any punctuation (. , ; : ! ? ( )
// quotes, a new line) and before a clause-break word ("but", "although" ...);
// a sentence ends only at a full stop (not an ellipsis "..."), a question or
// exclamation mark, a semicolon or a new line, so that a sentence holds one
// or more clauses.
func (a *Analyzer) Analyze(s string) Doc {
	return a.analyze(s, false, nil)
}

// AnalyzeReusing is Analyze writing the tokens into old's token list when it
// is long enough, so that a caller analysing message after message need not
// allocate one each time. old must not be read afterwards.
func (a *Analyzer) AnalyzeReusing(old Doc, s string) Doc {
	return a.analyze(s, false, old.Tokens[:0])
}

// AnalyzePattern normalises a content pattern: like Analyze, but the pattern
// markers "*" and "@NAME" survive as tokens of their own and nothing is
// fuzzily corrected.
func (a *Analyzer) AnalyzePattern(s string) Doc {
	return a.analyze(s, true, nil)
}

// analyze analyses s, appending its tokens to toks (a new list if toks is
// too short).
func (a *Analyzer) analyze(s string, pattern bool, toks []Token) Doc {
	// The working list lives on the stack (a longer message spills to the
	// heap): writing words into pooled heap buffers cost a write barrier
	// each while the garbage collector was marking, and clearing them after.
	var buf [analysisWords]rawTok
	raw := appendTokens(buf[:0], fold(s))
	// Spelling and fuzzy correction on single words, in place: the k-th
	// word is written over the k-th token or one before it, already read.
	words := raw[:0]
	var clause, sentence int32
	for _, t := range raw {
		if t.brk {
			clause++
			if t.stop {
				sentence++
			}
			continue
		}
		w := t.word
		var cd *card
		if !pattern && !t.num {
			cd = a.cards[w] // what is done to a word content knows, in one look-up
		}
		var kind wordKind
		if cd != nil {
			w, kind = cd.word, cd.kind
		} else {
			if !t.num && !(pattern && isMarker(w)) {
				w = a.spell(w)
				if !pattern && !a.known(w) {
					w = a.spell(a.fuzzy.Correct(w))
				}
			}
			kind = wordKinds[w]
		}
		if kind&kindClauseBreak != 0 {
			clause++
		}
		words = append(words, rawTok{word: w, num: t.num, clause: clause, sentence: sentence, kind: kind, card: cd})
	}
	if !pattern {
		if at := gestationOpening(words); at >= 0 {
			// Weeks of pregnancy opening the message are read as "N weeks
			// pregnant" (gestationOpening).
			w := words[at-1]
			words = slices.Insert(words, at, rawTok{word: "pregnant", clause: w.clause, sentence: w.sentence, kind: wordKinds["pregnant"]})
		}
		timeBack(words)
		markPast(words) // before the words become tokens, which carry it
		markSentencePast(words)
	}
	if cap(toks) < len(words)+2 {
		toks = make([]Token, 0, len(words)+2)
	}
	doc := Doc{Tokens: toks[:0]}
	for i := 0; i < len(words); i++ {
		w := words[i]
		if cd := w.card; cd != nil {
			if p, n := matchPhrase(cd.phrases(words[i:]), words[i:]); n > 0 {
				doc.Tokens = a.appendWords(doc.Tokens, p, w)
				i += n - 1
				continue
			}
			if cd.stem != "" {
				doc.Tokens = append(doc.Tokens, Token{Word: cd.stem, Raw: cd.single, Clause: w.clause, Sentence: w.sentence, cue: cd.cue, num: cd.num, past: w.past})
			} else {
				doc.Tokens = a.appendWords(doc.Tokens, cd.single, w)
			}
			continue
		}
		if ps, ok := a.synonyms[w.word]; ok && !w.num {
			if p, n := matchPhrase(ps, words[i:]); n > 0 {
				doc.Tokens = a.appendWords(doc.Tokens, p, w)
				i += n - 1
				continue
			}
		}
		word := w.word
		if c, ok := a.single[word]; ok {
			word = c
		}
		if w.num || pattern && isMarker(word) {
			doc.Tokens = append(doc.Tokens, Token{Word: word, Raw: w.word, Clause: w.clause, Sentence: w.sentence, Num: w.num, past: w.past})
			continue
		}
		doc.Tokens = a.appendWords(doc.Tokens, word, w)
	}
	doc.Facts = readFacts(words)
	if !pattern {
		if a.nums != nil {
			doc.nums = a.nums
			for i := range doc.Tokens {
				if t := &doc.Tokens[i]; t.num == 0 { // not from a card
					t.num = a.nums.lookup(t.Word)
				}
			}
		}
	}
	return doc
}

// analysisWords is how many words a message may have before the analyser's
// working list moves from the stack to the heap.
const analysisWords = 32

// appendWords appends the stemmed tokens of s, one word or several
// separated by spaces (a synonym's canonical form), in the clause, sentence
// and time of the word w they stand for.
func (a *Analyzer) appendWords(toks []Token, s string, w rawTok) []Token {
	if strings.IndexByte(s, ' ') < 0 {
		return append(toks, stemmed(a.stem(s), s, w))
	}
	for _, cw := range strings.Fields(s) {
		toks = append(toks, stemmed(a.stem(cw), cw, w))
	}
	return toks
}

// stemmed is the token of a stemmed word, with its negation cues.
func stemmed(stem, raw string, w rawTok) Token {
	return Token{Word: stem, Raw: raw, Clause: w.clause, Sentence: w.sentence, past: w.past, cue: wordKinds[stem] & (kindNegation | kindUnsure)}
}

func isMarker(w string) bool { return w == "*" || strings.HasPrefix(w, "@") }

func (a *Analyzer) known(w string) bool {
	if len(w) < 5 || a.fuzzy == nil {
		return true
	}
	// Most likely first: most words people type are content words.
	if a.fuzzy.Has(w) || IsEnglish(w) || IsProperNoun(w) || a.keep[w] {
		return true
	}
	if _, ok := a.spellings[w]; ok {
		return true
	}
	if _, ok := a.single[w]; ok {
		return true
	}
	_, ok := a.synonyms[w]
	return ok
}

func matchPhrase(ps []phrase, words []rawTok) (string, int) {
outer:
	for _, p := range ps {
		if len(p.words) > len(words) {
			continue
		}
		for j, pw := range p.words {
			if words[j].word != pw || words[j].clause != words[0].clause {
				continue outer
			}
		}
		return p.canonical, len(p.words)
	}
	return "", 0
}

// stem returns the Porter2 stem of w. Short words and numbers are kept.
func (a *Analyzer) stem(w string) string {
	if len(w) <= 3 || w[0] >= '0' && w[0] <= '9' {
		return w // as Stem, which every cached stem came from
	}
	if s, ok := a.stems[w]; ok {
		return s
	}
	if a.seen == nil { // the zero Analyzer
		return Stem(w)
	}
	if s, ok := a.seen.get(w); ok {
		return s
	}
	s := Stem(w)
	a.seen.put(w, s)
	return s
}

// Stem returns the canonical stem of one lower-case word.
func Stem(w string) string {
	if len(w) <= 3 || w[0] >= '0' && w[0] <= '9' {
		return w
	}
	if ownStems[w] {
		return w
	}
	return english.Stem(w, true)
}

// ownStems are adverbs the stemmer would fold into a word of another
// meaning, kept whole: "hardly" is not "hard" ("hardly any pain in my
// belly" is little pain, not a hard tummy; "breathing is hardly affected" is
// not breathing hard), "barely" is not "bare", "scarcely" not "scarce",
// "shortly" not "short" ("shortly after" is not short of breath) and
// "lately" not "late" ("lately my periods are heavy" is not a late period).
// Patterns are stemmed the same way, so "hardly breathing" still matches
// "she's hardly breathing".
var ownStems = set("hardly", "barely", "scarcely", "shortly", "lately")

// PrimeStems caches the stems of known words so the hot path skips the stemmer.
func (a *Analyzer) PrimeStems(words []string) {
	for _, w := range words {
		a.stems[w] = Stem(w)
	}
	a.buildCards()
}

type rawTok struct {
	word     string
	num      bool
	brk      bool
	stop     bool // a break that also ends a sentence (see Analyze)
	clause   int32
	sentence int32
	kind     wordKind // wordKinds[word]
	card     *card    // the analyser's card for the word as typed, if it has one
	past     bool     // the word tells of the past (markPast)
}

// fold lower-cases, applies NFKC, strips accents and maps typographic
// apostrophes, quotes and dashes to ASCII.
func fold(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	s = norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\u2018' || r == '\u2019' || r == '\u02bc' || r == '`' || r == '\u00b4':
			r = '\''
		case r == '\u201c' || r == '\u201d':
			r = '"'
		case r == '\u2013' || r == '\u2014' || r == '\u2212':
			r = '-'
		case r == '\u00b0':
			r = ' '
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// tokenize splits folded text into words, numbers and clause breaks (some
// of which also end a sentence).
// Apostrophes inside words are dropped ("don't" → "dont"), "a&e" and "a and e"
// become "ae", letters and digits are split ("5yo" → "5", "yo") and decimals
// are kept ("38.5").
func tokenize(s string) []rawTok { return appendTokens(make([]rawTok, 0, len(s)/4+1), s) }

// appendTokens is tokenize into a buffer.
func appendTokens(toks []rawTok, s string) []rawTok {
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 0x80:
			// The word is s[i:j] without the apostrophes inside it: a
			// substring, so that a word costs no allocation.
			j := i
			apostrophe := false
			for j < len(s) {
				r, n := rune(s[j]), 1
				if r >= utf8.RuneSelf {
					r, n = utf8.DecodeRuneInString(s[j:])
				}
				if r == '\'' && j > i && j+1 < len(s) && isLetter(s[j+1]) {
					apostrophe = true
					j += n
					continue
				}
				if !(r >= 'a' && r <= 'z' || r >= 0x80 && unicode.IsLetter(r)) {
					break
				}
				// Chinese is written without spaces: each character is a
				// word of its own, so that content can name "胸 * 痛".
				if r >= 0x2E80 && unicode.Is(unicode.Han, r) {
					if j == i {
						j += n
					}
					break
				}
				j += n
			}
			if j == i { // a non-letter rune above 0x80
				_, n := utf8.DecodeRuneInString(s[i:])
				i += n
				continue
			}
			w := s[i:j]
			if apostrophe {
				w = strings.ReplaceAll(w, "'", "")
			}
			// "4 y/o", "a 10 y.o." is "yo", the age unit, not "y" and "o".
			if w == "y" && j+1 < len(s) && (s[j] == '/' || s[j] == '.') && s[j+1] == 'o' && (j+2 == len(s) || !isLetter(s[j+2])) {
				toks = append(toks, rawTok{word: "yo"})
				i = j + 2
				if i < len(s) && s[i] == '.' && s[j] == '.' {
					i++ // the full stop of "y.o." is part of the abbreviation
				}
				continue
			}
			// "a&e", "a & e", "a+e"
			if w == "a" {
				k := j
				for k < len(s) && s[k] == ' ' {
					k++
				}
				if k < len(s) && (s[k] == '&' || s[k] == '+') {
					k++
					for k < len(s) && s[k] == ' ' {
						k++
					}
					if k < len(s) && s[k] == 'e' && (k+1 == len(s) || !isLetter(s[k+1])) {
						toks = append(toks, rawTok{word: "ae"})
						i = k + 1
						continue
					}
				}
			}
			toks = append(toks, rawTok{word: w})
			i = j
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9') {
				j++
			}
			toks = append(toks, rawTok{word: s[i:j], num: true})
			i = j
		case c == '*':
			toks = append(toks, rawTok{word: "*"})
			i++
		case c == '@':
			j := i + 1
			for j < len(s) && (isLetter(s[j]) || s[j] == '_' || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			if j > i+1 {
				toks = append(toks, rawTok{word: s[i:j]})
			}
			i = j
		case c == '.' || c == ',' || c == ';' || c == '!' || c == '?' || c == ':' || c == '(' || c == ')' || c == '\n' || c == '"':
			// An ellipsis ("trouble... you know... keeping it up") is a
			// pause, not the end of a sentence.
			stop := c == ';' || c == '!' || c == '?' || c == '\n' ||
				c == '.' && !(i+1 < len(s) && s[i+1] == '.') && !(i > 0 && s[i-1] == '.')
			if len(toks) > 0 && !toks[len(toks)-1].brk {
				toks = append(toks, rawTok{brk: true, stop: stop})
			} else if len(toks) > 0 {
				toks[len(toks)-1].stop = toks[len(toks)-1].stop || stop
			}
			i++
		default:
			i++
		}
	}
	return mergeAE(toks)
}

// mergeAE turns "a and e" into "ae".
func mergeAE(toks []rawTok) []rawTok {
	first := -1 // the first "a and e": before it, nothing moves
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].word == "a" && toks[i+1].word == "and" && toks[i+2].word == "e" {
			first = i
			break
		}
	}
	if first < 0 {
		return toks
	}
	out := toks[:first]
	for i := first; i < len(toks); i++ {
		if toks[i].word == "a" && i+2 < len(toks) && toks[i+1].word == "and" && toks[i+2].word == "e" {
			out = append(out, rawTok{word: "ae"})
			i += 2
			continue
		}
		out = append(out, toks[i])
	}
	return out
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 0x80 }
