package text

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"sync"
)

// english-words.txt.gz holds real English words (SCOWL, see
// english-words.NOTICE). A word in it is never "corrected": "bloke" must not
// become "broke", nor "changing" become "hanging".
//
//go:embed english-words.txt.gz
var englishGz []byte

// proper-nouns.txt.gz holds the names of places, people and things of the
// same British English list at its standard size (see english-words.NOTICE),
// lower-cased, that are not also English words. A name is never "corrected"
// either: "Leeds" must not become "bleeds", "Brian" "brain", "Belfast" the
// antihistamine "Telfast". A misspelling that happens to be a name ("bowell")
// is fixed by a spelling in the content's lexicon, which comes first.
//
//go:embed proper-nouns.txt.gz
var properGz []byte

var englishWords = sync.OnceValue(func() map[string]struct{} { return readWords(englishGz, 110000) })

var properNouns = sync.OnceValue(func() map[string]struct{} { return readWords(properGz, 7600) })

// readWords reads a gzipped list of words, one a line.
func readWords(gz []byte, size int) map[string]struct{} {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		panic(err)
	}
	m := make(map[string]struct{}, size)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		m[sc.Text()] = struct{}{}
	}
	return m
}

// IsEnglish reports whether w is a known English word.
func IsEnglish(w string) bool {
	_, ok := englishWords()[w]
	return ok
}

// IsProperNoun reports whether w is a known name of a place, person or
// thing (lower case), such as "spain", "leeds" or "brian".
func IsProperNoun(w string) bool {
	_, ok := properNouns()[w]
	return ok
}
