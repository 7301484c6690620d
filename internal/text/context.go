package text

import (
	"strconv"
	"time"
)

// Time context: whether a clause tells of something over and done with ("had
// chest pain two years ago", "used to have fits", "as a child") rather than
// happening now. The cues are Signpost's own lay list, seeded from the
// history triggers of ConText (Harkema et al. 2009; chapmanbe/negex
// genConText/history_triggers.txt) and medspaCy's HISTORICAL rules, rewritten
// for how patients type. A present cue in the same clause ("now", "again",
// "still", "since", "started") wins, because a past event that is back or
// still going is happening now: when in doubt, the finding counts.

// pastPairs are two-word cues: the first word, then what may follow it.
var pastPairs = map[string]map[string]bool{
	"used": set("to"),
	// Not "last month" or "last week": recent enough to matter now (chemotherapy
	// last month, an operation last week).
	"last":    set("year", "summer", "winter", "spring", "autumn", "christmas", "decade"),
	"as":      set("a"), // "as a child", "as a baby", "as a teenager"
	"when":    set("i", "he", "she", "we", "they", "my", "our", "his", "her", "their", "your"),
	"history": set("of"),
	"in":      set("the"), // "in the past"; checked with the next word below
	"once":    set("had"),
}

// spanUnits end a recent span: "in the past month", "in the past few days".
var spanUnits = set("day", "days", "week", "weeks", "fortnight", "month", "months", "year", "hour", "hours", "24", "48")

// spanCounts may stand between "past" and the unit: "in the past few weeks",
// "in the past 2 months", "in the past couple of days".
var spanCounts = set("few", "couple", "of", "two", "three", "four", "five", "six", "several")

// recentSpan says whether the words from j name a recent span of time.
func recentSpan(ws []rawTok, j int) bool {
	for k := j; k < len(ws) && k < j+4; k++ {
		w := ws[k].word
		if spanUnits[w] {
			return true
		}
		if !spanCounts[w] && !isDigits(w) {
			return false
		}
	}
	return false
}

func isDigits(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// pastSingles are one-word cues.
var pastSingles = set("previously", "formerly", "historically", "childhood", "decades")

// agoUnits are the units before "ago" that put an event in the past. Hours,
// minutes and days ago are recent onset, which counts as now.
var agoUnits = set("year", "years", "yr", "yrs", "month", "months", "decade", "decades")

// presentCues keep a clause in the present.
var presentCues = set("now", "again", "still", "since", "started", "starting", "start", "starts", "today", "tonight",
	"currently", "keep", "keeps", "kept", "ongoing", "worse", "worsening", "returned", "recurring", "suddenly",
	"moment", "yesterday", "morning", "evening", "afternoon", "hours", "minutes", "mins", "hour", "week", "weeks", "days",
	"back", "recurred", "returning", "coming", "another")

// stillPairs are two-word present cues: something that has not gone away
// ("had a cold a month ago and the cough hasn't gone", "the rash never
// cleared") is still happening, whatever started it in the past.
var stillPairs = map[string]map[string]bool{
	"hasnt":  notGone,
	"havent": notGone,
	"didnt":  notGone,
	"wont":   notGone,
	"never":  set("went", "cleared", "stopped", "healed", "settled", "shifted", "improved", "eased", "resolved", "recovered"),
}

var notGone = set("gone", "go", "cleared", "clear", "stopped", "stop", "healed", "heal", "settled", "settle", "shifted",
	"shift", "improved", "improve", "eased", "ease", "budged", "budge", "resolved")

// backUnits are the spans that "back" may follow to tell a time gone by: "a
// few weeks back", "a month back", "a while back", "some time back".
var backUnits = set("day", "days", "week", "weeks", "wk", "wks", "fortnight", "fortnights", "month", "months",
	"year", "years", "yr", "yrs", "while", "ages", "time", "decade", "decades")

// backNotPast are words after "<span> back" that make "back" the body part
// ("two weeks back pain"), not a time.
var backNotPast = set("pain", "pains", "ache", "aches", "aching", "achy", "spasm", "spasms", "problem", "problems",
	"injury", "trouble", "sore", "stiff", "stiffness", "hurts", "hurting", "brace", "op", "operation", "surgery")

// months are the months by name, for "way back in May".
var months = set("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")

// timeBack reads "back" told of time as "ago": "the pains were a few weeks
// back" and "a month back" tell when, not that something has come back (a
// present cue and a return in the findings). "Way back in May" and "way back
// in 2019" tell the past too, as "ago" does; "on the way back in the car"
// does not.
func timeBack(ws []rawTok) {
	for i := 1; i < len(ws); i++ {
		if ws[i].word != "back" || ws[i-1].clause != ws[i].clause {
			continue
		}
		next, after := "", ""
		if i+1 < len(ws) && ws[i+1].clause == ws[i].clause {
			next = ws[i+1].word
			if i+2 < len(ws) && ws[i+2].clause == ws[i].clause {
				after = ws[i+2].word
			}
		}
		switch prev := ws[i-1].word; {
		case backUnits[prev] && !backNotPast[next]:
			ws[i].word, ws[i].kind, ws[i].card = "ago", wordKinds["ago"], nil
		case prev == "way" && next == "in" && (months[after] || pastYear(after)):
			ws[i].word, ws[i].kind, ws[i].card = "ago", wordKinds["ago"], nil
		case next == "in" && pastYear(after) && !backReturns[prev] && !backFuture[prev]:
			// "had a bad reaction back in 2022 and was given EpiPens" tells
			// when, as "in 2022" does; "it came back in 2022" and "my back in
			// 2022" do not, nor "see me back in 2027" (w2 study).
			ws[i].word, ws[i].kind, ws[i].card = "ago", wordKinds["ago"], nil
		case next == "in" && months[after] && !backReturns[prev] && !backFuture[prev] && !backAhead[prev]:
			// "had a febrile convulsion back in March" tells when, as "way
			// back in March" does; "going back in March", "due back in
			// March" and "it came back in March" do not.
			ws[i].word, ws[i].kind, ws[i].card = "ago", wordKinds["ago"], nil
		case next == "then" && !backReturns[prev] && !backFuture[prev]:
			// "had great support back then" tells a time gone by, as
			// "previously" does; "it came back then went" and "my back
			// then" do not (mhe).
			ws[i].word, ws[i].kind, ws[i].card = "previously", wordKinds["previously"], nil
		case next == "in" && after == "the" && i+3 < len(ws) && ws[i+3].clause == ws[i].clause &&
			seasons[ws[i+3].word] && !backReturns[prev]:
			// "had urosepsis from a stone back in the spring" tells when; "the
			// hay fever is back in the spring" and "my back in the winter" do not.
			ws[i].word, ws[i].kind, ws[i].card = "ago", wordKinds["ago"], nil
		}
	}
}

// backFuture before "back in <year>" tell of a return ahead ("see me back
// in 2027", "want him back"), not a time gone by.
var backFuture = set("me", "him", "us", "them", "you", "it", "see", "seen", "booked", "bring", "brought", "call",
	"called", "invite", "invited", "want", "wants")

// backAhead before "back in <month>" tell of a return still to come:
// "going back in March", "due back in May", "flying back in June".
var backAhead = set("going", "due", "flying", "fly", "heading", "head", "moving", "move", "travelling", "driving",
	"coming", "home", "start", "starting", "started", "gets", "getting", "put", "putting")

// seasons, for "back in the spring".
var seasons = set("spring", "summer", "autumn", "winter")

// backReturns before "back" make it a return or the body part, not a time:
// "it came back in the winter", "is back in the spring", "my back in the cold".
var backReturns = set("came", "come", "comes", "coming", "is", "its", "was", "are", "were", "be", "been", "went", "go",
	"goes", "gone", "get", "gets", "got", "my", "his", "her", "your", "their", "our", "the", "a", "lower", "upper",
	"mid", "middle", "bad", "sore", "comeback")

// dateBoundaries start the part of a clause that a date belongs to: "mum is
// much more muddled and asking for her sister who died in 1980", "my chest is
// tight like when I had my heart attack in 2019". A date ("in 1980", "two
// years ago", "last year") makes only that part the past; before it, the
// clause is told of now. With no such word the whole clause is the past, as
// "my mum is 80 and had a stroke in 2015" is.
var dateBoundaries = set("who", "which", "whose", "when", "than")

// monthNames date a clause only after a date boundary: "my notes from when I
// was knocked off my bike in August" is the past from "when"; "in August"
// alone may be ahead ("my scan in March", "due in May") and dates nothing.
var monthNames = set("january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "jan", "feb", "aug", "sept", "oct", "nov", "dec")

// markPast sets past on the words of each clause that tells of the past
// (clauses beyond the 64th count as one). A cue of a time of life ("as a
// child", "used to", "history of") makes its whole clause the past; a date
// makes the past only from the last date boundary before it; a present cue
// anywhere in the clause keeps all of it in the present.
func markPast(ws []rawTok) {
	var present uint64
	var from [64]int32 // the first word of a clause's past, plus 1; 0 none
	var start, boundary [64]int32
	var bounded uint64 // clauses with a date boundary word
	clamp := func(c int32) int32 {
		if c > 63 {
			return 63
		}
		return c
	}
	any := false
	for i := range ws {
		t := &ws[i]
		w := t.word
		c := clamp(t.clause)
		b := uint64(1) << uint(c)
		if i == 0 || clamp(ws[i-1].clause) != c {
			start[c], boundary[c] = int32(i), int32(i)
		}
		if t.kind&kindDateBoundary != 0 { // dateBoundaries[w], looked up with the word's kind
			boundary[c] = int32(i)
			bounded |= b
		}
		next := ""
		if i+1 < len(ws) && ws[i+1].clause == t.clause {
			next = ws[i+1].word
		}
		whole, date := false, false
		switch {
		case w == "kept" && next == "in":
			// "was kept in overnight", "they kept him in": a hospital stay
			// told, not something kept up now ("kept being sick").
		case t.kind&kindPresent != 0:
			present |= b
		case t.kind&kindStillPair != 0 && stillPairs[w][next]:
			present |= b
		case t.kind&kindPastSingle != 0:
			whole = true
		case w == "ago" && i > 0 && agoUnits[ws[i-1].word]:
			date = true
		case w == "ago" && i > 1 && ws[i-1].word == "while" && ws[i-2].word == "a":
			date = true
		case w == "ago" && i > 0 && (ws[i-1].word == "ages" || ws[i-1].word == "long" || ws[i-1].word == "way"):
			// "way ago" is "way back in May" (timeBack).
			// "fainted once ages ago", "a nosebleed long ago".
			date = true
		case w == "ago" && next == "in" && i+3 < len(ws) && ws[i+2].word == "the" && seasons[ws[i+3].word] &&
			ws[i+3].clause == t.clause:
			// "back in the spring" (timeBack).
			date = true
		case w == "ago" && next == "in" && i+2 < len(ws) && ws[i+2].clause == t.clause && months[ws[i+2].word]:
			// "back in March" (timeBack).
			date = true
		case w == "ago" && i > 1 && ws[i-1].word == "time" && ws[i-2].word == "long":
			// "fainted once a long time ago".
			date = true
		case w == "in" && next == "the" && i+2 < len(ws) && ws[i+2].word == "past" && !recentSpan(ws, i+3):
			// "in the past I had a clot" is the past; "two falls in the past
			// month" or "in the past few days" is a recent span, now.
			whole = true
		case w == "in" && pastYear(next):
			// "knocked out in a crash in 2010": a year before this one is the
			// past ("since 2019" is a present cue and wins).
			date = true
		case w == "in" && monthNames[next] && bounded&b != 0 && !(i > 0 && ws[i-1].word == "due"):
			// "from when I was hit by a car in August": a month after a date
			// boundary ("when", "who" ...) is the past from that word on.
			date = true
		case w == "last" && pastPairs[w][next]:
			date = true
		case w != "in" && t.kind&kindPastPair != 0 && pastPairs[w][next]:
			if w == "when" && !whenYounger(ws, i) {
				continue // "when I walk", "when he was coughing" are not the past
			}
			if w == "as" && !(i+2 < len(ws) && earlyLifeWords[ws[i+2].word]) {
				continue
			}
			if w == "used" && i > 0 && usedToNow[ws[i-1].word] {
				continue // "I'm used to it" is now, not the past
			}
			if w == "used" && i > 1 && ws[i-2].clause == t.clause && usedToLike[ws[i-2].word] {
				// "I've got the urge to burn myself like I used to": a
				// comparison with the past; what comes before "like" is now.
				if f := int32(i - 2); from[c] == 0 || f+1 < from[c] {
					from[c] = f + 1
				}
				any = true
				continue
			}
			whole = true
		}
		if whole || date {
			f := start[c]
			if date {
				f = boundary[c]
			}
			if from[c] == 0 || f+1 < from[c] {
				from[c] = f + 1
			}
			any = true
		}
	}
	if !any {
		return
	}
	for i := range ws {
		c := clamp(ws[i].clause)
		ws[i].past = from[c] != 0 && int32(i)+1 >= from[c] && present&(1<<uint(c)) == 0
	}
}

// pastYear reports whether w is a year before the current one ("2015").
func pastYear(w string) bool {
	if len(w) != 4 {
		return false
	}
	y, err := strconv.Atoi(w)
	return err == nil && y >= 1900 && y < time.Now().Year()
}

// whenYounger reports whether ws[i] ("when") starts "when I was a child",
// "when she was younger", "when I was at school": a time of life, not the
// moment something happened ("his lips went blue when he was coughing").
func whenYounger(ws []rawTok, i int) bool {
	word := func(k int) string {
		if k < len(ws) && ws[k].clause == ws[i].clause {
			return ws[k].word
		}
		return ""
	}
	// "when my son was 2", "when our daughter was a baby": the one it was
	// told of named after a possessive.
	at := i + 2
	if possessives[word(i+1)] {
		at = i + 3
	}
	if w := word(at); w != "was" && w != "were" {
		return false
	}
	switch w := word(at + 1); {
	case youngerWords[w] || earlyLifeWords[w]:
		return true
	case w == "a":
		return earlyLifeWords[word(at+2)]
	case w == "at":
		return schoolWords[word(at+2)]
	case childAge(w):
		// "when he was 2 he had a febrile convulsion": an age in years
		// (days and weeks are present cues and keep the clause now).
		return true
	}
	return false
}

var possessives = set("my", "our", "his", "her", "their", "your")

// childAge reports whether w is an age of early childhood told as a number,
// 1 to 12, in digits or words. Teenage years are left to the content's own
// findings ("attempted suicide when she was 16": attempt_long_ago).
func childAge(w string) bool {
	if n, err := strconv.Atoi(w); err == nil {
		return n >= 1 && n <= 12
	}
	return childAgeWords[w]
}

var childAgeWords = set("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")

var youngerWords = set("younger", "young", "little", "small", "tiny")

var schoolWords = set("school", "uni", "university", "college", "primary", "secondary")

// usedToLike comes before "I used to" in a comparison ("like I used to",
// "the way he used to"): only the comparison is the past.
var usedToLike = set("like", "way")

var usedToNow = set("im", "am", "get", "got", "getting", "be", "being", "is", "its", "are", "youre", "hes", "shes")

var earlyLifeWords = set("child", "kid", "baby", "teenager", "teen", "toddler", "youngster", "boy", "girl")

// Historical reports whether token i sits in a clause, or the part of one
// after a date boundary, that tells of the past, with nothing in the clause
// saying it is happening now (see markPast).
func (d Doc) Historical(i int) bool {
	if i < 0 || i >= len(d.Tokens) {
		return false
	}
	return d.Tokens[i].past
}

// gestationLead may stand before the weeks that open a message: "at 28wks",
// "nearly 36 weeks".
var gestationLead = set("at", "about", "nearly", "almost", "just", "over", "now", "currently")

// notGestationAfter follow weeks that are not a pregnancy: an age ("20 weeks
// old"), a time gone by ("20 weeks ago") or a span of something ("24 weeks
// of chemo").
var notGestationAfter = set("old", "ago", "of", "since", "back", "pregnant", "gone", "pregnancy")

// gestationOpening reads weeks of pregnancy that open a message ("32 weeks,
// itchy palms", "32+4 and ...", "at 28wks") as "N weeks pregnant", as the
// notes and midwives write it: it returns where to put "pregnant" (after
// the weeks, or after the days of "32+4"), or -1. Only 20 to 42 weeks, the
// weeks of RF_GESTATION: fewer are as often how long something has gone on
// ("6 weeks and the cough won't go"), and a baby's age is told with "old"
// or after "my".
func gestationOpening(ws []rawTok) int {
	i := 0
	if len(ws) > 0 && gestationLead[ws[0].word] {
		i = 1
	}
	if i+1 >= len(ws) || !ws[i].num || ws[i+1].clause != ws[i].clause {
		return -1
	}
	n, err := strconv.Atoi(ws[i].word)
	if err != nil || n < 20 || n > 42 {
		return -1
	}
	at := -1
	switch next := ws[i+1]; {
	case next.word == "week" || next.word == "weeks" || next.word == "wk" || next.word == "wks":
		at = i + 2
	case next.num && len(next.word) == 1 && next.word[0] >= '0' && next.word[0] <= '6':
		at = i + 2 // "32+4": the + is not a word
	default:
		return -1
	}
	if at < len(ws) && ws[at].clause == ws[i].clause && notGestationAfter[ws[at].word] {
		return -1
	}
	return at
}

// Past told at the head of a sentence: "Last Tuesday, for about 5 minutes, my
// hand went numb and my words came out jumbled. Been fine since." The date
// opens the sentence and is cut off from the symptoms by commas, so no clause
// carries both, and the resolution is told in another sentence. A sentence
// that opens with a time days gone by ("last Tuesday", "on Sunday", "a week
// ago", "two days ago", "back in March", "the other day") is the past as a
// whole, but only when the message also says it has settled ("been fine
// since", "back to normal", "not happened again") and nothing says it is
// going on or back: "since last Tuesday", "last Tuesday and again now", "it
// keeps happening", "started on Sunday and still there" stay now. Today,
// last night, yesterday, this morning and hours ago are never such a date:
// stroke signs then are still 999 (NHS, Stroke: call 999 even if the
// symptoms go away), while a TIA days ago that has passed needs urgent
// same-day assessment (NHS, Transient ischaemic attack; NICE NG128 1.1.3-1.1.4,
// CKS TIA: within 7 days, specialist assessment within 24 hours).

var weekdays = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"mon", "tues", "tue", "weds", "wed", "thurs", "thur", "thu", "fri", "sat", "sun")

// openerLead may stand before the date: "so last Tuesday", "well on Sunday".
var openerLead = set("so", "well", "um", "erm", "hi", "hello", "ok", "okay", "right", "anyway", "and", "then")

// dayCounts count the days or weeks of "two days ago" (more than one day:
// "a day ago" is too recent to be settled).
var dayCounts = set("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "few", "several", "couple")

// pastOpening returns the index just after a date days gone by that opens
// the sentence starting at ws[s], or -1.
func pastOpening(ws []rawTok, s int) int {
	sent := ws[s].sentence
	word := func(k int) string {
		if k < len(ws) && ws[k].sentence == sent {
			return ws[k].word
		}
		return ""
	}
	i := s
	if openerLead[word(i)] {
		i++
	}
	// "ago" within the first six words, with a span of more than a day.
	for k := i + 1; k < i+6 && word(k) != ""; k++ {
		if word(k) != "ago" {
			continue
		}
		u := word(k - 1)
		switch {
		case agoUnits[u] || u == "week" || u == "weeks" || u == "fortnight" || u == "fortnights":
			return k + 1
		case u == "days" && (dayCounts[word(k-2)] || isDigits(word(k-2)) && word(k-2) != "1" ||
			word(k-2) == "of" && dayCounts[word(k-3)]):
			return k + 1
		}
		return -1
	}
	switch w, n := word(i), word(i+1); {
	case (w == "last" || w == "on") && weekdays[n]:
		return i + 2
	case weekdays[w] && n != "" && i == s:
		return i + 1
	case w == "last" && (n == "week" || n == "weekend" || n == "month" || pastPairs["last"][n]):
		return i + 2
	case w == "the" && n == "other" && word(i+2) == "day":
		return i + 3
	case w == "the" && n == "day" && word(i+2) == "before" && word(i+3) == "yesterday":
		return i + 4
	case w == "back" && n == "in" && (months[word(i+2)] || pastYear(word(i+2))):
		return i + 3
	case w == "earlier" && n == "this" && (word(i+2) == "month" || word(i+2) == "year"):
		return i + 3
	}
	return -1
}

// settled finds words that tell that what happened has passed ("been fine
// since", "back to normal", "right as rain", "not happened again") and
// returns where they start and end, or -1. They tell how things are now, so
// they stay now in a sentence made the past.
func settled(ws []rawTok) (int, int) {
	for i := range ws {
		w := ws[i].word
		next := ""
		if i+1 < len(ws) && ws[i+1].sentence == ws[i].sentence {
			next = ws[i+1].word
		}
		prev := ""
		if i > 0 && ws[i-1].sentence == ws[i].sentence {
			prev = ws[i-1].word
		}
		switch {
		case (w == "fine" || w == "normal" || w == "ok" || w == "okay" || w == "well" || w == "nothing") && (next == "since" || next == "ever"):
			return i, i + 2
		case w == "back" && next == "to" && i+2 < len(ws) && (ws[i+2].word == "normal" || ws[i+2].word == "himself" ||
			ws[i+2].word == "herself" || ws[i+2].word == "myself" || ws[i+2].word == "themselves"):
			return i, i + 3
		case w == "right" && next == "as" && i+2 < len(ws) && ws[i+2].word == "rain":
			return i, i + 3
		case w == "again" && (prev == "happened" || prev == "since") && i > 1 && notAgain[ws[i-2].word]:
			return i - 2, i + 1
		case (w == "recovered" || w == "resolved") && (prev == "fully" || prev == "completely" || prev == "totally"):
			return i - 1, i + 1
		}
	}
	return -1, -1
}

var notAgain = set("not", "hasnt", "havent", "never", "nothing", "no", "isnt", "hasn't")

// ongoingCues, in the sentence after its date, keep it now.
var ongoingCues = set("now", "still", "today", "tonight", "currently", "keep", "keeps", "ongoing", "worse",
	"worsening", "returned", "recurring", "recurred", "returning", "moment", "another", "started", "starting",
	"start", "starts", "yesterday", "morning", "afternoon", "evening", "coming", "since", "again", "continuing", "constant")

// stillAfterDone are words after "still" elsewhere in a message that ask
// about care rather than tell of a sign still there ("should I still mention
// it", "does she still need seeing").
var stillAfterDone = set("need", "needs", "worth", "bother", "mention", "go", "see", "be", "get", "call", "ring",
	"phone", "tell", "ok", "okay", "fine", "normal", "well", "right", "do", "have", "has")

// goingOn reports whether a word from i on says it is happening now or
// back: within the dated sentence (inSentence) any ongoing cue; elsewhere
// only one that tells of a return or a sign still there.
func goingOn(ws []rawTok, i int, inSentence bool) bool {
	w := ws[i].word
	next, prev, prev2 := "", "", ""
	if i+1 < len(ws) && ws[i+1].sentence == ws[i].sentence {
		next = ws[i+1].word
	}
	if i > 0 && ws[i-1].sentence == ws[i].sentence {
		prev = ws[i-1].word
		if i > 1 && ws[i-2].sentence == ws[i].sentence {
			prev2 = ws[i-2].word
		}
	}
	switch w {
	case "again":
		return !(notAgain[prev] || notAgain[prev2])
	case "keep", "keeps", "kept":
		return next != "it" && next != "quiet" && next != "an" // "kept it to myself"
	case "another", "ongoing", "worse", "worsening", "returned", "recurring", "recurred", "returning", "continuing":
		return true
	case "still":
		return inSentence || !stillAfterDone[next]
	case "right":
		return next == "now"
	case "now":
		// "a week ago now", "over a fortnight ago now": how long ago it was,
		// not that it is happening now.
		return inSentence && prev != "ago"
	case "hours", "hour", "minutes", "mins":
		return next == "ago"
	case "since":
		// "fine since", "normal ever since" tell it has settled.
		return inSentence && !(prev == "fine" || prev == "normal" || prev == "ok" || prev == "well" || prev == "ever" || prev == "nothing")
	}
	return inSentence && ongoingCues[w]
}

// markSentencePast makes each sentence opened by a date days gone by the
// past, as above.
func markSentencePast(ws []rawTok) {
	var opened [64]int32 // per sentence: the word after its date, plus 1
	any := false
	for i := range ws {
		if i > 0 && ws[i-1].sentence == ws[i].sentence {
			continue
		}
		s := ws[i].sentence
		if s > 63 {
			break
		}
		if at := pastOpening(ws, i); at > 0 {
			opened[s] = int32(at) + 1
			any = true
		}
	}
	if !any {
		return
	}
	from, to := settled(ws)
	if from < 0 {
		return
	}
	for i := range ws {
		s := ws[i].sentence
		in := s <= 63 && opened[s] != 0
		if in && int32(i)+1 < opened[s] {
			continue // the date itself
		}
		if goingOn(ws, i, in) {
			if !in {
				return // a return or a sign still there, anywhere: all of it is now
			}
			opened[s] = 0
		}
	}
	for i := range ws {
		if s := ws[i].sentence; s <= 63 && opened[s] != 0 && (i < from || i >= to) {
			ws[i].past = true
		}
	}
}
