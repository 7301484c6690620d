package content

import (
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary YAML to the loader: it must return a set or a
// list of errors, never panic, and never both.
func FuzzLoad(f *testing.F) {
	seeds := []string{
		"intents:\n  - id: a\n    disposition: info\n    examples: [hi]\n    reply: hello\n",
		"red_flags:\n  - id: x\n    level: \"999\"\n    reply: call\n    when: [[a, b], c * d]\n",
		"concepts:\n  A: [\"x @A\"]\n",
		"services:\n  - id: s\n    name: S\n    kind: utc\n    phone: '1'\n    hours: ['Mon-Fri 08:00-20:00', 'Sat 22:00-02:00']\n",
		"lexicon:\n  spellings: {a: b}\n  synonyms: {c: [d e]}\n",
		"intents: {",
		"- a\n- b\n",
		"notice: {text: hi, severity: loud}\n",
		"checks:\n  - say: hi\n    disposition: gp\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, y string) {
		fsys := fstest.MapFS{"a.yaml": {Data: []byte(y)}}
		set, err := Load(fsys)
		if (set == nil) == (err == nil) {
			t.Fatalf("Load returned set=%v err=%v", set != nil, err)
		}
	})
}
