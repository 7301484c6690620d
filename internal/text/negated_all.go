package text

// AppendNegated appends Negated(i) for every token of d, in order, to dst
// and returns it. It reads each word once, where calling Negated for every
// token looks each up to NegationWindow+1 times: the trained classifier
// marks every negated word of every message it reads.
func (d Doc) AppendNegated(dst []bool) []bool {
	last := -1 // the latest cue that negates what follows it, or -1
	for i, t := range d.Tokens {
		cue := negationCues[t.Word]
		neg := !cue && last >= 0 && last >= i-NegationWindow && d.Tokens[last].Clause == t.Clause
		dst = append(dst, neg)
		if cue && !(i+1 < len(d.Tokens) && unsureWords[d.Tokens[i+1].Word]) {
			last = i
		} else if neg && (t.Raw == "or" || t.Raw == "nor") {
			// A denial runs on through a list joined by "or" (see Negated).
			last = i
		}
	}
	return dst
}
