package phrase

import "testing"

func TestGroupStatusAnyOrderOneClause(t *testing.T) {
	l := library(t)
	g, err := l.CompileGroup([]string{"@CHEST", "pain/hurts/hurt/tight"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		msg  string
		want Status
	}{
		{"chest pain", Present},
		{"a pain in the middle of my chest", Present},
		{"my chest feels tight", Present},
		{"my chest doesn't hurt", Absent},
		{"had chest pain two years ago", Past},
		{"had chest pain two years ago, now my chest hurts", Present},
		{"pain in my leg. a cold on my chest", NotSaid},
		{"sore throat", NotSaid},
	} {
		doc := l.an.Analyze(c.msg)
		if got := l.Scan(doc).GroupStatus(g); got != c.want {
			t.Errorf("%q: %s, want %s", c.msg, got, c.want)
		}
	}
}

func TestStatusOfOnePattern(t *testing.T) {
	l := library(t)
	p, err := l.Compile("fever")
	if err != nil {
		t.Fatal(err)
	}
	for msg, want := range map[string]Status{
		"a fever":                        Present,
		"no fever":                       Absent,
		"had a fever as a child":         Past,
		"no fever yesterday, fever now":  Present,
		"headache":                       NotSaid,
		"used to get a fever every year": Past,
	} {
		h := l.Scan(l.an.Analyze(msg))
		if got := h.Status(p); got != want {
			t.Errorf("%q: %s, want %s", msg, got, want)
		}
		if h.Has(p) != (want == Present) {
			t.Errorf("%q: Has = %v, want %v", msg, h.Has(p), want == Present)
		}
	}
}
