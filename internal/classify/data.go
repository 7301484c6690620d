package classify

import "github.com/nhs-signpost/signpost/internal/content"

// AcuityOf reads a disposition code as an acuity.
func AcuityOf(disposition string) Acuity {
	switch disposition {
	case content.Disp999, content.DispAE:
		return Emergency
	case content.DispCrisis:
		return Crisis
	case content.DispUrgent:
		return Urgent
	case content.DispGP, content.DispPharmacy, content.DispSelfCare, content.DispInfo:
		return Routine
	}
	return NoAcuity
}

// FromContent collects the examples a content set teaches: every intent's
// examples (its topic, and the acuity of its own answer), every red-flag
// rule's test messages that meet it (the rule as topic, its level as acuity),
// the test messages that must not meet a rule and the conversation checks
// that need no answers (the acuity of where the rules send them, given by
// route, which returns a disposition or ""). Rules whose conditions are
// internal markers rather than words (the classifier's own emergency and
// crisis replies) teach nothing. The order is the content's, so training
// sees the same sequence every time.
func FromContent(set *content.Set, route func(msg string) string) []Example {
	var out []Example
	for _, rf := range set.RedFlags {
		for _, ex := range rf.Tests.Match {
			out = append(out, Example{Text: ex.Text, Topic: RuleTopic + rf.ID, Acuity: AcuityOf(rf.Level)})
		}
		for _, ex := range rf.Tests.NoMatch {
			if a := AcuityOf(route(ex.Text)); a != NoAcuity {
				out = append(out, Example{Text: ex.Text, Acuity: a})
			}
		}
	}
	for _, in := range set.Intents {
		if in.Kind == "outcome" {
			continue
		}
		a := AcuityOf(in.Disposition) // the answer after "no" to every question
		for _, ex := range in.Examples {
			out = append(out, Example{Text: ex.Text, Topic: in.ID, Acuity: a})
		}
	}
	for _, c := range set.Checks {
		if len(c.Answers) > 0 || c.Disposition == "" {
			continue
		}
		ex := Example{Text: c.Say, Acuity: AcuityOf(c.Disposition)}
		if c.Intent != "" && set.Intent(c.Intent) != nil && set.Intent(c.Intent).Kind != "outcome" {
			ex.Topic = c.Intent
		}
		if ex.Acuity != NoAcuity || ex.Topic != "" {
			out = append(out, ex)
		}
	}
	return out
}
