package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

// A yes/no tied to a question that has moved on (a button pressed twice, an
// old message's button) is not applied to the question showing now: the
// person is told, and shown the current question again.
func TestAnswerTiedToAnOldQuestionIsNotApplied(t *testing.T) {
	set := contenttest.Bundled(t)
	e := engine.New(set, store.NewMemory(10, 0))
	ctx := context.Background()
	handle := func(req engine.Request) engine.Reply {
		t.Helper()
		req.Channel = "discord"
		r, err := e.Handle(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	q1 := handle(engine.Request{Text: "I have a headache"})
	flow := set.Intent(q1.Intent)
	if flow == nil || len(flow.Questions) < 3 || q1.Turn == 0 {
		t.Fatalf("want a flow of three questions with a turn, got %q (turn %d)", q1.Intent, q1.Turn)
	}
	q2 := handle(engine.Request{SessionID: q1.SessionID, Payload: content.PayloadNo, Turn: q1.Turn})
	if q2.Messages[0].Text != flow.Questions[1].Ask || q2.Turn == q1.Turn {
		t.Fatalf("the first No should lead to question 2, got %q", q2.Messages[0].Text)
	}
	// The first question's No pressed again.
	stale := handle(engine.Request{SessionID: q1.SessionID, Payload: content.PayloadNo, Turn: q1.Turn})
	if stale.Disposition != "" || len(stale.Messages) != 2 || stale.Messages[0].Text != set.Message("moved_on") ||
		stale.Messages[1].Text != flow.Questions[1].Ask || len(stale.QuickReplies) != 2 {
		t.Fatalf("an old button: want moved-on and question 2 again, got %+v", stale.Messages)
	}
	// Question 2's own button, from the re-asked question, is applied.
	q3 := handle(engine.Request{SessionID: q1.SessionID, Payload: content.PayloadNo, Turn: stale.Turn})
	if q3.Messages[0].Text != flow.Questions[2].Ask {
		t.Fatalf("the current button should lead to question 3, got %q", q3.Messages[0].Text)
	}
	// Typed answers (no turn) are read as before.
	if end := handle(engine.Request{SessionID: q1.SessionID, Text: "no"}); end.Disposition == "" {
		t.Fatalf("a typed no to the last question should end the flow, got %+v", end.Messages)
	}
	// A red flag is answered whatever turn it comes with.
	if r := handle(engine.Request{SessionID: q1.SessionID, Text: "her face is drooping and her speech is slurred", Turn: 1}); r.Disposition != content.Disp999 {
		t.Fatalf("stroke with an old turn: %q", r.Disposition)
	}
	if strings.TrimSpace(set.Message("moved_on")) == "" {
		t.Fatal("no moved_on message")
	}
}

// A payload that is not a button's is read and screened as text, with any
// text sent alongside it.
func TestPayloadIsScreenedWithText(t *testing.T) {
	set := contenttest.Bundled(t)
	e := engine.New(set, store.NewMemory(10, 0))
	for _, req := range []engine.Request{
		{Payload: "her face is drooping and her speech is slurred"},
		{Text: "hello", Payload: "her face is drooping and her speech is slurred"},
		{Text: "her face is drooping and her speech is slurred", Payload: content.PayloadNo},
	} {
		r, err := e.Handle(context.Background(), req)
		if err != nil || r.Disposition != content.Disp999 {
			t.Errorf("%+v: disposition %q, err %v", req, r.Disposition, err)
		}
	}
}

// The sepsis and meningitis warning-signs answer lists only their signs: a
// question about what to look out for with anything else must not get it,
// and a question about sepsis or meningitis still does.
func TestWarningSignsAnswerOnlyForSepsisOrMeningitis(t *testing.T) {
	eng := engine.New(contenttest.Bundled(t), store.NewMemory(100, 0))
	first := func(msg string) string {
		r, err := eng.Handle(context.Background(), engine.Request{Text: msg, Channel: "test"})
		if err != nil {
			t.Fatalf("Handle(%q): %v", msg, err)
		}
		return r.Intent
	}
	for _, msg := range []string{
		"what symptoms should I look out for with a heart attack",
		"what signs should we watch out for after his knee operation",
		"any symptoms I should look out for with shingles",
	} {
		if got := first(msg); got == "tr_warning_signs_asked" {
			t.Errorf("%q got the sepsis and meningitis warning signs", msg)
		}
	}
	for _, msg := range []string{
		"watched a documentary about sepsis, what are the signs I should look out for",
		"saw a piece on the news about meningitis, how would I know the signs",
	} {
		if got := first(msg); got != "tr_warning_signs_asked" {
			t.Errorf("%q answered by %q, want the warning signs", msg, got)
		}
	}
}

// One answer for every "what are the signs of…" question asked ahead of
// time: it names the signs of a stroke, a heart attack, sepsis and
// meningitis and says to call 999, whichever was asked about.
func TestWarningSignsAskedAheadGetOneAnswerWithEachCondition(t *testing.T) {
	eng := engine.New(contenttest.Bundled(t), store.NewMemory(100, 0))
	for _, msg := range []string{
		"can you list the signs of a stroke so we know what to look for, dad lives on his own",
		"just wondering what the signs of a heart attack are in a woman, nothing wrong, mum worries",
		"saw a piece on the news about meningitis, how would I know the signs",
	} {
		r, err := eng.Handle(context.Background(), engine.Request{Text: msg, Channel: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if r.Intent != "tr_warning_signs_asked" {
			t.Errorf("%q answered by %q, want the warning signs", msg, r.Intent)
			continue
		}
		var all strings.Builder
		for _, m := range r.Messages {
			all.WriteString(m.Text)
		}
		for _, want := range []string{"Call 999", "FAST", "heart attack", "Sepsis", "glass"} {
			if !strings.Contains(all.String(), want) {
				t.Errorf("%q: the answer does not mention %q", msg, want)
			}
		}
	}
}
