package classify

import (
	"slices"

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

// features turns an analysed message into hashed features: each canonical
// word (marked when negated), each pair of neighbouring words in a clause,
// and the character grams of each word as typed (marked too when negated) (from shortest letters up to
// 4), which carry misspellings and unseen inflections to the words they
// resemble. It returns the distinct buckets, sorted; every feature has the
// value 1/sqrt(count), so that every message has unit length. buf is reused.
func features(doc text.Doc, shortest int, buf []uint32) []uint32 {
	hs := buf[:0]
	prev := ""
	prevClause := -1
	for i, t := range doc.Tokens {
		if t.Num {
			hs = append(hs, uint32(hashStr(hashByte(fnvOffset, 'N'), "#")))
			prev = ""
			continue
		}
		kind := byte('w')
		if doc.Negated(i) {
			kind = 'n'
		}
		hs = append(hs, uint32(hashStr(hashByte(fnvOffset, kind), t.Word)))
		if prev != "" && t.Clause == prevClause {
			h := hashStr(hashByte(fnvOffset, 'b'), prev)
			h = hashByte(h, ' ')
			hs = append(hs, uint32(hashStr(h, t.Word)))
		}
		prev, prevClause = t.Word, t.Clause
		hs = charGrams(hs, t.Raw, shortest, kind)
	}
	for i := range hs {
		hs[i] &= buckets - 1
	}
	slices.Sort(hs)
	return slices.Compact(hs)
}

// charGrams appends the hashed character grams of "<w>", from the given
// length up to 4. kind marks the grams of a negated word apart, so that
// "no thoughts of hurting myself" does not read like "thoughts of hurting
// myself" through its spelling.
func charGrams(hs []uint32, w string, from int, kind byte) []uint32 {
	if len(w) < 2 {
		return hs
	}
	var buf [64]byte
	padded := append(append(append(buf[:0], '<'), w...), '>')
	for g := from; g <= 4; g++ {
		seed := hashByte(hashByte(fnvOffset, kind), byte('0'+g))
		for i := 0; i+g <= len(padded); i++ {
			h := seed
			for _, c := range padded[i : i+g] {
				h = hashByte(h, c)
			}
			hs = append(hs, uint32(h))
		}
	}
	return hs
}
