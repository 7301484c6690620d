package metrics_test

import (
	"context"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/metrics"
	"github.com/nhs-signpost/signpost/internal/store"
)

// Registered as an engine observer, the metrics count a message from any
// channel under that channel, with its latency, without the channel doing
// anything.
func TestEveryChannelIsCountedTheSameWay(t *testing.T) {
	set := contenttest.Fixture(t)
	m := metrics.New(nil)
	eng := engine.New(set, store.NewMemory(10, 0), engine.WithObserver(m.Observer()))
	for _, ch := range []string{"web", "discord", "discord", "chat", engine.ChannelPreview} {
		if _, err := eng.Handle(context.Background(), engine.Request{Text: "is my appointment still going ahead", Channel: ch}); err != nil {
			t.Fatal(err)
		}
	}
	for ch, want := range map[string]float64{"web": 1, "discord": 2, "chat": 1} {
		if got := testutil.ToFloat64(m.Messages.WithLabelValues(ch, "appointment_cancelled", "info")); got != want {
			t.Errorf("signpost_messages_total{channel=%q} = %v, want %v", ch, got, want)
		}
	}
	if got := testutil.ToFloat64(m.Messages.WithLabelValues(engine.ChannelPreview, "appointment_cancelled", "info")); got != 0 {
		t.Errorf("the admin area's preview was counted as a patient's message (%v)", got)
	}
	if n := testutil.CollectAndCount(m.Latency, "signpost_message_seconds"); n != 3 {
		t.Errorf("latency series = %d, want one per channel (3)", n)
	}
}
