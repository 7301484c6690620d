package phrase

import (
	"fmt"
	"slices"

	"github.com/nhs-signpost/signpost/internal/text"
)

// ScanEach is the scan as it was before the word trie and the concept
// groups: every indexed sequence that can start at a word is tried on its
// own. Tests compare Scan with it.
func (l *Library) ScanEach(doc text.Doc) Hits {
	h := Hits{n: len(l.patterns)}
	sc := l.scanner(doc)
	defer l.scratch.Put(sc)
	now := make([]uint32, h.n)
	var touched []int32
	for i, t := range doc.Tokens {
		id := sc.ids[i]
		if id < 0 || len(l.byFirst[id]) == 0 {
			continue
		}
		bit := clauseBit(int(t.Clause))
		past := doc.Historical(i)
		for k := range l.byFirst[id] {
			r := &l.byFirst[id][k]
			if now[r.pat]&bit != 0 || sc.lacks(&r.needs) {
				continue
			}
			if r.plain {
				if !sc.matchesWords(r.steps, i) {
					continue
				}
			} else if !sc.matches(r.steps, int32(i), sc.end[i]) {
				continue
			}
			switch {
			case past:
				h.addMark(int(r.pat), 0, bit)
			case doc.Negated(i):
				h.addMark(int(r.pat), bit, 0)
			default:
				if now[r.pat] == 0 {
					touched = append(touched, r.pat)
				}
				now[r.pat] |= bit
			}
		}
	}
	sc.clearPresent()
	slices.Sort(touched)
	nb := words(h.n)
	h.now = make([]uint64, nb+len(touched))
	for k, id := range touched {
		h.now[id/64] |= 1 << (id % 64)
		h.now[nb+k] = uint64(id)<<32 | uint64(now[id])
	}
	return h
}

// Marks returns the patterns matched under a negation or in the past, with
// their clauses, sorted by pattern: the order they were found in is not part
// of what a scan says.
func (h Hits) Marks() [][3]uint32 {
	var out [][3]uint32
	for _, m := range h.other {
		out = append(out, [3]uint32{uint32(m.id), m.negated, m.past})
	}
	slices.SortFunc(out, func(a, b [3]uint32) int { return int(a[0]) - int(b[0]) })
	return out
}

// Now returns, for each pattern matched stated now, its ID and clauses.
func (h Hits) Now() [][2]uint32 {
	var out [][2]uint32
	for _, id := range h.AppendMatched(nil) {
		out = append(out, [2]uint32{uint32(id), h.clauses(id)})
	}
	return out
}

// ConceptEndsDiffer works out where every concept can end from every token
// of doc as the scan does (the indexed sequences, the words they need, the
// runs passed over) and by trying each of the concept's sequences on its
// own, and describes the first place they differ ("" when none does).
func (l *Library) ConceptEndsDiffer(doc text.Doc) string {
	sc := l.scanner(doc)
	defer l.scratch.Put(sc)
	defer sc.clearPresent()
	for name, seqs := range l.concepts {
		c := l.conceptIDs[name]
		for pos := range int32(len(doc.Tokens)) {
			sc.conceptEnds(c, pos)
			got := slices.Sorted(slices.Values(sc.memoed(c, pos)))
			var want []int32
			for _, seq := range seqs {
				top := len(sc.work)
				want = append(want, sc.ends(stepsOf(seq), pos, false, sc.end[pos])...)
				sc.work = sc.work[:top]
			}
			slices.Sort(want)
			if want = slices.Compact(want); !slices.Equal(got, want) {
				return fmt.Sprintf("@%s from token %d: the scan ends at %v, its sequences one by one at %v", name, pos, got, want)
			}
		}
	}
	return ""
}

// GroupedConceptEndsDiffer works out, at every token of doc and for every
// concept one of whose phrases can start with its word, where the concept
// ends as the scan does (only the phrases that go on with the message's next
// word, see conceptStart) and by trying every phrase that starts with the
// word, as the scan did before the grouping, and describes the first place
// they differ ("" when none does).
func (l *Library) GroupedConceptEndsDiffer(doc text.Doc) string {
	sc := l.scanner(doc)
	defer l.scratch.Put(sc)
	defer sc.clearPresent()
	for pos := range int32(len(doc.Tokens)) {
		w := sc.ids[pos]
		if w < 0 {
			continue
		}
		for k := range l.startsByWord[w] {
			cs := &l.startsByWord[w][k]
			sc.conceptEnds(cs.c, pos)
			got := slices.Sorted(slices.Values(sc.memoed(cs.c, pos)))
			top := len(sc.work)
			sc.subEnds(cs.subs, pos)
			want := slices.Compact(slices.Sorted(slices.Values(sc.work[top:])))
			sc.work = sc.work[:top]
			if !slices.Equal(got, want) {
				return fmt.Sprintf("concept %d from token %d: grouped it ends at %v, every phrase tried at %v", cs.c, pos, got, want)
			}
		}
	}
	return ""
}
