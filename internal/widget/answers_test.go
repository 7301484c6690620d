package widget_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// viewports are the screens the answer tests run on. On a phone held
// sideways the window is so short that the whole panel scrolls, not the log.
var viewports = []struct {
	name          string
	width, height int64
}{{"desktop", 1280, 800}, {"phone", 390, 844}, {"phone sideways", 844, 390}}

// openWidget loads the demo page at the viewport, opens the widget and waits
// for the welcome.
func openWidget(t *testing.T, url string, width, height int64) (ctx context.Context) {
	t.Helper()
	ctx = newTab(t)
	do(t, ctx, "loading the demo page", chromedp.EmulateViewport(width, height),
		chromedp.Navigate(url+"/"), chromedp.WaitVisible(chromedp.CSS(".sp-launcher")))
	do(t, ctx, "opening the widget", chromedp.Click(chromedp.CSS(".sp-launcher")))
	waitFor(t, ctx, "focus in the message box", `document.activeElement.id === 'sp-input'`)
	waitWelcome(t, ctx)
	return ctx
}

// onEachScreen runs f in a widget opened on each viewport.
func onEachScreen(t *testing.T, url string, f func(t *testing.T, ctx context.Context)) {
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) { f(t, openWidget(t, url, vp.width, vp.height)) })
	}
}

// type_ types a message and presses Enter, then waits for its answer.
func type_(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	before := len(botTexts(t, ctx))
	do(t, ctx, "typing "+text, chromedp.Focus(chromedp.ID("sp-input")), chromedp.KeyEvent(text+"\r"))
	waitFor(t, ctx, "the answer to "+text, fmt.Sprintf(`document.querySelectorAll('%s').length > %d && document.querySelector('.sp-typing').hidden`, answerSel, before))
}

// firstLineInView reports whether the first line of the element matching sel
// (the last one, if several) is inside both the scrolling log and the window.
const firstLineInView = `(sel => {
	const all = document.querySelectorAll(sel), e = all[all.length - 1];
	const r = e.getBoundingClientRect(), line = parseFloat(getComputedStyle(e).lineHeight) || 24;
	const log = document.querySelector('.sp-log').getBoundingClientRect(), panel = document.querySelector('#sp-panel').getBoundingClientRect();
	const top = Math.max(log.top, panel.top, 0), bottom = Math.min(log.bottom, panel.bottom, innerHeight);
	return r.top >= top - 1 && r.top + line <= bottom + 1;
})`

// A long answer is read from its start: when a crisis answer arrives after a
// conversation long enough to scroll, its first words are on screen (not
// its last service card), on a phone (upright and sideways) and on a desktop; it is announced at
// once and focus stays in the message box. After it, and after a 999 or an
// A&E answer, the only button is Start again, which opens a fresh
// conversation with the topics.
func TestAnswerStartsInViewAndEmergencyOffersOnlyStartAgain(t *testing.T) {
	ts := newServer(t)
	crisis := apiSay(t, ts, `{"text":"I want to kill myself"}`)
	if crisis.Disposition == nil || *crisis.Disposition != "mental_health_crisis" || len(crisis.Messages[0].Services) < 3 {
		t.Fatalf("the content's crisis answer changed (%v, %d services); this test needs a long one", crisis.Disposition, len(crisis.Messages[0].Services))
	}
	onEachScreen(t, ts.URL, func(t *testing.T, ctx context.Context) {
		type_(t, ctx, "my appointment")
		type_(t, ctx, "hello")
		type_(t, ctx, "I want to kill myself")

		if !eval[bool](t, ctx, `[document.querySelector('.sp-log'), document.querySelector('#sp-panel')].some(e => e.scrollTop > 0)`) {
			t.Fatal("nothing scrolled; the test needs a longer conversation")
		}
		if !eval[bool](t, ctx, firstLineInView+`('.sp-emergency .sp-text')`) {
			t.Errorf("the first line of the crisis answer is off screen: %s", scrollState(t, ctx))
		}
		if !eval[bool](t, ctx, firstLineInView+`('.sp-emergency .sp-emergency-title')`) {
			t.Errorf("the crisis heading is off screen: %s", scrollState(t, ctx))
		}
		waitFor(t, ctx, "the crisis answer in the assertive live region",
			fmt.Sprintf(`document.querySelector('.sp-alert').textContent.includes(%q)`, crisis.Messages[0].Text[:40]))
		if got := eval[string](t, ctx, `document.activeElement.id`); got != "sp-input" {
			t.Errorf("focus moved to %q, want it kept in the message box", got)
		}
		start := bundled(t).Message("widget_start_again")
		if got := chips(t, ctx); !slices.Equal(got, []string{start}) {
			t.Errorf("after a crisis answer the buttons are %q, want only %q", got, start)
		}
		reportAxe(t, "after a crisis answer", runAxe(t, ctx))

		// Start again, by keyboard, from the button under the answer.
		do(t, ctx, "pressing Start again", chromedp.Focus(chromedp.CSS(".sp-chip")), chromedp.KeyEvent("\r"))
		waitFor(t, ctx, "a fresh conversation", `document.querySelectorAll('.sp-msg--user').length === 0 && document.querySelectorAll('.sp-chip').length > 1`)
		waitWelcome(t, ctx)
		if got := eval[string](t, ctx, `document.activeElement.id`); got != "sp-input" {
			t.Errorf("after Start again focus is on %q, want the message box", got)
		}
	})
}

// After a 999 red flag, and after an A&E answer reached through a triage
// question, no topic buttons: only Start again.
func TestEmergencyIsNotFollowedByTopics(t *testing.T) {
	ts := newServer(t)
	start := bundled(t).Message("widget_start_again")
	ctx := openWidget(t, ts.URL, 390, 844)
	type_(t, ctx, "hello")
	if len(chips(t, ctx)) < 2 {
		t.Fatalf("the fallback offers no topics: %q", chips(t, ctx))
	}
	type_(t, ctx, "her face is drooping on one side")
	if got := chips(t, ctx); !slices.Equal(got, []string{start}) {
		t.Errorf("after a 999 answer the buttons are %q, want only %q", got, start)
	}
	type_(t, ctx, "sore throat")
	do(t, ctx, "answering yes", chromedp.Focus(chromedp.CSS(".sp-chip")), chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "the A&E answer", `document.querySelectorAll('.sp-emergency').length === 2 && document.querySelector('.sp-typing').hidden`)
	if !eval[bool](t, ctx, `document.querySelectorAll('.sp-emergency').length === 2`) {
		t.Fatalf("the A&E answer is not shown as an emergency: %s", pageState(ctx))
	}
	if got := chips(t, ctx); !slices.Equal(got, []string{start}) {
		t.Errorf("after an A&E answer the buttons are %q, want only %q", got, start)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('.sp-emergency .sp-feedback').length`); n != 0 {
		t.Errorf("%d emergencies ask whether they helped", n)
	}
}

// Yes and No sit right under their question, in view.
func TestYesNoUnderTheQuestion(t *testing.T) {
	ts := newServer(t)
	onEachScreen(t, ts.URL, func(t *testing.T, ctx context.Context) {
		type_(t, ctx, "sore throat")
		set := bundled(t)
		if got := chips(t, ctx); !slices.Equal(got, []string{set.Message("yes"), set.Message("no")}) {
			t.Fatalf("under the question: %q", got)
		}
		got := eval[struct {
			Gap     float64
			InView  bool
			Between int
		}](t, ctx, `(() => { const q = document.querySelector('.sp-kind-question').getBoundingClientRect(),
			c = document.querySelector('.sp-quick').getBoundingClientRect(), l = document.querySelector('.sp-log').getBoundingClientRect();
			return {Gap: c.top - q.bottom, InView: c.bottom <= l.bottom + 1 && c.top >= l.top,
				Between: document.querySelector('.sp-kind-question').nextElementSibling ? 1 : 0}; })()`)
		if got.Gap < 0 || got.Gap > 32 || !got.InView || got.Between != 0 {
			t.Errorf("yes/no buttons %.0fpx under the question (in view: %v, messages between: %d)", got.Gap, got.InView, got.Between)
		}
	})
}

// "Was this helpful?" under an answer works with the keyboard alone, says
// thank you to screen readers, keeps focus in the chat, passes axe, and is
// counted per intent in /metrics.
func TestFeedbackByKeyboard(t *testing.T) {
	ts := newServer(t)
	onEachScreen(t, ts.URL, func(t *testing.T, ctx context.Context) {
		type_(t, ctx, "sore throat")
		do(t, ctx, "answering no", chromedp.Focus(chromedp.CSS(".sp-chip:nth-child(2)")), chromedp.KeyEvent("\r"))
		waitFor(t, ctx, "the answer", `document.querySelector('.sp-feedback') && document.querySelector('.sp-typing').hidden`)
		set := bundled(t)
		q := eval[struct{ Question, Label, Buttons string }](t, ctx, `(() => { const f = document.querySelector('.sp-feedback');
			return {Question: f.querySelector('.sp-feedback-question').textContent, Label: document.getElementById(f.getAttribute('aria-labelledby')).textContent,
				Buttons: Array.from(f.querySelectorAll('button')).map(b => b.textContent).join('|')}; })()`)
		if q.Question != set.Message("widget_feedback_question") || q.Label != q.Question ||
			q.Buttons != set.Message("widget_feedback_yes")+"|"+set.Message("widget_feedback_no") {
			t.Errorf("feedback control %+v", q)
		}
		reportAxe(t, "feedback asked", runAxe(t, ctx))

		do(t, ctx, "focusing the message box", chromedp.Focus(chromedp.ID("sp-input")))
		for range 40 {
			if eval[bool](t, ctx, `document.activeElement.classList.contains('sp-feedback-button')`) {
				break
			}
			do(t, ctx, "pressing Shift+Tab", chromedp.KeyEvent("\t", chromedp.KeyModifiers(chromedp.ModifierShift)))
		}
		if got := eval[string](t, ctx, `document.activeElement.textContent`); got != set.Message("widget_feedback_no") {
			t.Fatalf("Shift+Tab from the message box reached %q, want the feedback's No", got)
		}
		do(t, ctx, "pressing Space on No", chromedp.KeyEvent(" "))
		thanks := set.Message("widget_feedback_thanks")
		waitFor(t, ctx, "the thanks", fmt.Sprintf(`(document.querySelector('.sp-feedback-thanks')||{}).textContent === %q`, thanks))
		waitFor(t, ctx, "the thanks read out", fmt.Sprintf(`document.querySelector('.sp-live').textContent === %q`, thanks))
		if got := eval[string](t, ctx, `document.activeElement.id`); got != "sp-input" {
			t.Errorf("after answering, focus is on %q, want the message box", got)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll('.sp-feedback-button').length`); n != 0 {
			t.Errorf("%d feedback buttons left after answering", n)
		}
	})
	res, err := http.Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if want := fmt.Sprintf(`signpost_feedback_total{answer="not_helpful",intent="sore_throat"} %d`, len(viewports)); !strings.Contains(string(body), want) {
		t.Errorf("/metrics lacks %s", want)
	}
}

// The notice on the trust page is coloured by severity: a warning is the
// NHS.UK warning callout (yellow), only a critical notice is emergency red.
func TestNoticeColouredBySeverity(t *testing.T) {
	for _, tc := range []struct {
		severity, border, title, titleText string
	}{
		{"info", "rgb(0, 94, 184)", "rgb(0, 94, 184)", "rgb(255, 255, 255)"},
		{"warning", "rgb(255, 235, 59)", "rgb(255, 235, 59)", "rgb(33, 43, 50)"},
		{"critical", "rgb(213, 40, 27)", "rgb(213, 40, 27)", "rgb(255, 255, 255)"},
	} {
		t.Run(tc.severity, func(t *testing.T) {
			dir := copyIntents(t)
			b, err := os.ReadFile(dir + "/notice.yaml")
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dir+"/notice.yaml", []byte(strings.Replace(string(b), "severity: warning", "severity: "+tc.severity, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			ts := newServerFrom(t, dir)
			ctx := newTab(t)
			do(t, ctx, "loading the demo page", chromedp.EmulateViewport(1280, 800), chromedp.Navigate(ts.URL+"/"))
			waitFor(t, ctx, "the notice", `document.querySelector('.sp-notice-title')`)
			got := eval[struct{ Border, Title, TitleText string }](t, ctx, `(() => { const n = document.querySelector('.sp-notice'), h = n.querySelector('.sp-notice-title');
				return {Border: getComputedStyle(n).borderTopColor, Title: getComputedStyle(h).backgroundColor, TitleText: getComputedStyle(h).color}; })()`)
			if got.Border != tc.border || got.Title != tc.title || got.TitleText != tc.titleText {
				t.Errorf("a %s notice: border %s, label %s on %s; want border %s, label %s on %s",
					tc.severity, got.Border, got.TitleText, got.Title, tc.border, tc.titleText, tc.title)
			}
		})
	}
}

// scrollState describes the log's scroll for failure messages.
func scrollState(t *testing.T, ctx context.Context) string {
	return eval[string](t, ctx, `(() => { const l = document.querySelector('.sp-log'), e = document.querySelector('.sp-emergency:last-of-type');
		return 'log scrollTop ' + l.scrollTop + ' of ' + l.scrollHeight + ', height ' + l.clientHeight + ', log top ' + l.getBoundingClientRect().top +
			', answer top ' + (e ? e.getBoundingClientRect().top : 'none'); })()`)
}
