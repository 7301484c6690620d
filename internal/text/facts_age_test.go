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

// A baby's age is read from when it was born, from a number in words and from
// "newborn"; a time ago that is not a birth, and a denied birth, give no age.
func TestBabyAgeFromBirthAndWords(t *testing.T) {
	an := NewAnalyzer(Lexicon{})
	const day, week = 1.0 / 365, 1.0 / 52
	cases := []struct {
		msg      string
		min, max float64 // the age read lies in [min, max]; max < 0: no age
	}{
		{"our son was born 9 days ago and feels warm", 9 * day, 9 * day},
		{"she was born three weeks ago", 3 * week, 3 * week},
		{"he was born at the birth centre 2 weeks ago", 2 * week, 2 * week},
		{"little one was born a week ago", week, week},
		{"born 6 hours ago and very sleepy", 0, day},
		{"she was born on Sunday and is off her feeds", 0, 7 * day},
		{"baby born yesterday evening", 0, 7 * day},
		{"he was born at home last night", 0, 7 * day},
		{"twins born last week", 0, 14 * day},
		{"our daughter was born last month", 0, 2.0 / 12},
		{"my two week old is hot", 2 * week, 2 * week},
		{"a six-month-old with a rash", 0.5, 0.5},
		{"my son is ten days and won't feed", 10 * day, 10 * day},
		{"the baby is a few weeks old", 2 * week, 4 * week},
		{"my newborn feels hot", 0, 4 * week},
		{"my daughter is 12 days and sleepy", 12 * day, 12 * day},
		{"my newborn is 6 weeks old", 6 * week, 6 * week},
		// No age.
		{"I wasn't born yesterday, this cough is not a cold", -1, -1},
		{"had my little girl 12 days ago and I feel shivery", -1, -1},
		{"my son 2 weeks ago had a cold", -1, -1},
		{"he was born 3 weeks early", -1, -1},
		{"the newborn hearing test was cancelled", -1, -1},
		{"I am two weeks into my antibiotics", -1, -1},
		{"it is two years since my operation", -1, -1},
		{"a week ago I twisted my knee", -1, -1},
	}
	for _, c := range cases {
		got := an.Analyze(c.msg).Facts.AgeYears
		if c.max < 0 {
			if got >= 0 {
				t.Errorf("%q: age %v, want none", c.msg, got)
			}
			continue
		}
		if got < c.min-1e-9 || got > c.max+1e-9 {
			t.Errorf("%q: age %v years, want %v to %v", c.msg, got, c.min, c.max)
		}
	}
}

// A baby's age written before the baby word, with "and half", or opening the
// message as a clause of its own is read; longer spans that are not an age
// are not.
func TestBabyAgeShortForms(t *testing.T) {
	an := NewAnalyzer(Lexicon{})
	cases := []struct {
		msg   string
		weeks float64 // -1: no age
	}{
		{"5mo baby with a temp of 39.3 tonight", 5 * 52.0 / 12},
		{"3 months baby girl, hot and grizzly", 3 * 52.0 / 12},
		{"10 weeks baby not feeding well", 10},
		{"the baby is 5 and half months and feverish", 5.5 * 52 / 12},
		{"4 months, temperature 39.4, feeding ok", 4 * 52.0 / 12},
		{"6 months of back pain and now a fever", -1},
		{"3 weeks of cough, baby brother has it too", -1},
	}
	for _, c := range cases {
		f := an.Analyze(c.msg).Facts
		got := -1.0
		if f.AgeKnown() {
			got = f.AgeYears * 52
		}
		if d := got - c.weeks; d > 0.01 || d < -0.01 {
			t.Errorf("%q: age %.2f weeks, want %.2f", c.msg, got, c.weeks)
		}
	}
}

// A time since a birth or an operation, or into a pregnancy, is not the
// person's age ("I'm 4 months postpartum" is an adult); a baby's age in
// months still is.
func TestTimeSinceBirthIsNotAnAge(t *testing.T) {
	an := NewAnalyzer(Lexicon{})
	for _, msg := range []string{
		"I'm 4 months postpartum and my periods haven't come back",
		"im 6 weeks post partum, is this bleeding normal",
		"I am 2 years post op from my hip",
		"I'm 6 months pregnant with pelvic pain",
	} {
		if got := an.Analyze(msg).Facts.AgeYears; got != -1 {
			t.Errorf("%q: age %v, want none", msg, got)
		}
	}
	if f := an.Analyze("I'm 6 months pregnant with pelvic pain").Facts; !f.Pregnant {
		t.Errorf("months pregnant: not read as pregnant")
	}
	for msg, want := range map[string]float64{
		"my baby is 4 months old and off her feeds": 4.0 / 12,
		"I'm 34 and breastfeeding":                  34,
	} {
		if got := an.Analyze(msg).Facts.AgeYears; got != want {
			t.Errorf("%q: age %v, want %v", msg, got, want)
		}
	}
}

// An adult's age after a word for someone not family ("my neighbour (82)")
// is read; a small number after it ("2 doors down") and a distance are not.
func TestAdultAgeAfterNeighbour(t *testing.T) {
	an := NewAnalyzer(Lexicon{})
	for msg, want := range map[string]float64{
		"popped in on my neighbour (82), she fell last night":   82,
		"our lodger, 67, has gone very confused":                67,
		"my neighbour 2 doors down has a fever":                 -1,
		"my friend 20 minutes away says she has chest pain":     -1,
		"my neighbour 30 years ago had the same, now I have it": -1,
	} {
		if got := an.Analyze(msg).Facts.AgeYears; got != want {
			t.Errorf("%q: age %v, want %v", msg, got, want)
		}
	}
}
