package text

import (
	"hash/maphash"
	"strings"
	"sync/atomic"
)

// stemCacheSize is how many stems of words outside the content's vocabulary
// are remembered (a power of two). The Porter2 stemmer costs about a
// microsecond a word; most of what people type is the same few thousand words.
const stemCacheSize = 8192

// stemCache remembers recent stems in a fixed table: lock-free, bounded, and a
// word that collides with another simply replaces it.
type stemCache struct {
	seed  maphash.Seed
	slots []atomic.Pointer[stemEntry]
}

type stemEntry struct{ word, stem string }

func newStemCache() *stemCache {
	return &stemCache{seed: maphash.MakeSeed(), slots: make([]atomic.Pointer[stemEntry], stemCacheSize)}
}

func (c *stemCache) slot(w string) *atomic.Pointer[stemEntry] {
	return &c.slots[maphash.String(c.seed, w)&(stemCacheSize-1)]
}

func (c *stemCache) get(w string) (string, bool) {
	if e := c.slot(w).Load(); e != nil && e.word == w {
		return e.stem, true
	}
	return "", false
}

// put remembers a stem. The word is copied: it is usually part of a
// message, which must not be kept alive by the cache.
func (c *stemCache) put(w, stem string) {
	if stem == w {
		w = strings.Clone(w)
		stem = w
	} else {
		w, stem = strings.Clone(w), strings.Clone(stem)
	}
	c.slot(w).Store(&stemEntry{word: w, stem: stem})
}
