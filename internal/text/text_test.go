package text

import (
	"slices"
	"strings"
	"testing"
)

func TestAnalyzeNormalises(t *testing.T) {
	a := NewAnalyzer(Lexicon{
		Spellings: map[string]string{"diarrea": "diarrhoea", "color": "colour"},
		Synonyms:  map[string][]string{"vomit": {"throw up", "threw up", "puke"}, "cant": {"cannot", "can not"}},
	})
	cases := []struct{ in, want string }{
		{"Can’t BREATHE!!", "cant breath"},
		{"I can not breathe", "i cant breath"},
		{"Is A&E open?", "is ae open"},
		{"is a & e open", "is ae open"},
		{"a and e", "ae"},
		{"he threw up twice", "he vomit twice"},
		{"diarrea", "diarrhoea"},
		{"the color changed", "the colour chang"},
		{"my 5yo", "my 5 yo"},
		{"her 7 y/o brother", "her 7 yo brother"},
		{"a 3 y.o. with a cough", "a 3 yo with a cough"},
		{"y/n", "y n"},
		{"temp 38.5c", "temp 38.5 c"},
		{"Café naïve", "cafe naiv"},
		// Chinese has no spaces: one word per character, punctuation still breaks.
		{"妈妈胸口很痛，呼吸困难", "妈 妈 胸 口 很 痛 呼 吸 困 难"},
		{"mum 胸痛 now", "mum 胸 痛 now"},
	}
	for _, c := range cases {
		if got := a.Analyze(c.in).String(); got != c.want {
			t.Errorf("Analyze(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTypoCorrectionAgainstVocabulary(t *testing.T) {
	a := NewAnalyzer(Lexicon{})
	a.SetVocabulary([]string{"seizure", "breathing", "unconscious", "bleeding"})
	cases := map[string]string{
		"siezure":     "seizur",   // swapped letters
		"breathign":   "breath",   // swapped at the end
		"unconsious":  "unconsci", // missing letter
		"bleedingg":   "bleed",    // extra letter
		"cat":         "cat",      // too short to guess
		"xylophoness": "xylopho",  // nothing near: left alone
	}
	for in, want := range cases {
		if got := a.Analyze(in).String(); got != want {
			t.Errorf("Analyze(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNegationScope(t *testing.T) {
	a := NewAnalyzer(Lexicon{})
	find := func(d Doc, w string) int {
		for i, t := range d.Tokens {
			if t.Word == w {
				return i
			}
		}
		return -1
	}
	cases := []struct {
		msg, word string
		negated   bool
	}{
		{"no chest pain", "chest", true},
		{"I have not got any chest pain", "chest", true},
		{"chest pain", "chest", false},
		{"no fever but she is floppy", "floppi", false},
		{"no fever. she is floppy", "floppi", false},
		{"he didn't hit his head, he has chest pain now", "chest", false},
		{"not sure what it is, my chest hurts", "chest", false},
		{"I don't have a headache or a rash", "headach", true},
	}
	for _, c := range cases {
		d := a.Analyze(c.msg)
		i := find(d, c.word)
		if i < 0 {
			t.Fatalf("%q: no token %q in %q", c.msg, c.word, d.String())
		}
		if got := d.Negated(i); got != c.negated {
			t.Errorf("%q: Negated(%q) = %v, want %v", c.msg, c.word, got, c.negated)
		}
	}
}

func TestFacts(t *testing.T) {
	a := NewAnalyzer(Lexicon{})
	cases := []struct {
		msg      string
		age      float64
		sex      string
		pregnant bool
		temp     float64
	}{
		{"my 8 year old son fell over", 8, "male", false, 0},
		{"my son is 16 and has a rash", 16, "male", false, 0},
		{"28F, burning when I wee", 28, "female", false, 0},
		{"bloke, 38. burning when i pee", 38, "male", false, 0},
		{"I'm 52 and have a rash", 52, "", false, 0},
		{"34 here. blocked nose", 34, "", false, 0},
		{"my baby is 6 weeks old, temp 38.4", 6.0 / 52, "", false, 38.4},
		{"my 8 month old daughter", 8.0 / 12, "female", false, 0},
		{"I'm 26 weeks pregnant and bleeding", -1, "", true, 0},
		{"I'm 30 weeks and the baby is moving", -1, "", true, 0},
		{"I am 28 and not pregnant", 28, "", false, 0},
		{"cough for 3 weeks, temperature of 39 degrees", -1, "", false, 39},
		{"my mum (53) is fitting", 53, "female", false, 0},
		{"had it for 2 years", -1, "", false, 0},
		{"took 10 puffs of my inhaler", -1, "", false, 0},
		{"my boy's 6 and has earache", 6, "male", false, 0},
		{"9 y/o girl, temp 38.6", 9, "female", false, 38.6},
	}
	for _, c := range cases {
		f := a.Analyze(c.msg).Facts
		if !approx(f.AgeYears, c.age) || f.Sex != c.sex || f.Pregnant != c.pregnant || !approx(f.TempC, c.temp) {
			t.Errorf("%q: got age %.3f sex %q pregnant %v temp %.1f; want %.3f %q %v %.1f",
				c.msg, f.AgeYears, f.Sex, f.Pregnant, f.TempC, c.age, c.sex, c.pregnant, c.temp)
		}
	}
}

func approx(a, b float64) bool { return a-b < 0.001 && b-a < 0.001 }

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"", "a&e", "my 5yo has 38.5c temp", "can't breathe!!", "日本語", "\xff\xfe", strings.Repeat("a ", 500), "38.", ".5", "a & ", "@x *"} {
		f.Add(s)
	}
	a := NewAnalyzer(Lexicon{Synonyms: map[string][]string{"vomit": {"throw up"}}})
	a.SetVocabulary([]string{"seizure", "breathing"})
	f.Fuzz(func(t *testing.T, s string) {
		d := a.Analyze(s)
		for i := range d.Tokens {
			d.Negated(i)
			if d.Tokens[i].Word == "" {
				t.Fatalf("empty token from %q", s)
			}
		}
		_ = Mask(s)
	})
}

func TestRealWordsAreNeverCorrected(t *testing.T) {
	a := NewAnalyzer(Lexicon{})
	a.SetVocabulary([]string{"broke", "hanging", "sweating", "seizure"})
	for _, w := range []string{"bloke", "changing", "swearing"} {
		if got := a.Analyze(w).Tokens[0].Raw; got != w {
			t.Errorf("the real word %q was corrected to %q", w, got)
		}
	}
	if got := a.Analyze("siezure").Tokens[0].Raw; got != "seizure" {
		t.Errorf("a misspelling was not corrected: %q", got)
	}
}

// Names of places and people, and words the lexicon keeps, are never
// corrected into a content word; a spelling in the lexicon still fixes a
// misspelling that happens to be a name.
func TestNamesAndKeptWordsAreNeverCorrected(t *testing.T) {
	a := NewAnalyzer(Lexicon{Keep: []string{"Clonic"}, Spellings: map[string]string{"bowell": "bowel"}})
	a.SetVocabulary([]string{"sprain", "bleeds", "brain", "telfast", "clinic", "water", "bowel", "cough"})
	for _, w := range []string{"spain", "leeds", "brian", "belfast", "clonic", "walter"} {
		if got := a.Analyze(w).Tokens[0].Raw; got != w {
			t.Errorf("%q was corrected to %q", w, got)
		}
	}
	for typed, want := range map[string]string{"sprian": "sprain", "bowell": "bowel", "coughh": "cough"} {
		if got := a.Analyze(typed).Tokens[0].Raw; got != want {
			t.Errorf("%q read as %q, want %q", typed, got, want)
		}
	}
}

func TestSentences(t *testing.T) {
	doc := NewAnalyzer(Lexicon{}).Analyze("pain, in my arm but ok... fine. what? yes! no; new\nline")
	var got []int32
	for _, tok := range doc.Tokens {
		got = append(got, tok.Sentence)
	}
	want := []int32{0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5}
	if !slices.Equal(got, want) {
		t.Errorf("sentences of %s = %v, want %v", doc, got, want)
	}
	if doc.Tokens[1].Clause == doc.Tokens[0].Clause || doc.Tokens[4].Clause == doc.Tokens[3].Clause {
		t.Errorf("a comma and \"but\" should still start a clause: %+v", doc.Tokens)
	}
}

// An adverb of "almost not" keeps its own stem: it never reads as the word
// it was built from, which means something else.
func TestAdverbsKeepTheirOwnStem(t *testing.T) {
	for _, c := range []struct{ adverb, root string }{
		{"hardly", "hard"}, {"barely", "bare"}, {"scarcely", "scarce"},
		{"shortly", "short"}, {"lately", "late"},
	} {
		if Stem(c.adverb) == Stem(c.root) {
			t.Errorf("Stem(%q) = Stem(%q) = %q: the adverb reads as its root", c.adverb, c.root, Stem(c.root))
		}
	}
	a := NewAnalyzer(Lexicon{})
	for _, c := range []struct{ in, want string }{
		{"my belly is hardly sore", "my belli is hardly sore"},
		{"my belly is hard and sore", "my belli is hard and sore"},
		{"she can barely swallow", "she can barely swallow"},
		{"breath got short shortly after", "breath got short shortly after"},
		{"my period is late", "my period is late"},
	} {
		if got := a.Analyze(c.in).String(); got != c.want {
			t.Errorf("Analyze(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
