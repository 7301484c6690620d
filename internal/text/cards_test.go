package text_test

import (
	"fmt"
	"testing"

	"github.com/nhs-signpost/signpost/intents"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/text"
)

// Every word the analyser has a card for is analysed exactly as without the
// card, alone and in messages that exercise negation, the past, facts and
// synonyms around it.
func TestCardsAgreeWithTheLists(t *testing.T) {
	set, err := content.Load(intents.FS)
	if err != nil {
		t.Fatal(err)
	}
	a := set.Analyzer
	words := text.CardWords(a)
	if len(words) < 1000 {
		t.Fatalf("only %d cards", len(words))
	}
	for _, w := range words {
		for _, msg := range []string{w, "no " + w + " but not sure", "my son had " + w + " as a child",
			w + " " + w + " again now", "she is 3 and " + w + " throw up"} {
			fast, slow := a.Analyze(msg), text.AnalyzeWithoutCards(a, msg)
			if f, s := fmt.Sprintf("%+v", fast), fmt.Sprintf("%+v", slow); f != s {
				t.Errorf("%q:\nwith cards    %s\nwithout cards %s", msg, f, s)
			}
		}
	}
}
