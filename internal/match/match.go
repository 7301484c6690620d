// Package match scores a message against every intent of a content set and
// says which one it means, with a confidence. Two signals are combined:
// keyword patterns the comms team wrote (strong cues, negation-aware) and the
// word overlap with each intent's example utterances, weighted so that rare,
// telling words count more than common ones. A low confidence is reported as
// no match rather than a guess.
package match

import (
	"math"
	"sort"

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
	// postings index every example and not_example vector by term, so a
	// message is compared only with the examples it shares a word with.
	postings map[string][]posting
	nVecs    int
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
	m := &Matcher{set: set, idf: map[string]float64{}}
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
	m.postings = map[string][]posting{}
	add := func(v vector) int {
		id := m.nVecs
		m.nVecs++
		for w, x := range v.w {
			if x > 0 {
				m.postings[w] = append(m.postings[w], posting{id, x / v.norm})
			}
		}
		return id
	}
	for _, e := range m.intents {
		for _, v := range e.examples {
			e.exIdx = append(e.exIdx, add(v))
		}
		for _, v := range e.near {
			e.nearIdx = append(e.nearIdx, add(v))
		}
	}
	return m
}

func (m *Matcher) vec(ws []string) vector {
	v := vector{w: make(map[string]float64, len(ws))}
	for _, w := range ws {
		v.w[w] = m.weight(w)
	}
	for _, x := range v.w {
		v.norm += x * x
	}
	v.norm = math.Sqrt(v.norm)
	return v
}

// query is the message's vector: like vec, except that words no example uses
// weigh m.unseen in the norm (see Matcher.unseen).
func (m *Matcher) query(ws []string) vector {
	v := vector{w: make(map[string]float64, len(ws))}
	extra := 0.0
	seen := map[string]bool{}
	for _, w := range ws {
		if x, ok := m.idf[w]; ok {
			v.w[w] = x
		} else if !seen[w] {
			seen[w] = true
			extra += m.unseen * m.unseen
		}
	}
	for _, x := range v.w {
		v.norm += x * x
	}
	v.norm = math.Sqrt(v.norm + extra)
	return v
}

func (m *Matcher) weight(w string) float64 {
	if x, ok := m.idf[w]; ok {
		return x
	}
	return 0 // a word no example uses tells nothing about any intent
}

// terms are the content words of a doc: stop words and negated words dropped.
func terms(d text.Doc) []string {
	out := make([]string, 0, len(d.Tokens))
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
}

// Rank scores every intent for doc, best first. hits must be the content
// library's Scan of doc.
func (m *Matcher) Rank(doc text.Doc, hits phrase.Hits) []Result {
	q := m.query(terms(doc))
	// Cosine similarity of the message with every stored vector, by
	// walking the postings of the message's own terms; shared counts how
	// many content words each vector has in common with the message.
	sims := make([]float64, m.nVecs)
	shared := make([]uint8, m.nVecs)
	if q.norm > 0 {
		for w, x := range q.w {
			for _, p := range m.postings[w] {
				sims[p.vec] += x / q.norm * p.w
				if shared[p.vec] < 255 {
					shared[p.vec]++
				}
			}
		}
	}
	for i, n := range shared {
		if n == 1 {
			sims[i] *= SingleWordFactor
		}
	}
	out := make([]Result, 0, len(m.intents))
	for _, e := range m.intents {
		r := Result{Intent: e.intent}
		for _, p := range e.keywords {
			if hits.Has(p) {
				r.Keywords++
			}
		}
		// A finding the intent names, stated present, counts like a keyword.
		for _, f := range e.intent.Findings {
			if f.Status(hits) == phrase.Present {
				r.Keywords++
				r.Findings++
			}
		}
		for _, i := range e.exIdx {
			if sims[i] > r.Similarity {
				r.Similarity = sims[i]
			}
		}
		for _, i := range e.nearIdx {
			if sims[i] > r.NearMiss {
				r.NearMiss = sims[i]
			}
		}
		a := 1 - math.Pow(0.45, float64(r.Keywords))
		r.Score = 1 - (1-a)*(1-r.Similarity)
		// A message closer to a written near miss than to any example is
		// evidence against the intent, however its keywords fired: the comms
		// team wrote the near miss exactly to say "not this".
		if d := r.NearMiss - r.Similarity; d > 0 {
			r.Score *= math.Max(0, 1-NearMissPenalty*d)
		}
		if r.Score > 0 {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
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
// cough must not hide the palpitations named with it).
func Pick(ranked []Result) (Result, bool) {
	if len(ranked) == 0 || ranked[0].Score < Threshold {
		return Result{}, false
	}
	best := ranked[0]
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
			if r.Intent.Kind == "clinical" && r.Keywords > 0 {
				return r, true
			}
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
