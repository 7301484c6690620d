package content_test

import (
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/content"
)

func mustHours(t *testing.T, lines ...string) content.Hours {
	t.Helper()
	h, err := content.ParseHours(lines)
	if err != nil {
		t.Fatalf("ParseHours(%q): %v", lines, err)
	}
	return h
}

func TestParseHoursRejectsBadLines(t *testing.T) {
	for _, line := range []string{
		"Mon-Fri 8am-8pm",
		"Mon-Fri",
		"Someday 08:00-20:00",
		"Mon-Fri 08:00-08:00",
		"Mon-Fri 25:00-26:00",
		"Mon-Fri 08:00 20:00",
		"Mon-Fri 08:60-20:00",
	} {
		if _, err := content.ParseHours([]string{line}); err == nil {
			t.Errorf("ParseHours(%q) accepted a bad line", line)
		}
	}
}

func TestParseHoursForms(t *testing.T) {
	tests := []struct {
		lines  []string
		spans  int
		always bool
	}{
		{[]string{"24/7"}, 0, true},
		{[]string{"Mon-Fri 08:00-20:00"}, 5, false},
		{[]string{"Daily 08:00-22:00"}, 7, false},
		{[]string{"Sat,Sun 10:00-16:00"}, 2, false},
		{[]string{"Fri-Mon 09:00-17:00"}, 4, false}, // wraps round the week
		{[]string{"Mon-Fri 08:00-18:30", "Sat 09:00-12:00"}, 6, false},
		{[]string{"Fri 18:30-08:00"}, 1, false},
		{nil, 0, false},
	}
	for _, tc := range tests {
		h := mustHours(t, tc.lines...)
		if len(h.Spans) != tc.spans || h.Always != tc.always {
			t.Errorf("%q: %d spans, always=%v; want %d, %v", tc.lines, len(h.Spans), h.Always, tc.spans, tc.always)
		}
		if h.Known() != (tc.spans > 0 || tc.always) {
			t.Errorf("%q: Known() = %v", tc.lines, h.Known())
		}
	}
}

func TestOpenAtAcrossClockChanges(t *testing.T) {
	h := mustHours(t, "Daily 08:00-20:00")
	tests := []struct {
		name string
		at   time.Time
		open bool
		next string // London wall clock of the next change
	}{
		// Sunday 29 March 2026: clocks go forward at 01:00 UTC (GMT → BST).
		{"sat before spring change 08:30 GMT", time.Date(2026, 3, 28, 8, 30, 0, 0, time.UTC), true, "Sat 20:00 GMT"},
		{"sun of spring change 08:30 BST", time.Date(2026, 3, 29, 7, 30, 0, 0, time.UTC), true, "Sun 20:00 BST"},
		{"sun of spring change 07:30 BST", time.Date(2026, 3, 29, 6, 30, 0, 0, time.UTC), false, "Sun 08:00 BST"},
		{"sun of spring change in the skipped hour", time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), false, "Sun 08:00 BST"},
		{"sun of spring change, 20:30 BST is closed", time.Date(2026, 3, 29, 19, 30, 0, 0, time.UTC), false, "Mon 08:00 BST"},
		// Sunday 25 October 2026: clocks go back at 01:00 UTC (BST → GMT).
		{"sat before autumn change 08:30 BST", time.Date(2026, 10, 24, 7, 30, 0, 0, time.UTC), true, "Sat 20:00 BST"},
		{"sun of autumn change 08:30 GMT", time.Date(2026, 10, 25, 8, 30, 0, 0, time.UTC), true, "Sun 20:00 GMT"},
		{"sun of autumn change 07:30 GMT", time.Date(2026, 10, 25, 7, 30, 0, 0, time.UTC), false, "Sun 08:00 GMT"},
		{"sun of autumn change in the repeated hour", time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), false, "Sun 08:00 GMT"},
		{"local 08:30 after autumn change", time.Date(2026, 10, 25, 8, 30, 0, 0, content.London), true, "Sun 20:00 GMT"},
		{"local 08:30 before spring change", time.Date(2026, 3, 28, 8, 30, 0, 0, content.London), true, "Sat 20:00 GMT"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			open, next := h.OpenAt(tc.at)
			if open != tc.open {
				t.Errorf("open = %v, want %v", open, tc.open)
			}
			if got := next.In(content.London).Format("Mon 15:04 MST"); got != tc.next {
				t.Errorf("next change = %s, want %s", got, tc.next)
			}
		})
	}
}

func TestOpenAtOvernightAndAlways(t *testing.T) {
	night := mustHours(t, "Fri 18:30-08:00")
	// 2026-11-27 is a Friday.
	for _, tc := range []struct {
		at   time.Time
		open bool
	}{
		{time.Date(2026, 11, 27, 18, 29, 0, 0, content.London), false},
		{time.Date(2026, 11, 27, 18, 30, 0, 0, content.London), true},
		{time.Date(2026, 11, 28, 0, 0, 0, 0, content.London), true},
		{time.Date(2026, 11, 28, 7, 59, 0, 0, content.London), true},
		{time.Date(2026, 11, 28, 8, 0, 0, 0, content.London), false},
		{time.Date(2026, 11, 29, 2, 0, 0, 0, content.London), false}, // Saturday night: not open
	} {
		if open, _ := night.OpenAt(tc.at); open != tc.open {
			t.Errorf("Fri 18:30-08:00 at %s: open = %v, want %v", tc.at.Format("Mon 15:04"), open, tc.open)
		}
	}
	always := mustHours(t, "24/7")
	if open, next := always.OpenAt(time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC)); !open || !next.IsZero() {
		t.Errorf("24/7: open = %v, next = %v; want open with no change", open, next)
	}
	var unknown content.Hours
	if unknown.Known() {
		t.Error("no hours given should be unknown")
	}
}
