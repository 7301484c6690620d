package engine_test

import (
	"strings"
	"testing"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/engine"
)

// texts is every bubble of a reply, in order.
func texts(r engine.Reply) []string {
	var out []string
	for _, m := range r.Messages {
		out = append(out, m.Text)
	}
	return out
}

// A message that tells a symptom and asks about an appointment, an operation
// or results gets the symptom's triage and a short answer to the question, not
// one of the two dropped. The question and its buttons stay last.
func TestSymptomAndAppointmentQuestionAnsweredTogether(t *testing.T) {
	e := bundledEngine(t)
	set := e.Content()
	cases := []struct{ msg, topic, info string }{
		{"my knee has been swollen and sore since yesterday. also is my physio appointment on friday still on?", "tr_joint_pain", "outage_appointments"},
		{"ive got a bad cough and a sore throat, is my outpatient appointment tomorrow cancelled", "sore_throat", "outage_appointments"},
		{"my op on thursday, is it still happening? got a cold now", "tr_cold", "outage_operations"},
	}
	for _, c := range cases {
		rs := play(t, e, c.msg, "no", "no", "no")
		first := rs[0]
		if first.Intent != c.topic {
			t.Errorf("%q: intent %q, want the symptom's topic %q", c.msg, first.Intent, c.topic)
			continue
		}
		aside := set.Intent(c.info).Aside
		got := texts(first)
		if !strings.Contains(strings.Join(got, "\n"), aside) {
			t.Errorf("%q: the %s aside is missing from the first reply: %q", c.msg, c.info, got)
		}
		last := first.Messages[len(first.Messages)-1]
		if first.Disposition == "" && (last.Kind != engine.KindQuestion || len(first.QuickReplies) != 2) {
			t.Errorf("%q: the triage question is not last with its yes/no buttons: %q", c.msg, got)
		}
		// Said once: the rest of the conversation is the symptom's.
		for _, r := range rs[1:] {
			if strings.Contains(strings.Join(texts(r), "\n"), aside) {
				t.Errorf("%q: the aside is repeated on a later turn: %q", c.msg, texts(r))
			}
		}
	}
}

// An emergency's reply stands alone: no aside about an appointment under it.
// An information question alone gets its full answer, not the aside too.
func TestAsideNeverUnderAnEmergencyNorBesideItsOwnAnswer(t *testing.T) {
	e := bundledEngine(t)
	aside := e.Content().Intent("outage_appointments").Aside
	r := play(t, e, "crushing pain in my chest and sweating, is my cardiology appointment tomorrow cancelled")[0]
	if r.Disposition != content.Disp999 {
		t.Fatalf("emergency with an appointment question got %q, want 999", r.Disposition)
	}
	if len(r.Messages) != 1 || strings.Contains(strings.Join(texts(r), "\n"), aside) {
		t.Errorf("emergency reply carries more than its own words: %q", texts(r))
	}
	r = play(t, e, "is my outpatient appointment tomorrow cancelled?")[0]
	if r.Intent != "outage_appointments" {
		t.Fatalf("appointment question got intent %q", r.Intent)
	}
	if strings.Contains(strings.Join(texts(r), "\n"), aside) {
		t.Errorf("the appointment answer repeats its own aside: %q", texts(r))
	}
}

// A symptom alone gets no aside: "appointment" is not said.
func TestNoAsideWithoutTheQuestion(t *testing.T) {
	e := bundledEngine(t)
	r := play(t, e, "my knee has been swollen and sore since yesterday")[0]
	for _, m := range r.Messages {
		if m.Kind == engine.KindInfo {
			t.Errorf("a symptom alone got an extra message: %q", texts(r))
		}
	}
}
