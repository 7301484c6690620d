// Package content loads what Signpost says and how it decides, from the comms
// team's YAML files in intents/: intents and their replies, short yes/no
// triage questions, red-flag rules, the services directory, the incident
// notice and system messages. Load validates everything and reports every
// problem at once as "file:line: message"; invalid content never half-loads.
// A loaded Set is immutable; Live swaps whole sets atomically.
package content

import (
	"time"

	"github.com/nhs-signpost/signpost/internal/phrase"
	"github.com/nhs-signpost/signpost/internal/text"
)

// Disposition codes, fixed by the API.
const (
	Disp999      = "999"
	DispAE       = "ae"
	DispUrgent   = "urgent"
	DispCrisis   = "mental_health_crisis"
	DispGP       = "gp"
	DispPharmacy = "pharmacy"
	DispSelfCare = "self_care"
	DispInfo     = "info"
)

// Dispositions lists every valid code, most urgent first.
var Dispositions = []string{Disp999, DispAE, DispCrisis, DispUrgent, DispGP, DispPharmacy, DispSelfCare, DispInfo}

// Acuity ranks a disposition: higher is more urgent. Unknown and empty rank 0.
func Acuity(d string) int {
	switch d {
	case Disp999:
		return 7
	case DispAE:
		return 6
	case DispCrisis:
		return 5
	case DispUrgent:
		return 4
	case DispGP:
		return 3
	case DispPharmacy:
		return 2
	case DispSelfCare:
		return 1
	}
	return 0
}

// Pos is where something was written.
type Pos struct {
	File string
	Line int
}

// Set is one complete, validated version of the content.
type Set struct {
	Version  string // short hash of every file's bytes
	Analyzer *text.Analyzer
	Library  *phrase.Library

	Findings []*Finding // in file order
	RedFlags []*RedFlag // in file order; Screen orders them by acuity and precedence
	Intents  []*Intent  // in file order
	findings map[string]*Finding
	byID     map[string]*Intent
	ruleByID map[string]int // red-flag rule ID → its index in RedFlags, filled by Load (RedFlag)
	Services map[string]*Service
	Notice   Notice
	Messages map[string]string
	Checks   []Check
	Files    []string
	// Classifier is what the trained second opinion may do; nil leaves it off.
	Classifier *Classifier
	// idx maps patterns to the findings and rules that need them (found.go);
	// built by Load, and shared by a copy of the Set (which it then checks).
	idx *index
}

// Intent returns the intent with that id, or nil.
func (s *Set) Intent(id string) *Intent { return s.byID[id] }

// RedFlag returns the red-flag rule with that id, or nil.
//
// A copy of a Set whose rules were changed (the safety suite's tests do
// this) shares the index Load made: a rule found there is used only when it
// is still at its index, else the rules are searched one by one.
func (s *Set) RedFlag(id string) *RedFlag {
	if i, ok := s.ruleByID[id]; ok && i < len(s.RedFlags) && s.RedFlags[i].ID == id {
		return s.RedFlags[i]
	}
	for _, rf := range s.RedFlags {
		if rf.ID == id {
			return rf
		}
	}
	return nil
}

// Message returns a system message by key ("" if absent; Load guarantees the
// required ones exist).
func (s *Set) Message(key string) string { return s.Messages[key] }

// Finding returns the finding with that id, or nil.
func (s *Set) Finding(id string) *Finding { return s.findings[id] }

// Finding is one clinical finding (a symptom, a sign, a modifier such as
// "sudden" or "worst ever", or context such as "on blood thinners") with the
// lay words for it. A message states it present, absent ("no fever"), past
// ("had fits as a child") or says nothing about it.
type Finding struct {
	Pos
	ID       string
	Title    string
	Says     []*phrase.Pattern // any one of these phrases, words in order
	Together []*phrase.Group   // any one group: every part in one clause, any order
	Source   string
	Tests    FindingTests
	// Context marks a finding that tells who a message is about, when, or
	// what the person is, has or takes (pregnant, on a blood thinner), not
	// what is wrong: it never touches a rule on its own (Found.Touches).
	Context bool
	// History marks a finding a flow asks about as ever having had it
	// ("Have you had cancer?"): told as the past ("had cancer 3 years
	// ago"), it answers such a question yes.
	History bool
	index   int // place in its Set's Findings, for Found
}

// Status says what a message (its library hits) says about the finding.
// Present anywhere wins over absent, and absent over past.
func (f *Finding) Status(h phrase.Hits) phrase.Status {
	best := phrase.NotSaid
	rank := func(s phrase.Status) int {
		switch s {
		case phrase.Present:
			return 3
		case phrase.Absent:
			return 2
		case phrase.Past:
			return 1
		}
		return 0
	}
	take := func(s phrase.Status) bool {
		if rank(s) > rank(best) {
			best = s
		}
		return best == phrase.Present
	}
	for _, p := range f.Says {
		if take(h.Status(p)) {
			return best
		}
	}
	for _, g := range f.Together {
		if take(h.GroupStatus(g)) {
			return best
		}
	}
	return best
}

// Present reports whether f.Status(h) is phrase.Present, without working
// out absent or past.
func (f *Finding) Present(h phrase.Hits) bool {
	for _, p := range f.Says {
		if h.Has(p) {
			return true
		}
	}
	for _, g := range f.Together {
		if h.GroupPresent(g) {
			return true
		}
	}
	return false
}

// FindingTests are a finding's own examples, run by `signpost check`.
type FindingTests struct {
	Present []Example
	Absent  []Example
	Past    []Example
	NotSaid []Example
}

// RedFlag is one rule of the safety screen.
type RedFlag struct {
	Pos
	ID       string
	Level    string // 999, ae, mental_health_crisis or urgent (care now, but not A&E: the maternity unit)
	Reply    string
	Services []string
	When     []Condition // any one of these matches
	// Outranks lists rules this one is answered before when both are met at
	// the same level: its reply suits their messages better (cardiac arrest
	// before difficulty breathing). Rank is worked out from it at load.
	Outranks    []string
	Rank        int
	Unless      []*phrase.Pattern
	AgeUnder    float64 // years; 0 = no limit. Applies only when the age is known.
	AgeAtLeast  float64
	TempAtLeast float64 // °C; requires a temperature of at least this, stated or described
	Source      string
	Tests       RuleTests
}

// Condition holds when every one of its patterns matches the message, every
// finding of AllOf is present, at least one of AnyOf is (when AnyOf is
// given) and none of NoneOf is.
type Condition struct {
	Pos
	All    []*phrase.Pattern
	AllOf  []*Finding
	AnyOf  []*Finding
	NoneOf []*Finding
	// EverOf are findings that must each be stated now or in the past: a
	// history ("had stents in 2021") is still a history, so a date that
	// puts it in the past must not hide what is felt now beside it.
	EverOf []*Finding
	// NoneEverOf are findings none of which may be stated now or in the
	// past ("had a stroke in 2019, still weak": the stroke is told as past).
	NoneEverOf []*Finding
}

// Holds reports whether the condition is met by a message's hits.
func (c Condition) Holds(h phrase.Hits) bool {
	fd := Found{hits: h}
	return c.HoldsFound(&fd)
}

// HoldsFound is Holds with each finding's status taken from what was found
// in the message (Set.Find). It takes pointers so that the screen's loop
// over conditions copies nothing.
func (c *Condition) HoldsFound(fd *Found) bool {
	for _, p := range c.All {
		if !fd.hits.Has(p) {
			return false
		}
	}
	for _, f := range c.AllOf {
		if !fd.Present(f) {
			return false
		}
	}
	if len(c.AnyOf) > 0 {
		ok := false
		for _, f := range c.AnyOf {
			if fd.Present(f) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	for _, f := range c.NoneOf {
		if fd.Present(f) {
			return false
		}
	}
	for _, f := range c.EverOf {
		if st := fd.Status(f); st != phrase.Present && st != phrase.Past {
			return false
		}
	}
	for _, f := range c.NoneEverOf {
		if st := fd.Status(f); st == phrase.Present || st == phrase.Past {
			return false
		}
	}
	return true
}

// Specificity is how much a condition asks of a message: a rule met by a
// more specific condition is the better fit when two rules tie.
func (c Condition) Specificity() int {
	n := len(c.All) + len(c.AllOf) + len(c.NoneOf) + len(c.EverOf) + len(c.NoneEverOf)
	if len(c.AnyOf) > 0 {
		n++
	}
	return n
}

// RuleTests are a rule's own examples, run by `signpost check`.
type RuleTests struct {
	Match   []Example
	NoMatch []Example
}

// Example is a test utterance and where it was written.
type Example struct {
	Pos
	Text string
}

// Intent is something a person may ask or describe, and Signpost's answer.
type Intent struct {
	Pos
	ID           string
	Kind         string // "clinical", "info" or "outcome" (reached only from a flow)
	Title        string
	Description  string
	Disposition  string // may be "" for a question-only intent that always asks
	Examples     []Example
	NotExamples  []Example
	Keywords     []*phrase.Pattern
	Findings     []*Finding // each one present counts like a keyword
	Reply        string
	Reason       string
	IfWorse      string
	Notice       bool
	Services     []string
	QuickReplies []QuickReply
	Questions    []Question
	Routes       []Route
	// MaxWords, when set, is the longest message (in words) the intent
	// answers: small talk such as "thanks" or "hello" is for a short
	// message, not for a long one that happens to contain the word ("a
	// text saying thanks for everything, there's a rope in his garage").
	MaxWords int
	// Aside, on an information intent, is its answer in a sentence or two,
	// given under a clinical topic's reply when a message asks both ("my
	// knee is swollen, is my physio appointment still on?"): the symptom
	// leads, and the question is answered too rather than dropped.
	Aside string
}

// Question is one yes/no triage question. "Yes" leads to another intent
// (usually a more urgent outcome); "no" moves on to the next question, and
// after the last one to the intent's own reply.
// A question that names findings is not asked when the conversation already
// said: any one of them present answers it yes; every one absent answers it
// no; otherwise it is asked.
type Question struct {
	Pos
	Ask      string
	Yes      string
	Findings []*Finding
}

// Route sends a person straight to another intent when what they said
// already settles it (an age outside Pharmacy First's limits, a pregnancy,
// words such as "again" or "third time").
type Route struct {
	Pos
	When Facts
	To   string
}

// Facts is the test a route applies.
type Facts struct {
	AgeUnder   float64 // years, 0 = not tested
	AgeAtLeast float64
	AgeUnknown bool
	Sex        string
	Pregnant   *bool
	Says       []*phrase.Pattern
}

// QuickReply is a button offered under a reply.
type QuickReply struct {
	Title   string
	Payload string
}

// Service is an entry of the services directory.
type Service struct {
	Pos
	ID          string
	Name        string
	Kind        string
	Phone       string // a number to call
	SMS         string // a number to text, for text-only services (Shout's 85258)
	SMSText     string // the word to send to it ("SHOUT")
	Address     string
	URL         string
	Hours       Hours
	Notes       string
	ExampleData bool
}

// Notice is the incident notice shown with outage answers.
type Notice struct {
	Text     string
	Severity string // info, warning or critical
	Updated  string
	Expires  time.Time
}

// Check is a whole-conversation test: say something, answer the questions,
// expect a disposition (and optionally an intent or red flag).
type Check struct {
	Pos
	Say         string
	Answers     []string
	Disposition string
	Intent      string
	RedFlag     string
}
