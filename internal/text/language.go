package text

import (
	"strings"
	"unicode"
)

// Languages other than English that Language recognises: the most common
// main languages in Wirral and Merseyside after English (ONS Census 2021,
// main language). Each maps to the content message "language_<code>".
var Languages = []string{"pl", "ro", "pt", "ar", "ur", "bn", "zh"}

// Language guesses the language of a message that is not in English, from
// its script (Arabic, Urdu, Bengali, Chinese) or, for Polish, Romanian and
// Portuguese, from letters and common words only those languages use. It
// returns "" for English and for anything it is not sure of: the message is
// then treated as English, as before.
func Language(s string) string {
	var arabic, urdu, bengali, han, letters int
	for _, r := range s {
		switch {
		case r >= 0x0980 && r <= 0x09FF:
			bengali++
		case r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF:
			arabic++
			// Letters Urdu writes and Arabic does not: ٹ ڈ ڑ ں ھ ہ ی ے.
			switch r {
			case 0x0679, 0x0688, 0x0691, 0x06BA, 0x06BE, 0x06C1, 0x06CC, 0x06D2:
				urdu++
			}
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.IsLetter(r):
			letters++
		}
	}
	total := arabic + bengali + han + letters
	switch {
	case total == 0:
		return ""
	case bengali*2 >= total:
		return "bn"
	case arabic*2 >= total && urdu > 0:
		return "ur"
	case arabic*2 >= total:
		return "ar"
	case han*2 >= total || han > 0 && han*4 >= total:
		return "zh"
	}
	return latinLanguage(s)
}

// latinLanguage scores Polish, Romanian and Portuguese by their own letters
// and common words against common English words.
func latinLanguage(s string) string {
	lower := strings.ToLower(s)
	score := map[string]int{}
	for _, r := range lower {
		switch r {
		case 'ą', 'ę', 'ł', 'ń', 'ś', 'ź', 'ż', 'ć':
			score["pl"] += 2
		case 'ă', 'ș', 'ş', 'ț', 'ţ':
			score["ro"] += 2
		case 'ã', 'õ':
			score["pt"] += 2
		case 'ç':
			score["pt"]++
		}
	}
	english := 0
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		if commonEnglish[w] {
			english++
		}
		for lang, words := range languageWords {
			if words[w] {
				score[lang] += 2
			}
		}
	}
	best, bestScore := "", 0
	for _, lang := range []string{"pl", "ro", "pt"} {
		if score[lang] > bestScore {
			best, bestScore = lang, score[lang]
		}
	}
	// Two telling words, or one with the language's own letters, and more
	// of them than English words.
	if bestScore >= 4 && bestScore > 2*english {
		return best
	}
	return ""
}

// languageWords are common words of each language that are not English
// words, written with and without their accents, as people type them.
var languageWords = map[string]map[string]bool{
	"pl": set("nie", "jest", "mam", "się", "sie", "boli", "mnie", "mój", "moj", "moja", "moje", "dziecko", "lekarz", "lekarza",
		"pomocy", "pomoc", "potrzebuję", "potrzebuje", "czy", "gdzie", "szpital", "szpitala", "dzień", "dzien", "dobry",
		"proszę", "prosze", "mówię", "mowie", "polsku", "polski", "bardzo", "brzuch", "głowa", "glowa", "gorączka",
		"goraczka", "córka", "corka", "syn", "żona", "zona", "mąż", "maz", "jestem", "mogę", "moge", "dziękuję", "dziekuje",
		"karetka", "karetkę", "kaszel", "ból", "bol", "źle", "zle", "tak"),
	"ro": set("nu", "este", "mă", "doare", "copilul", "meu", "mea", "medicul", "ajutor", "spital", "spitalul", "vă", "rog",
		"unde", "sunt", "și", "vorbesc", "română", "romana", "românește", "romaneste", "bună", "buna", "ziua", "foarte",
		"durere", "burta", "burtă", "capul", "febră", "febra", "fiul", "fiica", "soția", "sotia", "soțul", "sotul",
		"nevoie", "mulțumesc", "multumesc", "ambulanță", "ambulanta", "tuse", "rău", "rau", "si"),
	"pt": set("não", "nao", "estou", "tenho", "dor", "meu", "minha", "filho", "filha", "médico", "ajuda", "onde", "preciso",
		"favor", "obrigado", "obrigada", "olá", "ola", "bom", "dia", "falo", "português", "portugues", "inglês", "ingles",
		"cabeça", "cabeca", "barriga", "muito", "uma", "está", "febre", "marido", "mulher", "ambulância", "ambulancia",
		"tosse", "mal", "posso", "você", "voce", "sim"),
}

// commonEnglish are common English words: a message with many of them is
// English, whatever names or borrowed words it holds.
var commonEnglish = set("the", "i", "my", "is", "and", "have", "to", "a", "in", "it", "of", "for", "with", "been",
	"has", "can", "what", "not", "me", "he", "she", "we", "you", "your", "was", "are", "do", "does", "on", "at",
	"this", "that", "pain", "help", "need", "doctor", "please", "hospital", "when", "how", "where", "im", "i'm", "got")
