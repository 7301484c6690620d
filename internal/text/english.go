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

var englishWords = sync.OnceValue(func() map[string]struct{} {
	zr, err := gzip.NewReader(bytes.NewReader(englishGz))
	if err != nil {
		panic(err)
	}
	m := make(map[string]struct{}, 110000)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		m[sc.Text()] = struct{}{}
	}
	return m
})

// IsEnglish reports whether w is a known English word.
func IsEnglish(w string) bool {
	_, ok := englishWords()[w]
	return ok
}
