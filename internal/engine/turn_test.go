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
