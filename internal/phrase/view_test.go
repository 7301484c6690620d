package phrase

import (
	"strings"
	"testing"
)

// A view finds its own patterns exactly as the whole library does, now,
// negated or past, and never the patterns left out of it; a pattern
// compiled after the view was made sends the view back to the whole
// library rather than miss it.
func TestViewFindsOnlyItsPatternsAndFindsThemAll(t *testing.T) {
	l := library(t)
	compile := func(src string) *Pattern {
		p, err := l.Compile(src)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	pain, arm, cough := compile("@CHEST_PAIN"), compile("pain * arm"), compile("cough")
	l.Prepare()
	v := l.View([]int{pain.ID, arm.ID})
	for _, msg := range []string{
		"tightness in my chest and a cough",
		"no chest pain, just a cough",
		"had chest pain two years ago, a pain down my left arm now",
		"a cough",
	} {
		doc := l.an.Analyze(msg)
		full, part := l.Scan(doc), v.ScanReusing(Hits{}, doc)
		for _, p := range []*Pattern{pain, arm} {
			if got, want := part.Status(p), full.Status(p); got != want {
				t.Errorf("%q: the view says %v of %q, the library %v", msg, got, p.Src, want)
			}
		}
		if part.Status(cough) != NotSaid {
			t.Errorf("%q: the view found %q, which it does not hold", msg, cough.Src)
		}
		if strings.Contains(msg, "cough") && full.Status(cough) == NotSaid {
			t.Errorf("%q: the library missed %q", msg, cough.Src)
		}
	}
	late := compile("left arm")
	doc := l.an.Analyze("a pain down my left arm")
	if !v.ScanReusing(Hits{}, doc).Has(late) {
		t.Error("a view of a library that compiled a pattern since must scan it all")
	}
}
