package engine_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

// The small content set these tests talk to: the fixture's messages and
// notice, and "where can I go" intents that list walk-in services with
// different opening hours.
const testServices = `
services:
  - id: call_999
    name: Call 999
    kind: "999"
    phone: "999"
    hours: ["24/7"]
  - id: nhs111
    name: NHS 111
    kind: phone
    phone: "111"
    hours: ["24/7"]
  - id: day_wic
    name: Day walk-in centre
    kind: walk_in
    address: 1 High Street
    hours: ["Mon-Fri 08:00-20:00"]
  - id: late_wic
    name: Late walk-in centre
    kind: walk_in
    address: 2 High Street
    hours: ["Daily 10:00-22:00"]
  - id: night_pharmacy
    name: Night pharmacy
    kind: pharmacy
    address: 3 High Street
    hours: ["Fri 18:30-08:00"]
  - id: any_pharmacy
    name: Find a pharmacy
    kind: pharmacy
    url: https://example.org/pharmacy
  - id: utc_always
    name: Urgent treatment centre
    kind: utc
    address: 4 High Street
    hours: ["24/7"]
`

const testIntents = `
intents:
  - id: walk_in_day
    disposition: info
    keywords: [day centre]
    reply: "Try the day walk-in centre."
    services: [day_wic, nhs111]
  - id: walk_in_two
    disposition: info
    keywords: [two centres]
    reply: "Try one of these."
    services: [day_wic, late_wic]
  - id: walk_in_with_utc
    disposition: info
    keywords: [centre or utc]
    reply: "Try one of these."
    services: [day_wic, utc_always]
  - id: unknown_hours
    disposition: info
    keywords: [any pharmacy]
    reply: "Find a pharmacy."
    services: [any_pharmacy]
  - id: night
    disposition: info
    keywords: [night pharmacy]
    reply: "Try the night pharmacy."
    services: [night_pharmacy]
  - id: emergency_numbers
    disposition: "999"
    keywords: [call for help]
    reply: "Call 999."
    services: [call_999, nhs111]
  - id: fallback_topics
    disposition: info
    keywords: [topics]
    reply: "Here are the topics."
    quick_replies:
      - {title: "Day centre", payload: "intent:walk_in_day"}
      - {title: "Night pharmacy", payload: "intent:night"}
`

func testSet(t *testing.T) *content.Set {
	t.Helper()
	set, err := content.Load(fstest.MapFS{
		"messages.yaml": {Data: contenttest.Messages()},
		"services.yaml": {Data: []byte(testServices)},
		"intents.yaml":  {Data: []byte(testIntents)},
	})
	if err != nil {
		t.Fatalf("test content does not load: %v", err)
	}
	return set
}

func london(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, content.London)
}

func ask(t *testing.T, set *content.Set, now time.Time, msg string) engine.Reply {
	t.Helper()
	eng := engine.New(set, store.NewMemory(100, 0), engine.WithClock(func() time.Time { return now }))
	r, err := eng.Handle(context.Background(), engine.Request{Text: msg, Channel: "test"})
	if err != nil {
		t.Fatalf("Handle(%q): %v", msg, err)
	}
	return r
}

func card(t *testing.T, r engine.Reply, id string) engine.ServiceCard {
	t.Helper()
	for _, m := range r.Messages {
		for _, c := range m.Services {
			if c.ID == id {
				return c
			}
		}
	}
	t.Fatalf("reply %+v shows no card for %q", r.Messages, id)
	return engine.ServiceCard{}
}

func hasNoneOpen(r engine.Reply) bool {
	for _, m := range r.Messages {
		if strings.HasPrefix(m.Text, "None of these is open right now") {
			return true
		}
	}
	return false
}

func TestServiceCardsSayWhetherOpenNow(t *testing.T) {
	set := testSet(t)
	// 2026-11-23 is a Monday.
	tests := []struct {
		name   string
		now    time.Time
		msg    string
		id     string
		open   bool
		status string
	}{
		{"weekday morning", london(2026, 11, 23, 9, 15), "day centre", "day_wic", true, "Open now, until 20:00"},
		{"before opening", london(2026, 11, 23, 7, 0), "day centre", "day_wic", false, "Closed now. Opens 08:00"},
		{"weekday evening opens tomorrow", london(2026, 11, 23, 21, 0), "day centre", "day_wic", false, "Closed now. Opens tomorrow 08:00"},
		{"friday evening opens monday", london(2026, 11, 27, 20, 30), "day centre", "day_wic", false, "Closed now. Opens Monday 08:00"},
		{"24/7", london(2026, 11, 23, 3, 0), "day centre", "nhs111", true, "Open 24 hours"},
		{"overnight span, after midnight", london(2026, 11, 28, 2, 0), "night pharmacy", "night_pharmacy", true, "Open now, until 08:00"},
		{"overnight span, before it opens", london(2026, 11, 27, 18, 0), "night pharmacy", "night_pharmacy", false, "Closed now. Opens 18:30"},
		{"overnight span, in the evening", london(2026, 11, 27, 23, 59), "night pharmacy", "night_pharmacy", true, "Open now, until tomorrow 08:00"},
		{"overnight span, closed after", london(2026, 11, 28, 8, 0), "night pharmacy", "night_pharmacy", false, "Closed now. Opens Friday 18:30"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := card(t, ask(t, set, tc.now, tc.msg), tc.id)
			if c.OpenNow == nil || *c.OpenNow != tc.open {
				t.Errorf("open_now = %v, want %v", ptr(c.OpenNow), tc.open)
			}
			if c.Status != tc.status {
				t.Errorf("status = %q, want %q", c.Status, tc.status)
			}
		})
	}
}

func TestUnknownHoursSayCheckBeforeYouGo(t *testing.T) {
	r := ask(t, testSet(t), london(2026, 11, 23, 12, 0), "any pharmacy")
	c := card(t, r, "any_pharmacy")
	if c.OpenNow != nil {
		t.Errorf("open_now = %v for a service with no hours, want it left out", *c.OpenNow)
	}
	if c.Status != "Check opening times before you go" {
		t.Errorf("status = %q", c.Status)
	}
	if hasNoneOpen(r) {
		t.Error("a service with unknown hours must not trigger the none-open message")
	}
}

func TestNoneOpenMessage(t *testing.T) {
	set := testSet(t)
	tests := []struct {
		name string
		now  time.Time
		msg  string
		want bool
	}{
		{"the only walk-in is closed", london(2026, 11, 23, 21, 0), "day centre", true},
		{"the only walk-in is open", london(2026, 11, 23, 10, 0), "day centre", false},
		{"both closed", london(2026, 11, 23, 23, 0), "two centres", true},
		{"one of two still open", london(2026, 11, 23, 21, 0), "two centres", false},
		{"a 24/7 UTC is listed", london(2026, 11, 23, 23, 0), "centre or utc", false},
		{"weekend, day centre shut all day", london(2026, 11, 29, 12, 0), "day centre", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := ask(t, set, tc.now, tc.msg)
			if got := hasNoneOpen(r); got != tc.want {
				t.Errorf("none-open message shown = %v, want %v; reply %+v", got, tc.want, r.Messages)
			}
		})
	}
}

// A service open 08:00-20:00 is open at 08:30 London time whichever side of a
// clock change it is, and closed at 07:30 London time: the hours are
// wall-clock times, not UTC.
func TestOpeningHoursAcrossClockChanges(t *testing.T) {
	set := testSet(t)
	tests := []struct {
		name string
		now  time.Time
		open bool
	}{
		// Clocks go forward at 01:00 UTC on Sunday 29 March 2026.
		{"friday before spring change, 08:30 GMT", time.Date(2026, 3, 27, 8, 30, 0, 0, time.UTC), true},
		{"monday after spring change, 08:30 BST", time.Date(2026, 3, 30, 7, 30, 0, 0, time.UTC), true},
		{"monday after spring change, 07:30 BST", time.Date(2026, 3, 30, 6, 30, 0, 0, time.UTC), false},
		{"monday after spring change, 20:30 BST", time.Date(2026, 3, 30, 19, 30, 0, 0, time.UTC), false},
		{"monday after spring change, 19:30 BST", time.Date(2026, 3, 30, 18, 30, 0, 0, time.UTC), true},
		{"monday after spring change, local time", london(2026, 3, 30, 8, 30), true},
		// Clocks go back at 01:00 UTC on Sunday 25 October 2026.
		{"friday before autumn change, 08:30 BST", time.Date(2026, 10, 23, 7, 30, 0, 0, time.UTC), true},
		{"friday before autumn change, 07:30 BST", time.Date(2026, 10, 23, 6, 30, 0, 0, time.UTC), false},
		{"monday after autumn change, 08:30 GMT", time.Date(2026, 10, 26, 8, 30, 0, 0, time.UTC), true},
		{"monday after autumn change, 07:30 GMT", time.Date(2026, 10, 26, 7, 30, 0, 0, time.UTC), false},
		{"monday after autumn change, local time", london(2026, 10, 26, 8, 30), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := card(t, ask(t, set, tc.now, "day centre"), "day_wic")
			if c.OpenNow == nil || *c.OpenNow != tc.open {
				t.Errorf("at %s (%s London) open_now = %v, want %v", tc.now.UTC().Format(time.RFC3339),
					tc.now.In(content.London).Format("Mon 15:04 MST"), ptr(c.OpenNow), tc.open)
			}
		})
	}
	// The daily service opens at 10:00 local on the Sunday of each change.
	for _, tc := range []struct {
		name   string
		now    time.Time
		status string
	}{
		{"spring change night", time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC), "Closed now. Opens 10:00"},
		{"autumn change night", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), "Closed now. Opens 10:00"},
		{"evening before spring change", london(2026, 3, 28, 22, 30), "Closed now. Opens tomorrow 10:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := card(t, ask(t, set, tc.now, "two centres"), "late_wic")
			if c.Status != tc.status {
				t.Errorf("status = %q, want %q", c.Status, tc.status)
			}
		})
	}
}

func ptr(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

// A 24/7 service is open in the hour that a clock change skips or repeats.
func TestAlwaysOpenOnClockChangeNights(t *testing.T) {
	set := testSet(t)
	for _, now := range []time.Time{
		time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC),
		time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC),
	} {
		open, st := engine.OpenStatus(set, set.Services["utc_always"], now)
		if open == nil || !*open || st != "Open 24 hours" {
			t.Errorf("24/7 service at %s: open=%v status=%q", now, ptr(open), st)
		}
	}
}

// 999 is always answered: its card carries no opening hours, while NHS 111
// beside it still says it is open.
func TestEmergencyNumberHasNoOpeningHours(t *testing.T) {
	r := ask(t, testSet(t), london(2026, 11, 23, 3, 0), "call for help")
	if c := card(t, r, "call_999"); c.OpenNow != nil || c.Status != "" {
		t.Errorf("999 card: open_now %v, status %q; want neither", ptr(c.OpenNow), c.Status)
	}
	if c := card(t, r, "nhs111"); c.OpenNow == nil || c.Status != "Open 24 hours" {
		t.Errorf("111 card: open_now %v, status %q; want open 24 hours", ptr(c.OpenNow), c.Status)
	}
}

// A conversation opens with the content's welcome and its topics, and
// asking for it starts no session.
func TestWelcome(t *testing.T) {
	set := testSet(t)
	eng := engine.New(set, store.NewMemory(100, 0))
	r := eng.Welcome()
	if len(r.Messages) != 1 || r.Messages[0].Text != set.Message("welcome") {
		t.Errorf("welcome messages %+v, want the content's welcome", r.Messages)
	}
	want := set.Intent("fallback_topics").QuickReplies
	if len(r.QuickReplies) != len(want) || r.QuickReplies[0].Title != want[0].Title || r.QuickReplies[1].Payload != want[1].Payload {
		t.Errorf("welcome quick replies %+v, want the topics %+v", r.QuickReplies, want)
	}
	if r.SessionID != "" || r.Intent != "" || r.Disposition != "" {
		t.Errorf("welcome is not a turn: %+v", r)
	}
	// A topic from the welcome works as a first message.
	got, err := eng.Handle(context.Background(), engine.Request{Payload: r.QuickReplies[1].Payload, Channel: "test"})
	if err != nil || got.Intent != "night" {
		t.Errorf("pressing %q: intent %q, %v", r.QuickReplies[1].Title, got.Intent, err)
	}
}

// One engine answering through the minute a service opens, then through a
// content edit that changes its hours: each card tells the time it is
// answered in and the content in use, never the first turn's.
func TestServiceCardsFollowTheClockAndTheContent(t *testing.T) {
	set := testSet(t)
	now := london(2026, 11, 23, 7, 59).Add(30 * time.Second)
	eng := engine.New(set, store.NewMemory(100, 0), engine.WithClock(func() time.Time { return now }))
	status := func() string {
		t.Helper()
		r, err := eng.Handle(context.Background(), engine.Request{Text: "day centre", Channel: "test"})
		if err != nil {
			t.Fatal(err)
		}
		return card(t, r, "day_wic").Status
	}
	if got, want := status(), "Closed now. Opens 08:00"; got != want {
		t.Fatalf("at 07:59:30 the card says %q, want %q", got, want)
	}
	now = london(2026, 11, 23, 7, 59).Add(59 * time.Second)
	if got, want := status(), "Closed now. Opens 08:00"; got != want {
		t.Fatalf("at 07:59:59 the card says %q, want %q", got, want)
	}
	now = london(2026, 11, 23, 8, 0)
	if got, want := status(), "Open now, until 20:00"; got != want {
		t.Fatalf("at 08:00 the card says %q, want %q", got, want)
	}
	later, err := content.Load(fstest.MapFS{
		"messages.yaml": {Data: contenttest.Messages()},
		"services.yaml": {Data: []byte(strings.Replace(testServices, "20:00", "18:30", 1))},
		"intents.yaml":  {Data: []byte(testIntents)},
	})
	if err != nil {
		t.Fatal(err)
	}
	eng.Swap(later)
	if got, want := status(), "Open now, until 18:30"; got != want {
		t.Fatalf("after an edit to the hours within the same minute the card says %q, want %q", got, want)
	}
}
