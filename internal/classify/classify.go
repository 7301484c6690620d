// Package classify is Signpost's second opinion: a trained text classifier
// that reads a message for its topic (which intent or red-flag rule it is
// most like) and its acuity (emergency, crisis, urgent or routine). It is
// two multinomial logistic regressions over the same hashed features (words
// marked when negated, word pairs and character 4-grams), so it copes with
// misspellings, unseen inflections and word order that the rules do not
// know, and it runs inside the binary with no network and no model download.
//
// It learns from the content itself (each intent's examples, each red-flag
// rule's test messages, the conversation checks) and from the labelled
// tuning part of the corpus in eval/. Training is deterministic: a fixed
// seed, a stable order and sequential arithmetic give the same weights, byte
// for byte, every time.
//
// The model is trained when content loads rather than by a `signpost train`
// step that writes a model file. Training 5,000 messages takes under half a
// second of CPU on one core even when all of them teach a topic as well
// (BenchmarkTrainTopics5000; BenchmarkTrainTuning is the content and the
// real tuning corpus), within the 2 s budget, so there is no artefact to
// review, commit, ship or keep in step: the model in use is always the one
// for the content in use, including content the comms team just edited and
// hot-reloaded (the reload trains in the background and swaps the whole
// bundle at once). A model file would only pay off for a model too slow to
// train at start-up.
//
// Scores are calibrated with Platt scaling fitted on a fifth of the examples,
// held aside while the model learns from the rest; it then goes on learning
// from everything. The thresholds that decide what a score is allowed to do are
// content (intents/classifier.yaml), chosen on the tuning part of the corpus;
// this package only measures.
package classify

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/nhs-signpost/signpost/internal/text"
)

// Acuity is how urgent a message reads.
type Acuity int8

// The acuity classes, least urgent first.
const (
	NoAcuity  Acuity = -1 // not known (an example that teaches only a topic)
	Routine   Acuity = 0  // GP, pharmacy, self care, information
	Urgent    Acuity = 1  // NHS 111 or an urgent appointment today
	Crisis    Acuity = 2  // a mental health crisis
	Emergency Acuity = 3  // 999 or A&E
)

const nAcuity = 4

// RuleTopic prefixes the topic of a red-flag rule's test messages, so that
// rules and intents share one topic model.
const RuleTopic = "red_flag."

// Example is one labelled message to learn from.
type Example struct {
	Text   string
	Topic  string // an intent id, RuleTopic+rule id, or "" when only the acuity is known
	Acuity Acuity // NoAcuity when only the topic is known
	// Extra, when not nil, are the message's extra features already worked
	// out (a trainer that keeps them between trainings); nil asks the
	// model's Extra.
	Extra []uint32
}

// Model is a trained classifier. It is immutable and safe for concurrent use.
type Model struct {
	an        *text.Analyzer
	extra     Extra
	topics    []string
	rules     []string // per topic, the red-flag rule's id, or "" for an intent
	topic     *softmax
	acuity    *softmax
	topicCal  platt
	acuityCal [3]platt // emergency, crisis, urgent or above
	examples  int
	held      Held
	digest    string
}

// Train learns a model from examples, analysing each with an (the content's
// analyzer, so that the classifier reads words as the rules do).
func Train(an *text.Analyzer, examples []Example) *Model {
	return TrainExtra(an, nil, examples)
}

// Extra appends to dst more features of an analysed message (FeatureOf of
// the clinical findings a content set reads in it), so that the model
// learns from the content's vocabulary as well as from the words.
type Extra func(doc text.Doc, dst []uint32) []uint32

// FeatureOf is the hashed feature of a named property of a message.
func FeatureOf(name string) uint32 {
	return uint32(hashStr(hashByte(fnvOffset, 'f'), name)) & (buckets - 1)
}

// TrainExtra is Train with extra features read from every message, in
// training and in reading.
func TrainExtra(an *text.Analyzer, extra Extra, examples []Example) *Model {
	m := &Model{an: an, extra: extra, examples: len(examples)}
	topicIdx := map[string]int{}
	for _, ex := range examples {
		if ex.Topic != "" {
			topicIdx[ex.Topic] = 0
		}
	}
	for t := range topicIdx {
		m.topics = append(m.topics, t)
	}
	sort.Strings(m.topics)
	m.rules = make([]string, len(m.topics))
	for i, t := range m.topics {
		topicIdx[t] = i
		m.rules[i], _ = strings.CutPrefix(t, RuleTopic)
		if m.rules[i] == t {
			m.rules[i] = ""
		}
	}

	var tx, ax [][]uint32
	var ty, ay []int
	var tHeld, aHeld []bool
	for _, ex := range examples {
		var x []uint32 // both models read the same features
		if ex.Extra != nil {
			x = append(features(an.Analyze(ex.Text), nil), ex.Extra...)
		} else {
			x = m.features(an.Analyze(ex.Text), nil)
		}
		held := heldAside(ex.Text)
		if ex.Topic != "" {
			tx, ty, tHeld = append(tx, x), append(ty, topicIdx[ex.Topic]), append(tHeld, held)
		}
		if ex.Acuity != NoAcuity {
			ax, ay, aHeld = append(ax, x), append(ay, int(ex.Acuity)), append(aHeld, held)
		}
	}

	// Each model first learns from the examples not held aside; its scores
	// on the held-aside fifth fit the calibration; then it goes on learning
	// from all of them.
	m.topicCal = identity
	m.acuityCal = [3]platt{identity, identity, identity}
	if len(m.topics) > 1 {
		t := newTrainer(tx, ty, len(m.topics), topicOpts)
		fit, held, all := split(tHeld)
		t.train(fit, topicOpts.epochs)
		var scores []float64
		var right []bool
		p := make([]float64, len(m.topics))
		for _, i := range held {
			t.probs(i, p)
			best := argmax(p)
			scores = append(scores, p[best])
			right = append(right, best == ty[i])
			m.held.Topics++
			if best == ty[i] {
				m.held.TopicsRight++
			}
		}
		m.topicCal = fitPlatt(scores, right)
		t.train(all, topicOpts.more)
		m.topic = t.model()
	}
	if len(ax) > 0 {
		t := newTrainer(ax, ay, nAcuity, acuityOpts)
		fit, held, all := split(aHeld)
		t.train(fit, acuityOpts.epochs)
		var se, sc, su []float64
		var pe, pc, pu []bool
		p := make([]float64, nAcuity)
		for _, i := range held {
			t.probs(i, p)
			y := Acuity(ay[i])
			se, pe = append(se, p[Emergency]), append(pe, y == Emergency)
			sc, pc = append(sc, p[Crisis]), append(pc, y == Crisis)
			su, pu = append(su, p[Urgent]+p[Crisis]+p[Emergency]), append(pu, y >= Urgent)
			m.held.Acuity++
			if Acuity(argmax(p)) == y {
				m.held.AcuityRight++
			}
		}
		m.acuityCal = [3]platt{fitPlatt(se, pe), fitPlatt(sc, pc), fitPlatt(su, pu)}
		t.train(all, acuityOpts.more)
		m.acuity = t.model()
	}
	m.digest = m.computeDigest()
	return m
}

var (
	// Five passes over four fifths, then two over all, at a higher rate
	// than before, do as well on the tuning corpus (cross-fitted) as ten
	// and ten (topics) or twelve and twelve (acuity), at a third of the cost.
	topicOpts  = trainOpts{epochs: 5, more: 2, rate: 2, l2: 1e-4, skip: 0.01, seed: 1}
	acuityOpts = trainOpts{epochs: 5, more: 2, rate: 1, l2: 1e-4, seed: 2}
)

// heldAside puts about one message in five aside for calibration, by a hash
// of its text, so the split does not depend on file order.
func heldAside(s string) bool { return hashStr(fnvOffset, s)%5 == 0 }

// split numbers the examples to fit first, those held aside, and all.
func split(held []bool) (fit, out, all []int) {
	for i, h := range held {
		if h {
			out = append(out, i)
		} else {
			fit = append(fit, i)
		}
		all = append(all, i)
	}
	return fit, out, all
}

func argmax(p []float64) int {
	best := 0
	for c, v := range p {
		if v > p[best] {
			best = c
		}
	}
	return best
}

// computeDigest hashes everything the model answers from.
func (m *Model) computeDigest() string {
	h := sha256.New()
	f := func(v float64) { _ = binary.Write(h, binary.LittleEndian, v) }
	for _, s := range []*softmax{m.topic, m.acuity} {
		if s == nil {
			h.Write([]byte{0})
			continue
		}
		_ = binary.Write(h, binary.LittleEndian, s.bias)
		_ = binary.Write(h, binary.LittleEndian, s.dense)
		_ = binary.Write(h, binary.LittleEndian, s.start)
		_ = binary.Write(h, binary.LittleEndian, s.cls)
		_ = binary.Write(h, binary.LittleEndian, s.w)
	}
	h.Write([]byte(strings.Join(m.topics, "\n")))
	for _, c := range append([]platt{m.topicCal}, m.acuityCal[:]...) {
		f(c.A)
		f(c.B)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Digest identifies the trained weights: two models with the same digest
// answer every message alike.
func (m *Model) Digest() string { return m.digest }

// Held is how the first model did on the fifth of the examples held aside
// for calibration: a rough guide to how the final model does on messages it
// has not seen.
type Held struct {
	Topics, TopicsRight int // held-aside topic examples, and those whose best topic was right
	Acuity, AcuityRight int
}

// Held reports the held-aside results.
func (m *Model) Held() Held { return m.held }

// Examples is how many messages the model learnt from.
func (m *Model) Examples() int { return m.examples }

// Topics lists the topics the model knows, sorted.
func (m *Model) Topics() []string { return slices.Clone(m.topics) }

// Reading is what the model makes of one message.
type Reading struct {
	m     *Model
	doc   text.Doc
	extra []uint32  // the extra features, as read with the message
	tp    []float64 // topic probabilities, once read
	// Emergency is the calibrated probability that the message needs 999
	// or A&E, Crisis that it is a mental health crisis, and Urgent that it
	// needs at least urgent care (urgent, crisis or emergency).
	Emergency, Crisis, Urgent float64
}

// featureBuf is how many features a message may have before reading it
// allocates: about 200 words.
const featureBuf = 2048

// Scored is a topic and its calibrated probability.
type Scored struct {
	ID string
	P  float64
}

// Read classifies an analysed message (analysed by the same content's
// analyzer). It reads the acuity at once; topics are read on demand.
// It does not allocate (for messages of up to a few hundred words) when the
// model has no extra features; with them it works them out itself (see
// ReadExtra).
func (m *Model) Read(doc text.Doc) Reading {
	var extra []uint32
	if m.extra != nil {
		extra = m.extra(doc, nil)
	}
	return m.ReadExtra(doc, extra)
}

// ReadExtra is Read for a caller that has already worked out the message's
// extra features (the engine, from the findings its screen read), so that
// they are not read twice. extra must not change while the reading is used.
func (m *Model) ReadExtra(doc text.Doc, extra []uint32) Reading {
	r := Reading{m: m, doc: doc, extra: extra}
	if m.acuity == nil {
		return r
	}
	var buf [featureBuf]uint32
	var p [nAcuity]float64
	m.acuity.probs(append(features(doc, buf[:0]), extra...), p[:])
	r.Emergency = m.acuityCal[0].apply(p[Emergency])
	r.Crisis = m.acuityCal[1].apply(p[Crisis])
	r.Urgent = m.acuityCal[2].apply(p[Urgent] + p[Crisis] + p[Emergency])
	return r
}

// HasExtra reports whether the model reads extra features.
func (m *Model) HasExtra() bool { return m.extra != nil }

// features are the words' features and any extra ones, for training.
func (m *Model) features(doc text.Doc, buf []uint32) []uint32 {
	hs := features(doc, buf)
	if m.extra != nil {
		hs = m.extra(doc, hs)
	}
	return hs
}

// ReadText analyses and classifies a message.
func (m *Model) ReadText(s string) Reading { return m.Read(m.an.Analyze(s)) }

// topicProbs reads the topics once per reading.
func (r *Reading) topicProbs() []float64 {
	m := r.m
	if m == nil || m.topic == nil {
		return nil
	}
	if r.tp == nil {
		var buf [featureBuf]uint32
		r.tp = make([]float64, len(m.topics))
		m.topic.probs(append(features(r.doc, buf[:0]), r.extra...), r.tp)
	}
	return r.tp
}

// Topics returns up to n intents the message is most like, best first, with
// calibrated probabilities. Red-flag rules are left out: see Rule.
func (r *Reading) Topics(n int) []Scored {
	p := r.topicProbs()
	if n <= 0 || len(p) == 0 {
		return nil
	}
	out := make([]Scored, 0, n+1)
	for c, v := range p {
		if r.m.rules[c] == "" && (len(out) < n || v > out[len(out)-1].P) {
			out = insertTop(out, Scored{ID: r.m.topics[c], P: v}, n)
		}
	}
	for i := range out {
		out[i].P = r.m.topicCal.apply(out[i].P)
	}
	return out
}

// Rule returns the red-flag rule, among those keep accepts (by id), that the
// message is most like, with the calibrated probability that it is that
// rule's kind of message.
func (r *Reading) Rule(keep func(id string) bool) (id string, p float64) {
	ps := r.topicProbs()
	best := -1
	for c, v := range ps {
		if id := r.m.rules[c]; id != "" && (best < 0 || v > ps[best]) && keep(id) {
			best = c
		}
	}
	if best < 0 {
		return "", 0
	}
	return r.m.rules[best], r.m.topicCal.apply(ps[best])
}

// insertTop keeps the n best, best first; ties keep the earlier (sorted) id.
func insertTop(out []Scored, s Scored, n int) []Scored {
	if n <= 0 || math.IsNaN(s.P) {
		return out
	}
	i := len(out)
	for i > 0 && out[i-1].P < s.P {
		i--
	}
	if i >= n {
		return out
	}
	out = slices.Insert(out, i, s)
	if len(out) > n {
		out = out[:n]
	}
	return out
}
