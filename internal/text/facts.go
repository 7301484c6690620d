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
		if w == "born" {
			if v, ok := bornWhen(ws, i); ok {
				setAge(v)
			}
		}
		var n float64
		if t.num {
			v, err := strconv.ParseFloat(w, 64)
			if err != nil {
				continue
			}
			n = v
		} else if v, ok := wordNumber(ws, i); ok {
			// A number in words is an age only in the plainest forms: "a two
			// week old", "born ten days ago", "my son is six weeks".
			next, prev := word(i+1), word(i-1)
			if word(i+2) == "old" || word(i+2) == "ago" && bornBefore(ws, i) ||
				!yearUnits[next] && !hourUnits[next] && word(i+2) != "ago" && (personWord(prev) || youngPossessive[prev] || (prev == "is" || prev == "s") && near(ws, i, youngWords, 4)) {
				setAge(inYears(v, next))
			}
			continue
		} else {
			continue
		}
		next, next2, prev := word(i+1), word(i+2), word(i-1)
		switch {
		// "born 2 weeks ago", "was born at Arrowe Park 10 days ago": the
		// baby's age, however many words stand between.
		case (weekUnits[next] || dayUnits[next] || monthUnits[next] || hourUnits[next]) && next2 == "ago" && bornBefore(ws, i):
			setAge(inYears(n, next))
		// Any other "2 weeks ago" is when something happened, not an age:
		// "had my little girl 12 days ago" (the mother's own message).
		case (weekUnits[next] || dayUnits[next] || monthUnits[next] || yearUnits[next] || hourUnits[next]) && next2 == "ago":
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
		// A time since a birth or an operation is not an age: "I'm 5 months
		// postpartum", "3 months post partum", "2 years post op", "4 months
		// after my c-section". Months told of a pregnancy are a pregnancy,
		// not an age: "I'm 5 months pregnant".
		case (monthUnits[next] || weekUnits[next] || yearUnits[next] || dayUnits[next]) && notAgeAfterUnit[next2]:
			if next2 == "pregnant" {
				f.Pregnant = true
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
		// "4 and half months": the same with the "a" left out.
		case next == "and" && next2 == "half" && (monthUnits[word(i+3)] || weekUnits[word(i+3)]):
			if monthUnits[word(i+3)] {
				setAge((n + 0.5) / 12)
			} else {
				setAge((n + 0.5) / 52)
			}
		// "4mo baby", "5 months baby with a temp", "10 week old" said
		// before the baby word: months or weeks straight before a word for
		// a baby or child (weeks stop at 16, as below).
		case (monthUnits[next] && n <= 24 || weekUnits[next] && n <= 16) && (babyWords[next2] || youngWords[next2] && next2 != "one") && ws[i+2].clause == t.clause:
			setAge(inYears(n, next))
		// A message that opens with a baby's age in months as a clause of
		// its own: "5 months, temp 39 tonight". Months stop at 24; "6 months
		// of back pain" (the clause goes on) is not an age.
		case i == 0 && monthUnits[next] && n <= 24 && (i+2 >= len(ws) || ws[i+2].clause != t.clause):
			setAge(n / 12)
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
		// "my baby has 4 months", "she have 5 month": a baby's age told
		// with "has" or "have" (as in many languages), with a word for a baby
		// or child just before; not "3 weeks to go", "2 months left" or "of".
		case (monthUnits[next] && n <= 24 || weekUnits[next] && n <= 16) && (prev == "has" || prev == "have") &&
			near(ws, i, youngWords, 4) && next2 != "to" && next2 != "left" && next2 != "of" && next2 != "until" && next2 != "till":
			setAge(inYears(n, next))
		case yearUnits[next] && (next2 == "old" || next == "yo" || next == "yro" || ageLeadIn[prev] ||
			prev == "my" || prev == "a" || prev == "an" || prev == "our" || prev == "is" || prev == "s"):
			setAge(n)
		case monthUnits[next] && (next2 == "old" || ageLeadIn[prev] || prev == "my" || prev == "a" || prev == "our" || prev == "is" || prev == "s"):
			setAge(n / 12)
		case weekUnits[next] && next2 == "old", weekUnits[next] && (prev == "is" || prev == "s") && near(ws, i, babyWords, 3):
			setAge(n / 52)
		case dayUnits[next] && next2 == "old":
			setAge(n / 365)
		// "my son is 10 days", "she's 12 days and hot": days after a person.
		case dayUnits[next] && n <= 60 && (personWord(prev) || youngPossessive[prev] || (prev == "is" || prev == "s") && near(ws, i, youngWords, 4)):
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
		// An adult's age after a word for someone who is not family: "my
		// neighbour (82) fell", "our lodger, 67, is confused". Adults only,
		// so that "my neighbour 2 doors down" is no age (tuning aa3-070).
		case adultPersonWords[prev] && n >= 18 && n < 110 && n == float64(int(n)) && !notAgeAfter[next]:
			setAge(n)
		// "my son is 16 and has ...", "my daughter's 9 and ...": after a person, "and" ends the age.
		case (!notAgeAfter[next] || next == "and" && (prev == "is" || prev == "s" || personWord(prev))) && n >= 1 && n < 110 && n == float64(int(n)) &&
			(personWord(prev) || (prev == "is" || prev == "s") && personWord(word(i-2))):
			setAge(n)
		}
	}
	// "my newborn", "a newborn with a temperature": a baby in its first
	// weeks, when no age was given ("newborn hearing test" names a check,
	// not the baby's age).
	if f.AgeYears < 0 {
		for i, t := range ws {
			if (t.word == "newborn" || t.word == "newborns") && !newbornCheck[word(i+1)] && !newbornCheck[word(i+2)] {
				setAge(newbornAge)
				break
			}
		}
	}
	return f
}

// newbornAge is the age read from "newborn" alone: two weeks (the NHS calls
// a baby newborn in its first 4 weeks).
const newbornAge = 14.0 / 365

// newbornCheck are words after "newborn" that name a check or a service for
// new babies rather than the baby whose age it is.
var newbornCheck = set("hearing", "screening", "screen", "test", "tests", "check", "checks", "examination", "exam",
	"physical", "blood", "bloodspot", "spot", "heel", "clinic", "appointment", "unit", "ward", "team", "service", "services", "nurse")

var hourUnits = set("hour", "hours", "hr", "hrs")

// inYears is n of the unit u (a year, month, week, day or hour unit) in years.
func inYears(n float64, u string) float64 {
	switch {
	case monthUnits[u]:
		return n / 12
	case weekUnits[u]:
		return n / 52
	case dayUnits[u]:
		return n / 365
	case hourUnits[u]:
		return n / (365 * 24)
	}
	return n
}

// numberWords are small numbers written as words. They are read as a number
// only before a unit of age ("a two week old", "born ten days ago"); "a",
// "an" and "few" only in "a week old" or "born a few days ago".
var numberWords = map[string]float64{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "few": 3,
}

// wordNumber reads the word at i as a number when it is a number word
// followed by a unit of age.
func wordNumber(ws []rawTok, i int) (float64, bool) {
	if ws[i].kind&kindNumberWord == 0 || i+1 >= len(ws) { // most words: known from their kind, no look-up
		return 0, false
	}
	v, ok := numberWords[ws[i].word]
	if !ok {
		return 0, false
	}
	u := ws[i+1].word
	if !(yearUnits[u] || monthUnits[u] || weekUnits[u] || dayUnits[u] || hourUnits[u]) || ws[i+1].clause != ws[i].clause {
		return 0, false
	}
	if w := ws[i].word; w == "a" || w == "an" || w == "few" {
		after := ""
		if i+2 < len(ws) {
			after = ws[i+2].word
		}
		if !(after == "old" || after == "ago" && bornBefore(ws, i)) {
			return 0, false
		}
	}
	return v, true
}

// bornBefore reports whether "born" stands up to 5 words before i in the
// same clause, not denied ("wasn't born yesterday").
func bornBefore(ws []rawTok, i int) bool {
	for j := i - 1; j >= 0 && j >= i-5 && ws[j].clause == ws[i].clause; j-- {
		if ws[j].word == "born" {
			return !(j > 0 && ws[j-1].kind&kindNegation != 0)
		}
	}
	return false
}

// bornDays are the days a baby "born on Tuesday", "born yesterday" or "born
// last night" may be said to be born on: within the last week.
var bornDays = set("today", "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "weekend")

// bornWhen reads the age of a baby "born" at i from the words after it, up to
// five in the same clause: "born yesterday", "born on Tuesday", "born at
// Arrowe Park last night" (days old), "born last week", "born last month". A
// denied "born" ("I wasn't born yesterday") says nothing.
func bornWhen(ws []rawTok, i int) (float64, bool) {
	if i > 0 && ws[i-1].kind&kindNegation != 0 {
		return 0, false
	}
	for j := i + 1; j < len(ws) && j <= i+5 && ws[j].clause == ws[i].clause; j++ {
		w, prev := ws[j].word, ws[j-1].word
		switch {
		case bornDays[w], w == "night" && (prev == "last" || prev == "this"), (w == "morning" || w == "afternoon" || w == "evening" || w == "week") && prev == "this":
			return 2.0 / 365, true
		case w == "week" && prev == "last":
			return 10.0 / 365, true
		case w == "month" && prev == "last":
			return 1.0 / 12, true
		}
	}
	return 0, false
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

// adultPersonWords name someone not family, whose age may follow the word
// ("my neighbour (82)"); read only as an adult's age.
var adultPersonWords = set("neighbour", "neighbours", "neighbor", "neighbors", "colleague", "flatmate", "housemate",
	"lodger", "resident", "friend", "patient", "client")

// notAgeAfterUnit are words after "N months" (weeks, years, days) that make
// it a time since a birth or an operation, or into a pregnancy, not an age.
var notAgeAfterUnit = set("postpartum", "postnatal", "post", "pp", "after", "pregnant", "into")
