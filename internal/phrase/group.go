package phrase

import (
	"fmt"
	"strings"
)

// Group is a set of patterns that must all match within one clause, in any
// order: ["@CHEST", "pain/tight/pressure"] is met by "chest pain", "pain in
// my chest" and "my chest feels tight", but not by "a pain in my leg and a
// cough on my chest" across two clauses ("... leg. cough on my chest").
type Group struct {
	Src   string
	parts []*Pattern
}

// CompileGroup compiles the patterns of a group and adds them to the index.
func (l *Library) CompileGroup(srcs []string) (*Group, error) {
	if len(srcs) == 0 {
		return nil, fmt.Errorf("empty group")
	}
	g := &Group{Src: "[" + strings.Join(srcs, ", ") + "]"}
	for _, s := range srcs {
		p, err := l.Compile(s)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", s, err)
		}
		g.parts = append(g.parts, p)
	}
	return g, nil
}

// First returns the group's first part: a message that mentions a group
// in any way (present, absent or past) mentions its first part.
func (g *Group) First() *Pattern {
	if g == nil || len(g.parts) == 0 {
		return nil
	}
	return g.parts[0]
}

// Parts returns the group's patterns.
func (g *Group) Parts() []*Pattern { return g.parts }

// GroupPresent reports whether GroupStatus(g) is Present: every part
// matched now in one clause. It is cheaper, reading no negated or past marks.
func (h Hits) GroupPresent(g *Group) bool {
	if g == nil || len(g.parts) == 0 {
		return false
	}
	pres := ^uint32(0)
	for _, p := range g.parts {
		if p.ID >= h.n {
			return false
		}
		pres &= h.clauses(p.ID)
	}
	return pres != 0
}

// GroupStatus says what the message says about a group: present when every
// part matched now in one clause; absent when every part is mentioned in one
// clause and one of them under a negation ("my chest doesn't hurt"); past
// likewise for a clause about the past.
func (h Hits) GroupStatus(g *Group) Status {
	if g == nil || len(g.parts) == 0 {
		return NotSaid
	}
	pres, any := ^uint32(0), ^uint32(0)
	for _, p := range g.parts {
		if p.ID >= h.n {
			return NotSaid
		}
		neg, past := h.marks(p.ID)
		now := h.clauses(p.ID)
		pres &= now
		if any &= now | neg | past; any == 0 {
			return NotSaid // no clause mentions every part (pres is within any)
		}
	}
	if pres != 0 {
		return Present
	}
	if any == 0 {
		return NotSaid
	}
	var negs, pasts uint32
	for _, p := range g.parts {
		neg, past := h.marks(p.ID)
		negs |= neg & any
		pasts |= past & any
	}
	switch {
	case negs != 0:
		return Absent
	case pasts != 0:
		return Past
	}
	return NotSaid
}
