package content

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // Europe/London must work on an image without zoneinfo
)

// London is the time zone every opening time is written in.
var London = mustLoad("Europe/London")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Hours are a service's weekly opening times in Europe/London.
type Hours struct {
	Always bool
	Spans  []Span // empty and not Always: hours unknown, shown as "check before you go"
	Text   []string
}

// Span is one opening period: from day/open to close, possibly past midnight.
type Span struct {
	Day   time.Weekday
	Open  int // minutes after midnight
	Close int // minutes after midnight of Day; may exceed 24*60 for overnight
}

var dayNames = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// ParseHours reads lines such as "24/7", "Mon-Fri 08:00-20:00",
// "Sat-Sun 09:00-17:00", "Daily 08:00-22:00" or "Fri 18:30-08:00" (past
// midnight).
func ParseHours(lines []string) (Hours, error) {
	h := Hours{Text: lines}
	for _, line := range lines {
		l := strings.ToLower(strings.TrimSpace(line))
		if l == "24/7" || l == "24 hours" || l == "always" {
			h.Always = true
			continue
		}
		days, times, ok := strings.Cut(l, " ")
		if !ok {
			return h, fmt.Errorf("opening hours %q: want days and times, such as \"Mon-Fri 08:00-20:00\"", line)
		}
		ds, err := parseDays(days)
		if err != nil {
			return h, fmt.Errorf("opening hours %q: %w", line, err)
		}
		o, c, ok := strings.Cut(strings.TrimSpace(times), "-")
		if !ok {
			return h, fmt.Errorf("opening hours %q: want times as HH:MM-HH:MM", line)
		}
		om, err1 := parseClock(o)
		cm, err2 := parseClock(c)
		if err1 != nil || err2 != nil {
			return h, fmt.Errorf("opening hours %q: times must be HH:MM between 00:00 and 24:00", line)
		}
		if cm == om {
			return h, fmt.Errorf("opening hours %q: opens and closes at the same time", line)
		}
		if cm < om {
			cm += 24 * 60 // open past midnight
		}
		for _, d := range ds {
			h.Spans = append(h.Spans, Span{Day: d, Open: om, Close: cm})
		}
	}
	return h, nil
}

func parseDays(s string) ([]time.Weekday, error) {
	if s == "daily" || s == "every" || s == "mon-sun" {
		return []time.Weekday{0, 1, 2, 3, 4, 5, 6}, nil
	}
	var out []time.Weekday
	for _, part := range strings.Split(s, ",") {
		a, b, rng := strings.Cut(part, "-")
		da, ok := dayNames[trim3(a)]
		if !ok {
			return nil, fmt.Errorf("unknown day %q", a)
		}
		if !rng {
			out = append(out, da)
			continue
		}
		db, ok := dayNames[trim3(b)]
		if !ok {
			return nil, fmt.Errorf("unknown day %q", b)
		}
		for d := da; ; d = (d + 1) % 7 {
			out = append(out, d)
			if d == db {
				break
			}
		}
	}
	return out, nil
}

func trim3(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 3 {
		s = s[:3]
	}
	return s
}

func parseClock(s string) (int, error) {
	var h, m int
	if _, err := fmt.Sscanf(strings.TrimSpace(s), "%d:%d", &h, &m); err != nil {
		return 0, err
	}
	if h < 0 || h > 24 || m < 0 || m > 59 || h == 24 && m != 0 {
		return 0, fmt.Errorf("bad time")
	}
	return h*60 + m, nil
}

// Known reports whether opening hours were given.
func (h Hours) Known() bool { return h.Always || len(h.Spans) > 0 }

// OpenAt reports whether the service is open at t and, if it is, when it
// next closes; if it is not, when it next opens (zero if never).
func (h Hours) OpenAt(t time.Time) (open bool, change time.Time) {
	if h.Always {
		return true, time.Time{}
	}
	t = t.In(London)
	// Look at spans starting from yesterday (overnight) to a week ahead.
	midnight := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, London)
	var next time.Time
	for off := -1; off <= 7; off++ {
		day := midnight.AddDate(0, 0, off)
		for _, s := range h.Spans {
			if s.Day != day.Weekday() {
				continue
			}
			// Build wall-clock times on that date so clock changes are honoured.
			start := wall(day, s.Open)
			end := wall(day, s.Close)
			if !t.Before(start) && t.Before(end) {
				return true, end
			}
			if start.After(t) && (next.IsZero() || start.Before(next)) {
				next = start
			}
		}
	}
	return false, next
}

func wall(day time.Time, minutes int) time.Time {
	extraDays := minutes / (24 * 60)
	minutes %= 24 * 60
	d := day.AddDate(0, 0, extraDays)
	return time.Date(d.Year(), d.Month(), d.Day(), minutes/60, minutes%60, 0, 0, London)
}
