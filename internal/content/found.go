package content

import (
	"slices"
	"unsafe"

	"github.com/nhs-signpost/signpost/internal/phrase"
	"github.com/nhs-signpost/signpost/internal/text"
)

// Found is what one message says about the findings of a content set: the
// status of each finding it mentions, worked out once per message (Set.Find)
// and read by the red-flag screen, the ranking and the conversation state.
type Found struct {
	set    *Set
	hits   phrase.Hits
	stated []stated // the findings not NotSaid, in file order
	cands  []int32  // FindReusing's scratch, kept for the next message
}

type stated struct {
	f      *Finding
	status phrase.Status
}

// FoundIn is a Found that works each finding's status out from hits when
// asked, for one rule or one finding at a time (tests and tools).
func FoundIn(hits phrase.Hits) Found { return Found{hits: hits} }

// Hits returns the library hits the findings were read from.
func (fd *Found) Hits() phrase.Hits { return fd.hits }

// Len is how many findings the message mentions (present, absent or past).
func (fd *Found) Len() int { return len(fd.stated) }

// At returns the k-th finding the message mentions, in file order, and its
// status (never NotSaid).
func (fd *Found) At(k int) (*Finding, phrase.Status) { return fd.stated[k].f, fd.stated[k].status }

// Status says what the message says about f: f.Status of the hits, read
// from what was worked out once.
func (fd *Found) Status(f *Finding) phrase.Status {
	if fd.set == nil || f.index >= len(fd.set.Findings) || fd.set.Findings[f.index] != f {
		return f.Status(fd.hits) // not a finding of the set Find read: work it out
	}
	if k, ok := slices.BinarySearchFunc(fd.stated, f.index, func(s stated, i int) int { return s.f.index - i }); ok {
		return fd.stated[k].status
	}
	return phrase.NotSaid
}

// Present reports whether f is stated present (f.Present of the hits).
func (fd *Found) Present(f *Finding) bool { return fd.Status(f) == phrase.Present }

// Find works out what a message, through its hits from s.Library.Scan, says
// about each finding. Only findings that name a pattern the message mentions
// are looked at: a finding none of whose phrases, and none of whose groups'
// first parts, the message mentions is not said.
func (s *Set) Find(h phrase.Hits) Found {
	return s.FindReusing(Found{}, h)
}

// FindReusing is Find keeping the findings in old's storage when it is large
// enough, so that a caller finding message after message need not allocate
// each time. old must not be read afterwards (its hits are not reused: h is
// kept as it is).
func (s *Set) FindReusing(old Found, h phrase.Hits) Found {
	fd := Found{set: s, hits: h, cands: old.cands[:0]}
	idx := s.idx
	if idx == nil || !idx.builtFor(s) {
		fd.stated = statedList(old.stated, len(s.Findings))
		for _, f := range s.Findings {
			if st := f.Status(h); st != phrase.NotSaid {
				fd.stated = append(fd.stated, stated{f, st})
			}
		}
		return fd
	}
	// Each finding a mentioned pattern names, as finding<<2 | the rank (see
	// statusRank) of what the message says of the pattern when the finding
	// names it in says: (0 when it is a together: group's first part).
	// Sorted, a finding's entries come together, the highest rank last: its
	// says: patterns' best status, the patterns the message does not mention
	// being not said. Only its groups are left to work out.
	cands := fd.cands
	for m := range h.Mentions() {
		if int(m.ID) < len(idx.findingsByPattern) {
			for _, e := range idx.findingsByPattern[m.ID] {
				r := int32(0)
				if e&1 == 0 {
					r = statusRank[m.Status]
				}
				cands = append(cands, e>>1<<2|r)
			}
		}
	}
	slices.Sort(cands)
	fd.cands = cands
	distinct := 0
	for k := range cands {
		if k == 0 || cands[k]>>2 != cands[k-1]>>2 {
			distinct++
		}
	}
	fd.stated = statedList(old.stated, distinct)
	for k := 0; k < len(cands); {
		i := cands[k] >> 2
		for k < len(cands) && cands[k]>>2 == i {
			k++
		}
		f := s.Findings[i]
		st := rankStatus[cands[k-1]&3]
		for _, g := range f.Together {
			if st == phrase.Present {
				break
			}
			if gs := h.GroupStatus(g); statusRank[gs] > statusRank[st] {
				st = gs
			}
		}
		if st != phrase.NotSaid {
			fd.stated = append(fd.stated, stated{f, st})
		}
	}
	return fd
}

// statedList returns old emptied when it holds n, else a new list for n
// (none when n is 0): one allocation at most, for a caller with no list to
// reuse.
func statedList(old []stated, n int) []stated {
	if cap(old) >= n || n == 0 {
		return old[:0]
	}
	return make([]stated, 0, n)
}

// statusRank orders what a message can say about a finding's patterns, as
// Finding.Status does: present over absent over past over not said;
// rankStatus is the other way round.
var (
	statusRank = [...]int32{phrase.NotSaid: 0, phrase.Past: 1, phrase.Absent: 2, phrase.Present: 3}
	rankStatus = [...]phrase.Status{phrase.NotSaid, phrase.Past, phrase.Absent, phrase.Present}
)

// RulesToTry appends to dst the indices (in s.RedFlags, increasing) of the
// red-flag rules a message could meet: those with a condition whose first
// pattern, first finding of all:, or one of any: is stated present, and
// those that read a temperature. A rule not listed cannot be met, so the
// screen skips it. ok is false when s has no index (a Set not made by Load,
// or a copy whose rules were changed): then every rule must be tried.
func (s *Set) RulesToTry(fd *Found, dst []int32) (_ []int32, ok bool) {
	idx := s.idx
	if idx == nil || fd.set != s || !idx.builtFor(s) {
		return dst, false
	}
	dst = append(dst, idx.rulesAlways...)
	for id := range fd.hits.Matched() {
		if id < len(idx.rulesByPattern) {
			dst = append(dst, idx.rulesByPattern[id]...)
		}
	}
	for _, st := range fd.stated {
		if st.status == phrase.Present {
			dst = append(dst, idx.rulesByFinding[st.f.index]...)
		}
	}
	slices.Sort(dst)
	return slices.Compact(dst), true
}

// Touches reports whether a message says something a rule is about, in
// the context the rule is written for: for one of its conditions, a
// finding of its all: or any: stated present that is not a context finding
// (Finding.Context: who, when, what the person is, has or takes), or, when
// it names no other finding, the first of its patterns (a list is written
// subject first: [arm, weak]; a first pattern that a stated context
// finding says, such as "@RF_PREGNANT", is context) or two of them matched; and every context
// finding of its all: stated present too. A context finding alone touches
// nothing (a blood thinner is not a head injury), nor does a later part of
// a list of patterns alone (the time in [face * droop, now/today], the
// "hit" of a high-voltage shock), a says: added to findings, or an ever:
// history: they only qualify what the condition is about. A model's
// reading that a message is like a rule is answered with that rule's own
// words only when the message touches it: otherwise the words would be
// about something the person never said.
func (fd *Found) Touches(rf *RedFlag) bool {
	said := func(f *Finding) bool { return !f.Context && fd.Present(f) }
	unsaid := func(f *Finding) bool { return f.Context && !fd.Present(f) }
	for i := range rf.When {
		c := &rf.When[i]
		parts := 0
		for _, p := range c.All {
			if fd.hits.Has(p) {
				parts++
			}
		}
		symptom := func(f *Finding) bool { return !f.Context }
		listed := !slices.ContainsFunc(c.AllOf, symptom) && !slices.ContainsFunc(c.AnyOf, symptom) && len(c.EverOf) == 0 &&
			(parts >= 2 || parts == 1 && fd.hits.Has(c.All[0]) && !fd.saysContext(c.All[0]))
		if (listed || slices.ContainsFunc(c.AllOf, said) || slices.ContainsFunc(c.AnyOf, said)) && !slices.ContainsFunc(c.AllOf, unsaid) {
			return true
		}
	}
	return false
}

// saysContext reports whether p is written as one of the phrases of a
// context finding the message states ("@RF_PREGNANT", "@RF_CHILD"): a list
// that starts with who or what the person is starts with its context.
func (fd *Found) saysContext(p *phrase.Pattern) bool {
	for _, st := range fd.stated {
		if st.f.Context && st.status == phrase.Present && slices.ContainsFunc(st.f.Says, func(q *phrase.Pattern) bool { return q.Src == p.Src }) {
			return true
		}
	}
	return false
}

// anyNamed walks what rf's conditions are written over: the patterns of
// their all: and the findings of their all_of: and any_of:, and with
// negative also what can only rule it out (its unless: patterns and the
// conditions' none_of: findings). It stops at the first for which pattern or
// finding returns true, and reports whether one did. The screen's view
// (screenPatterns) reads rules through it.
func (rf *RedFlag) anyNamed(negative bool, pattern func(*phrase.Pattern) bool, finding func(*Finding) bool) bool {
	if negative && slices.ContainsFunc(rf.Unless, pattern) {
		return true
	}
	for i := range rf.When {
		c := &rf.When[i]
		if slices.ContainsFunc(c.All, pattern) || slices.ContainsFunc(c.AllOf, finding) || slices.ContainsFunc(c.AnyOf, finding) ||
			slices.ContainsFunc(c.EverOf, finding) ||
			negative && (slices.ContainsFunc(c.NoneOf, finding) || slices.ContainsFunc(c.NoneEverOf, finding)) {
			return true
		}
	}
	return false
}

// index maps what a message can mention to what must then be looked at, so
// that a message costs what it mentions rather than what the content holds.
type index struct {
	findings []*Finding // the slices it was built from, to tell a changed copy
	redFlags []*RedFlag
	// findingsByPattern lists, by pattern ID, the findings that name the
	// pattern in says: (finding index<<1) or as the first part of a
	// together: group (index<<1 | 1).
	findingsByPattern [][]int32
	// rulesByPattern and rulesByFinding list the rules with a condition
	// triggered by the pattern (by ID) or the finding (by index); rulesAlways
	// the rules tried whatever the message says.
	rulesByPattern [][]int32
	rulesByFinding [][]int32
	rulesAlways    []int32
	// screen scans for the patterns the red-flag rules can read, directly
	// or through their findings, and no others (ScanForScreen).
	screen *phrase.View
}

// ScanForScreen scans doc for what the red-flag screen reads: the rules'
// own patterns and those of the findings they name. The hits say nothing
// of other patterns, so they are for Find and the screen only, not for
// matching intents. A Set not made by Load, or a copy whose findings or
// rules were changed, is scanned in full.
func (s *Set) ScanForScreen(old phrase.Hits, doc text.Doc) phrase.Hits {
	if idx := s.idx; idx != nil && idx.screen != nil && idx.builtFor(s) {
		return idx.screen.ScanReusing(old, doc)
	}
	return s.Library.ScanReusing(old, doc)
}

// screenPatterns lists the IDs of the patterns the red-flag screen reads:
// everything a rule names, and the patterns of the findings it names.
func screenPatterns(s *Set) []int {
	var ids []int
	pattern := func(p *phrase.Pattern) bool {
		ids = append(ids, p.ID)
		return false
	}
	seen := make(map[*Finding]bool)
	finding := func(f *Finding) bool {
		if !seen[f] {
			seen[f] = true
			for _, p := range f.Says {
				pattern(p)
			}
			for _, g := range f.Together {
				for _, p := range g.Parts() {
					pattern(p)
				}
			}
		}
		return false
	}
	for _, rf := range s.RedFlags {
		rf.anyNamed(true, pattern, finding)
	}
	return ids
}

// builtFor reports whether the index was built from s's findings and rules.
func (idx *index) builtFor(s *Set) bool {
	return sameSlice(idx.findings, s.Findings) && sameSlice(idx.redFlags, s.RedFlags)
}

func sameSlice[T any](a, b []T) bool {
	return len(a) == len(b) && unsafe.SliceData(a) == unsafe.SliceData(b)
}

// buildIndex indexes s's findings and rules by the patterns and findings
// that trigger them.
func buildIndex(s *Set) *index {
	idx := &index{findings: s.Findings, redFlags: s.RedFlags, rulesByFinding: make([][]int32, len(s.Findings))}
	addTo := func(lists *[][]int32, id int, v int32) {
		for len(*lists) <= id {
			*lists = append(*lists, nil)
		}
		if l := (*lists)[id]; len(l) == 0 || l[len(l)-1] != v {
			(*lists)[id] = append(l, v)
		}
	}
	for i, f := range s.Findings {
		for _, p := range f.Says {
			addTo(&idx.findingsByPattern, p.ID, int32(i)<<1)
		}
		for _, g := range f.Together {
			if p := g.First(); p != nil {
				addTo(&idx.findingsByPattern, p.ID, int32(i)<<1|1)
			}
		}
	}
	ours := func(f *Finding) bool { return f.index < len(s.Findings) && s.Findings[f.index] == f }
	for r, rf := range s.RedFlags {
		always := rf.TempAtLeast > 0
		for _, c := range rf.When {
			switch {
			case len(c.All) > 0:
				addTo(&idx.rulesByPattern, c.All[0].ID, int32(r))
			case len(c.AllOf) > 0 && ours(c.AllOf[0]):
				addTo(&idx.rulesByFinding, c.AllOf[0].index, int32(r))
			case len(c.AnyOf) > 0 && !slices.ContainsFunc(c.AnyOf, func(f *Finding) bool { return !ours(f) }):
				for _, f := range c.AnyOf {
					addTo(&idx.rulesByFinding, f.index, int32(r))
				}
			default:
				always = true // nothing to wait for (it holds unless its none: does), or a stranger's finding
			}
		}
		if always {
			idx.rulesAlways = append(idx.rulesAlways, int32(r))
		}
	}
	if s.Library != nil {
		idx.screen = s.Library.View(screenPatterns(s))
	}
	return idx
}
