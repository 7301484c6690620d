// Package engine runs one conversation turn: it screens the message for red
// flags first, in every state, then continues the person's yes/no triage flow
// if one is open, then matches an intent, then (if configured) asks the
// classifier, and otherwise answers with a polite fallback that still shows
// the ways to get help. It keeps per-person state in a Store and is
// deterministic: the same input and state give the same reply.
package engine

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/nhs-signpost/signpost/internal/classify"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/match"
	"github.com/nhs-signpost/signpost/internal/phrase"
	"github.com/nhs-signpost/signpost/internal/safety"
	"github.com/nhs-signpost/signpost/internal/text"
)

// MaxTextLen is the longest message the engine answers in full, in
// characters (not bytes: curly apostrophes and emoji count once). A longer
// one is still screened for red flags, whole, and an emergency is answered;
// otherwise Handle returns ErrTooLong so the channel can ask the person to
// shorten it.
const MaxTextLen = 2000

// TooLong reports whether s is over MaxTextLen characters.
func TooLong(s string) bool { return utf8.RuneCountInString(s) > MaxTextLen }

// State is what the engine remembers about one conversation between turns.
// It holds no message text.
type State struct {
	Flow  string `json:"f,omitempty"` // intent whose questions are being asked
	Step  int    `json:"s,omitempty"` // index of the question waiting for an answer
	Turns int    `json:"t,omitempty"`
	Last  string `json:"l,omitempty"` // the last intent answered, for follow-ups
	// Said and Denied are the ids of findings the person's messages stated
	// present or absent, separated by spaces (strings keep State comparable):
	// a question naming one is answered from them, never asked, so a later
	// tap cannot undo what the message said.
	Said   string `json:"y,omitempty"`
	Denied string `json:"n,omitempty"`
	// Misses counts messages not understood in a row; the second ends the
	// conversation with NHS 111 and the 999 line rather than another apology.
	Misses int `json:"m,omitempty"`
}

// Store keeps conversation state. The engine declares it so that it depends
// on neither the memory nor the Redis implementation.
type Store interface {
	// Update loads a session, lets fn change it and saves it only if nobody
	// else saved it in between (optimistic check-and-set), calling fn again
	// on a conflict. found is false for an unknown or expired id; fn may
	// return an error to abandon the update. A call of fn may be offered a
	// state that turns out to be out of date (another request's, or one a
	// store remembered); only the last call's result counts, so fn must not
	// act on anything but st and what it returns.
	Update(ctx context.Context, id string, fn func(st *State, found bool) error) error
	// Save stores the state of a new session.
	Save(ctx context.Context, id string, st State) error
	// Delete forgets a session.
	Delete(ctx context.Context, id string) error
}

// Classifier is the optional second opinion asked when the rules find no
// red flag and no confident intent (an LLM, in practice). It may only choose
// one of the offered intents or say the message sounds like an emergency or
// crisis; it never writes text that is shown.
type Classifier interface {
	Classify(ctx context.Context, message string, candidates []Candidate) (Decision, error)
}

// Candidate is an intent offered to the classifier.
type Candidate struct {
	ID          string
	Description string
}

// Decision is the classifier's answer.
type Decision struct {
	Intent    string // one of the candidates' ids, or "" for none
	Emergency bool   // sounds like a 999/A&E emergency
	Crisis    bool   // sounds like a mental health crisis
}

// NoticeSource gives the incident notice in force now (the admin area can
// replace the content's default). ok=false means no notice.
type NoticeSource interface {
	Notice(ctx context.Context) (content.Notice, bool)
}

// ReplyOverrides gives live replacement reply text for intents, set by the
// comms team in the admin area.
type ReplyOverrides interface {
	Reply(intentID string) (string, bool)
}

// Request is one message from a person on any channel.
type Request struct {
	SessionID string
	Text      string
	Payload   string
	Channel   string // "web", "discord", "chat"
	// Turn ties a yes/no answer to the question it answers: the Reply.Turn
	// of the reply that asked it. 0 means not tied (typed text, the web API).
	// A tied answer to a question that has moved on is not applied: the
	// person is told and shown the current question again.
	Turn int
}

// Reply is what the engine answers.
type Reply struct {
	SessionID    string
	Messages     []Message
	QuickReplies []QuickReply
	Intent       string // "" when nothing matched
	Disposition  string // "" while still asking
	Confidence   float64
	RedFlag      string // id of the red-flag rule met, if any
	Source       Source // what decided (kinds.go)
	// SecondOpinion says what the trained second opinion did (second.go), "" for nothing.
	SecondOpinion string
	// Reading is the second opinion's reading of the message, whatever it
	// did with it: for `signpost eval` and the clinical safety officer. Zero
	// when it was not asked (it is off, or the message was a yes/no answer).
	Reading    Reading
	Degraded   bool // the session store was unavailable
	NewSession bool
	Turn       int // the conversation's turn count after this reply; 0 without a session
}

// Message is one bubble of a reply.
type Message struct {
	Text     string        `json:"text"`
	Kind     Kind          `json:"kind"` // kinds.go
	Services []ServiceCard `json:"services,omitempty"`
}

// ServiceCard is a service shown with a reply.
type ServiceCard struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Phone       string `json:"phone,omitempty"`
	SMS         string `json:"sms,omitempty"`       // a number to text (a text-only service): never shown as "Call"
	SMSText     string `json:"sms_text,omitempty"`  // the word to text to it
	SMSLabel    string `json:"sms_label,omitempty"` // the words for the text link, e.g. "Text SHOUT to 85258"
	Address     string `json:"address,omitempty"`
	URL         string `json:"url,omitempty"`
	OpenNow     *bool  `json:"open_now,omitempty"`
	Status      string `json:"status,omitempty"`
	ExampleData bool   `json:"example_data,omitempty"`
}

// QuickReply is a button under a reply.
type QuickReply struct {
	Title   string `json:"title"`
	Payload string `json:"payload"`
}

// Bundle is one content set with everything built from it. The engine swaps
// whole bundles, so a message never sees half of an edit.
type Bundle struct {
	Content *content.Set
	Matcher *match.Matcher
	Second  *classify.Model // the trained second opinion; nil when off
}

// NewBundle builds the matcher for a content set.
func NewBundle(set *content.Set) *Bundle {
	return &Bundle{Content: set, Matcher: match.New(set)}
}

// Engine answers messages. It is safe for concurrent use.
type Engine struct {
	bundle     atomic.Pointer[Bundle]
	store      Store
	classifier Classifier
	notices    NoticeSource
	overrides  ReplyOverrides
	observer   Observer
	now        func() time.Time
	log        *slog.Logger
	cardsNow   atomic.Pointer[cardCache]

	secondOn     bool // second.go
	secondCorpus []classify.Example
}

// Option configures an Engine.
type Option func(*Engine)

// WithClassifier adds the optional classifier.
func WithClassifier(c Classifier) Option { return func(e *Engine) { e.classifier = c } }

// WithNotices replaces the content's default notice with a live source.
func WithNotices(n NoticeSource) Option { return func(e *Engine) { e.notices = n } }

// WithOverrides applies live reply overrides.
func WithOverrides(o ReplyOverrides) Option { return func(e *Engine) { e.overrides = o } }

// WithClock sets the clock used for "open now".
func WithClock(now func() time.Time) Option { return func(e *Engine) { e.now = now } }

// WithLogger sets the logger. Nothing personal is ever logged.
func WithLogger(l *slog.Logger) Option { return func(e *Engine) { e.log = l } }

// New returns an engine serving set with sessions in store.
func New(set *content.Set, store Store, opts ...Option) *Engine {
	e := &Engine{store: store, now: time.Now, log: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(e)
	}
	e.bundle.Store(e.newBundle(set))
	return e
}

// Content returns the content set in use now.
func (e *Engine) Content() *content.Set { return e.bundle.Load().Content }

// Swap replaces the content atomically; messages already being handled
// finish with the set they started with.
func (e *Engine) Swap(set *content.Set) { e.bundle.Store(e.newBundle(set)) }

// Bundle returns the bundle in use now.
func (e *Engine) Bundle() *Bundle { return e.bundle.Load() }

var errUnknownSession = errors.New("unknown session")

// ErrTooLong is returned for a message over MaxTextLen characters that met
// no red-flag rule.
var ErrTooLong = fmt.Errorf("message is longer than %d characters", MaxTextLen)

// errNeedsClassifier abandons a session update so that the classifier is
// asked outside it (it is slow; an update may be retried).
var errNeedsClassifier = errors.New("the classifier is needed")

// turn is everything about one message that does not depend on session state.
type turn struct {
	b        *Bundle
	text     string
	payload  string
	doc      text.Doc
	found    content.Found // the library's hits and the findings they state
	flags    []safety.Hit
	answer   string // "yes" or "no" when the message is a yes/no answer
	ranked   []match.Result
	best     match.Result
	matched  bool
	language string // the language of a message not in English ("pl", "ar", ...)
	decision *Decision
	asked    bool              // the classifier has been asked (decision may still be nil)
	turn     int               // Request.Turn
	second   *classify.Reading // the trained second opinion's reading (second.go)
}

// Handle answers one message.
func (e *Engine) Handle(ctx context.Context, req Request) (out Reply, err error) {
	if e.observer != nil {
		start := time.Now()
		defer func() { e.observe(req, out, err, start) }()
	}
	long := TooLong(req.Text) || TooLong(req.Payload)
	ws := getWorkspace()
	defer putWorkspace(ws)
	ws.t = e.prepare(req, long, ws)
	t := &ws.t
	if long && len(t.flags) == 0 {
		// Too long to answer in full, but never too long to screen: an
		// emergency anywhere in a long message is still answered.
		return Reply{}, ErrTooLong
	}

	id := req.SessionID
	reply := &ws.reply
	if validID(id) {
		update := func() error {
			return e.store.Update(ctx, id, func(st *State, found bool) error {
				if !found {
					return errUnknownSession
				}
				if !t.asked && e.needsClassifier(*t, st) {
					return errNeedsClassifier
				}
				*reply = e.decide(ctx, *t, st)
				return nil
			})
		}
		err := update()
		if errors.Is(err, errNeedsClassifier) {
			e.classify(ctx, t)
			err = update()
		}
		switch {
		case err == nil:
			reply.SessionID = id
			return *reply, nil
		case errors.Is(err, errUnknownSession):
		default:
			e.log.Warn("session store unavailable; answering without session", "err", err)
			return e.degraded(ctx, t, id), nil
		}
	}
	// A new conversation.
	id = NewSessionID()
	var st State
	if e.needsClassifier(*t, &st) {
		e.classify(ctx, t)
	}
	*reply = e.decide(ctx, *t, &st)
	reply.SessionID = id
	reply.NewSession = true
	if err := e.store.Save(ctx, id, st); err != nil {
		e.log.Warn("session store unavailable; answering without session", "err", err)
		return e.degraded(ctx, t, id), nil
	}
	return *reply, nil
}

// workspace is what one Handle call works in: its turn and reply, which the
// session update's closure would otherwise move to the heap, and the lists
// of the analysis, the scan, the findings and the ranking, reused from one
// message to the next. Nothing of it outlives the call: the reply is
// returned by value, its own lists are made afresh, and a Store calls fn
// only before its Update returns.
type workspace struct {
	t      turn
	reply  Reply
	doc    text.Doc
	hits   phrase.Hits
	found  content.Found
	ranked []match.Result
}

var workspaces = sync.Pool{New: func() any { return new(workspace) }}

func getWorkspace() *workspace { return workspaces.Get().(*workspace) }

// putWorkspace keeps the turn's lists for the next message (until then the
// turn and ws hold the same ones, and only the turn's are used) and lets go
// of the rest of the turn and the reply.
func putWorkspace(ws *workspace) {
	t := &ws.t
	if t.doc.Tokens != nil { // analysed, scanned and found
		ws.doc = text.Doc{Tokens: t.doc.Tokens[:0]}
		ws.hits, ws.found = t.found.Hits(), t.found
	}
	if t.ranked != nil {
		ws.ranked = t.ranked[:0]
	}
	ws.t, ws.reply = turn{}, Reply{}
	workspaces.Put(ws)
}

// Step is the engine's decision as a pure step: a conversation's state and
// one message in, the reply and the new state out. It reads and writes no
// store, so a whole conversation can be played and tested from values alone;
// Handle is Step wrapped in the session store. Only a configured classifier
// reaches outside the process.
func (e *Engine) Step(ctx context.Context, st State, req Request) (Reply, State, error) {
	long := TooLong(req.Text) || TooLong(req.Payload)
	t := e.prepare(req, long, nil)
	if long && len(t.flags) == 0 {
		return Reply{}, st, ErrTooLong
	}
	if e.needsClassifier(t, &st) {
		e.classify(ctx, &t)
	}
	r := e.decide(ctx, t, &st)
	r.SessionID = req.SessionID
	return r, st, nil
}

// prepare does the state-independent work: analysis, the safety screen and
// matching (not for a message too long to answer, which is only screened).
// The classifier comes later, only if the state allows it.
// With a workspace, the analysis, scan, findings and ranking reuse its
// lists; the turn's lists are then the workspace's, good until it is put back.
func (e *Engine) prepare(req Request, screenOnly bool, ws *workspace) turn {
	if ws == nil {
		ws = &workspace{}
	}
	t := turn{b: e.bundle.Load(), text: strings.TrimSpace(req.Text), payload: strings.TrimSpace(req.Payload), turn: req.Turn}
	if t.payload != "" && !isControlPayload(t.payload) {
		// A payload that is not ours (a stale button, a typed payload) is read
		// as text, and screened with any text sent alongside it.
		t.text = strings.TrimSpace(t.text + "\n" + t.payload)
		t.payload = ""
	}
	set := t.b.Content
	if t.text != "" {
		t.doc = set.Analyzer.AnalyzeReusing(ws.doc, t.text)
		if screenOnly {
			// Only what the red-flag rules read: no intent's keywords.
			t.found = set.FindReusing(ws.found, set.ScanForScreen(ws.hits, t.doc))
		} else {
			t.found = set.FindReusing(ws.found, set.Library.ScanReusing(ws.hits, t.doc))
		}
		// Safety first: the red-flag screen runs before anything else, in every state.
		t.flags = safety.ScreenFound(set, &t.doc, &t.found)
		t.answer = yesNo(t.doc)
		if len(t.flags) == 0 && t.answer == "" && !screenOnly {
			// Only what Pick and suggestions read: MinSuggestScore is below Threshold.
			t.ranked = t.b.Matcher.RankFoundReusing(ws.ranked, t.doc, &t.found, min(MinSuggestScore, match.Threshold))
			t.best, t.matched = match.Pick(t.ranked)
		}
		if len(t.flags) == 0 && !t.matched && !screenOnly {
			t.language = text.Language(t.text)
		}
	}
	switch strings.ToLower(t.payload) {
	case content.PayloadYes, content.PayloadNo:
		t.answer = strings.ToLower(t.payload)
	}
	if !screenOnly {
		t.second = e.read(t)
	}
	return t
}

// needsClassifier says whether the classifier may be asked about this turn:
// only when the rules found no red flag, no answer and no intent, and never
// while a triage question is waiting for its answer (an unclear answer to a
// safety question is asked again, not handed to a model).
func (e *Engine) needsClassifier(t turn, st *State) bool {
	if e.classifier == nil || t.text == "" || len(t.flags) > 0 || t.answer != "" || t.matched || t.language != "" || secondSaysSomething(t) {
		return false // the trained second opinion, when it has something to say, comes before the LLM
	}
	if st != nil && st.Flow != "" {
		if in := t.b.Content.Intent(st.Flow); in != nil && st.Step < len(in.Questions) {
			return false
		}
	}
	return true
}

// classify asks the classifier and keeps its decision in t.
func (e *Engine) classify(ctx context.Context, t *turn) {
	t.asked = true
	t.decision = e.ask1(ctx, *t)
}

func (e *Engine) ask1(ctx context.Context, t turn) *Decision {
	var cands []Candidate
	for _, in := range t.b.Content.Intents {
		if in.Kind == "outcome" {
			continue
		}
		d := in.Description
		if d == "" {
			d = in.Title
		}
		cands = append(cands, Candidate{ID: in.ID, Description: d})
	}
	d, err := e.classifier.Classify(ctx, t.text, cands)
	if err != nil {
		e.log.Info("classifier gave no answer; using the rules' answer", "err", err)
		return nil
	}
	if d.Intent != "" && t.b.Content.Intent(d.Intent) == nil {
		d.Intent = "" // only approved content is ever shown
	}
	return &d
}

func isControlPayload(p string) bool {
	switch strings.ToLower(p) {
	case content.PayloadYes, content.PayloadNo, content.PayloadRestart, content.PayloadNone:
		return true
	}
	return strings.HasPrefix(p, content.PayloadIntentPrefix)
}

// decide computes the reply and the new state: the rules' decision, then
// the second opinion, which may only raise it or place what the rules left
// unplaced. It must be pure in st: the store may call it again after a
// conflict.
func (e *Engine) decide(ctx context.Context, t turn, st *State) Reply {
	r := e.second(ctx, t, st, e.decideRules(ctx, t, st)) // second.go: raise only
	r = withAside(t, r)
	r.Reading = readingOf(t.second)
	r.Turn = st.Turns
	return r
}

// withAside answers an information question asked beside a symptom ("my knee
// has swollen up, is my physio appointment on Friday still on?"): the
// symptom's topic leads, as Pick decided, and the information intent's aside
// (content, a sentence or two) goes with it instead of the question being
// dropped. It goes before a triage question, so that the question and its
// buttons stay last. Never beside an emergency or a crisis, whose reply
// stands alone, and only for an information intent the message asks for in
// its own words (a keyword of it found, a confident score).
func withAside(t turn, r Reply) Reply {
	if t.text == "" || len(t.flags) > 0 || len(r.Messages) == 0 || r.Source == SourceFallback {
		return r
	}
	switch r.Disposition {
	case content.Disp999, content.DispAE, content.DispCrisis:
		return r
	}
	in := t.b.Content.Intent(r.Intent)
	if in == nil || in.Kind == "info" {
		return r
	}
	for _, x := range t.ranked {
		if x.Score < match.Threshold {
			break
		}
		if x.Intent.Aside == "" || x.Keywords == 0 || x.Intent == in {
			continue
		}
		aside := Message{Text: x.Intent.Aside, Kind: KindInfo}
		msgs := make([]Message, 0, len(r.Messages)+1)
		if last := r.Messages[len(r.Messages)-1]; last.Kind == KindQuestion {
			msgs = append(append(append(msgs, r.Messages[:len(r.Messages)-1]...), aside), last)
		} else {
			msgs = append(append(msgs, r.Messages...), aside)
		}
		r.Messages = msgs
		return r
	}
	return r
}

// decideRules is the rules' decision.
func (e *Engine) decideRules(ctx context.Context, t turn, st *State) Reply {
	set := t.b.Content
	asked := st.Turns // the turn whose reply the person is answering
	st.Turns++
	misses := st.Misses
	st.Misses = 0 // anything but a miss below starts the count again
	// 1. Red flags, always first and in every state.
	if len(t.flags) > 0 {
		st.Flow, st.Step = "", 0
		return e.emergency(t)
	}
	// A yes/no tied to an older question (a button pressed twice, or an old
	// message's button) is not applied to the question showing now.
	if t.turn != 0 && t.turn != asked && t.answer != "" && t.text == "" {
		r := Reply{Messages: []Message{{Text: set.Message("moved_on"), Kind: KindInfo}}, Source: SourceStale}
		if in := set.Intent(st.Flow); in != nil && st.Step < len(in.Questions) {
			q := e.ask(set, in, st.Step)
			r.Messages = append(r.Messages, q.Messages...)
			r.QuickReplies, r.Intent = q.QuickReplies, in.ID
		}
		return r
	}
	// 2. Control payloads.
	switch p := t.payload; {
	case strings.EqualFold(p, content.PayloadRestart):
		*st = State{Turns: st.Turns}
		return Reply{Messages: []Message{{Text: set.Message("restarted"), Kind: KindInfo}}, Source: SourcePayload}
	case strings.HasPrefix(p, content.PayloadIntentPrefix):
		if in := set.Intent(strings.TrimPrefix(p, content.PayloadIntentPrefix)); in != nil {
			r := e.start(ctx, t, st, in)
			r.Source = SourcePayload
			r.Confidence = 1
			return r
		}
	case strings.EqualFold(p, content.PayloadNone):
		// "None of these" under a fallback: the topics offered did not fit.
		st.Flow, st.Step = "", 0
		return e.miss(t, st, misses)
	}
	// 3. The open flow, if this is an answer to its question.
	if st.Flow != "" {
		if in := set.Intent(st.Flow); in != nil && st.Step < len(in.Questions) {
			if t.answer != "" {
				return e.advance(ctx, t, st, in)
			}
			if !t.matched {
				// Neither an answer nor a new topic: ask again, once. A
				// classifier's decision never leaves a safety question. A
				// second miss in a row ends with NHS 111 and the 999 line.
				if misses+1 >= 2 {
					st.Flow, st.Step = "", 0
					return e.miss(t, st, misses)
				}
				st.Misses = misses + 1
				r := e.ask(set, in, st.Step)
				r.Messages = append([]Message{{Text: set.Message("reprompt"), Kind: KindInfo}}, r.Messages...)
				r.Source = SourceFlow
				return r
			}
		}
		st.Flow, st.Step = "", 0
	}
	// 4. Intent matching.
	if t.matched {
		r := e.start(ctx, t, st, t.best.Intent)
		r.Confidence = t.best.Score
		r.Source = SourceMatch
		return r
	}
	// 5. The classifier: it may raise acuity or choose approved content, nothing else.
	if d := t.decision; d != nil {
		if d.Emergency || d.Crisis {
			return e.escalate(t, d)
		}
		if in := set.Intent(d.Intent); in != nil {
			r := e.start(ctx, t, st, in)
			r.Source = SourceClassifier
			return r
		}
	}
	// 6. A message in another language gets the 999 line and how to ask
	// for an interpreter, in that language.
	if r, ok := e.otherLanguage(t); ok {
		return r
	}
	// 7. Fallback: no pretending, but always the ways to get help.
	return e.miss(t, st, misses)
}

// MaxSuggestions is how many closest topics a fallback offers.
const MaxSuggestions = 3

// miss answers a message that was not understood. The first miss offers the
// closest topics (even below the match threshold) and "None of these"; a
// second miss in a row ends the conversation with NHS 111 and the 999 line
// (disposition urgent) rather than another apology, so nobody is stranded.
func (e *Engine) miss(t turn, st *State, misses int) Reply {
	set := t.b.Content
	st.Misses = misses + 1
	if st.Misses >= 2 {
		st.Misses = 0
		st.Flow, st.Step = "", 0
		return Reply{
			Intent:      "stranded",
			Disposition: content.DispUrgent,
			Messages:    []Message{{Text: message(set, "stranded", "unavailable"), Kind: KindAnswer, Services: e.cards(set, []string{"nhs111", "call_999"})}},
			Source:      SourceFallback,
		}
	}
	r := e.fallback(set)
	if sugg := suggestions(t.ranked); len(sugg) > 0 {
		r.Messages[0].Text = message(set, "suggest", "fallback")
		r.QuickReplies = sugg
	}
	if none := set.Message("none_of_these"); none != "" {
		r.QuickReplies = append(r.QuickReplies, QuickReply{Title: none, Payload: content.PayloadNone})
	}
	return r
}

// message is a system message, or another one when content (an older or a
// test set) does not define it.
func message(set *content.Set, key, otherwise string) string {
	if m := set.Message(key); m != "" {
		return m
	}
	return set.Message(otherwise)
}

// suggestions are the closest topics of a ranking that a person can pick.
func suggestions(ranked []match.Result) []QuickReply {
	var out []QuickReply
	for _, r := range ranked {
		if len(out) == MaxSuggestions {
			break
		}
		if r.Intent.Kind == "outcome" || r.Score < MinSuggestScore {
			continue
		}
		out = append(out, QuickReply{Title: r.Intent.Title, Payload: content.IntentPayload(r.Intent.ID)})
	}
	return out
}

// MinSuggestScore is the least score a topic needs to be offered after a
// message that was not understood: enough for one shared telling word.
const MinSuggestScore = 0.1

// otherLanguage answers a message written in one of the area's common other
// languages, when content has a reply in that language.
func (e *Engine) otherLanguage(t turn) (Reply, bool) {
	if t.language == "" {
		return Reply{}, false
	}
	set := t.b.Content
	msg := set.Message("language_" + t.language)
	if msg == "" {
		return Reply{}, false
	}
	return Reply{
		Intent:      "language_" + t.language,
		Disposition: content.DispInfo,
		Messages:    []Message{{Text: msg, Kind: KindInfo, Services: e.cards(set, []string{"call_999", "nhs111"})}},
		Source:      SourceLanguage,
	}, true
}

func (e *Engine) fallback(set *content.Set) Reply {
	return Reply{
		Messages:     []Message{{Text: set.Message("fallback"), Kind: KindFallback}},
		QuickReplies: topicReplies(set),
		Source:       SourceFallback,
	}
}

// topicReplies offers the intents a fallback suggests, from the fallback's
// own quick replies if content gives them.
func topicReplies(set *content.Set) []QuickReply {
	if in := set.Intent("fallback_topics"); in != nil {
		return quickReplies(in.QuickReplies)
	}
	return nil
}

func quickReplies(qs []content.QuickReply) []QuickReply {
	out := make([]QuickReply, len(qs))
	for i, q := range qs {
		out[i] = QuickReply{Title: q.Title, Payload: q.Payload}
	}
	return out
}

// emergency answers a red flag: short, first, and never behind a question.
func (e *Engine) emergency(t turn) Reply {
	set := t.b.Content
	top := t.flags[0].Rule
	r := Reply{Intent: "red_flag." + top.ID, RedFlag: top.ID, Disposition: top.Level, Confidence: 1, Source: SourceRedFlag}
	r.Messages = append(r.Messages, Message{Text: top.Reply, Kind: kindFor(top.Level), Services: e.cards(set, top.Services)})
	// If a crisis rule also matched, its support lines go with the emergency answer.
	if top.Level != content.DispCrisis {
		for _, h := range t.flags[1:] {
			if h.Rule.Level == content.DispCrisis {
				r.Messages = append(r.Messages, Message{Text: h.Rule.Reply, Kind: KindCrisis, Services: e.cards(set, h.Rule.Services)})
				break
			}
		}
	}
	return r
}

// escalate answers a classifier's emergency or crisis flag with the content's
// generic emergency or crisis reply.
func (e *Engine) escalate(t turn, d *Decision) Reply {
	set := t.b.Content
	id := "classifier_crisis"
	if d.Emergency {
		id = "classifier_emergency"
	}
	if rf := set.RedFlag(id); rf != nil {
		return Reply{Intent: "red_flag." + rf.ID, RedFlag: rf.ID, Disposition: rf.Level, Source: SourceClassifier,
			Messages: []Message{{Text: rf.Reply, Kind: kindFor(rf.Level), Services: e.cards(set, rf.Services)}}}
	}
	return e.fallback(set)
}

func kindFor(level string) Kind {
	if level == content.DispCrisis {
		return KindCrisis
	}
	return KindEmergency
}

// start begins an intent: follow its routes, then ask its first question or
// give its answer.
func (e *Engine) start(ctx context.Context, t turn, st *State, in *content.Intent) Reply {
	set := t.b.Content
	in = e.follow(set, in, t)
	st.Said, st.Denied = "", ""
	remember(set, t, st)
	return e.proceed(ctx, set, st, in, 0)
}

// remember adds the findings a message states present or absent to the
// state. Present is never taken back: a finding once stated present stays so.
func remember(set *content.Set, t turn, st *State) {
	if len(set.Findings) == 0 || len(t.doc.Tokens) == 0 {
		return
	}
	for k := range t.found.Len() {
		switch f, status := t.found.At(k); status {
		case phrase.Present:
			st.Said = addID(st.Said, f.ID)
			st.Denied = removeID(st.Denied, f.ID)
		case phrase.Absent:
			if !hasID(st.Said, f.ID) {
				st.Denied = addID(st.Denied, f.ID)
			}
		case phrase.Past:
			// A history told as the past answers "have you ever had" yes.
			if f.History {
				st.Said = addID(st.Said, f.ID)
				st.Denied = removeID(st.Denied, f.ID)
			}
		}
	}
}

// hasID reports whether a space-separated list of ids holds id.
func hasID(list, id string) bool {
	for f := range strings.FieldsSeq(list) {
		if f == id {
			return true
		}
	}
	return false
}

func addID(list, id string) string {
	if hasID(list, id) {
		return list
	}
	if list == "" {
		return id
	}
	return list + " " + id
}

func removeID(list, id string) string {
	if spaced(list) && !hasID(list, id) {
		return list // what joining its fields again would give
	}
	ids := strings.Fields(list)
	return strings.Join(slices.DeleteFunc(ids, func(x string) bool { return x == id }), " ")
}

// spaced reports whether list is its fields joined by single spaces, as
// addID and removeID write it: no other white space, none at either end.
func spaced(list string) bool {
	for i := 0; i < len(list); i++ {
		switch c := list[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false // maybe white space strings.Fields would drop
		case c == ' ' && (i == 0 || i == len(list)-1 || list[i-1] == ' '):
			return false
		}
	}
	return true
}

// answered says how the conversation so far answers a question that names
// findings: "yes" when one of them was stated present, "no" when every one
// was stated absent, "" when it must be asked.
func answered(st *State, q content.Question) string {
	if len(q.Findings) == 0 {
		return ""
	}
	denied := 0
	for _, f := range q.Findings {
		if hasID(st.Said, f.ID) {
			return "yes"
		}
		if hasID(st.Denied, f.ID) {
			denied++
		}
	}
	if denied == len(q.Findings) {
		return "no"
	}
	return ""
}

// settledLater returns the first question after step that the conversation
// already answers yes, when no question still open before it leads to a more
// urgent place; otherwise -1.
func settledLater(set *content.Set, st *State, in *content.Intent, step int) int {
	for k := step + 1; k < len(in.Questions); k++ {
		if answered(st, in.Questions[k]) != "yes" {
			continue
		}
		target := content.Acuity(set.Intent(in.Questions[k].Yes).Disposition)
		for j := step; j < k; j++ {
			if answered(st, in.Questions[j]) == "" && content.Acuity(set.Intent(in.Questions[j].Yes).Disposition) > target {
				return -1
			}
		}
		return k
	}
	return -1
}

// proceed carries a flow on from question step of in: a question whose
// finding the conversation has already stated is answered from it (present
// = yes, absent = no) and only a question still open is asked; after the
// last question comes the intent's answer.
func (e *Engine) proceed(ctx context.Context, set *content.Set, st *State, in *content.Intent, step int) Reply {
	for hop := 0; hop < 64; hop++ {
		if step >= len(in.Questions) {
			st.Flow, st.Step = "", 0
			return e.outcome(ctx, set, st, in)
		}
		switch answered(st, in.Questions[step]) {
		case "yes":
			in, step = set.Intent(in.Questions[step].Yes), 0
			continue
		case "no":
			step++
			continue
		}
		// A later question already answered yes settles the flow now,
		// unless a question still open before it could lead somewhere more
		// urgent: then that one is asked first.
		if k := settledLater(set, st, in, step); k > step {
			in, step = set.Intent(in.Questions[k].Yes), 0
			continue
		}
		st.Flow, st.Step = in.ID, step
		return e.ask(set, in, step)
	}
	st.Flow, st.Step = "", 0
	return e.outcome(ctx, set, st, in)
}

// follow applies routes until none applies (content validation rules out loops).
func (e *Engine) follow(set *content.Set, in *content.Intent, t turn) *content.Intent {
	for hop := 0; hop < 16; hop++ {
		next := routeFor(in, t)
		if next == nil {
			return in
		}
		in = next
	}
	return in
}

func routeFor(in *content.Intent, t turn) *content.Intent {
	f := t.doc.Facts
	for _, rt := range in.Routes {
		w := rt.When
		if w.AgeUnder > 0 && (!f.AgeKnown() || f.AgeYears >= w.AgeUnder) {
			continue
		}
		if w.AgeAtLeast > 0 && (!f.AgeKnown() || f.AgeYears < w.AgeAtLeast) {
			continue
		}
		if w.AgeUnknown && f.AgeKnown() {
			continue
		}
		if w.Sex != "" && f.Sex != w.Sex {
			continue
		}
		if w.Pregnant != nil && f.Pregnant != *w.Pregnant {
			continue
		}
		if len(w.Says) > 0 {
			any := false
			for _, p := range w.Says {
				if t.found.Hits().Has(p) {
					any = true
					break
				}
			}
			if !any {
				continue
			}
		}
		return t.b.Content.Intent(rt.To)
	}
	return nil
}

func (e *Engine) ask(set *content.Set, in *content.Intent, step int) Reply {
	return Reply{
		Intent:   in.ID,
		Messages: []Message{{Text: in.Questions[step].Ask, Kind: KindQuestion}},
		QuickReplies: []QuickReply{
			{Title: set.Message("yes"), Payload: content.PayloadYes},
			{Title: set.Message("no"), Payload: content.PayloadNo},
		},
		Source: SourceFlow,
	}
}

func (e *Engine) advance(ctx context.Context, t turn, st *State, in *content.Intent) Reply {
	set := t.b.Content
	q := in.Questions[st.Step]
	remember(set, t, st) // a typed answer may say more than yes or no
	var r Reply
	if t.answer == "yes" {
		r = e.proceed(ctx, set, st, set.Intent(q.Yes), 0)
	} else {
		r = e.proceed(ctx, set, st, in, st.Step+1)
	}
	r.Source = SourceFlow
	r.Confidence = 1
	return r
}

// outcome gives an intent's answer: the reply, why, what to do if worse,
// the services and, for outage questions, the incident notice.
func (e *Engine) outcome(ctx context.Context, set *content.Set, st *State, in *content.Intent) Reply {
	st.Last = in.ID
	body := in.Reply
	if e.overrides != nil {
		if o, ok := e.overrides.Reply(in.ID); ok {
			body = o
		}
	}
	parts := []string{body}
	if in.Reason != "" {
		parts = append(parts, in.Reason)
	}
	if in.IfWorse != "" {
		parts = append(parts, in.IfWorse)
	}
	kind := KindAnswer
	if in.Disposition == content.Disp999 || in.Disposition == content.DispAE {
		kind = KindEmergency
	}
	cards := e.cards(set, in.Services)
	r := Reply{
		Intent:       in.ID,
		Disposition:  in.Disposition,
		Messages:     []Message{{Text: strings.Join(parts, "\n\n"), Kind: kind, Services: cards}},
		QuickReplies: quickReplies(in.QuickReplies),
	}
	if noneOpen(cards) {
		r.Messages = append(r.Messages, Message{Text: set.Message("none_open"), Kind: KindInfo})
	}
	if in.Notice {
		if n, ok := e.notice(ctx, set); ok {
			r.Messages = append(r.Messages, Message{Text: set.Message("notice_heading") + "\n" + n.Text, Kind: KindNotice})
		}
	}
	return r
}

func (e *Engine) notice(ctx context.Context, set *content.Set) (content.Notice, bool) {
	if e.notices != nil {
		return e.notices.Notice(ctx)
	}
	return set.Notice, set.Notice.Text != ""
}

// CurrentNotice is the incident notice in force now.
func (e *Engine) CurrentNotice(ctx context.Context) (content.Notice, bool) {
	return e.notice(ctx, e.Content())
}

// degraded answers without a session: the safety screen and single-turn
// answers still work; a triage flow is shown all at once instead of asked.
func (e *Engine) degraded(ctx context.Context, tp *turn, id string) Reply {
	if !tp.asked && e.needsClassifier(*tp, nil) {
		e.classify(ctx, tp) // no session: whether a question is open is unknown
	}
	t := *tp
	set := t.b.Content
	var r Reply
	switch {
	case len(t.flags) > 0:
		r = e.emergency(t)
	case t.matched || t.decision != nil && t.decision.Intent != "":
		in := t.best.Intent
		if !t.matched {
			in = set.Intent(t.decision.Intent)
		}
		in = e.follow(set, in, t)
		var st State
		r = e.outcome(ctx, set, &st, in)
		r.Confidence = t.best.Score
		if len(in.Questions) > 0 {
			var b strings.Builder
			b.WriteString(set.Message("degraded"))
			for _, q := range in.Questions {
				fmt.Fprintf(&b, "\n- %s → %s", q.Ask, set.Intent(q.Yes).Title)
			}
			r.Messages = append([]Message{{Text: b.String(), Kind: KindInfo}}, r.Messages...)
		}
	case t.decision != nil && (t.decision.Emergency || t.decision.Crisis):
		r = e.escalate(t, t.decision)
	default:
		r = e.fallback(set)
		r.Messages[0].Text = set.Message("unavailable")
	}
	r.SessionID = id
	r.Degraded = true
	return e.degradedRaise(ctx, t, r)
}

// Forget ends a conversation (the "start again" button, Discord's /restart).
func (e *Engine) Forget(ctx context.Context, id string) error {
	if !validID(id) {
		return nil
	}
	return e.store.Delete(ctx, id)
}

// cards turns service ids into cards with their open-now state.
func (e *Engine) cards(set *content.Set, ids []string) []ServiceCard {
	if len(ids) == 0 {
		return nil
	}
	all := e.cardsAt(set, e.now())
	out := make([]ServiceCard, 0, len(ids))
	for _, id := range ids {
		if c, ok := all.cards[id]; ok {
			out = append(out, c)
		}
	}
	return out
}

// cardCache is every service's card for one content set and one minute.
// Opening hours are kept to the minute, so a card's status ("Open now, until
// 20:00") can only change when the minute or the content does: a turn copies
// the cards made by the first turn of its minute instead of working out
// opening hours and formatting times again. A card's OpenNow points at a
// value shared by every copy and is never written after it is made.
type cardCache struct {
	set    *content.Set
	minute time.Time
	cards  map[string]ServiceCard
}

// cardsAt returns the cards for set at now, making them when the minute or
// the content set has changed since they were last made.
func (e *Engine) cardsAt(set *content.Set, now time.Time) *cardCache {
	minute := now.Truncate(time.Minute)
	if c := e.cardsNow.Load(); c != nil && c.set == set && c.minute.Equal(minute) {
		return c
	}
	c := &cardCache{set: set, minute: minute, cards: make(map[string]ServiceCard, len(set.Services))}
	for id, s := range set.Services {
		c.cards[id] = makeCard(set, s, minute)
	}
	e.cardsNow.Store(c)
	return c
}

// makeCard is a service's card at now.
func makeCard(set *content.Set, s *content.Service, now time.Time) ServiceCard {
	c := ServiceCard{ID: s.ID, Name: s.Name, Kind: s.Kind, Phone: s.Phone, Address: s.Address, URL: s.URL, ExampleData: s.ExampleData}
	if s.SMS != "" {
		c.SMS, c.SMSText = s.SMS, s.SMSText
		c.SMSLabel = strings.NewReplacer("{text}", s.SMSText, "{number}", s.SMS).Replace(set.Message("sms_label"))
	}
	if s.Kind != EmergencyNumberKind {
		c.OpenNow, c.Status = OpenStatus(set, s, now)
	}
	return c
}

// EmergencyNumberKind is the service kind of 999: always answered, so its
// card carries no opening hours ("Open now – Open 24 hours" only delays the
// call).
const EmergencyNumberKind = "999"

// walkInKinds are the services a person would walk into today: when every
// one of them that a reply lists is closed, the reply says what to do instead.
var walkInKinds = map[string]bool{"utc": true, "walk_in": true, "minor_injuries": true, "pharmacy": true}

// noneOpen reports whether a reply lists walk-in services with known hours
// and all of them are closed now. Services whose hours are unknown do not
// count either way: they already say "check before you go".
func noneOpen(cards []ServiceCard) bool {
	known := 0
	for _, c := range cards {
		if !walkInKinds[c.Kind] || c.OpenNow == nil {
			continue
		}
		if *c.OpenNow {
			return false
		}
		known++
	}
	return known > 0
}

// OpenStatus says whether a service is open at now, in words from content.
func OpenStatus(set *content.Set, s *content.Service, now time.Time) (*bool, string) {
	if !s.Hours.Known() {
		return nil, set.Message("service_hours_unknown")
	}
	open, change := s.Hours.OpenAt(now)
	switch {
	case open && change.IsZero():
		return &open, set.Message("service_open_24h")
	case open:
		return &open, strings.ReplaceAll(set.Message("service_open_until"), "{time}", clock(change, now))
	case change.IsZero():
		return &open, set.Message("service_hours_unknown")
	default:
		return &open, strings.ReplaceAll(set.Message("service_closed_opens"), "{time}", clock(change, now))
	}
}

// clock writes a time as "20:00", "tomorrow 08:00" or "Monday 08:00".
func clock(t, now time.Time) string {
	t, now = t.In(content.London), now.In(content.London)
	hm := t.Format("15:04")
	y1, m1, d1 := now.Date()
	y2, m2, d2 := t.Date()
	if y1 == y2 && m1 == m2 && d1 == d2 {
		return hm
	}
	tomorrow := now.AddDate(0, 0, 1)
	if y, m, d := tomorrow.Date(); y == y2 && m == m2 && d == d2 {
		return "tomorrow " + hm
	}
	return t.Weekday().String() + " " + hm
}

// NewSessionID returns a random, opaque, 128-bit session id.
func NewSessionID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return hex.EncodeToString(b[:])
}

func validID(id string) bool {
	if len(id) != 32 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// ValidSessionID reports whether id has the form of a server-issued id.
func ValidSessionID(id string) bool { return validID(id) }

// yesNo reads a yes/no answer typed as text.
func yesNo(d text.Doc) string {
	if len(d.Tokens) == 0 || len(d.Tokens) > 4 {
		return ""
	}
	first := d.Tokens[0].Raw
	switch first {
	case "yes", "y", "yeah", "yep", "yup", "yea", "ye", "aye", "yess", "yesss", "correct", "definitely", "sure", "ya":
		return "yes"
	case "no", "n", "nope", "nah", "nay", "na", "noo", "nooo", "none", "neither", "never":
		return "no"
	case "not":
		if len(d.Tokens) <= 3 {
			return "no"
		}
	case "i":
		if len(d.Tokens) >= 2 && (d.Tokens[1].Raw == "dont" || d.Tokens[1].Raw == "havent") {
			return "no"
		}
		if len(d.Tokens) >= 3 && d.Tokens[1].Raw == "think" && d.Tokens[2].Raw == "so" {
			return "yes"
		}
	}
	return ""
}

// Screen runs only the safety screen on a message, without touching any
// session: used when a request is otherwise refused (rate limited), so that
// an emergency is never answered with silence.
func (e *Engine) Screen(msg string) (Reply, bool) {
	if strings.TrimSpace(msg) == "" {
		return Reply{}, false
	}
	// The same analysis, scan and rules as a whole turn, in a pooled
	// workspace: a flood of refused requests is screened without garbage.
	ws := getWorkspace()
	defer putWorkspace(ws)
	ws.t = e.prepare(Request{Text: msg}, true, ws)
	if len(ws.t.flags) == 0 {
		return Reply{}, false
	}
	return e.emergency(ws.t), true
}
