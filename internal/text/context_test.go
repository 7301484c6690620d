package text

import (
	"strings"
	"testing"
)

func TestHistorical(t *testing.T) {
	a := NewAnalyzer(Lexicon{})
	cases := []struct {
		msg  string
		word string // the first token with this raw word is tested
		past bool
	}{
		{"had chest pain two years ago", "chest", true},
		{"i used to have fits", "fits", true},
		// A comparison with the past is now before "like" or "the way".
		{"ive got the urge to burn myself like i used to", "urge", false},
		{"the urges are back the way they used to be", "urges", false},
		{"i get chest pain like i used to", "chest", false},
		{"had asthma as a child", "asthma", true},
		{"my dad had a stroke last year", "stroke", true},
		{"in the past i had a clot", "clot", true},
		{"two falls in the past month and unsteady", "falls", false},
		{"dizzy spells in the past few weeks", "dizzy", false},
		{"had a clot in the past", "clot", true},
		{"had chest pain two years ago, now it is back", "chest", true},
		{"chest pain started 2 hours ago", "chest", false},
		{"had a fall 3 days ago", "fall", false},
		{"had a heart attack last year and now chest pain again", "chest", false},
		{"used to get migraines but this headache is the worst ever", "headache", false},
		{"when i walk my chest hurts", "chest", false},
		{"his lips went blue when he was coughing", "lips", false},
		{"she had fits when she was little", "fits", true},
		{"i had asthma when i was a child", "asthma", true},
		{"had migraines when i was at school", "migraines", true},
		{"chest pain for two years", "chest", false},
		{"had chest pain last year and it has come back", "chest", false},
		{"i'm used to chest pain from my angina", "chest", false},
		{"knocked out in a car crash in 2010 and i get headaches", "knocked", true},
		{"fell off a ladder in 2015", "ladder", true},
		{"chest pain since 2019 and it is worse today", "chest", false},
		// Long ago, however it is said, is the past; started long ago and
		// still here is not.
		{"i fainted once ages ago at a wedding", "fainted", true},
		{"passed out a long time ago after a jab", "passed", true},
		{"had a seizure long ago as a teenager", "seizure", true},
		{"this rash started ages ago and is still spreading", "rash", false},
		{"fainted a long time ago and now i have fainted again", "fainted", false},
		// Something that has not gone away is still happening.
		{"had flu two months ago and the cough hasn't cleared", "cough", false},
		{"burnt my hand a month ago and it never healed", "burnt", false},
		{"had shingles a year ago and it has gone", "shingles", true},
		{"had a cough a year ago and i have not been ill", "cough", true},
		// A date makes the past only from "who", "which", "whose", "when" or
		// "than" before it; without one the whole clause is the past.
		{"dad is far more confused and keeps asking for his brother who died in 1975", "confused", false},
		{"dad is far more confused and asking for his brother who died in 1975", "confused", false},
		{"dad is far more confused and asking for his brother who died in 1975", "died", true},
		{"my chest feels tight like when i had my heart attack two years ago", "chest", false},
		{"my chest feels tight like when i had my heart attack two years ago", "attack", true},
		{"my dad is 80 and had a stroke in 2015", "stroke", true},
		{"my dad is 80 and had a stroke in 2015", "dad", true},
		{"he had seizures when he was a toddler", "seizures", true},
		// An age of childhood after "when", the child named or not (emover).
		{"when my son was 2 he had a febrile convulsion", "convulsion", true},
		{"she had a fit when she was three", "fit", true},
		{"when our daughter was a baby she had fits", "fits", true},
		{"when my son was coughing his lips went blue", "lips", false},
		{"when he was 2 he had a fit and now he is fitting again", "fit", false},
		{"when my daughter was 4 weeks old she went blue", "blue", false},
		{"she broke her hip last year which was awful", "hip", true},
		// A month name dates the clause only after a date boundary word.
		{"can i get the x-ray report from when i fell off a ladder in october", "ladder", true},
		{"can i get the x-ray report from when i fell off a ladder in october", "report", false},
		{"the letter about the man who knocked me off my bike in june never came", "bike", true},
		{"fell off a ladder in october and my back is killing me", "ladder", false},
		{"my scan in march, is it still on", "scan", false},
		{"when i got hit by a car in may it hurt and it still hurts now", "hit", false},
		// "Back" after a span, or "way back in" a month or year, tells when:
		// the past as "ago" is, not a return (timeBack).
		{"my knee swelled up a month back and has settled", "knee", true},
		{"the dizzy turn was way back in june", "dizzy", true},
		{"fainted at work way back in 2019", "fainted", true},
		{"the migraine is back and worse than ever", "migraine", false},
		{"on the way back in the taxi my chest went tight", "chest", false},
		{"had pneumonia back in the winter, when is my chest clinic", "pneumonia", true},
		{"the eczema is back in the winter and itching", "eczema", false},
		// "Back in <month>" tells when too; "going back in march" does not.
		{"my son had a febrile convulsion back in march", "convulsion", true},
		{"the fits came back in march and he is fitting now", "fitting", false},
		// "Back then" tells the past, as "previously" does.
		{"i had a breakdown in my twenties and good help back then", "breakdown", true},
		{"i was in a dark place back then but i am fine now", "dark", true},
		{"the pain came back then eased off", "pain", false},
	}
	for _, c := range cases {
		d := a.Analyze(c.msg)
		at := -1
		for i, tok := range d.Tokens {
			if tok.Raw == c.word {
				at = i
				break
			}
		}
		if at < 0 {
			t.Fatalf("%q: no token %q", c.msg, c.word)
		}
		if got := d.Historical(at); got != c.past {
			t.Errorf("%q: Historical(%q) = %v, want %v", c.msg, c.word, got, c.past)
		}
	}
}

func TestLanguage(t *testing.T) {
	for msg, want := range map[string]string{
		"Potrzebuję lekarza, boli mnie brzuch":           "pl",
		"moje dziecko ma gorączkę":                       "pl",
		"nie mowie po angielsku, prosze o pomoc":         "pl",
		"Mă doare burta foarte rău":                      "ro",
		"buna ziua, copilul meu are febra":               "ro",
		"Estou com muita dor de cabeça":                  "pt",
		"meu filho tem febre, preciso de ajuda":          "pt",
		"أحتاج إلى طبيب، ابني مريض":                      "ar",
		"مجھے ڈاکٹر کی ضرورت ہے":                         "ur",
		"আমার পেটে ব্যথা":                                "bn",
		"我的孩子发烧了":                                        "zh",
		"my chest hurts":                                 "",
		"I saw Dr Kowalczyk about my back":               "",
		"my friend Ana is from Portugal and has a fever": "",
		"nie": "",
		"":    "",
	} {
		if got := Language(msg); got != want {
			t.Errorf("Language(%q) = %q, want %q", msg, got, want)
		}
	}
}

// "Back" told of time is read as "ago"; the body part and a return are not.
func TestTimeBack(t *testing.T) {
	a := NewAnalyzer(Lexicon{})
	for msg, want := range map[string]string{
		"the aches were a couple of weeks back":        "the aches were a couple of weeks ago",
		"a while back i had a funny turn":              "a while ago i had a funny turn",
		"had it way back in march":                     "had it way ago in march",
		"three days back pain and a fever":             "three days back pain and a fever",
		"the cramps are back":                          "the cramps are back",
		"on the way back in the car":                   "on the way back in the car",
		"had a bad chest infection back in the summer": "had a bad chest infection ago in the summer",
		"the hay fever is back in the spring":          "the hay fever is back in the spring",
		"my back in the winter gets stiff":             "my back in the winter gets stiff",
		"the rash came back in the autumn":             "the rash came back in the autumn",
		"had a fit back in march":                      "had a fit ago in march",
		"im going back in march":                       "im going back in march",
		"she is due back in june":                      "she is due back in june",
	} {
		var words []string
		for _, tok := range a.Analyze(msg).Tokens {
			words = append(words, tok.Raw)
		}
		if got := strings.Join(words, " "); got != want {
			t.Errorf("%q read as %q, want %q", msg, got, want)
		}
	}
}

// Weeks of pregnancy that open a message are a pregnancy; a baby's age, a
// span or weeks of a treatment are not.
func TestGestationOpening(t *testing.T) {
	a := NewAnalyzer(Lexicon{})
	for msg, want := range map[string]bool{
		"29 weeks, my feet itch like mad at night":          true,
		"37+2 and the headache won't shift":                 true,
		"at 34wks and feeling a lot of pressure down below": true,
		"nearly 40 weeks and I've had a few twinges":        true,
		"my 8 week old has a snuffly nose":                  false,
		"6 weeks and this cough still won't shift":          false,
		"22 weeks of physio and my knee still clicks":       false,
		"21 weeks ago I had my gallbladder out":             false,
		"I've had a rash for 25 weeks":                      false,
		"30 week old baby with a temperature":               false,
	} {
		if got := a.Analyze(msg).Facts.Pregnant; got != want {
			t.Errorf("%q: pregnant %v, want %v", msg, got, want)
		}
	}
}
