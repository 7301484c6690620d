// Package phrase is the small pattern language that red-flag rules and intent
// keywords are written in, so that a clinical safety officer can read them:
//
//	chest pain                 the words, next to each other
//	face droop/drop/drooping   a slash gives alternatives for one word
//	pain * arm                 "*" skips up to four words ("pain down my left arm")
//	@BREATHLESS                any phrase of the concept BREATHLESS
//
// Patterns are normalised like messages (spelling, synonyms, stems), so
// "breathing" in a pattern also matches "breathe" and "brething". A match is
// ignored when a negation ("no", "not", "never", "without" ...) stands up to
// three words before it in the same clause: "no chest pain" does not match
// "chest pain", while a pattern that itself starts with the negation ("not
// breathing") still matches.
package phrase

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/nhs-signpost/signpost/internal/text"
)

// MaxGap is how many words "*" may skip.
const MaxGap = 4

// maxExpansions bounds how many word sequences one pattern may expand into.
const maxExpansions = 512

type elemKind uint8

const (
	word elemKind = iota
	gap
	concept
)

type elem struct {
	kind elemKind
	word string
}

// Pattern is one compiled pattern.
type Pattern struct {
	ID   int
	Src  string
	seqs [][]elem
}

// Library compiles patterns and concepts and finds them in messages.
type Library struct {
	an       *text.Analyzer
	concepts map[string][][]elem
	patterns []*Pattern
	byFirst  map[string][]int // first word → pattern ids
	vocab    map[string]bool  // words as written in patterns, for fuzzy correction
	idxOnce  sync.Once
	idx      map[string]conceptSeqs
}

// NewLibrary returns an empty library that normalises with an.
func NewLibrary(an *text.Analyzer) *Library {
	return &Library{an: an, concepts: map[string][][]elem{}, byFirst: map[string][]int{}, vocab: map[string]bool{}}
}

// Vocabulary returns the words written in patterns and concepts (before
// stemming), sorted, for the analyzer's typo correction.
func (l *Library) Vocabulary() []string {
	out := make([]string, 0, len(l.vocab))
	for w := range l.vocab {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// AddWords adds words to the vocabulary (for example from example utterances).
func (l *Library) AddWords(ws ...string) {
	for _, w := range ws {
		if w != "" && w != "*" && !strings.HasPrefix(w, "@") {
			l.vocab[w] = true
		}
	}
}

// DefineConcept compiles the phrases of a concept. Concepts may refer to
// one another; call CheckConcepts once all are defined.
func (l *Library) DefineConcept(name string, phrases []string) error {
	name = strings.ToLower(strings.TrimPrefix(name, "@"))
	if _, dup := l.concepts[name]; dup {
		return fmt.Errorf("concept @%s is defined twice", name)
	}
	var all [][]elem
	for _, p := range phrases {
		seqs, err := l.expand(p)
		if err != nil {
			return fmt.Errorf("concept @%s: %q: %w", name, p, err)
		}
		all = append(all, seqs...)
	}
	l.concepts[name] = all
	return nil
}

// HasConcept reports whether a concept of that name exists.
func (l *Library) HasConcept(name string) bool {
	_, ok := l.concepts[strings.ToLower(strings.TrimPrefix(name, "@"))]
	return ok
}

// CheckConcepts reports references to unknown concepts and cycles.
func (l *Library) CheckConcepts() []error {
	var errs []error
	names := make([]string, 0, len(l.concepts))
	for n := range l.concepts {
		names = append(names, n)
	}
	sort.Strings(names)
	state := map[string]int{} // 0 new, 1 visiting, 2 done
	var visit func(n string, path []string) bool
	visit = func(n string, path []string) bool {
		switch state[n] {
		case 1:
			errs = append(errs, fmt.Errorf("concepts refer to each other in a loop: @%s", strings.Join(append(path, n), " → @")))
			return false
		case 2:
			return true
		}
		state[n] = 1
		for _, seq := range l.concepts[n] {
			for _, e := range seq {
				if e.kind != concept {
					continue
				}
				if _, ok := l.concepts[e.word]; !ok {
					errs = append(errs, fmt.Errorf("concept @%s refers to unknown concept @%s", n, e.word))
					continue
				}
				if !visit(e.word, append(path, n)) {
					state[n] = 2
					return false
				}
			}
		}
		state[n] = 2
		return true
	}
	for _, n := range names {
		visit(n, nil)
	}
	return errs
}

// Compile compiles a pattern and adds it to the library's index.
func (l *Library) Compile(src string) (*Pattern, error) {
	seqs, err := l.expand(src)
	if err != nil {
		return nil, err
	}
	for _, seq := range seqs {
		for _, e := range seq {
			if e.kind == concept {
				if _, ok := l.concepts[e.word]; !ok {
					return nil, fmt.Errorf("unknown concept @%s", e.word)
				}
			}
		}
	}
	p := &Pattern{ID: len(l.patterns), Src: src, seqs: seqs}
	l.patterns = append(l.patterns, p)
	firsts := map[string]bool{}
	for _, seq := range seqs {
		l.firstWords(seq, firsts, 0)
	}
	keys := make([]string, 0, len(firsts))
	for w := range firsts {
		keys = append(keys, w)
	}
	sort.Strings(keys)
	for _, w := range keys {
		l.byFirst[w] = append(l.byFirst[w], p.ID)
	}
	return p, nil
}

func (l *Library) firstWords(seq []elem, into map[string]bool, depth int) {
	if len(seq) == 0 || depth > 16 {
		return
	}
	switch e := seq[0]; e.kind {
	case word:
		into[e.word] = true
	case concept:
		for _, s := range l.concepts[e.word] {
			l.firstWords(s, into, depth+1)
		}
	}
}

// expand turns a pattern into the word sequences it stands for.
func (l *Library) expand(src string) ([][]elem, error) {
	slots := strings.Fields(src)
	if len(slots) == 0 {
		return nil, fmt.Errorf("empty pattern")
	}
	if slots[0] == "*" || slots[len(slots)-1] == "*" {
		return nil, fmt.Errorf("a pattern cannot start or end with *")
	}
	combos := []string{""}
	for _, s := range slots {
		alts := strings.Split(s, "/")
		if len(combos)*len(alts) > maxExpansions {
			return nil, fmt.Errorf("too many alternatives (more than %d combinations): split it into several patterns", maxExpansions)
		}
		next := make([]string, 0, len(combos)*len(alts))
		for _, c := range combos {
			for _, a := range alts {
				if a == "" {
					return nil, fmt.Errorf("empty alternative in %q", s)
				}
				next = append(next, c+" "+a)
			}
		}
		combos = next
	}
	seqs := make([][]elem, 0, len(combos))
	seen := map[string]bool{}
	for _, c := range combos {
		for _, w := range strings.Fields(strings.ToLower(c)) {
			for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '\'' || r == '-' }) {
				l.AddWords(part)
			}
			l.AddWords(strings.ReplaceAll(w, "'", ""))
		}
		doc := l.an.AnalyzePattern(c)
		var seq []elem
		for _, t := range doc.Tokens {
			switch {
			case t.Word == "*":
				seq = append(seq, elem{kind: gap})
			case strings.HasPrefix(t.Word, "@"):
				seq = append(seq, elem{kind: concept, word: strings.ToLower(t.Word[1:])})
			default:
				seq = append(seq, elem{kind: word, word: t.Word})
			}
		}
		if len(seq) == 0 {
			return nil, fmt.Errorf("pattern %q has no words after normalising", c)
		}
		if seq[0].kind == gap || seq[len(seq)-1].kind == gap {
			return nil, fmt.Errorf("a pattern cannot start or end with *")
		}
		key := fmt.Sprint(seq)
		if !seen[key] {
			seen[key] = true
			seqs = append(seqs, seq)
		}
	}
	return seqs, nil
}

// Hits records which patterns matched a message, by pattern ID, and in
// which clauses: stated now, only under a negation, or only in a clause that
// tells of the past. Present matches are kept densely (one word per
// pattern); negated and past ones are rare and kept in a short list.
type Hits struct {
	present []uint32 // a bit per clause where the pattern matched, stated now
	other   []mark   // clauses where it matched under a negation or about the past
}

// mark is where one pattern matched under a negation or in the past.
type mark struct {
	id      int32
	negated uint32
	past    uint32
}

func (h Hits) marks(id int) (negated, past uint32) {
	for _, m := range h.other {
		if int(m.id) == id {
			return m.negated, m.past
		}
	}
	return 0, 0
}

func (h *Hits) addMark(id int, negated, past uint32) {
	for i := range h.other {
		if int(h.other[i].id) == id {
			h.other[i].negated |= negated
			h.other[i].past |= past
			return
		}
	}
	h.other = append(h.other, mark{id: int32(id), negated: negated, past: past})
}

// Status is what a message says about a pattern, a group or a finding.
type Status uint8

// What a message can say about something.
const (
	NotSaid Status = iota // not mentioned
	Present               // stated as happening now
	Absent                // stated as not there ("no fever", "not breathless")
	Past                  // only told of as over and done with ("had fits as a child")
)

func (s Status) String() string {
	switch s {
	case Present:
		return "present"
	case Absent:
		return "absent"
	case Past:
		return "past"
	}
	return "not said"
}

// Has reports whether pattern p matched as something happening now: outside
// the scope of a negation and not in a clause about the past.
func (h Hits) Has(p *Pattern) bool { return p != nil && p.ID < len(h.present) && h.present[p.ID] != 0 }

// Negated reports whether pattern p only matched under a negation.
func (h Hits) Negated(p *Pattern) bool {
	if p == nil || p.ID >= len(h.present) || h.present[p.ID] != 0 {
		return false
	}
	neg, _ := h.marks(p.ID)
	return neg != 0
}

// Status says what the message says about pattern p. A pattern stated now
// anywhere is present, whatever is denied elsewhere ("no fever but a stiff
// neck"); denial beats the past.
func (h Hits) Status(p *Pattern) Status {
	switch {
	case p == nil || p.ID >= len(h.present):
		return NotSaid
	case h.present[p.ID] != 0:
		return Present
	}
	switch neg, past := h.marks(p.ID); {
	case neg != 0:
		return Absent
	case past != 0:
		return Past
	}
	return NotSaid
}

// clauseBit is a clause's bit; clauses past the 32nd share the last bit.
func clauseBit(c int) uint32 {
	if c > 31 {
		c = 31
	}
	return 1 << uint(c)
}

// Scan finds every compiled pattern in doc, in every clause.
func (l *Library) Scan(doc text.Doc) Hits {
	h := Hits{present: make([]uint32, len(l.patterns))}
	sc := newScanner(l, doc.Tokens)
	for i, t := range doc.Tokens {
		bit := clauseBit(t.Clause)
		past := doc.Historical(i)
		for _, id := range l.byFirst[t.Word] {
			if h.present[id]&bit != 0 {
				continue // already found stated now in this clause
			}
			if past {
				if _, p := h.marks(id); p&bit != 0 {
					continue
				}
			}
			if sc.matchesAt(l.patterns[id], i) {
				switch {
				case past:
					h.addMark(id, 0, bit)
				case doc.Negated(i):
					h.addMark(id, bit, 0)
				default:
					h.present[id] |= bit
				}
			}
		}
	}
	return h
}

// Match reports whether a single pattern matches doc (not negated, not past).
// It is for tests and tools; the hot path uses Scan.
func (l *Library) Match(p *Pattern, doc text.Doc) bool {
	sc := newScanner(l, doc.Tokens)
	for i := range doc.Tokens {
		if sc.matchesAt(p, i) && !doc.Negated(i) && !doc.Historical(i) {
			return true
		}
	}
	return false
}

// conceptSeqs are a concept's word sequences indexed by their first word,
// so that only those that can start at a position are tried there.
type conceptSeqs struct {
	byWord map[string][][]elem
	other  [][]elem // starting with another concept
}

// conceptIndex builds the index once, after every concept is defined.
func (l *Library) conceptIndex() map[string]conceptSeqs {
	l.idxOnce.Do(func() {
		l.idx = make(map[string]conceptSeqs, len(l.concepts))
		for name, seqs := range l.concepts {
			cs := conceptSeqs{byWord: map[string][][]elem{}}
			for _, seq := range seqs {
				if seq[0].kind == word {
					cs.byWord[seq[0].word] = append(cs.byWord[seq[0].word], seq)
					continue
				}
				// A sequence starting with a concept is indexed by every
				// word that concept can start with ("@MED_SWALLOWED" is a
				// list of classes of names), so it is only tried there.
				firsts := map[string]bool{}
				l.firstWords(seq, firsts, 0)
				if len(firsts) == 0 {
					cs.other = append(cs.other, seq)
					continue
				}
				for w := range firsts {
					cs.byWord[w] = append(cs.byWord[w], seq)
				}
			}
			l.idx[name] = cs
		}
	})
	return l.idx
}

// scanner matches patterns against one message. It works forwards with the
// set of positions each pattern element can end at, and remembers where
// each concept can end from each position, so a concept shared by many
// rules is worked out once per message.
type scanner struct {
	l     *Library
	toks  []text.Token
	memo  map[memoKey][]int32
	mark  []uint32 // generation stamps for de-duplicating positions
	gen   uint32
	depth int
}

type memoKey struct {
	concept string
	pos     int32
}

func newScanner(l *Library, toks []text.Token) *scanner {
	return &scanner{l: l, toks: toks, memo: map[memoKey][]int32{}, mark: make([]uint32, len(toks)+2)}
}

func (s *scanner) matchesAt(p *Pattern, i int) bool {
	for _, seq := range p.seqs {
		if len(s.ends(seq, int32(i), true)) > 0 {
			return true
		}
	}
	return false
}

// ends returns the positions seq can end at when it starts at start. With
// first set, it stops at the first way through.
func (s *scanner) ends(seq []elem, start int32, first bool) []int32 {
	cur := []int32{start}
	n := int32(len(s.toks))
	for k, e := range seq {
		s.gen++
		var next []int32
		add := func(q int32) {
			if s.mark[q] != s.gen {
				s.mark[q] = s.gen
				next = append(next, q)
			}
		}
		switch e.kind {
		case word:
			for _, p := range cur {
				if p < n && s.toks[p].Word == e.word {
					add(p + 1)
				}
			}
		case gap:
			for _, p := range cur {
				for g := int32(0); g <= MaxGap && p+g <= n; g++ {
					add(p + g)
				}
			}
		default:
			// A concept's ends are worked out (recursively) before they are
			// merged here, because the recursion reuses the stamps.
			var found [][]int32
			for _, p := range cur {
				if e := s.conceptEnds(e.word, p); len(e) > 0 {
					found = append(found, e)
				}
			}
			s.gen++
			for _, f := range found {
				for _, q := range f {
					add(q)
				}
			}
		}
		if len(next) == 0 {
			return nil
		}
		if first && k == len(seq)-1 {
			return next[:1]
		}
		cur = next
	}
	return cur
}

func (s *scanner) conceptEnds(name string, pos int32) []int32 {
	key := memoKey{name, pos}
	if e, ok := s.memo[key]; ok {
		return e
	}
	if s.depth > 32 {
		return nil
	}
	s.depth++
	var all []int32
	idx := s.l.conceptIndex()[name]
	if pos < int32(len(s.toks)) {
		for _, sub := range idx.byWord[s.toks[pos].Word] {
			all = append(all, s.ends(sub, pos, false)...)
		}
	}
	for _, sub := range idx.other {
		all = append(all, s.ends(sub, pos, false)...)
	}
	s.depth--
	// De-duplicate.
	s.gen++
	out := all[:0]
	for _, q := range all {
		if s.mark[q] != s.gen {
			s.mark[q] = s.gen
			out = append(out, q)
		}
	}
	s.memo[key] = out
	return out
}
