package phrase

import (
	"maps"
	"slices"

	"github.com/nhs-signpost/signpost/internal/text"
)

// scanIndex is what Scan walks: the indexed sequences of Library.byFirst
// rearranged so that a message is walked once rather than every sequence
// tried on its own.
//
// Sequences that start with a word share a trie by their leading words: at
// a word of the message the scan follows the next words down the trie, and
// tries only the sequences whose leading words are all there (a sequence of
// words only is then matched outright; what is left of one that goes on
// with a gap or a concept is tried from where its words ended). Sequences
// that start with a concept are grouped by concept, with the words that
// every sequence of the group needs: a message without them skips the
// whole group, and a group whose concept does not match where it stands is
// left after its first try.
//
// The sequences of a trie node or a concept group sit in buckets, each of
// sequences that all need one more word (bucket.key): a message without
// that word passes the whole bucket over with one bit test, instead of
// ruling its sequences out one by one (most need a word the message lacks).
//
// Everything sits in a few flat arrays, in the order the scan reads them.
type scanIndex struct {
	npat   int     // how many patterns the library had when it was built
	root   []int32 // by word number: the trie node after that word, or -1
	groups []span  // by word number: its concept groups in cgroups
	nodes  []trieNode
	// Each node's children: their words, sorted, and the nodes under them,
	// apart so that the search reads the words alone.
	edgeWords []int32
	edgeNodes []int32
	buckets   []bucket
	tries     []seqTry
	cgroup    []conceptGroup
	steps     []step
	need      []int32
	// twins[id] is the span in twinIDs of the patterns written exactly as
	// pattern id (the same word sequences, in the same order) and indexed
	// under it: only id is tried, and what it matches they match.
	twins   []span
	twinIDs []int32
}

// span is a stretch of one of the index's arrays.
type span struct{ off, n int32 }

// trieNode is where a run of leading words ends.
type trieNode struct {
	edges   span // its children in scanIndex.edgeWords and edgeNodes
	buckets span // in scanIndex.buckets: the sequences whose leading words end here
}

// bucket is a stretch of scanIndex.tries whose sequences all need word key
// (see needs), or, with key -1, the sequences left over.
type bucket struct {
	key   int32
	tries span
}

// minBucket is the fewest sequences a bucket of its own is made for: the
// others go to the bucket of sequences left over.
const minBucket = 2

// addBuckets appends ts to ix.tries in buckets (see byNeededWord) and
// returns their span in ix.buckets.
func (ix *scanIndex) addBuckets(ts []seqTry, known []int32) span {
	start := int32(len(ix.buckets))
	byNeededWord(ts, func(t *seqTry) []int32 { return ix.need[t.need : t.need+int32(t.nNeed)] }, known,
		func(key int32, in []seqTry) {
			ix.buckets = append(ix.buckets, bucket{key: key, tries: span{int32(len(ix.tries)), int32(len(in))}})
			ix.tries = append(ix.tries, in...)
		})
	return span{start, int32(len(ix.buckets)) - start}
}

// byNeededWord hands items to add a bucket at a time, each bucket's items
// all needing the bucket's word (needs lists what an item needs), then
// those left over with key -1. Greedily, the word most of the items left
// need gets the next bucket, of every item left that needs it, as long as
// that makes a bucket of minBucket or more; words in known (those the scan
// has already seen where it tries the items) are not keys. The order items
// are tried in changes nothing but the cost: an item lacking a word is not
// tried at all.
func byNeededWord[T any](items []T, needs func(*T) []int32, known []int32, add func(key int32, in []T)) {
	left := items
	for len(left) >= minBucket {
		count := map[int32]int{}
		for k := range left {
			for _, w := range needs(&left[k]) {
				if !slices.Contains(known, w) {
					count[w]++
				}
			}
		}
		key, most := int32(-1), 0
		for w, n := range count {
			if n > most || n == most && w < key {
				key, most = w, n
			}
		}
		if most < minBucket {
			break
		}
		var in, out []T
		for k := range left {
			if slices.Contains(needs(&left[k]), key) {
				in = append(in, left[k])
			} else {
				out = append(out, left[k])
			}
		}
		add(key, in)
		left = out
	}
	if len(left) > 0 {
		add(-1, left)
	}
}

// seqTry is one sequence, or what is left of it after its leading words,
// as the scan tries it: 24 bytes, its steps and the words it needs (see
// needs) in the index's packed arrays. Words the scan has seen where it
// tries the sequence (its leading words, the word of its concept group)
// are not listed: a sequence of words only then needs none.
type seqTry struct {
	mask   uint64
	pat    int32
	steps  int32 // offset in scanIndex.steps; nSteps 0 for a sequence of words only
	need   int32 // offset in scanIndex.need
	nSteps uint16
	nNeed  uint16
}

// conceptGroup is the sequences that start with concept c and can start
// with one word.
type conceptGroup struct {
	mask    uint64 // a bit set in every member's mask
	c       int32
	start   int32 // the concept's phrases that start with the word: Library.startsByWord[word][start], or -1
	buckets span  // in scanIndex.buckets
}

// buildIndex builds the scan index from l.byFirst (after indexConcepts):
// every sequence when keep is nil, or only the sequences of the patterns
// keep marks (a View).
func (l *Library) buildIndex(keep []bool) *scanIndex {
	ix := &scanIndex{npat: len(l.patterns), root: make([]int32, len(l.byFirst)), groups: make([]span, len(l.byFirst))}
	type building struct {
		children map[int32]int32
		tries    []seqTry
		path     []int32 // the leading words that end here
	}
	var nodes []building
	newNode := func(path []int32) int32 {
		nodes = append(nodes, building{path: path})
		return int32(len(nodes) - 1)
	}
	// A sequence is tried where the words in known are seen already: it
	// needs only the others.
	add := func(r *seqRef, from int, known []int32) seqTry {
		t := seqTry{pat: r.pat, steps: int32(len(ix.steps)), need: int32(len(ix.need))}
		if rest := r.steps[from:]; len(rest) > 0 {
			ix.steps = append(ix.steps, rest...)
			t.nSteps = uint16(len(rest))
		}
		for _, w := range r.need {
			if !slices.Contains(known, w) {
				ix.need = append(ix.need, w)
				t.mask |= 1 << (w % 64)
				t.nNeed++
			}
		}
		return t
	}
	first := ix.indexTwins(l.patterns, keep)
	for w, refs := range l.byFirst {
		ix.root[w] = -1
		var groups []conceptGroup
		var members [][]seqTry
		for k := range refs {
			r := &refs[k]
			if keep != nil && (int(r.pat) >= len(keep) || !keep[r.pat]) || first[r.pat] != r.pat {
				continue
			}
			if r.steps[0].kind == concept {
				c := r.steps[0].id
				g := slices.IndexFunc(groups, func(g conceptGroup) bool { return g.c == c })
				if g < 0 {
					groups = append(groups, conceptGroup{c: c, mask: ^uint64(0)})
					members = append(members, nil)
					g = len(groups) - 1
				}
				groups[g].mask &= r.mask
				members[g] = append(members[g], add(r, 0, []int32{int32(w)}))
				continue
			}
			// Its leading words, down the trie from the first.
			if ix.root[w] < 0 {
				ix.root[w] = newNode([]int32{int32(w)})
			}
			node, k := ix.root[w], 1
			for ; k < len(r.steps) && r.steps[k].kind == word; k++ {
				next, ok := nodes[node].children[r.steps[k].id]
				if !ok {
					next = newNode(append(slices.Clip(nodes[node].path), r.steps[k].id))
					if nodes[node].children == nil {
						nodes[node].children = map[int32]int32{}
					}
					nodes[node].children[r.steps[k].id] = next
				}
				node = next
			}
			nodes[node].tries = append(nodes[node].tries, add(r, k, nodes[node].path))
		}
		ix.groups[w] = span{int32(len(ix.cgroup)), int32(len(groups))}
		for g := range groups {
			groups[g].buckets = ix.addBuckets(members[g], []int32{int32(w)})
			groups[g].start = int32(search(l.startIDs[w], groups[g].c))
		}
		ix.cgroup = append(ix.cgroup, groups...)
	}
	ix.nodes = make([]trieNode, len(nodes))
	for n, b := range nodes {
		nd := &ix.nodes[n]
		nd.buckets = ix.addBuckets(b.tries, b.path)
		nd.edges = span{int32(len(ix.edgeWords)), int32(len(b.children))}
		for _, w := range slices.Sorted(maps.Keys(b.children)) {
			ix.edgeWords = append(ix.edgeWords, w)
			ix.edgeNodes = append(ix.edgeNodes, b.children[w])
		}
	}
	return ix
}

// indexTwins fills ix.twins: of the patterns keep marks (every pattern when
// keep is nil) written alike, the first stands for the others. It returns,
// by pattern ID, the ID of the pattern that stands for it.
func (ix *scanIndex) indexTwins(pats []*Pattern, keep []bool) []int32 {
	first := make([]int32, len(pats))
	byKey := make(map[string]int32, len(pats))
	others := make([][]int32, len(pats))
	var key []byte
	for id, p := range pats {
		first[id] = int32(id)
		if keep != nil && (id >= len(keep) || !keep[id]) {
			continue
		}
		key = key[:0]
		for _, seq := range p.seqs {
			for _, e := range seq {
				key = append(key, byte(e.kind), byte(e.id), byte(e.id>>8), byte(e.id>>16), byte(e.id>>24))
			}
			key = append(key, 0xff)
		}
		if f, ok := byKey[string(key)]; ok {
			first[id] = f
			others[f] = append(others[f], int32(id))
		} else {
			byKey[string(key)] = int32(id)
		}
	}
	ix.twins = make([]span, len(pats))
	for id, o := range others {
		ix.twins[id] = span{int32(len(ix.twinIDs)), int32(len(o))}
		ix.twinIDs = append(ix.twinIDs, o...)
	}
	return first
}

// Prepare builds what Scan walks now, so that the first message does not
// wait for it. Call it once every pattern is compiled; a pattern compiled
// afterwards has the next scan build it again.
func (l *Library) Prepare() { l.index() }

// index returns the scan index, built on the first scan and again when
// patterns were compiled since.
func (l *Library) index() *scanIndex {
	if ix := l.ix.Load(); ix != nil && ix.npat == len(l.patterns) {
		return ix
	}
	l.ixMu.Lock()
	defer l.ixMu.Unlock()
	if ix := l.ix.Load(); ix != nil && ix.npat == len(l.patterns) {
		return ix
	}
	l.indexConcepts()
	ix := l.buildIndex(nil)
	l.ix.Store(ix)
	return ix
}

// View scans a message for some of a library's patterns only: the others
// are never found, and cost nothing. The red-flag screen uses one, so that a
// message screened without being answered (over a rate limit, too long) is
// not also scanned for every intent's keywords.
type View struct {
	l    *Library
	npat int
	ix   *scanIndex
}

// View returns a view of the patterns whose IDs keep lists. Build it once
// every pattern is compiled: a view of a library that has compiled patterns
// since scans with the whole library (finding more, never less).
func (l *Library) View(keep []int) *View {
	mark := make([]bool, len(l.patterns))
	for _, id := range keep {
		if id >= 0 && id < len(mark) {
			mark[id] = true
		}
	}
	l.indexConcepts()
	return &View{l: l, npat: len(l.patterns), ix: l.buildIndex(mark)}
}

// ScanReusing is Library.ScanReusing for the view's patterns only.
func (v *View) ScanReusing(old Hits, doc text.Doc) Hits {
	if v.npat != len(v.l.patterns) {
		return v.l.ScanReusing(old, doc)
	}
	return v.l.scanWith(v.ix, old, doc)
}

// lacksTry reports whether the message lacks a word t needs (see lacks).
func (s *scanner) lacksTry(ix *scanIndex, t *seqTry) bool {
	if t.mask&^s.mask != 0 {
		return true
	}
	for _, w := range ix.need[t.need : t.need+int32(t.nNeed)] {
		if !s.has(w) {
			return true
		}
	}
	return false
}

// groupEnds reports whether the concept of group g, at word w, ends
// anywhere from pos, working it out if need be. Most concept starts end
// nowhere: the word after pos, or a word the phrases need, rules many of
// them out before they are worked out, and none of the group is tried.
// The group knows its concept's phrases at w: no search for them.
func (s *scanner) groupEnds(g *conceptGroup, w, pos int32) bool {
	slot := s.slot(g.c, pos)
	if e := s.memo[slot]; e.gen == s.memoGen {
		return e.n > 0
	}
	if g.start < 0 {
		return false // the concept has no phrase starting with w
	}
	cs := &s.l.startsByWord[w][g.start]
	if !s.mayStart(cs, pos) {
		return false // no memo entry: worked out as it is, were it asked for
	}
	s.conceptEndsWith(cs, slot, pos)
	return s.memo[slot].n > 0
}

// mayStart reports whether one of cs's phrases might match at pos: one of
// those grouped by their second word goes on with the word after pos, or
// one of the others is in a bucket whose word the message has (see
// conceptStart). When it says no, none matches.
func (s *scanner) mayStart(cs *conceptStart, pos int32) bool {
	for _, b := range cs.restBuckets {
		if b.key < 0 || s.has(b.key) {
			return true
		}
	}
	if pos+1 < s.end[pos] {
		if w := s.ids[pos+1]; w >= 0 && cs.nexts&(1<<(w%64)) != 0 {
			return true
		}
	}
	return false
}
