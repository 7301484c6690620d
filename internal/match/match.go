// Package match scores a message against every intent of a content set and
// says which one it means, with a confidence. Two signals are combined:
// keyword patterns the comms team wrote (strong cues, negation-aware) and the
// word overlap with each intent's example utterances, weighted so that rare,
// telling words count more than common ones. A low confidence is reported as
// no match rather than a guess.
package match

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"sync"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/phrase"
	"github.com/nhs-signpost/signpost/internal/text"
)

// Threshold is the confidence an intent needs to count as a match.
const Threshold = 0.5

// SingleWordFactor scales the similarity of an example that shares only one
// content word with the message. One shared word ("again", "hours") is weak
// evidence on its own: without it, a message about a topic the content does
// not cover ("head lice again") borrowed the confidence of whichever example
// happened to use its one familiar word.
const SingleWordFactor = 0.6

// NearMissPenalty scales how much being closer to a not_example than to any
// example lowers an intent's score.
const NearMissPenalty = 2.0

// Matcher holds the per-intent features built from one content set.
type Matcher struct {
	set *content.Set
	idf map[string]float64
	// unseen is the weight a message word gets when no example uses it: as
	// much as a word only one intent uses. Such words are not matched, but
	// they count towards the message's length, so a message mostly about
	// something no example mentions is not mistaken for a close fit.
	unseen  float64
	intents []*entry
	// byTerm has, for every word an example uses, its idf and its postings:
	// every example and not_example vector that holds it, so that a message
	// is compared only with the examples it shares a word with. One look-up
	// a word of the message gives both.
	byTerm map[string]termInfo
	nVecs  int
	// vecIntent and vecNear say whose example (or near miss) each vector is.
	vecIntent []int32
	vecNear   []bool
	// kwOwners lists, by pattern ID, the intents that count the pattern as
	// one of their keywords.
	kwOwners [][]int32
	// findingOwners lists, for each finding, the intents that name it (an
	// intent once for each time it names it).
	findingOwners map[*content.Finding][]int32
	// The findings that tell how a symptom named beside an information
	// question is meant (content's findings.yaml; nil when content has none):
	// as the reason for a visit, test or booking (toldAsReason), as settled
	// or only asked about (settled), or as happening now (toldNow).
	toldAsReason, settled, toldNow *content.Finding
	// justHappened is an event told as minutes or an hour or two ago
	// (content's finding told_as_just_happened): a matter told so is not
	// settled background, however well the person feels now.
	justHappened *content.Finding
	// symptomNow is a symptom told as bad, back or worse now (content's
	// finding symptom_told_now): beside an information question that no
	// clinical topic answers, it keeps the information answer from being
	// the whole reply (see Pick).
	symptomNow *content.Finding
	scratch    sync.Pool // *scratch
}

// The ids of the findings Backstory reads.
const (
	FindingToldAsReason = "told_as_reason"
	FindingSettled      = "told_as_settled"
	FindingToldNow      = "told_as_now"
	FindingSymptomNow   = "symptom_told_now"
	FindingJustHappened = "told_as_just_happened"
)

// scratch is one Rank call's working memory, kept between calls; only the
// entries a message touched are reset afterwards.
type scratch struct {
	terms    []string
	query    []qterm
	sims     []float64 // by vector
	shared   []uint8   // by vector: content words in common with the message
	vecs     []int32   // vectors touched
	sim      []float64 // by intent: best example similarity
	near     []float64 // by intent: best near-miss similarity
	kw       []int     // by intent: keywords and findings matched
	found    []int     // by intent: findings stated present
	touched  []uint64  // by intent, a bit each: touched (walked in content order, so never sorted)
	score    []float64 // by intent
	ranked   []int32   // intents with a score, best first
	hits     []int
	inClause []uint32        // by hit: the clauses where it matched stated now
	clauses  []uint32        // by intent: the clauses its matched keywords sit in
	termSet  map[string]bool // for long messages only (see hasTerm)
}

type qterm struct {
	w string
	termInfo
}

// termInfo is what the ranking knows of a word (Matcher.byTerm).
type termInfo struct {
	x        float64   // idf; 0 for a word no example uses
	postings []posting // the vectors that hold it
}

type posting struct {
	vec int     // index into the flat list of vectors
	w   float64 // the term's weight in that vector
}

type entry struct {
	exIdx    []int // flat vector indices of examples
	nearIdx  []int // flat vector indices of not_examples
	intent   *content.Intent
	keywords []*phrase.Pattern // one per distinct normalised pattern
	examples []vector
	near     []vector // not_examples: near misses that must not count as this intent
}

type vector struct {
	w    map[string]float64
	norm float64
}

// New builds a matcher for a content set.
func New(set *content.Set) *Matcher {
	m := &Matcher{set: set, idf: map[string]float64{}, toldAsReason: set.Finding(FindingToldAsReason),
		settled: set.Finding(FindingSettled), toldNow: set.Finding(FindingToldNow),
		symptomNow: set.Finding(FindingSymptomNow), justHappened: set.Finding(FindingJustHappened)}
	df := map[string]int{}
	n := 0
	for _, in := range set.Intents {
		if in.Kind == "outcome" {
			continue
		}
		n++
		seen := map[string]bool{}
		for _, ex := range in.Examples {
			for _, w := range terms(set.Analyzer.Analyze(ex.Text)) {
				if !seen[w] {
					seen[w] = true
					df[w]++
				}
			}
		}
	}
	for w, d := range df {
		m.idf[w] = math.Log(1 + float64(n)/float64(d))
	}
	m.unseen = math.Log(1 + float64(n))
	for _, in := range set.Intents {
		if in.Kind == "outcome" {
			continue
		}
		e := &entry{intent: in}
		// "vomit" and "vomiting" normalise alike; counting both would let
		// an intent win on one word written twice.
		seenKW := map[string]bool{}
		for _, p := range in.Keywords {
			k := set.Analyzer.AnalyzePattern(p.Src).String()
			if !seenKW[k] {
				seenKW[k] = true
				e.keywords = append(e.keywords, p)
			}
		}
		for _, ex := range in.Examples {
			e.examples = append(e.examples, m.vec(terms(set.Analyzer.Analyze(ex.Text))))
		}
		for _, ex := range in.NotExamples {
			e.near = append(e.near, m.vec(terms(set.Analyzer.Analyze(ex.Text))))
		}
		m.intents = append(m.intents, e)
	}
	postings := map[string][]posting{}
	add := func(v vector) int {
		id := m.nVecs
		m.nVecs++
		for w, x := range v.w {
			if x > 0 {
				postings[w] = append(postings[w], posting{id, x / v.norm})
			}
		}
		return id
	}
	m.findingOwners = map[*content.Finding][]int32{}
	for i, e := range m.intents {
		for _, v := range e.examples {
			e.exIdx = append(e.exIdx, add(v))
			m.vecIntent = append(m.vecIntent, int32(i))
			m.vecNear = append(m.vecNear, false)
		}
		for _, v := range e.near {
			e.nearIdx = append(e.nearIdx, add(v))
			m.vecIntent = append(m.vecIntent, int32(i))
			m.vecNear = append(m.vecNear, true)
		}
		for _, p := range e.keywords {
			if p.ID >= len(m.kwOwners) {
				m.kwOwners = append(m.kwOwners, make([][]int32, p.ID+1-len(m.kwOwners))...)
			}
			m.kwOwners[p.ID] = append(m.kwOwners[p.ID], int32(i))
		}
		for _, f := range e.intent.Findings {
			m.findingOwners[f] = append(m.findingOwners[f], int32(i))
		}
	}
	// A word with postings has an idf (only weighted words are posted).
	m.byTerm = make(map[string]termInfo, len(m.idf))
	for w, x := range m.idf {
		m.byTerm[w] = termInfo{x: x, postings: postings[w]}
	}
	return m
}

func (m *Matcher) vec(ws []string) vector {
	v := vector{w: make(map[string]float64, len(ws))}
	// The norm is summed in the order the words come, not the map's, so
	// that a score is the same to the last bit in every process: summed in
	// map order it moved in the last place from one start to the next, and
	// could reorder two intents that tie.
	for _, w := range ws {
		if _, dup := v.w[w]; !dup {
			x := m.weight(w)
			v.w[w] = x
			v.norm += x * x
		}
	}
	v.norm = math.Sqrt(v.norm)
	return v
}

func (m *Matcher) weight(w string) float64 {
	if x, ok := m.idf[w]; ok {
		return x
	}
	return 0 // a word no example uses tells nothing about any intent
}

// terms are the content words of a doc: stop words and negated words dropped.
func terms(d text.Doc) []string { return appendTerms(nil, d) }

func appendTerms(out []string, d text.Doc) []string {
	for i, t := range d.Tokens {
		if t.Num || stopWords[t.Word] || d.Negated(i) {
			continue
		}
		out = append(out, t.Word)
	}
	return out
}

// Result is how well an intent fits a message.
type Result struct {
	Intent     *content.Intent
	Score      float64
	Keywords   int     // keyword patterns and findings matched
	Findings   int     // findings the intent names that the message states present
	Similarity float64 // best example similarity
	NearMiss   float64 // best similarity to one of the intent's not_examples
	// Clauses has a bit for each clause (text.Token.Clause; past the 32nd
	// they share the last bit) where one of the intent's keywords matched
	// stated now.
	Clauses uint32
	// Backstory, for a clinical intent, says the message names its topic
	// only as the background of an information question (see Pick): no
	// finding the intent names is stated present, no clause of its keywords
	// tells of something happening now (finding told_as_now), and either every
	// clause of its keywords tells a symptom as the reason for a visit, test
	// or booking (finding told_as_reason: "seen in A&E after a head injury",
	// "the MRI for his headaches"), or the message says the matter is settled
	// or only asked about (finding told_as_settled: "all fine now", "no new
	// symptoms"). Only read beside a confident information intent.
	Backstory bool
	// SymptomNow, for an information intent, says the message also tells a
	// symptom as bad, back or worse now (finding symptom_told_now): "no
	// results yet and the pain is back tonight, worse than ever".
	SymptomNow bool
}

// Rank scores every intent for doc, best first. hits must be the content
// library's Scan of doc.
//
// Only intents that share a content word or a keyword with the message can
// score above zero, so only they are visited: the message's terms are walked
// through the postings, and the matched keywords through their owners.
func (m *Matcher) Rank(doc text.Doc, hits phrase.Hits) []Result {
	fd := m.set.Find(hits)
	return m.RankFound(doc, &fd, 0)
}

// RankFound is Rank for a message whose findings were already read
// (content.Set.Find of the library's hits of doc), keeping only the intents
// that score at least atLeast (above 0 in any case): the head of Rank's
// list, for a caller that reads no further (Pick reads down to Threshold).
func (m *Matcher) RankFound(doc text.Doc, fd *content.Found, atLeast float64) []Result {
	return m.RankFoundReusing(nil, doc, fd, atLeast)
}

// RankFoundReusing is RankFound writing the results into old's storage when
// it is large enough, so that a caller ranking message after message need not
// allocate each time. old must not be read afterwards.
func (m *Matcher) RankFoundReusing(old []Result, doc text.Doc, fd *content.Found, atLeast float64) []Result {
	hits := fd.Hits()
	sc := m.getScratch()
	defer m.putScratch(sc)
	sc.terms = appendTerms(sc.terms[:0], doc)
	// The message's vector: its distinct terms weighted by idf; words no
	// example uses are not matched but weigh m.unseen in the norm (see
	// Matcher.unseen).
	sumsq := 0.0
	for _, w := range sc.terms {
		if sc.hasTerm(w) {
			continue
		}
		ti, ok := m.byTerm[w]
		if !ok {
			sumsq += m.unseen * m.unseen
		} else {
			sumsq += ti.x * ti.x
		}
		sc.query = append(sc.query, qterm{w, ti})
	}
	norm := math.Sqrt(sumsq)
	// Cosine similarity of the message with every stored vector it shares
	// a word with; shared counts how many content words they have in common.
	if norm > 0 {
		for _, t := range sc.query {
			if t.x == 0 {
				continue
			}
			x := t.x / norm
			for _, p := range t.postings {
				if sc.shared[p.vec] == 0 {
					sc.vecs = append(sc.vecs, int32(p.vec))
				}
				sc.sims[p.vec] += x * p.w
				if sc.shared[p.vec] < 255 {
					sc.shared[p.vec]++
				}
			}
		}
	}
	for _, v := range sc.vecs {
		s := sc.sims[v]
		if sc.shared[v] == 1 {
			s *= SingleWordFactor
		}
		i := m.vecIntent[v]
		sc.touch(i)
		if m.vecNear[v] {
			sc.near[i] = max(sc.near[i], s)
		} else {
			sc.sim[i] = max(sc.sim[i], s)
		}
	}
	sc.hits = hits.AppendMatched(sc.hits[:0])
	sc.inClause = hits.AppendMatchedClauses(sc.inClause[:0])
	for k, id := range sc.hits {
		if id >= len(m.kwOwners) {
			continue // no intent's keyword
		}
		for _, i := range m.kwOwners[id] {
			sc.touch(i)
			sc.kw[i]++
			sc.clauses[i] |= sc.inClause[k]
		}
	}
	// A finding the intent names, stated present, counts like a keyword; so
	// does a context finding told as the past ("the menopause was ten years
	// ago"): who or what the person is stays so after the telling.
	for k := range fd.Len() {
		f, status := fd.At(k)
		if status != phrase.Present && !(status == phrase.Past && f.Context) {
			continue
		}
		for _, i := range m.findingOwners[f] {
			sc.touch(i)
			sc.kw[i]++
			sc.found[i]++
		}
	}
	// In content order, as every intent used to be visited, so that equal
	// scores keep their order after the stable sort: the touched intents'
	// bits are read in order, which needs no sort.
	sc.ranked = sc.ranked[:0]
	for i := range sc.eachTouched {
		// Small talk ("thanks", "hello") answers a short message only: a
		// long one that contains the word is about something else.
		if mw := m.intents[i].intent.MaxWords; mw > 0 && len(doc.Tokens) > mw {
			continue
		}
		score := 1 - keywordMiss(sc.kw[i]) // from the keywords
		score = 1 - (1-score)*(1-sc.sim[i])
		// A message closer to a written near miss than to any example is
		// evidence against the intent, however its keywords fired: the comms
		// team wrote the near miss exactly to say "not this".
		if d := sc.near[i] - sc.sim[i]; d > 0 {
			score *= max(0, 1-NearMissPenalty*d)
		}
		if score > 0 && score >= atLeast {
			sc.score[i] = score
			sc.ranked = append(sc.ranked, i)
		}
	}
	if len(sc.ranked) == 0 {
		return nil
	}
	// Sorting small numbers rather than Results, which hold a pointer; the
	// best score first, and equal scores in content order (sc.ranked is in
	// content order here), as a stable sort would leave them, but with the
	// faster unstable sort.
	sortRanked(sc.ranked, sc.score)
	// How a clinical topic is told beside a confident information question,
	// for Backstory.
	info := false
	for _, i := range sc.ranked {
		if m.intents[i].intent.Kind == "info" && sc.score[i] >= Threshold {
			info = true
			break
		}
	}
	var reason, now uint32
	settled := false
	if info {
		reason = findingClauses(m.toldAsReason, hits)
		now = findingClauses(m.toldNow, hits)
		// "Fine now" after something that happened an hour ago ("pink wee
		// just now, had beetroot, feel fine"; "sick once an hour ago, back
		// to normal") tells a symptom to weigh today, not the background of
		// the appointment question asked with it.
		settled = m.settled != nil && fd.Present(m.settled) && (m.justHappened == nil || !fd.Present(m.justHappened))
	}
	symptomNow := m.symptomNow != nil && fd != nil && fd.Present(m.symptomNow)
	out := old[:0]
	if cap(out) < len(sc.ranked) {
		out = make([]Result, 0, len(sc.ranked))
	}
	out = out[:len(sc.ranked)]
	for k, i := range sc.ranked {
		out[k] = Result{Intent: m.intents[i].intent, Score: sc.score[i], Keywords: sc.kw[i], Findings: sc.found[i],
			Similarity: sc.sim[i], NearMiss: sc.near[i], Clauses: sc.clauses[i]}
		if in := m.intents[i].intent; in.Kind == "info" {
			out[k].SymptomNow = symptomNow
		} else if in.Kind == "clinical" && info && sc.found[i] == 0 && sc.clauses[i] != 0 {
			out[k].Backstory = sc.clauses[i]&now == 0 && (settled || sc.clauses[i]&^reason == 0)
		}
	}
	return out
}

// keywordMisses holds math.Pow(0.45, k) for the keyword counts a message
// reaches, worked out once: the ranking raised it for every intent it
// visited, and a table gives the very same numbers.
var keywordMisses = func() (t [32]float64) {
	for k := range t {
		t[k] = math.Pow(0.45, float64(k))
	}
	return t
}()

// keywordMiss is math.Pow(0.45, k): the chance, as the score reads it, that
// k matched keywords are all misleading.
func keywordMiss(k int) float64 {
	if k >= 0 && k < len(keywordMisses) {
		return keywordMisses[k]
	}
	return math.Pow(0.45, float64(k))
}

// findingClauses are the clauses where one of f's phrases (says) matched
// stated now.
func findingClauses(f *content.Finding, hits phrase.Hits) uint32 {
	if f == nil {
		return 0
	}
	var c uint32
	for _, p := range f.Says {
		c |= hits.Clauses(p)
	}
	return c
}

func (m *Matcher) getScratch() *scratch {
	if sc, ok := m.scratch.Get().(*scratch); ok {
		return sc
	}
	return &scratch{sims: make([]float64, m.nVecs), shared: make([]uint8, m.nVecs),
		sim: make([]float64, len(m.intents)), near: make([]float64, len(m.intents)),
		kw: make([]int, len(m.intents)), found: make([]int, len(m.intents)), clauses: make([]uint32, len(m.intents)), touched: make([]uint64, (len(m.intents)+63)/64),
		score: make([]float64, len(m.intents))}
}

// putScratch resets what the call touched and keeps the scratch for the next.
func (m *Matcher) putScratch(sc *scratch) {
	for _, v := range sc.vecs {
		sc.sims[v], sc.shared[v] = 0, 0
	}
	for i := range sc.eachTouched {
		sc.sim[i], sc.near[i], sc.kw[i], sc.found[i], sc.score[i], sc.clauses[i] = 0, 0, 0, 0, 0, 0
	}
	clear(sc.touched)
	sc.vecs, sc.query = sc.vecs[:0], sc.query[:0]
	clear(sc.termSet)
	m.scratch.Put(sc)
}

func (sc *scratch) touch(i int32) {
	sc.touched[i>>6] |= 1 << (i & 63)
}

// eachTouched yields the intents touched, in content order.
func (sc *scratch) eachTouched(yield func(int32) bool) {
	for w, set := range sc.touched {
		for set != 0 {
			if !yield(int32(w<<6 + bits.TrailingZeros64(set))) {
				return
			}
			set &= set - 1
		}
	}
}

// sortRanked puts intents in order of score, best first, equal scores in
// intent (content) order, as a stable sort of content order would leave them.
// A turn ranks a few dozen at most, which an insertion sort does without a
// call per comparison; the tools rank every intent.
func sortRanked(ranked []int32, score []float64) {
	less := func(a, b int32) bool { return score[a] > score[b] || score[a] == score[b] && a < b }
	if len(ranked) > 48 {
		slices.SortFunc(ranked, func(a, b int32) int {
			if c := cmp.Compare(score[b], score[a]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		return
	}
	for k := 1; k < len(ranked); k++ {
		for j := k; j > 0 && less(ranked[j], ranked[j-1]); j-- {
			ranked[j], ranked[j-1] = ranked[j-1], ranked[j]
		}
	}
}

// hasTerm reports whether w is already in the query, and adds it to the
// set of terms seen if not. A short message is searched; a long one (up to
// 2,000 characters) gets a map, so that it costs no more than its length.
func (sc *scratch) hasTerm(w string) bool {
	if len(sc.terms) <= 32 {
		for _, t := range sc.query {
			if t.w == w {
				return true
			}
		}
		return false
	}
	if sc.termSet == nil {
		sc.termSet = map[string]bool{}
	}
	if sc.termSet[w] {
		return true
	}
	sc.termSet[w] = true
	return false
}

// Best returns the intent doc means, or ok=false when nothing is confident.
// Among confident matches a clinical intent is preferred to an information
// one when it scores close to it: a symptom described now matters more than
// a question about the outage asked in the same breath.
func (m *Matcher) Best(doc text.Doc, hits phrase.Hits) (Result, bool) {
	return Pick(m.Rank(doc, hits))
}

// Pick applies the confidence threshold and the clinical preference to a ranking.
// Among confident clinical matches, one supported by a finding it names
// (content's findings:, curated clinical signs rather than any keyword) wins
// over a better-scoring, less acute everyday topic ("topic capture": a
// cough must not hide the palpitations named with it). A confident clinical
// topic with a keyword wins over a better-scoring information answer unless
// it is only that question's background (Result.Backstory).
func Pick(ranked []Result) (Result, bool) {
	if len(ranked) == 0 || ranked[0].Score < Threshold {
		return Result{}, false
	}
	best := ranked[0]
	if best.Intent.Kind == "clinical" && best.Backstory && len(best.Intent.Routes) == 0 {
		// A clinical topic scoring above a confident information answer
		// but named only as that question's background ("is mum's scan for
		// her breast lump cancelled"): the information answer stands, as it
		// does when it scores first (below), if one of its keywords speaks
		// for it. A topic with routes of its own (content's route:) settles
		// such messages itself ("my camera test for the bleeding").
		for _, r := range ranked[1:] {
			if r.Score < Threshold {
				break
			}
			if r.Intent.Kind == "clinical" && r.Keywords > 0 && !r.Backstory {
				break
			}
			if r.Intent.Kind == "info" && r.Keywords > 0 {
				return Pick(append([]Result{r}, ranked...))
			}
		}
	}
	if best.Intent.Kind == "clinical" {
		for _, r := range ranked[1:] {
			if r.Score < Threshold {
				break
			}
			if r.Intent.Kind == "clinical" && r.Findings > 0 && content.Acuity(r.Intent.Disposition) > content.Acuity(best.Intent.Disposition) {
				best = r
			}
		}
		return best, true
	}
	if best.Intent.Kind == "info" {
		for _, r := range ranked[1:] {
			if r.Score < Threshold {
				break
			}
			// A symptom told now beside an information question wins ("my
			// clinic was cancelled and my eczema has flared up"); one named
			// only as the question's background does not ("is the MRI for
			// my headaches still on", "he was seen in A&E after a head
			// injury, will the letter reach his GP").
			if r.Intent.Kind == "clinical" && r.Keywords > 0 && !r.Backstory {
				return r, true
			}
		}
		// A symptom told as bad, back or worse now that no clinical topic
		// answers: the information answer alone would leave it unanswered,
		// so the message is not taken as understood, and the person is
		// offered the closest topics and, failing those, NHS 111.
		if best.SymptomNow {
			return Result{}, false
		}
	}
	return best, true
}

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"a", "an", "the", "and", "or", "but", "if", "so", "to", "of", "in", "on", "at", "for",
		"with", "by", "from", "up", "about", "into", "over", "after", "as", "is", "are", "was", "were", "be", "been",
		"am", "i", "im", "me", "my", "we", "our", "you", "your", "he", "she", "it", "they", "them", "his", "her", "its",
		"their", "this", "that", "these", "those", "there", "here", "what", "which", "who", "whom", "when", "where",
		"how", "why", "do", "doe", "did", "have", "has", "had", "can", "could", "would", "should", "will", "shall",
		"may", "might", "must", "just", "any", "some", "all", "very", "really", "too", "also", "then", "than", "now",
		"get", "got", "go", "s", "t", "d", "ll", "ve", "re", "m", "hi", "hello", "pleas", "thank", "thanks", "ok",
		"okay", "yes", "no", "not", "bit", "lot", "lol", "x", "xx", "hes", "shes", "ive", "id", "ill", "ha", "wa",
		"dont", "cant", "wont", "him", "us", "still", "know", "think", "need", "want", "like", "one", "day", "today",
		"someth", "anyth", "abl", "becaus", "been", "being", "did", "doing", "let", "tell", "say", "said",
		// Ages ("my 3 year old") are read as facts; as words they only made
		// any message about a child look like every example about one.
		"year", "years", "yr", "yrs", "yo", "old"} {
		m[w] = true
		m[text.Stem(w)] = true
	}
	return m
}()
