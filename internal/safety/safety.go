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
	// Specificity is how much the rule's best-met condition asked of the
	// message (patterns and findings); see content.Condition.Specificity.
	Specificity int
}

// Screen returns every rule the message meets, in the order they are
// answered: the most acute level first (999, then A&E, then mental health
// crisis); within a level a rule before the rules it outranks (content's
// outranks:); then the rule met by the more specific condition. Only when
// all of that ties does file order decide, and `signpost check` reports such
// ties among a rule's own tests. hits must come from the same content set's
// Library.Scan of doc.
func Screen(set *content.Set, doc text.Doc, hits phrase.Hits) []Hit {
	fd := set.Find(hits)
	return ScreenFound(set, &doc, &fd)
}

// ScreenFound is Screen for a message whose findings were already read
// (content.Set.Find of the hits of doc). Only the rules the message could
// meet are tried (content.Set.RulesToTry), in file order.
func ScreenFound(set *content.Set, doc *text.Doc, fd *content.Found) []Hit {
	var out []Hit
	var buf [64]int32
	if try, ok := set.RulesToTry(fd, buf[:0]); ok {
		for _, r := range try {
			rf := set.RedFlags[r]
			if ok, spec := match(rf, doc, fd); ok {
				out = append(out, Hit{Rule: rf, Specificity: spec})
			}
		}
	} else {
		for _, rf := range set.RedFlags {
			if ok, spec := match(rf, doc, fd); ok {
				out = append(out, Hit{Rule: rf, Specificity: spec})
			}
		}
	}
	if len(out) > 1 {
		sort.SliceStable(out, func(i, j int) bool { return Before(out[i], out[j]) })
	}
	return out
}

// Before reports whether hit a is answered before hit b.
func Before(a, b Hit) bool {
	if x, y := content.Acuity(a.Rule.Level), content.Acuity(b.Rule.Level); x != y {
		return x > y
	}
	if a.Rule.Rank != b.Rule.Rank {
		return a.Rule.Rank > b.Rule.Rank
	}
	return a.Specificity > b.Specificity
}

// Tied reports whether neither hit comes before the other, so that only
// file order would choose between them.
func Tied(a, b Hit) bool { return !Before(a, b) && !Before(b, a) }

// Meets reports whether a message meets one rule.
func Meets(rf *content.RedFlag, doc text.Doc, hits phrase.Hits) bool {
	ok, _ := Match(rf, doc, hits)
	return ok
}

// Match reports whether a message meets one rule and, if so, the
// specificity of the most specific condition it meets.
func Match(rf *content.RedFlag, doc text.Doc, hits phrase.Hits) (bool, int) {
	fd := content.FoundIn(hits)
	return match(rf, &doc, &fd)
}

// match is Match for Screen's loop: doc and findings by pointer and its
// facts read in place, so that nothing large is copied per rule.
func match(rf *content.RedFlag, doc *text.Doc, fd *content.Found) (bool, int) {
	f := &doc.Facts
	if rf.AgeUnder > 0 && (!f.AgeKnown() || f.AgeYears >= rf.AgeUnder) {
		return false, 0
	}
	if rf.AgeAtLeast > 0 && (!f.AgeKnown() || f.AgeYears < rf.AgeAtLeast) {
		return false, 0
	}
	hits := fd.Hits()
	for _, p := range rf.Unless {
		if hits.Has(p) {
			return false, 0
		}
	}
	if rf.TempAtLeast > 0 {
		if f.TempC >= rf.TempAtLeast {
			return true, 1
		}
		if f.TempC > 0 {
			// A measured temperature below the threshold overrides words such as "a temperature".
			return false, 0
		}
	}
	met, spec := false, 0
	for i := range rf.When {
		c := &rf.When[i]
		if c.HoldsFound(fd) {
			met = true
			spec = max(spec, c.Specificity())
		}
	}
	return met, spec
}
