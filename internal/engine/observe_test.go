package engine_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

func TestObserverSeesEveryAnsweredMessage(t *testing.T) {
	set := contenttest.Fixture(t)
	var seen []string
	second := 0
	eng := engine.New(set, store.NewMemory(10, 0), engine.WithObserver(func(req engine.Request, r engine.Reply, took time.Duration) {
		if took <= 0 {
			t.Errorf("observer told Handle took %v", took)
		}
		seen = append(seen, req.Text+"→"+r.Intent+"/"+string(r.Source))
	}), engine.WithObserver(func(engine.Request, engine.Reply, time.Duration) { second++ }))
	ctx := context.Background()
	for _, text := range []string{"is my appointment still going ahead", "qwertyuiop zxcvb"} {
		if _, err := eng.Handle(ctx, engine.Request{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := eng.Handle(ctx, engine.Request{Text: strings.Repeat("a", engine.MaxTextLen+1)}); err == nil {
		t.Fatal("an over-long message was answered")
	}
	want := []string{"is my appointment still going ahead→appointment_cancelled/match", "qwertyuiop zxcvb→/fallback"}
	if strings.Join(seen, "|") != strings.Join(want, "|") {
		t.Errorf("observed %q, want %q (a refused message is not observed)", seen, want)
	}
	if second != len(want) {
		t.Errorf("the second observer saw %d messages, want %d: every observer is told", second, len(want))
	}
}
