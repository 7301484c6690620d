package content

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// reader walks YAML nodes of one file and collects every problem it meets
// with its line, instead of stopping at the first.
type reader struct {
	file string
	errs *[]error
}

func (r reader) errf(n *yaml.Node, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	*r.errs = append(*r.errs, &LineError{File: r.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// LineError is one content problem.
type LineError struct {
	File string
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// mapping returns the key → value pairs of a mapping node, reporting keys not
// in allowed and keys written twice.
func (r reader) mapping(n *yaml.Node, what string, allowed ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n == nil {
		return out
	}
	if n.Kind != yaml.MappingNode {
		r.errf(n, "%s must be a mapping of fields (key: value)", what)
		return out
	}
	ok := map[string]bool{}
	for _, a := range allowed {
		ok[a] = true
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if len(allowed) > 0 && !ok[k.Value] {
			r.errf(k, "unknown field %q in %s (allowed: %s)", k.Value, what, strings.Join(sorted(allowed), ", "))
			continue
		}
		if _, dup := out[k.Value]; dup {
			r.errf(k, "field %q is written twice in %s", k.Value, what)
			continue
		}
		out[k.Value] = v
	}
	return out
}

func sorted(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}

// pairs returns a mapping's keys and values in file order.
func (r reader) pairs(n *yaml.Node, what string) (keys []*yaml.Node, vals []*yaml.Node) {
	if n == nil {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		r.errf(n, "%s must be a mapping", what)
		return nil, nil
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if line, dup := seen[k.Value]; dup {
			// Two entries for one key: the second would silently change or
			// repeat the first, so the editor must choose.
			r.errf(k, "%q is written twice in %s (also at line %d)", k.Value, what, line)
			continue
		}
		seen[k.Value] = k.Line
		keys = append(keys, k)
		vals = append(vals, n.Content[i+1])
	}
	return keys, vals
}

func (r reader) str(n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		r.errf(n, "%s must be text", what)
		return ""
	}
	return n.Value
}

func (r reader) boolean(n *yaml.Node, what string) bool {
	if n == nil {
		return false
	}
	b, err := strconv.ParseBool(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		r.errf(n, "%s must be true or false", what)
	}
	return b
}

func (r reader) number(n *yaml.Node, what string) float64 {
	if n == nil {
		return 0
	}
	f, err := strconv.ParseFloat(n.Value, 64)
	if n.Kind != yaml.ScalarNode || err != nil {
		r.errf(n, "%s must be a number", what)
	}
	return f
}

// seq returns the items of a sequence; a single scalar counts as a list of one.
func (r reader) seq(n *yaml.Node, what string) []*yaml.Node {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.SequenceNode:
		return n.Content
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		return []*yaml.Node{n}
	}
	r.errf(n, "%s must be a list", what)
	return nil
}

// strs returns a list of text items with their lines.
func (r reader) strs(n *yaml.Node, what string) []Example {
	var out []Example
	for _, it := range r.seq(n, what) {
		if it.Kind != yaml.ScalarNode {
			r.errf(it, "each item of %s must be text", what)
			continue
		}
		out = append(out, Example{Pos: Pos{r.file, it.Line}, Text: it.Value})
	}
	return out
}

// age reads "3 months", "16 years", "8 weeks", "1 year" or a plain number of years.
func (r reader) age(n *yaml.Node, what string) float64 {
	if n == nil {
		return 0
	}
	s := strings.ToLower(strings.TrimSpace(r.str(n, what)))
	num, unit, _ := strings.Cut(s, " ")
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v < 0 {
		r.errf(n, "%s must be an age such as \"3 months\", \"8 weeks\" or \"16 years\"", what)
		return 0
	}
	switch strings.TrimSuffix(strings.TrimSpace(unit), "s") {
	case "", "year":
		return v
	case "month":
		return v / 12
	case "week":
		return v / 52
	case "day":
		return v / 365
	}
	r.errf(n, "%s: unknown unit %q (use days, weeks, months or years)", what, unit)
	return 0
}
