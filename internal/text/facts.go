package text

import "strconv"

// Facts are what a message says about the person it concerns, as far as
// simple reading can tell. Unknown values are zero: AgeYears < 0 means the age
// was not given.
type Facts struct {
	AgeYears      float64 // years, fractional for babies; -1 when unknown
	Sex           string  // "male", "female" or ""
	Pregnant      bool
	PregnantWeeks int
	TempC         float64 // a measured temperature in °C, 0 when none was given
	Baby          bool    // a baby or newborn is mentioned
}

// AgeKnown reports whether an age was read from the message.
func (f Facts) AgeKnown() bool { return f.AgeYears >= 0 }

var (
	yearUnits  = set("yo", "yr", "yrs", "year", "years", "yro", "yearold", "yrold")
	monthUnits = set("month", "months", "mth", "mths", "mo", "mos", "mnth", "mnths", "mnt", "mon")
	weekUnits  = set("week", "weeks", "wk", "wks")
	dayUnits   = set("day", "days")
	// Words after a number that show it is not an age.
	notAgeAfter = set("week", "weeks", "wk", "wks", "day", "days", "hour", "hours", "hr", "hrs", "min", "mins",
		"minute", "minutes", "time", "times", "x", "puffs", "puff", "tablets", "tablet", "pills", "kg", "lbs",
		"stone", "percent", "mg", "ml", "am", "pm", "oclock", "cm", "mm", "inches", "miles", "nights", "night",
		"month", "months", "year", "years", "weeks pregnant", "pregnant", "c", "degrees", "units", "glasses",
		"more", "or", "to", "of", "feet", "ft", "metres", "m", "f")
	ageLeadIn = set("im", "am", "aged", "age", "iam")
	// Words naming the person a message is about; the possessive forms
	// ("boy's" becomes "boys") are listed too.
	maleWords = set("he", "hes", "him", "his", "son", "sons", "boy", "boys", "husband", "husbands", "dad", "dads",
		"father", "fathers", "grandad", "grandads", "granddad", "grandfather", "brother", "brothers", "man", "mans",
		"bloke", "blokes", "male", "guy", "lad", "partner's_male", "boyfriend", "uncle", "grandson", "nephew")
	femaleWords = set("she", "shes", "her", "daughter", "daughters", "girl", "girls", "wife", "wifes", "mum", "mums",
		"mother", "mothers", "mom", "moms", "nan", "nans", "nana", "gran", "grans", "grandma", "grandmother",
		"sister", "sisters", "woman", "womans", "lady", "female", "girlfriend", "aunt", "auntie", "granddaughter", "niece")
	babyWords = set("baby", "babys", "babies", "newborn", "newborns", "infant", "infants", "bub")
	// Units after a number that show it is not a temperature.
	notTempAfter = set("week", "weeks", "wk", "wks", "day", "days", "hour", "hours", "hr", "hrs", "min", "mins",
		"minute", "minutes", "year", "years", "yo", "yr", "yrs", "month", "months", "kg", "lbs", "mg", "ml", "mmol",
		"puffs", "tablets", "pills", "percent", "bpm", "times")
	tempLeadIn = set("temp", "temps", "temperature", "temperatures", "fever", "thermometer", "reading", "tempreture", "temprature")
)

// youngPossessive and youngWords name a baby or child, so that a number of
// weeks or months after them is read as an age.
var (
	youngPossessive = set("babys", "shes", "hes", "sons", "daughters", "boys", "girls", "lo", "bubs", "newborns", "infants")
	youngWords      = set("baby", "babys", "newborn", "infant", "son", "daughter", "boy", "girl", "one", "lo", "child", "toddler", "bub")
)

// tempWindow is how many words back a temperature's lead-in ("temp") may stand.
const tempWindow = 8

// readFacts reads age, sex, pregnancy and temperature from folded words.
func readFacts(ws []rawTok) Facts {
	f := Facts{AgeYears: -1}
	word := func(i int) string {
		if i < 0 || i >= len(ws) {
			return ""
		}
		return ws[i].word
	}
	setAge := func(v float64) {
		if f.AgeYears < 0 && v >= 0 && v < 120 {
			f.AgeYears = v
		}
	}
	for i, t := range ws {
		w := t.word
		// The analyser looked the word up in every list at once (t.kind).
		if t.kind&kindBaby != 0 {
			f.Baby = true
		}
		if f.Sex == "" {
			switch {
			case t.kind&kindMale != 0:
				f.Sex = "male"
			case t.kind&kindFemale != 0:
				f.Sex = "female"
			}
		}
		if w == "pregnant" || w == "pregnancy" {
			neg := false
			for j := i - 1; j >= 0 && j >= i-3; j-- {
				if ws[j].kind&kindNegation != 0 {
					neg = true
				}
			}
			if !neg {
				f.Pregnant = true
			}
		}
		if !t.num {
			continue
		}
		n, err := strconv.ParseFloat(w, 64)
		if err != nil {
			continue
		}
		next, next2, prev := word(i+1), word(i+2), word(i-1)
		switch {
		// Temperatures: "38.5c", "38 degrees", "temp 38.1", "temp of 101".
		// A lead-in may stand a few words back ("took her temp under her arm, it's 38.4"),
		// and a bare decimal such as "38.2" is read as a temperature too.
		case n >= 35 && n <= 43 && !notTempAfter[next] && (next == "c" || next == "degrees" || next == "deg" || next == "celsius" ||
			near(ws, i, tempLeadIn, tempWindow) || n >= 37 && n != float64(int(n))):
			if f.TempC == 0 {
				f.TempC = n
			}
		case n >= 95 && n <= 110 && !notTempAfter[next] && (next == "f" || next == "fahrenheit" || near(ws, i, tempLeadIn, tempWindow)):
			if f.TempC == 0 {
				f.TempC = (n - 32) * 5 / 9
			}
		// Pregnancy: "26 weeks pregnant", "I'm 30 weeks".
		case weekUnits[next] && (next2 == "pregnant" || ageLeadIn[prev] && next2 != "old"):
			f.Pregnant = true
			if f.PregnantWeeks == 0 && n <= 45 {
				f.PregnantWeeks = int(n)
			}
		// "2 and a half months": the unit comes after "and a half".
		case next == "and" && next2 == "a" && word(i+3) == "half" &&
			(monthUnits[word(i+4)] || weekUnits[word(i+4)] || yearUnits[word(i+4)]):
			switch u := word(i + 4); {
			case monthUnits[u]:
				setAge((n + 0.5) / 12)
			case weekUnits[u]:
				setAge((n + 0.5) / 52)
			default:
				setAge(n + 0.5)
			}
		// A baby's age in weeks or months after a person or a possessive:
		// "baby's 7 weeks", "she's 2 months and hot", "my son (5 weeks)",
		// "my little one is 6 weeks". Weeks stop at 16 so that pregnancy
		// weeks ("she's 30 weeks") are not read as an age.
		case (weekUnits[next] && n <= 16 || monthUnits[next] && n <= 24) &&
			(personWord(prev) || youngPossessive[prev] || (prev == "is" || prev == "s") && near(ws, i, youngWords, 4)):
			if weekUnits[next] {
				setAge(n / 52)
			} else {
				setAge(n / 12)
			}
		case yearUnits[next] && (next2 == "old" || next == "yo" || next == "yro" || ageLeadIn[prev] ||
			prev == "my" || prev == "a" || prev == "an" || prev == "our" || prev == "is" || prev == "s"):
			setAge(n)
		case monthUnits[next] && (next2 == "old" || ageLeadIn[prev] || prev == "my" || prev == "a" || prev == "our" || prev == "is" || prev == "s"):
			setAge(n / 12)
		case weekUnits[next] && next2 == "old", weekUnits[next] && (prev == "is" || prev == "s") && near(ws, i, babyWords, 3):
			setAge(n / 52)
		case dayUnits[next] && next2 == "old":
			setAge(n / 365)
		case next == "f" || next == "m":
			if n >= 10 && n < 110 {
				setAge(n)
				if f.Sex == "" || i <= 2 {
					f.Sex = map[string]string{"f": "female", "m": "male"}[next]
				}
			}
		case ageLeadIn[prev] && !notAgeAfter[next] && n >= 1 && n < 110:
			setAge(n)
		case i == 0 && next == "here":
			setAge(n)
		// "my son is 16 and has ...", "my daughter's 9 and ...": after a person, "and" ends the age.
		case (!notAgeAfter[next] || next == "and" && (prev == "is" || prev == "s" || personWord(prev))) && n >= 1 && n < 110 && n == float64(int(n)) &&
			(personWord(prev) || (prev == "is" || prev == "s") && personWord(word(i-2))):
			setAge(n)
		}
	}
	return f
}

func personWord(w string) bool {
	return maleWords[w] || femaleWords[w] || babyWords[w] || w == "child" || w == "kid" || w == "partner" || w == "i"
}

func near(ws []rawTok, i int, words map[string]bool, n int) bool {
	for j := i - 1; j >= 0 && j >= i-n; j-- {
		if words[ws[j].word] {
			return true
		}
	}
	return false
}
