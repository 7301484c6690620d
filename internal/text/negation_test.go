package text

import "testing"

// negatedAt analyses msg with an empty lexicon and reports whether the word
// w (stemmed) is in the scope of a negation.
func negatedAt(t *testing.T, msg, w string) bool {
	t.Helper()
	d := NewAnalyzer(Lexicon{}).Analyze(msg)
	for i, tok := range d.Tokens {
		if tok.Word == Stem(w) {
			return d.Negated(i)
		}
	}
	t.Fatalf("%q has no word %q (tokens %s)", msg, w, d.String())
	return false
}

func TestNegated(t *testing.T) {
	cases := []struct {
		msg, word string
		want      bool
	}{
		{"no chest pain", "chest", true},
		{"she has not been sick", "sick", true},
		{"no fever but she is floppy", "floppy", false},         // "but" starts a new clause
		{"no fever, she is floppy", "floppy", false},            // so does a comma
		{"he is not responding, wont wake up", "wont", false},   // a negative-form symptom is never negated
		{"cant talk cant breathe", "cant", false},               // first "cant" starts the match
		{"i dont know why her face has dropped", "face", false}, // doubt, not denial
		{"not sure what is happening her lips are blue", "lips", false},
		{"no idea why his lips are blue", "lips", false},
		{"cannot stop vomiting and my tummy is swollen", "vomiting", false},
		{"she can't stop shaking", "shaking", false},
		{"never had chest pain before today", "chest", true},
		{"no trouble breathing or chest pain", "chest", true}, // a denial runs through "or"
		{"not breathless nor dizzy or sweaty at all", "sweaty", true},
		{"never any lip swelling or trouble breathing", "breathing", true}, // "any" takes no room in the window
		{"no trouble breathing and now chest pain", "chest", false},        // "and now" is not a list of denials
		{"no fever or rash, now really bad chest pain", "chest", false},
		{"not sick and seems fine", "seems", false},  // "and" + a verb starts a new statement
		{"not breathing and is blue", "blue", false}, // ... with its own yes or no
		{"no temperature and has a rash", "rash", false},
		{"not eating and drinking", "drinking", true}, // one denial of both
		{"no cough and runny nose", "runny", true},    // no verb: the list goes on
		{"mum cant talk lips bluey", "lips", false},   // a lost ability is a symptom, not a denial of what follows
		{"he couldnt breathe face grey", "face", false},
		{"cannot speak her arm is weak", "arm", false},
		{"cant talk or move her arm", "arm", true}, // through "or" the denial runs on
		{"i cant see any rash", "rash", true},      // seeing is not an ability lost in an emergency
		{"cant be chest pain surely", "chest", true},
		{"", "x", false},
	}
	for _, c := range cases {
		if c.msg == "" {
			if (Doc{}).Negated(0) {
				t.Error("empty doc reports a negation")
			}
			continue
		}
		if got := negatedAt(t, c.msg, c.word); got != c.want {
			t.Errorf("%q: %q negated = %v, want %v", c.msg, c.word, got, c.want)
		}
	}
}

func TestTemperatureFacts(t *testing.T) {
	cases := []struct {
		msg  string
		want float64
	}{
		{"temp 38.5", 38.5},
		{"took her temp under her arm, it's 38.4", 38.4},
		{"she is burning up, 38.9 on the thermometer", 38.9},
		{"her temperature was 101 F", (101 - 32) * 5.0 / 9},
		{"he's 38 years old with a temperature", 0},
		{"temperature for 38 hours", 0},
		{"my 40 year old husband has a fever", 0},
		{"weighs 38.5 kg", 0},
		{"blood sugar 2.1", 0},
	}
	for _, c := range cases {
		got := NewAnalyzer(Lexicon{}).Analyze(c.msg).Facts.TempC
		if got != c.want {
			t.Errorf("%q: TempC = %v, want %v", c.msg, got, c.want)
		}
	}
}

// A baby's age is what the under-3-months fever rule turns on, so the ways
// parents write it must all be read.
func TestBabyAges(t *testing.T) {
	cases := []struct {
		msg   string
		weeks float64 // expected age in weeks; -1 for unknown
	}{
		{"baby's 7 weeks and has a temp of 38.2", 7},
		{"she's 2 months and hot", 2 * 52.0 / 12},
		{"my little one is 6 weeks", 6},
		{"my son (5 weeks) has a fever", 5},
		{"baby is 2 and a half months", 2.5 * 52 / 12},
		{"my 8 wk old", 8},
		{"she's 30 weeks and has a headache", -1}, // pregnancy weeks, not an age
		{"had a cough for 3 weeks", -1},
	}
	for _, c := range cases {
		f := NewAnalyzer(Lexicon{}).Analyze(c.msg).Facts
		got := -1.0
		if f.AgeKnown() {
			got = f.AgeYears * 52
		}
		if d := got - c.weeks; d > 0.01 || d < -0.01 {
			t.Errorf("%q: age %.2f weeks, want %.2f", c.msg, got, c.weeks)
		}
	}
}
