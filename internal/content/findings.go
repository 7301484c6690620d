package content

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// findings reads the findings sections: each finding's phrases (words in
// order) and groups (every part in one clause, any order), with tests.
func (l *loader) findings(secs []section) {
	for _, s := range secs {
		r := l.r(s.file)
		for _, n := range r.seq(s.node, "findings") {
			m := r.mapping(n, "a finding", "id", "title", "says", "together", "source", "tests", "context", "history")
			f := &Finding{Pos: Pos{s.file, n.Line}, ID: r.str(m["id"], "id"), Title: r.str(m["title"], "title"), Source: r.str(m["source"], "source")}
			f.Context = r.boolean(m["context"], "context")
			f.History = r.boolean(m["history"], "history")
			if !idRe.MatchString(f.ID) {
				r.errf(n, "finding id %q must be lower case letters, digits and _", f.ID)
			}
			if prev, dup := l.set.findings[f.ID]; dup {
				r.errf(n, "duplicate finding id %q (first at %s:%d)", f.ID, prev.File, prev.Line)
			}
			f.Says = l.patterns(r, m["says"], "says")
			for _, g := range r.seq(m["together"], "together") {
				var parts []string
				for _, p := range r.strs(g, "a together group") {
					parts = append(parts, p.Text)
				}
				if len(parts) < 2 {
					r.errf(g, "finding %q: a together group needs at least two parts (one part belongs under says)", f.ID)
					continue
				}
				grp, err := l.lib.CompileGroup(parts)
				if err != nil {
					r.errf(g, "finding %q: group %v", f.ID, err)
					continue
				}
				f.Together = append(f.Together, grp)
			}
			if len(f.Says) == 0 && len(f.Together) == 0 {
				r.errf(n, "finding %q has no says: or together: phrases", f.ID)
			}
			if t := m["tests"]; t != nil {
				tm := r.mapping(t, "tests", "present", "absent", "past", "not_said")
				f.Tests = FindingTests{
					Present: r.strs(tm["present"], "present"),
					Absent:  r.strs(tm["absent"], "absent"),
					Past:    r.strs(tm["past"], "past"),
					NotSaid: r.strs(tm["not_said"], "not_said"),
				}
			}
			if len(f.Tests.Present) == 0 {
				r.errf(n, "finding %q needs tests: present: (messages that state it)", f.ID)
			}
			if f.Title == "" {
				f.Title = f.ID
			}
			l.set.findings[f.ID] = f
			f.index = len(l.set.Findings)
			l.set.Findings = append(l.set.Findings, f)
		}
	}
}

// findingRefs reads a list of finding ids.
func (l *loader) findingRefs(r reader, n *yaml.Node, what string) []*Finding {
	var out []*Finding
	for _, id := range r.strs(n, what) {
		f := l.set.findings[id.Text]
		if f == nil {
			*l.errs = append(*l.errs, &LineError{File: id.File, Line: id.Line, Msg: fmt.Sprintf("%s names unknown finding %q", what, id.Text)})
			continue
		}
		out = append(out, f)
	}
	return out
}

// condition reads one item of a red flag's when: a pattern, a list of
// patterns that must all match, or a mapping over findings
// ({all: [...], any: [...], none: [...], ever: [...], none_ever: [...], says: [...]}; ever:
// and none_ever: findings count stated now or in the past, for a history).
func (l *loader) condition(r reader, c *yaml.Node) (Condition, bool) {
	cond := Condition{Pos: Pos{r.file, c.Line}}
	if c.Kind != yaml.MappingNode {
		cond.All = l.patterns(r, c, "a when condition")
		return cond, len(cond.All) > 0
	}
	m := r.mapping(c, "a when condition", "says", "all", "any", "none", "ever", "none_ever")
	cond.All = l.patterns(r, m["says"], "says")
	cond.AllOf = l.findingRefs(r, m["all"], "all")
	cond.AnyOf = l.findingRefs(r, m["any"], "any")
	cond.NoneOf = l.findingRefs(r, m["none"], "none")
	cond.EverOf = l.findingRefs(r, m["ever"], "ever")
	cond.NoneEverOf = l.findingRefs(r, m["none_ever"], "none_ever")
	if len(cond.All) == 0 && len(cond.AllOf) == 0 && len(cond.AnyOf) == 0 {
		r.errf(c, "a when condition needs says:, all: or any:")
		return cond, false
	}
	return cond, true
}

// precedence resolves outranks: and gives each red flag its rank, so that a
// rule is always answered before the rules it outranks. A loop is an error.
func (l *loader) precedence() {
	byID := l.set.RedFlag
	for _, o := range l.outranks {
		switch other := byID(o.id); {
		case other == nil:
			// Not a load error: like a check naming a removed rule, it fails as
			// a content test (engine.Check), so the content still loads far
			// enough for the safety suite to name the lost rule.
			continue
		case other.ID == o.what:
			l.errAt(o.Pos, "red flag %q cannot outrank itself", o.what)
		case Acuity(other.Level) > Acuity(byID(o.what).Level):
			l.errAt(o.Pos, "red flag %q (%s) cannot outrank %q (%s): a more acute level always comes first", o.what, byID(o.what).Level, other.ID, other.Level)
		}
	}
	state := map[string]int{}
	var rank func(rf *RedFlag, path []string) int
	rank = func(rf *RedFlag, path []string) int {
		switch state[rf.ID] {
		case 1:
			l.errAt(rf.Pos, "red flags outrank each other in a loop: %s", strings.Join(append(path, rf.ID), " → "))
			return 0
		case 2:
			return rf.Rank
		}
		state[rf.ID] = 1
		best := 0
		for _, id := range rf.Outranks {
			if o := byID(id); o != nil && o != rf {
				if k := rank(o, append(path, rf.ID)) + 1; k > best {
					best = k
				}
			}
		}
		rf.Rank = best
		state[rf.ID] = 2
		return best
	}
	for _, rf := range l.set.RedFlags {
		rank(rf, nil)
	}
}
