package engine_test

import (
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/nhs-signpost/signpost/intents"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
)

// scaledContent loads the bundled content k times over: every intent, red
// flag, finding and concept is copied k-1 times with its id (and every
// reference to it) renamed, so that the benchmarks can show how cost grows
// with content. The lexicon, services, messages, the notice and the checks are not copied.
func scaledContent(tb testing.TB, k int) *content.Set {
	tb.Helper()
	base := contenttest.Bundled(tb)
	if k == 1 {
		return base
	}
	ids := map[string]bool{}
	for _, in := range base.Intents {
		ids[in.ID] = true
	}
	for _, rf := range base.RedFlags {
		ids[rf.ID] = true
	}
	findings := map[string]bool{}
	for _, f := range base.Findings {
		findings[f.ID] = true
	}
	files, err := content.Files(intents.FS)
	if err != nil {
		tb.Fatal(err)
	}
	out := fstest.MapFS{}
	concepts := map[string]bool{}
	docs := map[string]*yaml.Node{}
	for _, f := range files {
		b, err := fs.ReadFile(intents.FS, f)
		if err != nil {
			tb.Fatal(err)
		}
		out[f] = &fstest.MapFile{Data: b}
		var doc yaml.Node
		if err := yaml.Unmarshal(b, &doc); err != nil {
			tb.Fatal(err)
		}
		docs[f] = &doc
		if top := mapping(&doc); top != nil {
			if cs := value(top, "concepts"); cs != nil {
				for i := 0; i < len(cs.Content); i += 2 {
					concepts[strings.ToLower(strings.TrimPrefix(cs.Content[i].Value, "@"))] = true
				}
			}
		}
	}
	ref := regexp.MustCompile(`@[A-Za-z][A-Za-z0-9_]*`)
	for copyN := 2; copyN <= k; copyN++ {
		suffix := "_x" + strconv.Itoa(copyN)
		for _, f := range files {
			if f == "classifier.yaml" { // intents the engine names, reached by no rule
				continue
			}
			var doc yaml.Node
			if err := yaml.Unmarshal(out[f].Data, &doc); err != nil {
				tb.Fatal(err)
			}
			top := mapping(&doc)
			if top == nil {
				continue
			}
			kept := top.Content[:0]
			for i := 0; i < len(top.Content); i += 2 {
				switch top.Content[i].Value {
				case "intents", "red_flags", "concepts", "findings":
					kept = append(kept, top.Content[i], top.Content[i+1])
				}
			}
			top.Content = kept
			if len(kept) == 0 {
				continue
			}
			// key is the mapping key n is the value of ("" in a list).
			var rename func(n *yaml.Node, key string)
			rename = func(n *yaml.Node, key string) {
				switch n.Kind {
				case yaml.ScalarNode:
					switch {
					case (key == "id" || key == "to" || key == "yes") && ids[n.Value]:
						n.Value += suffix
					case (key == "id" || key == "all" || key == "any" || key == "none" || key == "findings") && findings[n.Value]:
						n.Value += suffix
					case key == "payload" && strings.HasPrefix(n.Value, "intent:") && ids[strings.TrimPrefix(n.Value, "intent:")]:
						n.Value += suffix
					default:
						n.Value = ref.ReplaceAllStringFunc(n.Value, func(m string) string {
							if concepts[strings.ToLower(m[1:])] {
								return m + suffix
							}
							return m
						})
					}
				case yaml.MappingNode:
					for i := 0; i < len(n.Content); i += 2 {
						if n == value(top, "concepts") {
							n.Content[i].Value += suffix
						}
						rename(n.Content[i+1], n.Content[i].Value)
					}
				default: // a list: its items are values of the same key
					for _, c := range n.Content {
						rename(c, key)
					}
				}
			}
			rename(top, "")
			b, err := yaml.Marshal(&doc)
			if err != nil {
				tb.Fatal(err)
			}
			out["copy"+strconv.Itoa(copyN)+"/"+f] = &fstest.MapFile{Data: b}
		}
	}
	set, err := content.Load(out)
	if err != nil {
		tb.Fatalf("content x%d: %v", k, err)
	}
	return set
}

func mapping(doc *yaml.Node) *yaml.Node {
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	return doc.Content[0]
}

func value(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// reportSize reports the content's size with a benchmark, so that a change in
// cost can be told apart from a change in content.
func reportSize(b *testing.B, set *content.Set) {
	examples, keywords := 0, 0
	for _, in := range set.Intents {
		examples += len(in.Examples) + len(in.NotExamples)
		keywords += len(in.Keywords)
	}
	b.ReportMetric(float64(len(set.Findings)), "findings")
	b.ReportMetric(float64(len(set.RedFlags)), "rules")
	b.ReportMetric(float64(len(set.Intents)), "intents")
	b.ReportMetric(float64(examples), "examples")
	b.ReportMetric(float64(keywords), "keywords")
}

func TestScaledContentGrows(t *testing.T) {
	one, two := scaledContent(t, 1), scaledContent(t, 2)
	// Every rule and finding is copied; every intent but classifier.yaml's.
	if len(two.RedFlags) != 2*len(one.RedFlags) || len(two.Findings) != 2*len(one.Findings) ||
		len(two.Intents) < 19*len(one.Intents)/10 {
		t.Fatalf("x2 content has %d intents, %d rules and %d findings, from %d, %d and %d",
			len(two.Intents), len(two.RedFlags), len(two.Findings), len(one.Intents), len(one.RedFlags), len(one.Findings))
	}
	// A copy names its own findings, not the original's.
	for _, rf := range two.RedFlags {
		for _, c := range rf.When {
			for _, f := range append(append(slices.Clone(c.AllOf), c.AnyOf...), c.NoneOf...) {
				if strings.HasSuffix(rf.ID, "_x2") != strings.HasSuffix(f.ID, "_x2") {
					t.Fatalf("rule %s names finding %s", rf.ID, f.ID)
				}
			}
		}
	}
}
