package classify

import (
	"github.com/nhs-signpost/signpost/internal/text"
)

// Bits is the size of the hashed feature space, as a power of two. 2^18
// buckets keep collisions rare for the few tens of thousands of distinct
// features a content set and its corpus produce, while a dense row per
// bucket for the four acuity classes stays at 4 MB.
const Bits = 18

const buckets = 1 << Bits

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashStr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func hashByte(h uint64, c byte) uint64 {
	h ^= uint64(c)
	h *= fnvPrime
	return h
}

// maxTokens is the most words of a message whose negation is marked
// without allocating; longer messages (rare) allocate once.
const maxTokens = 64

// features appends to buf the hashed features of an analysed message: each
// canonical word (marked when negated), each pair of neighbouring words in a
// clause, and the character 4-grams of each word as typed (marked too when
// negated), which carry misspellings and unseen inflections to the words
// they resemble. A feature that occurs
// twice is there twice (a count); every feature is read with the value
// 1/sqrt(len), so that every message weighs alike. It does not allocate
// when buf has room.
func features(doc text.Doc, buf []uint32) []uint32 {
	var negBuf [maxTokens]bool
	neg := doc.AppendNegated(negBuf[:0])
	hs := buf[:0]
	prev := ""
	prevClause := int32(-1)
	for i, t := range doc.Tokens {
		if t.Num {
			hs = append(hs, numFeature)
			prev = ""
			continue
		}
		kind := byte('w')
		if neg[i] {
			kind = 'n'
		}
		hs = append(hs, uint32(hashStr(hashByte(fnvOffset, kind), t.Word))&(buckets-1))
		if prev != "" && t.Clause == prevClause {
			h := hashStr(hashByte(fnvOffset, 'b'), prev)
			h = hashByte(h, ' ')
			hs = append(hs, uint32(hashStr(h, t.Word))&(buckets-1))
		}
		prev, prevClause = t.Word, t.Clause
		hs = charGrams(hs, t.Raw, kind)
	}
	return hs
}

// numFeature is the one feature of any number.
var numFeature = uint32(hashStr(hashByte(fnvOffset, 'N'), "#")) & (buckets - 1)

// charGrams appends the hashed character 4-grams of "<w>" (for a word of
// two letters, "<ab>" itself). kind marks the grams of a negated word apart,
// so that "no thoughts of hurting myself" does not read like "thoughts of
// hurting myself" through its spelling.
func charGrams(hs []uint32, w string, kind byte) []uint32 {
	if len(w) < 2 {
		return hs
	}
	h0 := hashByte(hashByte(fnvOffset, kind), '4')
	n := len(w) + 2 // "<" + w + ">"
	at := func(i int) byte {
		switch {
		case i == 0:
			return '<'
		case i == n-1:
			return '>'
		}
		return w[i-1]
	}
	for i := 0; i+4 <= n; i++ {
		h := hashByte(hashByte(hashByte(hashByte(h0, at(i)), at(i+1)), at(i+2)), at(i+3))
		hs = append(hs, uint32(h)&(buckets-1))
	}
	return hs
}
