package safety

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/nhs-signpost/signpost/internal/content"
)

// SuiteFile is where the built-in suite is kept, for reports.
const SuiteFile = "internal/safety/suite.yaml"

//go:embed suite.yaml
var suiteYAML []byte

// Suite is the clinical safety suite: messages that must be screened as an
// emergency or crisis whatever the content says, and the red-flag rule ids
// content must keep. It is compiled into the binary, so a content edit can
// neither change nor skip it.
type Suite struct {
	Sources map[string]string
	Rules   []string  // rule ids every content set must have
	Retired []Retired // rule ids taken out after review
	Cases   []Case
	// Replies lists, by level, the words a red-flag reply must contain at
	// least one of (where to go: "999", "A&E").
	Replies map[string][]string
	lines   map[string]int // where each required rule is listed, and "replies:"
}

// Retired is a red-flag rule taken out after review.
type Retired struct {
	ID     string `yaml:"id"`
	Reason string `yaml:"reason"`
}

// Case is one message that must reach at least Want.
type Case struct {
	Line     int
	Category string
	Source   string
	Want     string // 999, ae, mental_health_crisis or urgent
	Say      string
}

// Problem is one way a content set fails the suite.
type Problem struct {
	Line int    // line of suite.yaml
	Msg  string // what is wrong, in words a content editor can act on
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", SuiteFile, p.Line, p.Msg) }

var builtin = sync.OnceValues(func() (*Suite, error) { return ParseSuite(suiteYAML) })

// Builtin returns the suite compiled into the binary.
func Builtin() (*Suite, error) { return builtin() }

// ParseSuite reads a suite in the format of suite.yaml and checks it: every
// case has a message, a known source and a valid level; every retired rule
// has a reason and is not also required.
func ParseSuite(b []byte) (*Suite, error) {
	var raw struct {
		Sources map[string]string   `yaml:"sources"`
		Rules   []yaml.Node         `yaml:"rules"`
		Retired []Retired           `yaml:"retired"`
		Replies map[string][]string `yaml:"replies"`
		Cases   []struct {
			Category string      `yaml:"category"`
			Want     string      `yaml:"want"`
			Source   string      `yaml:"source"`
			Say      []yaml.Node `yaml:"say"`
		} `yaml:"cases"`
	}
	if err := yaml.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("safety suite: %w", err)
	}
	s := &Suite{Sources: raw.Sources, Retired: raw.Retired, Replies: raw.Replies, lines: map[string]int{}}
	var errs []error
	for _, n := range raw.Rules {
		s.Rules = append(s.Rules, n.Value)
		s.lines[n.Value] = n.Line
	}
	for _, r := range raw.Retired {
		if strings.TrimSpace(r.Reason) == "" {
			errs = append(errs, fmt.Errorf("retired rule %q needs a reason", r.ID))
		}
		if slices.Contains(s.Rules, r.ID) {
			errs = append(errs, fmt.Errorf("rule %q is both required and retired", r.ID))
		}
	}
	for _, c := range raw.Cases {
		if content.Acuity(c.Want) < content.Acuity(content.DispUrgent) {
			errs = append(errs, fmt.Errorf("category %q: want must be \"999\", ae, mental_health_crisis or urgent, not %q", c.Category, c.Want))
		}
		if _, ok := raw.Sources[c.Source]; !ok {
			errs = append(errs, fmt.Errorf("category %q: unknown source %q", c.Category, c.Source))
		}
		if len(c.Say) == 0 {
			errs = append(errs, fmt.Errorf("category %q has no messages", c.Category))
		}
		for _, n := range c.Say {
			if n.Kind != yaml.ScalarNode || strings.TrimSpace(n.Value) == "" {
				errs = append(errs, fmt.Errorf("line %d: each message must be text", n.Line))
				continue
			}
			s.Cases = append(s.Cases, Case{Line: n.Line, Category: c.Category, Source: c.Source, Want: c.Want, Say: n.Value})
		}
	}
	if i := bytes.Index(b, []byte("\nreplies:")); i >= 0 {
		s.lines["replies:"] = bytes.Count(b[:i+1], []byte("\n")) + 1
	}
	for _, level := range []string{content.Disp999, content.DispAE, content.DispCrisis, content.DispUrgent} {
		if len(raw.Replies[level]) == 0 {
			errs = append(errs, fmt.Errorf("replies: say what a %s reply must contain", level))
		}
	}
	if len(s.Cases) == 0 {
		errs = append(errs, errors.New("the suite has no cases"))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("safety suite: %w", errors.Join(errs...))
	}
	return s, nil
}

// Run checks a content set against the suite: every required rule is
// present, and every case is screened at its level or a more urgent one.
// It returns nothing when the set passes.
func (s *Suite) Run(set *content.Set) []Problem {
	var out []Problem
	have := map[string]bool{}
	for _, rf := range set.RedFlags {
		have[rf.ID] = true
	}
	for _, id := range s.Rules {
		if !have[id] {
			out = append(out, Problem{Line: s.lines[id], Msg: fmt.Sprintf("red-flag rule %q is missing from the content; "+
				"a rule can only be removed by listing it under retired: in %s with a reason (a reviewed code change)", id, SuiteFile)})
		}
	}
	for _, rf := range set.RedFlags {
		words := s.Replies[rf.Level]
		if len(words) > 0 && !slices.ContainsFunc(words, func(w string) bool { return strings.Contains(rf.Reply, w) }) {
			out = append(out, Problem{Line: s.lines["replies:"], Msg: fmt.Sprintf("%s:%d: the reply of red-flag rule %q (%s) must say where to go: one of %s",
				rf.File, rf.Line, rf.ID, rf.Level, strings.Join(words, ", "))})
		}
	}
	for _, c := range s.Cases {
		doc := set.Analyzer.Analyze(c.Say)
		hits := Screen(set, doc, set.Library.Scan(doc))
		got := ""
		if len(hits) > 0 {
			got = hits[0].Rule.Level
		}
		if content.Acuity(got) >= content.Acuity(c.Want) {
			continue
		}
		what := "no red-flag rule"
		if got != "" {
			what = fmt.Sprintf("only %s (rule %q)", got, hits[0].Rule.ID)
		}
		out = append(out, Problem{Line: c.Line, Msg: fmt.Sprintf("%s: %q must be screened as %s (%s) but met %s",
			c.Category, c.Say, c.Want, s.Sources[c.Source], what)})
	}
	return out
}
