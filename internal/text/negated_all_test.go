package text

import "testing"

func TestAppendNegatedIsNegatedForEveryToken(t *testing.T) {
	an := NewAnalyzer(Lexicon{})
	for _, msg := range []string{
		"no chest pain", "she has not been sick", "no fever but she is floppy", "no fever, she is floppy",
		"he is not responding, wont wake up", "cant talk cant breathe", "i dont know why her face has dropped",
		"not sure what is happening her lips are blue", "never had chest pain before today", "",
		"no no no not now", "i have no idea and no thoughts of hurting myself, not at all", "not",
		"without any pain or swelling or redness at all", "dont know, not sure, cant breathe",
	} {
		d := an.Analyze(msg)
		got := d.AppendNegated(nil)
		if len(got) != len(d.Tokens) {
			t.Fatalf("%q: %d flags for %d tokens", msg, len(got), len(d.Tokens))
		}
		for i := range d.Tokens {
			if got[i] != d.Negated(i) {
				t.Errorf("%q: token %d (%s): AppendNegated %v, Negated %v", msg, i, d.Tokens[i].Word, got[i], d.Negated(i))
			}
		}
	}
}
