// Package safety is the red-flag screen that runs on every message before
// anything else. It is pure: given the content's rules and an analysed
// message it says which emergency or crisis rules the message meets. The rules
// themselves live in intents/red-flags*.yaml, where the clinical safety
// officer reads and tests them (signpost check).
package safety

import (
	"sort"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/phrase"
	"github.com/nhs-signpost/signpost/internal/text"
)

// Hit is one red-flag rule a message met.
type Hit struct {
	Rule *content.RedFlag
}

// Screen returns every rule the message meets, most urgent first (999, then
// A&E, then mental health crisis; ties in file order). hits must come from
// the same content set's Library.Scan of doc.
func Screen(set *content.Set, doc text.Doc, hits phrase.Hits) []Hit {
	var out []Hit
	for _, rf := range set.RedFlags {
		if Meets(rf, doc, hits) {
			out = append(out, Hit{Rule: rf})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		return content.Acuity(out[i].Rule.Level) > content.Acuity(out[j].Rule.Level)
	})
	return out
}

// Meets reports whether a message meets one rule.
func Meets(rf *content.RedFlag, doc text.Doc, hits phrase.Hits) bool {
	f := doc.Facts
	if rf.AgeUnder > 0 && (!f.AgeKnown() || f.AgeYears >= rf.AgeUnder) {
		return false
	}
	if rf.AgeAtLeast > 0 && (!f.AgeKnown() || f.AgeYears < rf.AgeAtLeast) {
		return false
	}
	// The rule's own words first: most rules fail there, before their
	// (often longer) list of exceptions need be read.
	if !meetsWhen(rf, f, hits) {
		return false
	}
	for _, p := range rf.Unless {
		if hits.Has(p) {
			return false
		}
	}
	return true
}

// meetsWhen reports whether the rule's temperature or one of its conditions
// holds, exceptions aside.
func meetsWhen(rf *content.RedFlag, f text.Facts, hits phrase.Hits) bool {
	if rf.TempAtLeast > 0 {
		if f.TempC >= rf.TempAtLeast {
			return true
		}
		if f.TempC > 0 {
			// A measured temperature below the threshold overrides words such as "a temperature".
			return false
		}
	}
	for _, c := range rf.When {
		all := true
		for _, p := range c.All {
			if !hits.Has(p) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}
