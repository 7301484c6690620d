// Package phrase is the small pattern language that red-flag rules and intent
// keywords are written in, so that a clinical safety officer can read them:
//
//	chest pain                 the words, next to each other
//	face droop/drop/drooping   a slash gives alternatives for one word
//	pain * arm                 "*" skips up to four words ("pain down my left arm")
//	@BREATHLESS                any phrase of the concept BREATHLESS
//
// A match stays within one sentence of the message (see text.Token.Sentence):
// neither "*" nor two words side by side reach past a full stop, question or
// exclamation mark, semicolon or new line. Commas and words such as "but"
// end a clause, not a sentence, so a gap still skips them.
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
	"iter"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

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
	id   int32  // the word's or the concept's number in the library (see Library.words)
	word string // the stemmed word, or the concept's name
}

// Pattern is one compiled pattern.
type Pattern struct {
	ID   int
	Src  string
	seqs [][]elem
}

// Library compiles patterns and concepts and finds them in messages.
//
// Every word written in a pattern or concept is numbered once, when it is
// compiled, so that a message is matched by comparing numbers: Scan looks each
// of its words up once and then walks the patterns that can start there
// without hashing or comparing strings, and without allocating.
type Library struct {
	an       *text.Analyzer
	concepts map[string][][]elem
	patterns []*Pattern
	vocab    map[string]bool // words as written in patterns, for fuzzy correction

	words        map[string]int32          // stemmed pattern word → its number
	conceptIDs   map[string]int32          // concept name → its number
	startsByWord [][]conceptStart          // by word number, sorted by concept: the concepts' sequences that can start with it
	startIDs     [][]int32                 // by word number: the concepts of startsByWord[w], to search
	startMasks   []uint64                  // by word number: bit c%64 for each concept c of startIDs[w]
	byFirst      [][]seqRef                // by word number: the pattern sequences that can start with it
	idxOnce      sync.Once                 // builds startsByWord before the first scan
	nums         *text.Numbers             // the words' numbers as handed to the analyser (Numbers), nil once stale
	scratch      sync.Pool                 // *scanner
	ix           atomic.Pointer[scanIndex] // what Scan walks (index.go)
	ixMu         sync.Mutex                // held while ix is built
}

// seqRef names one word sequence of one pattern, with the other words it
// needs (besides its first): a message without one of them is not tried.
type seqRef struct {
	plain bool // every step a word: matched by comparing numbers, no search
	pat   int32
	steps []step // the sequence itself, so that a try reads no Pattern
	needs
}

// step is a sequence element as the scanner reads it: 8 bytes, so that
// sequences sit close together in memory.
type step struct {
	kind elemKind
	id   int32
}

// plain reports whether every step of a sequence is a word.
func plain(steps []step) bool {
	for _, st := range steps {
		if st.kind != word {
			return false
		}
	}
	return true
}

func stepsOf(seq []elem) []step {
	out := make([]step, len(seq))
	for i, e := range seq {
		out[i] = step{kind: e.kind, id: e.id}
	}
	return out
}

// needs are the words a sequence needs besides its first, as a list and as
// a 64-bit summary (bit w%64 for each word w) that rules most sequences out
// with one AND against the message's summary.
type needs struct {
	need []int32
	mask uint64
}

// lacks reports whether the message lacks a word n needs; the summary alone
// answers most of the time.
func (s *scanner) lacks(n *needs) bool {
	if n.mask&^s.mask != 0 {
		return true
	}
	for _, w := range n.need {
		if !s.has(w) {
			return true
		}
	}
	return false
}

// subSeq is one word sequence of a concept, with the words it needs besides
// its first (see seqRef).
type subSeq struct {
	plain bool // every step a word (see seqRef)
	steps []step
	needs
}

// needsOf lists the words seq needs besides the one it starts with.
func needsOf(seq []elem) needs {
	var n needs
	for _, e := range seq[1:] {
		if e.kind == word && !slices.Contains(n.need, e.id) && (seq[0].kind != word || e.id != seq[0].id) {
			n.need = append(n.need, e.id)
			n.mask |= 1 << (e.id % 64)
		}
	}
	return n
}

// conceptStart lists the sequences of concept c that can start with a word.
// Those that go on with a second word come last, grouped by it (bySecond):
// where the message's next word is another, none of them can match, and
// they are not looked at. The first rest of them are the others, in
// buckets by a word they all need (restBuckets, see byNeededWord).
type conceptStart struct {
	c           int32
	rest        int32
	subs        []subSeq
	seconds     []int32 // the second words of the grouped subs, sorted
	nexts       uint64  // bit w%64 for each of seconds: most next words miss it
	bySecond    []span  // the stretch of subs going on with seconds[k]
	restBuckets []subBucket
}

// subBucket is the next n of a conceptStart's first rest subs, which all
// need word key (-1: those left over).
type subBucket struct{ key, n int32 }

// secondOf returns the word sub's sequence goes on with after its first, or
// -1 when it does not start with two words.
func secondOf(sub *subSeq) int32 {
	if len(sub.steps) < 2 || sub.steps[0].kind != word || sub.steps[1].kind != word {
		return -1
	}
	return sub.steps[1].id
}

// groupBySecond orders cs.subs, which can start with word w, as
// conceptStart says and fills in the groups and buckets.
func (cs *conceptStart) groupBySecond(w int32) {
	slices.SortStableFunc(cs.subs, func(a, b subSeq) int { return int(secondOf(&a)) - int(secondOf(&b)) })
	defer cs.bucketRest(w)
	cs.rest = int32(len(cs.subs))
	for k := range cs.subs {
		w := secondOf(&cs.subs[k])
		if w < 0 {
			continue
		}
		if cs.rest == int32(len(cs.subs)) {
			cs.rest = int32(k)
		}
		if n := len(cs.seconds); n > 0 && cs.seconds[n-1] == w {
			cs.bySecond[n-1].n++
		} else {
			cs.seconds = append(cs.seconds, w)
			cs.nexts |= 1 << (w % 64)
			cs.bySecond = append(cs.bySecond, span{off: int32(k), n: 1})
		}
	}
}

// bucketRest orders the first rest subs of cs in buckets by a word they
// need besides w (byNeededWord).
func (cs *conceptStart) bucketRest(w int32) {
	rest := make([]subSeq, 0, cs.rest)
	byNeededWord(cs.subs[:cs.rest], func(sub *subSeq) []int32 { return sub.need }, []int32{w}, func(key int32, in []subSeq) {
		cs.restBuckets = append(cs.restBuckets, subBucket{key: key, n: int32(len(in))})
		rest = append(rest, in...)
	})
	copy(cs.subs, rest)
}

// following returns the subs of cs that can match when the word after their
// first is w (w < 0: none does). Most concept starts the scan works out end
// nowhere, most of them here: the summary rules w out before the search.
func (cs *conceptStart) following(w int32) []subSeq {
	if w < 0 || cs.nexts&(1<<(w%64)) == 0 {
		return nil
	}
	if k := search(cs.seconds, w); k >= 0 {
		g := cs.bySecond[k]
		return cs.subs[g.off : g.off+g.n]
	}
	return nil
}

// NewLibrary returns an empty library that normalises with an.
func NewLibrary(an *text.Analyzer) *Library {
	return &Library{an: an, concepts: map[string][][]elem{}, vocab: map[string]bool{},
		words: map[string]int32{}, conceptIDs: map[string]int32{}}
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
	l.conceptID(name)
	return nil
}

// indexConcepts indexes every concept's sequences by the words they can
// start with, once every concept is defined (before the first scan).
func (l *Library) indexConcepts() {
	l.idxOnce.Do(func() {
		starts := make([]map[int32][]subSeq, len(l.words)) // word → concept → sequences
		for name, seqs := range l.concepts {
			c := l.conceptIDs[name]
			for _, seq := range seqs {
				firsts := map[int32]bool{}
				l.firstWords(seq, firsts, 0)
				sub := subSeq{steps: stepsOf(seq), needs: needsOf(seq)}
				sub.plain = plain(sub.steps)
				for w := range firsts {
					if starts[w] == nil {
						starts[w] = map[int32][]subSeq{}
					}
					starts[w][c] = append(starts[w][c], sub)
				}
			}
		}
		l.startsByWord = make([][]conceptStart, len(l.words))
		for w, byConcept := range starts {
			for c, subs := range byConcept {
				l.startsByWord[w] = append(l.startsByWord[w], conceptStart{c: c, subs: subs})
			}
			slices.SortFunc(l.startsByWord[w], func(a, b conceptStart) int { return int(a.c - b.c) })
			for k := range l.startsByWord[w] {
				l.startsByWord[w][k].groupBySecond(int32(w))
			}
		}
		l.startIDs = make([][]int32, len(l.words))
		l.startMasks = make([]uint64, len(l.words))
		for w, starts := range l.startsByWord {
			for _, cs := range starts {
				l.startIDs[w] = append(l.startIDs[w], cs.c)
				l.startMasks[w] |= 1 << (cs.c % 64)
			}
		}
		l.pack()
	})
}

// refineNeeds adds to each indexed sequence that starts with a concept the
// words that every one of the concept's sequences starting with that word
// needs: the concept can only match there through one of them, so a message
// without those words cannot match the sequence there either. Without it, a
// pattern that is one concept ("@CHEST_PAIN") was tried at every word any
// of the concept's phrases starts with ("my", "i").
func (l *Library) refineNeeds() {
	for w, refs := range l.byFirst {
		for k := range refs {
			r := &refs[k]
			if len(r.steps) == 0 || r.steps[0].kind != concept {
				continue
			}
			subs := l.conceptStarting(r.steps[0].id, int32(w))
			if len(subs) == 0 {
				continue
			}
			common := slices.Clone(subs[0].need)
			for _, sub := range subs[1:] {
				common = slices.DeleteFunc(common, func(x int32) bool { return !slices.Contains(sub.need, x) })
			}
			for _, x := range common {
				if !slices.Contains(r.need, x) {
					r.need = append(slices.Clip(r.need), x)
					r.mask |= 1 << (x % 64)
				}
			}
		}
	}
}

// pack copies every indexed sequence's steps and needed words into two
// arrays, in the order the scan reads them, so that the sequences tried at
// one word sit next to each other in memory rather than wherever each was
// allocated.
func (l *Library) pack() {
	l.refineNeeds()
	nSteps, nNeed := 0, 0
	count := func(steps []step, n *needs) { nSteps += len(steps); nNeed += len(n.need) }
	for _, refs := range l.byFirst {
		for k := range refs {
			count(refs[k].steps, &refs[k].needs)
		}
	}
	for _, starts := range l.startsByWord {
		for _, st := range starts {
			for k := range st.subs {
				count(st.subs[k].steps, &st.subs[k].needs)
			}
		}
	}
	steps, need := make([]step, 0, nSteps), make([]int32, 0, nNeed)
	move := func(st *[]step, n *needs) {
		off := len(steps)
		steps = append(steps, *st...)
		*st = steps[off:len(steps):len(steps)]
		if len(n.need) > 0 {
			off = len(need)
			need = append(need, n.need...)
			n.need = need[off:len(need):len(need)]
		}
	}
	for _, refs := range l.byFirst {
		for k := range refs {
			move(&refs[k].steps, &refs[k].needs)
		}
	}
	for _, starts := range l.startsByWord {
		for _, st := range starts {
			for k := range st.subs {
				move(&st.subs[k].steps, &st.subs[k].needs)
			}
		}
	}
}

// conceptStarting returns the sequences of concept c that can start with word w.
func (l *Library) conceptStarting(c, w int32) []subSeq {
	if cs := l.conceptStartFor(c, w); cs != nil {
		return cs.subs
	}
	return nil
}

// conceptStartFor returns the sequences of concept c that can start with
// word w, grouped by the word after it, or nil. A scan asks about many
// concepts where none of their phrases starts: the summary answers most of
// those without the search.
func (l *Library) conceptStartFor(c, w int32) *conceptStart {
	if l.startMasks[w]&(1<<(c%64)) == 0 {
		return nil
	}
	if k := search(l.startIDs[w], c); k >= 0 {
		return &l.startsByWord[w][k]
	}
	return nil
}

// search returns where w is in keys, sorted, or -1. The
// scan's look-ups (a concept's start at a word, a trie node's child, a
// concept's phrases by their second word) keep their keys apart from what
// they find, so that a search reads a few cache lines of numbers. By hand:
// slices.BinarySearchFunc calls its comparison at every step, and
// slices.BinarySearch measured a fifth slower than this loop on short lists.
func search(keys []int32, w int32) int {
	lo, hi := 0, len(keys)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if keys[m] < w {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(keys) && keys[lo] == w {
		return lo
	}
	return -1
}

// wordID numbers a stemmed pattern word.
func (l *Library) wordID(w string) int32 {
	if id, ok := l.words[w]; ok {
		return id
	}
	id := int32(len(l.words))
	l.words[w] = id
	l.nums = nil // a numbering handed out no longer covers every word
	l.byFirst = append(l.byFirst, nil)
	return id
}

// Numbers returns the numbering of the library's words, for the analyser
// (text.Analyzer.SetNumbers), so that a message's tokens come with their
// numbers. A word compiled afterwards makes it stale: the scan then looks
// the words up again.
func (l *Library) Numbers() *text.Numbers {
	if l.nums == nil {
		l.nums = text.NewNumbers(l.words)
	}
	return l.nums
}

// conceptID numbers a concept name, defined or only referred to so far.
func (l *Library) conceptID(name string) int32 {
	if id, ok := l.conceptIDs[name]; ok {
		return id
	}
	id := int32(len(l.conceptIDs))
	l.conceptIDs[name] = id
	return id
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
	for _, seq := range seqs {
		firsts := map[int32]bool{}
		l.firstWords(seq, firsts, 0)
		keys := make([]int32, 0, len(firsts))
		for w := range firsts {
			keys = append(keys, w)
		}
		slices.Sort(keys)
		n, steps := needsOf(seq), stepsOf(seq)
		for _, w := range keys {
			l.byFirst[w] = append(l.byFirst[w], seqRef{pat: int32(p.ID), steps: steps, needs: n, plain: plain(steps)})
		}
	}
	return p, nil
}

func (l *Library) firstWords(seq []elem, into map[int32]bool, depth int) {
	if len(seq) == 0 || depth > 16 {
		return
	}
	switch e := seq[0]; e.kind {
	case word:
		into[e.id] = true
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
				name := strings.ToLower(t.Word[1:])
				seq = append(seq, elem{kind: concept, word: name, id: l.conceptID(name)})
			default:
				seq = append(seq, elem{kind: word, word: t.Word, id: l.wordID(t.Word)})
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
	// n is how many patterns the library had when it scanned. now holds
	// words(n) words with a bit per pattern that matched stated now, then,
	// for each such pattern in increasing ID order, id<<32 | a bit per clause
	// where it matched stated now: one small allocation per message.
	n     int
	now   []uint64
	other []mark // clauses where it matched under a negation or about the past
}

// clauses returns the clauses where pattern id (< h.n) matched stated now.
func (h Hits) clauses(id int) uint32 {
	if h.now[id/64]&(1<<(id%64)) == 0 {
		return 0
	}
	list := h.now[words(h.n):]
	lo, hi := 0, len(list)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(list[m]>>32) < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return uint32(list[lo])
}

// mark is where one pattern matched under a negation or in the past.
type mark struct {
	id      int32
	negated uint32
	past    uint32
}

func (h Hits) marks(id int) (negated, past uint32) { return marksOf(h.other, id) }

func (h *Hits) addMark(id int, negated, past uint32) { h.other = addMark(h.other, id, negated, past) }

func marksOf(ms []mark, id int) (negated, past uint32) {
	for _, m := range ms {
		if int(m.id) == id {
			return m.negated, m.past
		}
	}
	return 0, 0
}

func addMark(ms []mark, id int, negated, past uint32) []mark {
	for i := range ms {
		if int(ms[i].id) == id {
			ms[i].negated |= negated
			ms[i].past |= past
			return ms
		}
	}
	return append(ms, mark{id: int32(id), negated: negated, past: past})
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
func (h Hits) Has(p *Pattern) bool {
	return p != nil && p.ID < h.n && h.now[p.ID/64]&(1<<(p.ID%64)) != 0
}

// Negated reports whether pattern p only matched under a negation.
func (h Hits) Negated(p *Pattern) bool {
	if p == nil || p.ID >= h.n || h.Has(p) {
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
	case p == nil || p.ID >= h.n:
		return NotSaid
	case h.Has(p):
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

// AppendMatched appends the IDs of the patterns that matched as something
// happening now (see Has) to dst, in increasing order.
func (h Hits) AppendMatched(dst []int) []int {
	if h.n == 0 {
		return dst
	}
	for _, e := range h.now[words(h.n):] {
		dst = append(dst, int(e>>32))
	}
	return dst
}

// Clauses returns the clauses where pattern p matched stated now, a bit per
// clause (text.Token.Clause; clauses past the 32nd share the last bit): 0
// when it did not.
func (h Hits) Clauses(p *Pattern) uint32 {
	if !h.Has(p) {
		return 0
	}
	return h.clauses(p.ID)
}

// AppendMatchedClauses appends, for each pattern AppendMatched lists and in
// the same order, the clauses where it matched stated now: a bit per clause
// (text.Token.Clause), clauses past the 32nd sharing the last bit.
func (h Hits) AppendMatchedClauses(dst []uint32) []uint32 {
	if h.n == 0 {
		return dst
	}
	for _, e := range h.now[words(h.n):] {
		dst = append(dst, uint32(e))
	}
	return dst
}

// AppendMentioned appends to dst the ID of every pattern the message
// mentions in any way: stated now (in increasing ID order), then under a
// negation or in the past. An ID can come twice, once in each part.
func (h Hits) AppendMentioned(dst []int) []int {
	dst = h.AppendMatched(dst)
	for _, m := range h.other {
		dst = append(dst, int(m.id))
	}
	return dst
}

// Mention is a pattern a message mentions and what it says of it.
type Mention struct {
	ID     int32
	Status Status // never NotSaid
}

// Mentions yields every pattern the message mentions, as AppendMentioned
// lists them, each with its status: Present for the patterns stated now,
// then Absent or Past for those under a negation or in the past. A pattern
// can come twice, stated now and also denied or in the past: its Status is
// then the first's (see Status). Nothing is copied: a message can mention
// hundreds of patterns, too many for a list on the caller's stack.
func (h Hits) Mentions() iter.Seq[Mention] {
	return func(yield func(Mention) bool) {
		if h.n > 0 {
			for _, e := range h.now[words(h.n):] {
				if !yield(Mention{ID: int32(e >> 32), Status: Present}) {
					return
				}
			}
		}
		for _, m := range h.other {
			st := Past
			if m.negated != 0 {
				st = Absent
			}
			if !yield(Mention{ID: m.id, Status: st}) {
				return
			}
		}
	}
}

// Matched yields the IDs AppendMatched appends, in increasing order,
// without a list.
func (h Hits) Matched() iter.Seq[int] {
	return func(yield func(int) bool) {
		if h.n == 0 {
			return
		}
		for _, e := range h.now[words(h.n):] {
			if !yield(int(e >> 32)) {
				return
			}
		}
	}
}

// Scan finds every compiled pattern in doc, in every clause.
func (l *Library) Scan(doc text.Doc) Hits {
	return l.ScanReusing(Hits{}, doc)
}

// ScanReusing is Scan writing the hits into old's storage when it is large
// enough, so that a caller scanning message after message need not allocate
// each time. old must not be read afterwards.
func (l *Library) ScanReusing(old Hits, doc text.Doc) Hits {
	return l.scanWith(l.index(), old, doc)
}

// scanWith scans doc with the sequences of ix (the whole library's, or a
// View's).
func (l *Library) scanWith(ix *scanIndex, old Hits, doc text.Doc) Hits {
	h := Hits{n: len(l.patterns)}
	sc := l.scanner(doc)
	defer l.scratch.Put(sc)
	if len(sc.now) < h.n {
		sc.now = make([]uint32, h.n)
	}
	sc.doc = doc
	n := int32(len(doc.Tokens))
	for i := range n {
		id := sc.ids[i]
		if id < 0 || int(id) >= len(ix.root) {
			continue
		}
		node, groups := ix.root[id], ix.groups[id]
		if node < 0 && groups.n == 0 {
			continue
		}
		sc.start = i
		sc.lim = sc.end[i]
		sc.bit = clauseBit(int(doc.Tokens[i].Clause))
		sc.past = doc.Historical(int(i))
		sc.neg = negUnknown
		// Down the trie along the words that follow.
		for j := i + 1; node >= 0; j++ {
			nd := &ix.nodes[node]
			for _, b := range ix.buckets[nd.buckets.off : nd.buckets.off+nd.buckets.n] {
				if b.key >= 0 && !sc.has(b.key) {
					continue // every one of them lacks the word
				}
				for k := b.tries.off; k < b.tries.off+b.tries.n; k++ {
					// Most sequences lack a word: the summary rules them out
					// here, without the call (try checks the words in full).
					if t := &ix.tries[k]; t.mask&^sc.mask == 0 {
						sc.try(ix, t, j)
					}
				}
			}
			if j >= sc.lim || sc.ids[j] < 0 {
				break
			}
			// To the child for word j, if any (searched here: a call
			// would cost more than the search).
			e := nd.edges
			k := search(ix.edgeWords[e.off:e.off+e.n], sc.ids[j])
			if k < 0 {
				break
			}
			node = ix.edgeNodes[int(e.off)+k]
		}
		// The sequences that start with a concept here: the concept is
		// worked out before the first of them that the message does not
		// rule out is tried, and where it ends nowhere none of them is.
	group:
		for gk := groups.off; gk < groups.off+groups.n; gk++ {
			g := &ix.cgroup[gk]
			if g.mask&^sc.mask != 0 {
				continue
			}
			worked := false
			for _, b := range ix.buckets[g.buckets.off : g.buckets.off+g.buckets.n] {
				if b.key >= 0 && !sc.has(b.key) {
					continue
				}
				for k := b.tries.off; k < b.tries.off+b.tries.n; k++ {
					t := &ix.tries[k]
					if t.mask&^sc.mask != 0 || !sc.worthTrying(ix, t) {
						continue // as above; it worked nothing out
					}
					if !worked {
						if !sc.groupEnds(g, id, i) {
							continue group // none of the group can match here
						}
						worked = true
					}
					sc.tryFrom(ix, t, i)
				}
			}
		}
	}
	// A pattern's twins (scanIndex.twins) match where it does.
	for _, id := range sc.touched {
		if tw := ix.twins[id]; tw.n > 0 {
			for _, t := range ix.twinIDs[tw.off : tw.off+tw.n] {
				sc.now[t] = sc.now[id]
				sc.touched = append(sc.touched, t) // past the range's end: not read again
			}
		}
	}
	for k := range sc.other {
		m := sc.other[k]
		if tw := ix.twins[m.id]; tw.n > 0 {
			for _, t := range ix.twinIDs[tw.off : tw.off+tw.n] {
				sc.other = append(sc.other, mark{id: t, negated: m.negated, past: m.past})
			}
		}
	}
	if len(sc.other) > 0 {
		h.other = append(old.other[:0], sc.other...)
	}
	sc.doc, sc.other = text.Doc{}, sc.other[:0]
	sc.clearPresent()
	nb := words(h.n)
	if need := nb + len(sc.touched); cap(old.now) >= need {
		h.now = old.now[:need]
		clear(h.now[:nb])
	} else {
		h.now = make([]uint64, need)
	}
	// The bits first; read back in order, they put the list in increasing ID
	// order without a sort.
	for _, id := range sc.touched {
		h.now[id/64] |= 1 << (id % 64)
	}
	now, k := sc.now, nb
	for w, set := range h.now[:nb] {
		for ; set != 0; set &= set - 1 {
			id := w<<6 + bits.TrailingZeros64(set)
			h.now[k] = uint64(id)<<32 | uint64(now[id])
			now[id] = 0
			k++
		}
	}
	sc.touched = sc.touched[:0]
	return h
}

// try tries sequence t, what is left of it, from token from, for a match
// starting at token s.start, and records the pattern if it matches.
func (s *scanner) try(ix *scanIndex, t *seqTry, from int32) {
	if s.worthTrying(ix, t) {
		s.tryFrom(ix, t, from)
	}
}

// worthTrying reports whether t could add anything here: its pattern is not
// yet recorded for this clause as it would be, and the message has every
// word it needs.
func (s *scanner) worthTrying(ix *scanIndex, t *seqTry) bool {
	if s.now[t.pat]&s.bit != 0 {
		return false // already found stated now in this clause
	}
	if s.past {
		if _, p := marksOf(s.other, int(t.pat)); p&s.bit != 0 {
			return false
		}
	}
	return !s.lacksTry(ix, t)
}

// tryFrom is try once worthTrying has said yes.
func (s *scanner) tryFrom(ix *scanIndex, t *seqTry, from int32) {
	switch steps := ix.steps[t.steps : t.steps+int32(t.nSteps)]; {
	case len(steps) == 0: // its words were the trie's
	case len(steps) == 1 && steps[0].kind == concept: // one concept: no position sets to build
		if from >= s.lim {
			return // the sentence ended with the words before it
		}
		s.conceptEnds(steps[0].id, from)
		if len(s.memoed(steps[0].id, from)) == 0 {
			return
		}
	case !s.matches(steps, from, s.lim):
		return
	}
	if s.neg == negUnknown {
		s.neg = negation(s.doc, int(s.start))
	}
	switch {
	case s.past:
		s.other = addMark(s.other, int(t.pat), 0, s.bit)
	case s.neg == negYes:
		s.other = addMark(s.other, int(t.pat), s.bit, 0)
	default:
		if s.now[t.pat] == 0 {
			s.touched = append(s.touched, t.pat)
		}
		s.now[t.pat] |= s.bit
	}
}

// Whether the token a match starts at is negated, worked out once per token
// and only when needed.
const (
	negUnknown = iota
	negNo
	negYes
)

func negation(doc text.Doc, i int) int {
	if doc.Negated(i) {
		return negYes
	}
	return negNo
}

// Match reports whether a single pattern matches doc (not negated, not past).
// It is for tests and tools; the hot path uses Scan.
func (l *Library) Match(p *Pattern, doc text.Doc) bool {
	sc := l.scanner(doc)
	defer l.scratch.Put(sc)
	defer sc.clearPresent()
	for i := range doc.Tokens {
		for _, seq := range p.seqs {
			if sc.matches(stepsOf(seq), int32(i), sc.end[i]) && !doc.Negated(i) && !doc.Historical(i) {
				return true
			}
		}
	}
	return false
}

// scanner matches patterns against one message. It works forwards with the
// set of positions each pattern element can end at, and remembers where
// each concept can end from each position, so a concept shared by many
// rules is worked out once per message. Its buffers are kept between
// messages (Library.scratch), so a scan allocates nothing once warm.
type scanner struct {
	l    *Library
	toks []text.Token
	ids  []int32 // each token's word number; -1 for a word no pattern uses
	end  []int32 // by token: where its sentence ends (the next sentence's first token)
	// memo[pos*len(concepts)+c] says where concept c can end when it starts
	// at pos: memoEnds[off:off+n], valid when its stamp is memoGen.
	memo     []memoEntry
	nc       int // how many concepts the memo has room for at each position
	memoGen  uint32
	memoEnds []int32
	present  []uint64 // bit set of the word numbers in the message
	mask     uint64   // bit w%64 for each word w of the message (see needs)
	work     []int32  // position sets being built, used as a stack
	mark     []uint32 // generation stamps for de-duplicating positions
	gen      uint32
	depth    int
	now      []uint32 // Scan's clauses per pattern ID, stated now; zero between scans
	touched  []int32  // the IDs set in now
	// The token Scan is at: where the matches it tries start, its clause's
	// bit, whether the clause tells of the past and whether it is negated.
	doc   text.Doc
	other []mark // Hits.other being gathered
	start int32
	lim   int32 // the end of start's sentence: no match reaches past it
	bit   uint32
	past  bool
	neg   int
}

type memoEntry struct {
	gen    uint32
	off, n int32
}

// scanner returns a scanner for toks from the pool.
func (l *Library) scanner(doc text.Doc) *scanner {
	toks := doc.Tokens
	numbered := doc.NumberedBy(l.nums) // the analyser numbered the words: nothing to look up
	l.indexConcepts()
	s, _ := l.scratch.Get().(*scanner)
	if s == nil {
		s = &scanner{l: l}
	}
	s.toks = toks
	s.ids = s.ids[:0]
	s.mask = 0
	if w := words(len(l.words)); len(s.present) < w {
		s.present = make([]uint64, w)
	}
	for _, t := range toks {
		var id int32
		ok := false
		if numbered {
			id = t.Number()
			ok = id >= 0
		} else {
			id, ok = l.words[t.Word]
		}
		if !ok {
			id = -1
		} else {
			s.present[id/64] |= 1 << (id % 64)
			s.mask |= 1 << (id % 64)
		}
		s.ids = append(s.ids, id)
	}
	// Where each token's sentence ends, from the last token back.
	s.end = slices.Grow(s.end[:0], len(toks))[:len(toks)]
	for i, e := len(toks)-1, int32(len(toks)); i >= 0; i-- {
		if i+1 < len(toks) && toks[i+1].Sentence != toks[i].Sentence {
			e = int32(i + 1)
		}
		s.end[i] = e
	}
	s.nc = len(l.conceptIDs)
	if need := s.nc * (len(toks) + 1); cap(s.memo) < need {
		s.memo = make([]memoEntry, need)
		s.memoGen = 0
	} else {
		s.memo = s.memo[:need]
	}
	if s.memoGen++; s.memoGen == 0 { // wrapped: old stamps could look current
		clear(s.memo)
		s.memoGen = 1
	}
	s.memoEnds = s.memoEnds[:0]
	s.work = s.work[:0]
	if cap(s.mark) < len(toks)+2 {
		s.mark = make([]uint32, len(toks)+2)
		s.gen = 0
	} else {
		s.mark = s.mark[:len(toks)+2]
	}
	s.depth = 0
	return s
}

// has reports whether the message holds the word numbered w.
func (s *scanner) has(w int32) bool { return s.present[w/64]&(1<<(w%64)) != 0 }

// clearPresent empties the bit set for the next message.
func (s *scanner) clearPresent() {
	for _, id := range s.ids {
		if id >= 0 {
			s.present[id/64] = 0
		}
	}
}

// stamp starts a new de-duplication round.
func (s *scanner) stamp() {
	if s.gen++; s.gen == 0 {
		clear(s.mark)
		s.gen = 1
	}
}

// matches reports whether seq matches starting at token start and ending
// by token lim.
func (s *scanner) matches(seq []step, start, lim int32) bool {
	top := len(s.work)
	ok := len(s.ends(seq, start, true, lim)) > 0
	s.work = s.work[:top]
	return ok
}

// matchesWords is matches for a sequence of words only, within start's
// sentence: one way through, compared word by word.
func (s *scanner) matchesWords(seq []step, start int) bool {
	if start >= len(s.ids) || start+len(seq) > int(s.end[start]) {
		return false
	}
	for k, e := range seq {
		if s.ids[start+k] != e.id {
			return false
		}
	}
	return true
}

// ends returns the positions seq can end at when it starts at start and
// goes no further than token lim (the end of the sentence the match started
// in: neither a gap nor a word reaches into the next sentence). With first
// set, it stops at the first way through. The result sits on top of s.work;
// the caller pops it when done with it.
func (s *scanner) ends(seq []step, start int32, first bool, lim int32) []int32 {
	base := len(s.work)
	s.work = append(s.work, start)
	cur := s.work[base:]
	n := lim
	for k, e := range seq {
		from := len(s.work)
		switch e.kind {
		case word:
			s.stamp()
			for _, p := range cur {
				if p < n && s.ids[p] == e.id {
					s.add(p + 1)
				}
			}
		case gap:
			s.stamp()
			for _, p := range cur {
				for g := int32(0); g <= MaxGap && p+g <= n; g++ {
					s.add(p + g)
				}
			}
		default:
			// A concept's ends are worked out (recursively, which reuses the
			// stamps and the stack) before they are merged here.
			// A concept starting at lim would start the next sentence; one
			// starting before it ends in its sentence (conceptEnds).
			for _, p := range cur {
				if p < n {
					s.conceptEnds(e.id, p)
				}
			}
			s.stamp()
			for _, p := range cur {
				if p >= n {
					continue
				}
				for _, q := range s.memoed(e.id, p) {
					s.add(q)
				}
			}
		}
		next := s.work[from:]
		if len(next) == 0 {
			s.work = s.work[:base]
			return nil
		}
		if first && k == len(seq)-1 {
			next = next[:1]
		}
		cur = next
	}
	// Move the result down to base so that the intermediate sets are popped.
	m := copy(s.work[base:], cur)
	s.work = s.work[:base+m]
	return s.work[base:]
}

func (s *scanner) add(q int32) {
	if s.mark[q] != s.gen {
		s.mark[q] = s.gen
		s.work = append(s.work, q)
	}
}

// slot is where the memo keeps the ends of concept c from pos: position
// first, so that the many concepts tried at one word sit close together.
func (s *scanner) slot(c, pos int32) int { return int(pos)*s.nc + int(c) }

// memoed returns the remembered ends of concept c from pos (conceptEnds must
// have run for them).
func (s *scanner) memoed(c, pos int32) []int32 {
	e := s.memo[s.slot(c, pos)]
	if e.gen != s.memoGen {
		return nil
	}
	return s.memoEnds[e.off : e.off+e.n]
}

// conceptEnds works out (once per message) where concept c can end when it
// starts at pos, within pos's sentence.
func (s *scanner) conceptEnds(c, pos int32) {
	slot := s.slot(c, pos)
	if s.memo[slot].gen == s.memoGen || s.depth > 32 {
		return
	}
	var cs *conceptStart
	if pos < int32(len(s.toks)) && s.ids[pos] >= 0 {
		cs = s.l.conceptStartFor(c, s.ids[pos])
	}
	s.conceptEndsWith(cs, slot, pos)
}

// conceptEndsWith is conceptEnds for the concept whose memo entry is slot,
// given its phrases that start with the word at pos (cs, nil when none
// does).
func (s *scanner) conceptEndsWith(cs *conceptStart, slot int, pos int32) {
	s.depth++
	top := len(s.work)
	if cs != nil {
		off := int32(0)
		for _, b := range cs.restBuckets {
			if b.key < 0 || s.has(b.key) { // else every one of them lacks the word
				s.subEnds(cs.subs[off:off+b.n], pos)
			}
			off += b.n
		}
		next := int32(-1)
		if pos+1 < s.end[pos] {
			next = s.ids[pos+1]
		}
		s.subEnds(cs.following(next), pos)
	}
	s.depth--
	if len(s.work) == top { // it ends nowhere, as most do: nothing to de-duplicate
		s.memo[slot] = memoEntry{gen: s.memoGen, off: int32(len(s.memoEnds))}
		return
	}
	// De-duplicate into the memo.
	s.stamp()
	off := len(s.memoEnds)
	for _, q := range s.work[top:] {
		if s.mark[q] != s.gen {
			s.mark[q] = s.gen
			s.memoEnds = append(s.memoEnds, q)
		}
	}
	s.work = s.work[:top]
	s.memo[slot] = memoEntry{gen: s.memoGen, off: int32(off), n: int32(len(s.memoEnds) - off)}
}

// subEnds pushes onto s.work where each of subs can end when it starts at pos.
func (s *scanner) subEnds(subs []subSeq, pos int32) {
	for k := range subs {
		switch sub := &subs[k]; {
		case s.lacks(&sub.needs):
		case sub.plain:
			if s.matchesWords(sub.steps, int(pos)) {
				s.work = append(s.work, pos+int32(len(sub.steps)))
			}
		default:
			s.ends(sub.steps, pos, false, s.end[pos]) // left on the stack, to be gathered by conceptEnds
		}
	}
}

// words is how many 64-bit words a bit set of n bits takes.
func words(n int) int { return (n + 63) / 64 }
