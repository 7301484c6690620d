package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/nhs-signpost/signpost/internal/classify"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/match"
	"github.com/nhs-signpost/signpost/internal/phrase"
	"github.com/nhs-signpost/signpost/internal/text"
)

// What the second opinion did to a reply (Reply.SecondOpinion), for the
// metrics and the logs.
const (
	SecondRaisedRule   = "raised_rule"       // an emergency or crisis reading, answered with the closest rule's reply
	SecondRaisedAlike  = "raised_emergency"  // an emergency reading closest to a rule the message does not touch: the general emergency reply
	SecondRaisedNet    = "raised_safety_net" // an emergency or urgent reading that fits no single rule: the safety net
	SecondRaisedCrisis = "raised_crisis"     // a crisis reading that fits no single rule: the crisis reply
	SecondTopic        = "topic"             // the rules placed nothing; it chose an intent
	SecondChoices      = "choices"           // the rules placed nothing; it offered up to three intents
)

// SourceSecondOpinion is Reply.Source when the second opinion changed the
// answer (raised it or chose its topic).
const SourceSecondOpinion Source = "second_opinion"

// SourceChoices is Reply.Source for a fallback that offers the second
// opinion's closest topics as buttons.
const SourceChoices Source = "fallback_choices"

// WithSecondOpinion turns on the trained second opinion. corpus is the
// labelled tuning corpus it learns from besides the content itself. The
// model is trained whenever content is loaded or swapped, on the calling
// goroutine (the reloader's, so messages keep being answered with the old
// bundle meanwhile), and only for content that has a classifier section.
func WithSecondOpinion(corpus []classify.Example) Option {
	return func(e *Engine) {
		e.secondCorpus = corpus
		e.secondOn = true
	}
}

// newBundle builds the bundle for a set, training the second opinion if it is on.
func (e *Engine) newBundle(set *content.Set) *Bundle {
	b := NewBundle(set)
	if e.secondOn && set.Classifier != nil {
		start := time.Now()
		b.Second = Train(b, e.secondCorpus)
		e.log.Info("second opinion trained", "content", set.Version, "examples", b.Second.Examples(),
			"topics", len(b.Second.Topics()), "digest", b.Second.Digest(), "ms", time.Since(start).Milliseconds(),
			"held_topics", fmt.Sprintf("%d/%d", b.Second.Held().TopicsRight, b.Second.Held().Topics),
			"held_acuity", fmt.Sprintf("%d/%d", b.Second.Held().AcuityRight, b.Second.Held().Acuity))
	}
	return b
}

// Train trains the second opinion for a bundle: the content's own examples
// (red-flag tests that must not match are labelled by where the rules send
// them) and corpus. A corpus example's topic counts only when it names one
// of the content's intents, or red-flag rules of the example's own acuity
// (the corpus's condition names often do: "stroke", "sepsis"); other topics
// are dropped.
func Train(b *Bundle, corpus []classify.Example) *classify.Model {
	set := b.Content
	ex := classify.FromContent(set, func(msg string) string { return disposition(set, route(b, msg)) })
	for _, c := range corpus {
		switch in := set.Intent(c.Topic); {
		case c.Topic == "":
		case set.RedFlag(c.Topic) != nil && classify.AcuityOf(set.RedFlag(c.Topic).Level) == c.Acuity &&
			!strings.HasPrefix(c.Topic, "classifier_"):
			c.Topic = classify.RuleTopic + c.Topic
		case in != nil && in.Kind != "outcome":
		default:
			c.Topic = ""
		}
		ex = append(ex, c)
	}
	extra := findingFeatures(set)
	for i := range ex {
		ex[i].Extra = cachedFindings(set, extra, ex[i].Text)
	}
	return classify.TrainExtra(set.Analyzer, extra, ex)
}

// findingCache keeps the finding features of each training message for the
// content version they were read with, so that retraining the same content
// (a reload that changes only the corpus, a test's many servers) reads each
// message's findings once. It holds one version at a time.
var findingCache struct {
	sync.Mutex
	version string
	m       map[string][]uint32
}

// cachedFindings is the finding features of msg under set, read once per
// content version; never nil.
func cachedFindings(set *content.Set, extra classify.Extra, msg string) []uint32 {
	findingCache.Lock()
	if findingCache.version == set.Version {
		if f, ok := findingCache.m[msg]; ok {
			findingCache.Unlock()
			return f
		}
	}
	findingCache.Unlock()
	f := extra(set.Analyzer.Analyze(msg), make([]uint32, 0, 8))
	findingCache.Lock()
	if findingCache.version != set.Version {
		findingCache.version, findingCache.m = set.Version, map[string][]uint32{}
	}
	findingCache.m[msg] = f
	findingCache.Unlock()
	return f
}

// findingFeatures gives the second opinion the findings the content reads in
// a message (stated as present now) as features besides its words.
// The engine passes the findings it has already read (read), so that a
// message is scanned once.
func findingFeatures(set *content.Set) classify.Extra {
	return func(doc text.Doc, dst []uint32) []uint32 {
		fd := set.Find(set.Library.Scan(doc))
		return foundFeatures(&fd, dst)
	}
}

// foundFeatures appends the features of the findings stated as present.
func foundFeatures(fd *content.Found, dst []uint32) []uint32 {
	for k := 0; k < fd.Len(); k++ {
		if f, st := fd.At(k); st == phrase.Present {
			dst = append(dst, classify.FeatureOf(f.ID))
		}
	}
	return dst
}

// disposition is the disposition of where route sends a message.
func disposition(set *content.Set, where string) string {
	if id, ok := strings.CutPrefix(where, "red_flag."); ok {
		if rf := set.RedFlag(id); rf != nil {
			return rf.Level
		}
	}
	if in := set.Intent(where); in != nil {
		return in.Disposition
	}
	return ""
}

// read asks the second opinion about a message that is not a yes/no answer.
func (e *Engine) read(t turn) *classify.Reading {
	if t.b.Second == nil || t.text == "" || t.answer != "" {
		return nil
	}
	var r classify.Reading
	if t.b.Second.HasExtra() {
		r = t.b.Second.ReadExtra(t.doc, foundFeatures(&t.found, nil))
	} else {
		r = t.b.Second.Read(t.doc)
	}
	return &r
}

// secondSaysSomething reports whether the second opinion will raise or place
// a message the rules left unplaced; the LLM is asked only when it will not.
func secondSaysSomething(t turn) bool {
	c, rd := t.b.Content.Classifier, t.second
	if rd == nil || c == nil {
		return false
	}
	// (The urgent raise applies only to a final answer, never to a message
	// left unplaced, so it does not count here.)
	if meets(rd.Emergency, c.EmergencyAtLeast) || meets(rd.Crisis, c.CrisisAtLeast) {
		return true
	}
	tops := rd.Topics(1)
	return len(tops) > 0 && meets(tops[0].P, c.TopicAtLeast) && t.b.Content.Intent(tops[0].ID) != nil
}

// Reading is the second opinion's calibrated reading of a message
// (classify.Reading): how likely it is to need 999 or A&E, to be a mental
// health crisis, and to need at least urgent care.
type Reading struct {
	Emergency, Crisis, Urgent float64
}

func readingOf(rd *classify.Reading) Reading {
	if rd == nil {
		return Reading{}
	}
	return Reading{Emergency: rd.Emergency, Crisis: rd.Crisis, Urgent: rd.Urgent}
}

// meets applies a threshold from content; 1 means never.
func meets(p, atLeast float64) bool { return atLeast < 1 && p >= atLeast }

// second applies the second opinion to the rules' reply r. It is pure in st,
// like decide.
func (e *Engine) second(ctx context.Context, t turn, st *State, r Reply) Reply {
	if out, ok := e.raise(ctx, t, st, r); ok {
		return out
	}
	return e.place(ctx, t, st, r)
}

// raise replaces r with a more acute answer when the second opinion reads
// the message as more acute than r, with the confidence content asks for.
func (e *Engine) raise(ctx context.Context, t turn, st *State, r Reply) (Reply, bool) {
	set := t.b.Content
	c, rd := set.Classifier, t.second
	if rd == nil || c == nil || r.Source == SourcePayload || r.Source == SourceLanguage {
		// A model trained on English has nothing to say about another language.
		return r, false
	}
	// A rule's answer stands, except that a crisis rule's may be raised to an
	// emergency: a life at risk now told without the words of a 999 rule
	// ("locked in the bathroom with the bath running, the voices want her
	// under the water") meets the crisis rules, and the model reads it as an
	// emergency. The crisis reply is kept beneath the emergency's.
	fromCrisisRule := r.Source == SourceRedFlag && r.Disposition == content.DispCrisis
	if r.Source == SourceRedFlag && !(fromCrisisRule && meets(rd.Emergency, c.EmergencyAtLeast)) {
		return r, false
	}
	if fromCrisisRule {
		out, ok := e.raiseToEmergency(t, st, rd, c)
		if ok {
			out.Messages = append(out.Messages, r.Messages...)
		}
		return out, ok
	}
	cur := content.Acuity(r.Disposition)
	if meets(rd.Emergency, c.EmergencyAtLeast) && cur < content.Acuity(content.DispAE) {
		if out, ok := e.raiseToEmergency(t, st, rd, c); ok {
			return out, true
		}
		// No rule fits: the safety net (urgent), unless the message also reads
		// as a crisis, whose reply is the more acute (highest acuity wins).
		if cur < content.Acuity(content.DispUrgent) && !meets(rd.Crisis, c.CrisisAtLeast) {
			if out := e.safetyNet(ctx, t, st, c); out != nil {
				return *out, true
			}
		}
	}
	if meets(rd.Crisis, c.CrisisAtLeast) && cur < content.Acuity(content.DispCrisis) {
		kind := SecondRaisedRule
		rf := closestRule(set, rd, c, &t.found, content.DispCrisis)
		if rf == nil {
			rf, kind = set.RedFlag(c.CrisisRule), SecondRaisedCrisis
		}
		if rf != nil {
			st.Flow, st.Step = "", 0
			return e.raised(t, rf, kind), true
		}
	}
	// The urgent safety net is for clinical answers (GP, pharmacy, self care):
	// an answer to a non-clinical question (info) is raised only by an
	// emergency or crisis reading, since "today" in "is my appointment today
	// still on" reads as urgent to a model.
	if meets(rd.Urgent, c.UrgentAtLeast) && r.Disposition != "" && r.Disposition != content.DispInfo && cur < content.Acuity(content.DispUrgent) {
		if out := e.safetyNet(ctx, t, st, c); out != nil {
			return *out, true
		}
	}
	return r, false
}

// raiseToEmergency answers an emergency reading with the closest rule the
// message touches, in its own words, unless the closest of all is about
// something the message never said (a wasp sting read as like a fit) and
// more acute: then the emergency stands at that level, in general words.
// It reports false when no 999 or A&E rule is close enough.
func (e *Engine) raiseToEmergency(t turn, st *State, rd *classify.Reading, c *content.Classifier) (Reply, bool) {
	set := t.b.Content
	near, touched := closestRule(set, rd, c, nil, content.Disp999, content.DispAE), closestRule(set, rd, c, &t.found, content.Disp999, content.DispAE)
	if touched != nil && content.Acuity(touched.Level) >= content.Acuity(near.Level) {
		st.Flow, st.Step = "", 0
		return e.raised(t, touched, SecondRaisedRule), true
	}
	if rf := set.RedFlag(c.EmergencyRule); near != nil && rf != nil {
		st.Flow, st.Step = "", 0
		out := e.raised(t, rf, SecondRaisedAlike)
		out.Disposition = near.Level // the level of the rule it is read as like: general words, not a new level
		return out, true
	}
	return Reply{}, false
}

// place chooses a topic, or offers up to three, for a message the rules
// (and the LLM, if any) placed nothing.
func (e *Engine) place(ctx context.Context, t turn, st *State, r Reply) Reply {
	set := t.b.Content
	c, rd := set.Classifier, t.second
	if rd == nil || c == nil || r.Source != SourceFallback || r.Disposition != "" {
		return r
	}
	tops := rd.Topics(3)
	if len(tops) > 0 && meets(tops[0].P, c.TopicAtLeast) {
		// The rules turned down an information answer because the message
		// tells a symptom as bad, back or worse now (match.Pick): the model
		// may not bring that answer back on its own.
		if in := set.Intent(tops[0].ID); in != nil && !(in.Kind == "info" && symptomToldNow(t)) {
			out := e.start(ctx, t, st, in)
			out.Source, out.SecondOpinion, out.Confidence = SourceSecondOpinion, SecondTopic, tops[0].P
			return out
		}
	}
	var qs []QuickReply
	for _, s := range tops {
		if in := set.Intent(s.ID); in != nil && s.P >= c.ChoicesAtLeast {
			qs = append(qs, QuickReply{Title: in.Title, Payload: content.IntentPayload(in.ID)})
		}
	}
	if len(qs) == 0 {
		return r
	}
	// Its topics replace the fallback's; other buttons ("None of these") stay.
	for _, q := range r.QuickReplies {
		if !strings.HasPrefix(q.Payload, content.PayloadIntentPrefix) {
			qs = append(qs, q)
		}
	}
	r.QuickReplies = qs // the fallback's own words stay: they name 999 and 111
	r.Source, r.SecondOpinion = SourceChoices, SecondChoices
	return r
}

// degradedRaise applies only the raises to an answer given without a
// session (a topic with questions cannot be asked without one).
func (e *Engine) degradedRaise(ctx context.Context, t turn, r Reply) Reply {
	var st State
	if out, ok := e.raise(ctx, t, &st, r); ok {
		out.SessionID, out.Degraded = r.SessionID, true
		r = out
	}
	r.Reading = readingOf(t.second)
	return r
}

// closestRule is the red-flag rule of one of levels the message is most
// like, if it scores the content's rule_at_least; with fd, only a rule the
// message touches (content.Found.Touches), so that its words are about
// something the person said.
func closestRule(set *content.Set, rd *classify.Reading, c *content.Classifier, fd *content.Found, levels ...string) *content.RedFlag {
	var found *content.RedFlag
	id, p := rd.Rule(func(id string) bool {
		rf := set.RedFlag(id)
		return rf != nil && slices.Contains(levels, rf.Level) && (fd == nil || fd.Touches(rf))
	})
	if id != "" && meets(p, c.RuleAtLeast) {
		found = set.RedFlag(id)
	}
	return found
}

// raised answers with a red-flag rule's reply because the second opinion
// read the message as that rule's kind of emergency or crisis.
func (e *Engine) raised(t turn, rf *content.RedFlag, kind string) Reply {
	set := t.b.Content
	return Reply{Intent: "red_flag." + rf.ID, RedFlag: rf.ID, Disposition: rf.Level, Source: SourceSecondOpinion, SecondOpinion: kind,
		Messages: []Message{{Text: rf.Reply, Kind: kindFor(rf.Level), Services: e.cards(set, rf.Services)}}}
}

// safetyNet gives the content's safety-net intent ("call 999 if any of
// these, otherwise 111 now").
func (e *Engine) safetyNet(ctx context.Context, t turn, st *State, c *content.Classifier) *Reply {
	in := t.b.Content.Intent(c.SafetyNet)
	if in == nil {
		return nil
	}
	st.Flow, st.Step = "", 0
	r := e.outcome(ctx, t.b.Content, st, in)
	r.Source, r.SecondOpinion = SourceSecondOpinion, SecondRaisedNet
	return &r
}

// symptomToldNow says whether the message tells a symptom as bad, back or
// worse now (content's finding symptom_told_now).
func symptomToldNow(t turn) bool {
	f := t.b.Content.Finding(match.FindingSymptomNow)
	return f != nil && t.found.Present(f)
}
