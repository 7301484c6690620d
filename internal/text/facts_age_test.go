package text

import "testing"

// "<person> is 16 and ..." gives the age; "and" after a bare number does not.
func TestAgeBeforeAnd(t *testing.T) {
	an := NewAnalyzer(Lexicon{})
	cases := []struct {
		msg  string
		want float64
	}{
		{"my son is 16 and has a rash on one side", 16},
		{"my daughter's 9 and has earache", 9},
		{"took 2 and then 2 more tablets", -1},
	}
	for _, c := range cases {
		if got := an.Analyze(c.msg).Facts.AgeYears; got != c.want {
			t.Errorf("%q: age %v, want %v", c.msg, got, c.want)
		}
	}
}
