package content

import (
	"slices"
	"strings"
)

// Classifier is what the trained second opinion (internal/classify) is
// allowed to do, as data: the calibrated score each action needs and the
// replies it may give. Thresholds are probabilities from 0 to 1, chosen on
// the tuning part of the corpus; 1 switches an action off. Without a
// classifier section the second opinion is never asked.
type Classifier struct {
	Pos
	// TopicAtLeast: when the rules place nothing, the best topic is taken
	// if it scores this.
	TopicAtLeast float64
	// ChoicesAtLeast: otherwise, topics scoring this (up to three) are
	// offered as quick replies.
	ChoicesAtLeast float64
	// EmergencyAtLeast: a message reading as a 999/A&E emergency with this
	// score is raised, to the closest red-flag rule's reply if that rule
	// scores RuleAtLeast and the message touches it (Found.Touches), to
	// EmergencyRule if the closest rule scores RuleAtLeast but is about
	// something the message never said, else to the SafetyNet intent.
	EmergencyAtLeast float64
	RuleAtLeast      float64
	// CrisisAtLeast: a message reading as a mental health crisis is raised
	// to the closest crisis rule the message touches (RuleAtLeast), else to
	// CrisisRule.
	CrisisAtLeast float64
	// UrgentAtLeast: an answer below urgent is raised to SafetyNet.
	UrgentAtLeast float64
	SafetyNet     string // an intent with disposition urgent or higher
	EmergencyRule string // a red flag at the 999 or ae level, in words that fit any emergency
	CrisisRule    string // a red flag at the mental_health_crisis level

	netAt, emergencyAt, crisisAt Pos // where SafetyNet, EmergencyRule and CrisisRule were written
}

func (l *loader) classifier(secs []section) {
	if len(secs) > 1 {
		l.r(secs[1].file).errf(secs[1].node, "classifier is defined in more than one file (also in %s)", secs[0].file)
	}
	for _, s := range secs {
		r := l.r(s.file)
		m := r.mapping(s.node, "classifier", "topic_at_least", "choices_at_least", "emergency_at_least", "rule_at_least",
			"crisis_at_least", "urgent_at_least", "safety_net", "emergency_rule", "crisis_rule")
		c := &Classifier{Pos: Pos{s.file, s.node.Line}, SafetyNet: r.str(m["safety_net"], "safety_net"),
			EmergencyRule: r.str(m["emergency_rule"], "emergency_rule"), CrisisRule: r.str(m["crisis_rule"], "crisis_rule")}
		c.netAt, c.emergencyAt, c.crisisAt = c.Pos, c.Pos, c.Pos
		if n := m["safety_net"]; n != nil {
			c.netAt.Line = n.Line
		}
		if n := m["emergency_rule"]; n != nil {
			c.emergencyAt.Line = n.Line
		}
		if n := m["crisis_rule"]; n != nil {
			c.crisisAt.Line = n.Line
		}
		for key, dst := range map[string]*float64{
			"topic_at_least": &c.TopicAtLeast, "choices_at_least": &c.ChoicesAtLeast, "emergency_at_least": &c.EmergencyAtLeast,
			"rule_at_least": &c.RuleAtLeast, "crisis_at_least": &c.CrisisAtLeast, "urgent_at_least": &c.UrgentAtLeast,
		} {
			n := m[key]
			if n == nil {
				r.errf(s.node, "classifier: %s is missing (a probability from 0 to 1; 1 means never)", key)
				continue
			}
			*dst = r.number(n, key)
			if *dst <= 0 || *dst > 1 {
				r.errf(n, "classifier: %s must be above 0 and at most 1 (1 means never)", key)
			}
		}
		if c.SafetyNet == "" {
			r.errf(s.node, "classifier: safety_net is missing (the intent given when an emergency reading fits no single rule)")
		} else {
			l.questionRefs = append(l.questionRefs, ref{Pos: c.netAt, id: c.SafetyNet, what: "classifier safety_net"})
		}
		if c.EmergencyRule == "" {
			r.errf(s.node, "classifier: emergency_rule is missing (the red flag given when an emergency reading is closest to a rule the message does not touch)")
		}
		if c.CrisisRule == "" {
			r.errf(s.node, "classifier: crisis_rule is missing (the red flag given when a crisis reading fits no single rule)")
		}
		l.set.Classifier = c
	}
}

// validateClassifier checks what the classifier section names, once
// intents and red flags are loaded.
func (l *loader) validateClassifier() {
	c := l.set.Classifier
	if c == nil {
		return
	}
	if in := l.set.byID[c.SafetyNet]; in != nil && Acuity(in.Disposition) < Acuity(DispUrgent) {
		l.errAt(c.netAt, "classifier: safety_net intent %q has disposition %q; it must be urgent or higher, since it only ever raises", in.ID, in.Disposition)
	}
	l.checkClassifierRule(c.EmergencyRule, "emergency_rule", c.emergencyAt, Disp999, DispAE)
	l.checkClassifierRule(c.CrisisRule, "crisis_rule", c.crisisAt, DispCrisis)
}

// checkClassifierRule checks that a rule the classifier section names
// exists at one of levels.
func (l *loader) checkClassifierRule(id, key string, at Pos, levels ...string) {
	if id == "" {
		return
	}
	if rf := l.set.RedFlag(id); rf != nil {
		if !slices.Contains(levels, rf.Level) {
			l.errAt(at, "classifier: %s %q has level %s, want %s", key, rf.ID, rf.Level, strings.Join(levels, " or "))
		}
		return
	}
	l.errAt(at, "classifier: %s names unknown red flag %q", key, id)
}
