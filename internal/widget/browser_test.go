package widget_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/nhs-signpost/signpost/internal/browsertest"
)

var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
	stopBrowser = func() {}
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	stopBrowser()
	os.Exit(code)
}

// startBrowser starts one chromium for the whole package.
func startBrowser() {
	browserCtx, stopBrowser, browserErr = browsertest.Launch()
	if stopBrowser == nil {
		stopBrowser = func() {}
	}
}

// newTab opens a fresh tab (with its own sessionStorage) in the shared
// browser. It fails any JavaScript error or CSP violation on the page, but
// for console errors containing one of the expected strings.
func newTab(t *testing.T, expected ...string) context.Context {
	t.Helper()
	browserOnce.Do(startBrowser)
	if browserErr != nil {
		t.Fatal(browserErr)
	}
	ctx, cancel := chromedp.NewContext(browserCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	var (
		mu   sync.Mutex
		errs []string
	)
	console := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for msg, err := range console {
			if err != nil {
				return
			}
			if msg.Type == chromedp.ConsoleError || msg.Type == chromedp.ConsoleException {
				mu.Lock()
				errs = append(errs, msg.Text)
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, e := range errs {
			if !slices.ContainsFunc(expected, func(x string) bool { return strings.Contains(e, x) }) {
				t.Errorf("browser console error: %s", e)
			}
		}
	})
	return ctx
}

func do(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitFor waits until the JavaScript expression is truthy.
func waitFor(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		t.Fatalf("waiting for %s (%s): %v\npage: %s", what, expr, err, pageState(ctx))
	}
}

// pageState describes the widget for failure messages.
func pageState(ctx context.Context) string {
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({
		active: document.activeElement && (document.activeElement.id || document.activeElement.className),
		messages: Array.from(document.querySelectorAll('.sp-msg')).map(e => e.className + ': ' + e.textContent),
		quick: Array.from(document.querySelectorAll('.sp-chip')).map(e => e.textContent),
		polite: (document.querySelector('.sp-live')||{}).textContent,
		alert: (document.querySelector('.sp-alert')||{}).textContent})`))
	if err != nil {
		return err.Error()
	}
	return s
}

// tabTo presses Tab until the element matching sel has the focus.
func tabTo(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	for range 40 {
		do(t, ctx, "pressing Tab", chromedp.KeyEvent("\t"))
		if eval[bool](t, ctx, fmt.Sprintf(`document.activeElement === document.querySelector(%q)`, sel)) {
			return
		}
	}
	t.Fatalf("Tab never reached %s; %s", sel, pageState(ctx))
}

func messageCount(t *testing.T, ctx context.Context) int {
	return eval[int](t, ctx, `document.querySelectorAll('.sp-msg').length`)
}

// answerSel selects Signpost's answers: every message of its but the
// welcome that opens a conversation.
const answerSel = ".sp-msg--bot:not(.sp-kind-welcome)"

// botTexts is the text of each of Signpost's answers shown, without the
// screen-reader prefix and service cards.
func botTexts(t *testing.T, ctx context.Context) []string {
	return eval[[]string](t, ctx, `Array.from(document.querySelectorAll('`+answerSel+` > .sp-text')).map(e => e.textContent)`)
}

// answers is how many answers are shown, once none is being waited for.
func answers(n int) string {
	return fmt.Sprintf(`document.querySelectorAll('%s').length === %d && document.querySelector('.sp-typing').hidden`, answerSel, n)
}

// waitWelcome waits for the welcome and its topics that open a conversation.
func waitWelcome(t *testing.T, ctx context.Context) {
	t.Helper()
	waitFor(t, ctx, "the welcome", `document.querySelector('.sp-kind-welcome') && document.querySelector('.sp-chip')`)
}

// chips is the titles of the quick reply buttons shown.
func chips(t *testing.T, ctx context.Context) []string {
	return eval[[]string](t, ctx, `Array.from(document.querySelectorAll('.sp-chip')).map(e => e.textContent)`)
}

func TestWidgetConversation(t *testing.T) {
	ts := newServer(t)
	ctx := newTab(t)
	do(t, ctx, "loading the demo page",
		chromedp.EmulateViewport(1280, 800),
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(".sp-launcher")),
	)
	waitFor(t, ctx, "the incident notice banner",
		`(document.querySelector('[data-signpost-notice] .sp-notice-text')||{}).textContent?.includes('major IT problem')`)

	// Open by keyboard: focus lands in the message box.
	tabTo(t, ctx, ".sp-launcher")
	do(t, ctx, "pressing Enter on the launcher", chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "the panel to open", `!document.querySelector('#sp-panel').hidden`)
	if got := eval[string](t, ctx, `document.querySelector('.sp-launcher').getAttribute('aria-expanded')`); got != "true" {
		t.Errorf("launcher aria-expanded = %q after opening", got)
	}
	waitFor(t, ctx, "focus in the message box", `document.activeElement.id === 'sp-input'`)

	// The conversation opens with the content's welcome and its topics,
	// right under it, in the log.
	waitWelcome(t, ctx)
	welcome := apiWelcome(t, ts)
	if got := eval[string](t, ctx, `document.querySelector('.sp-kind-welcome .sp-text').textContent`); got != bundled(t).Message("welcome") || got != welcome.Messages[0].Text {
		t.Errorf("the widget opens with %q, want the content's welcome", got)
	}
	if got := chips(t, ctx); !slices.Equal(got, titles(welcome)) || len(got) == 0 {
		t.Errorf("topics under the welcome %q, want %q", got, titles(welcome))
	}
	if !eval[bool](t, ctx, `document.querySelector('.sp-log').contains(document.querySelector('.sp-quick'))`) {
		t.Error("the topics are not in the log under the welcome")
	}

	// Type a message and press Enter: the reply and its quick replies appear
	// and the reply is announced politely. What they say is the content's:
	// the API, asked the same, is the reference.
	want := apiSay(t, ts, `{"text":"hello"}`)
	if len(want.QuickReplies) == 0 {
		t.Fatal("the content's answer to hello offers no quick replies; this test needs some")
	}
	do(t, ctx, "typing a message", chromedp.KeyEvent("hello\r"))
	waitFor(t, ctx, "the reply", answers(len(want.Messages)))
	if got := eval[string](t, ctx, `document.querySelector('.sp-msg--user').textContent`); !strings.Contains(got, "hello") {
		t.Errorf("user message shows %q", got)
	}
	if got := botTexts(t, ctx); !slices.Equal(got, texts(want)) {
		t.Errorf("the widget shows %q, the API answers %q", got, texts(want))
	}
	if got := chips(t, ctx); !slices.Equal(got, titles(want)) {
		t.Errorf("quick replies %q, want %q", got, titles(want))
	}
	last := want.Messages[len(want.Messages)-1].Text
	waitFor(t, ctx, "the reply in the polite live region",
		fmt.Sprintf(`document.querySelector('.sp-live').textContent.includes(%q)`, last))
	if got := eval[string](t, ctx, `document.querySelector('.sp-live').getAttribute('aria-live')`); got != "polite" {
		t.Errorf("reply live region aria-live = %q", got)
	}

	// Press the first quick reply with the keyboard: the person's choice is
	// shown as their message, the answer it leads to follows, and the quick
	// replies offered are those of the new answer only.
	chosen := want.QuickReplies[0]
	next := apiSay(t, ts, fmt.Sprintf(`{"session_id":%q,"payload":%q}`, want.SessionID, chosen.Payload))
	do(t, ctx, "pressing the quick reply", chromedp.Focus(chromedp.CSS(".sp-chip")), chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "the quick reply's answer", answers(len(want.Messages)+len(next.Messages)))
	if got := eval[string](t, ctx, `document.querySelectorAll('.sp-msg--user')[1].textContent`); !strings.Contains(got, chosen.Title) {
		t.Errorf("quick reply shown as %q, want %q", got, chosen.Title)
	}
	if got := botTexts(t, ctx)[len(want.Messages):]; !slices.Equal(got, texts(next)) {
		t.Errorf("after %q the widget shows %q, the API answers %q", chosen.Title, got, texts(next))
	}
	if got := chips(t, ctx); !slices.Equal(got, titles(next)) {
		t.Errorf("after the quick reply, quick replies %q; want the new answer's %q, none of the old %q", got, titles(next), titles(want))
	}

	// A red flag: the emergency reply is red, has a tel: link and is
	// announced assertively at once.
	do(t, ctx, "typing a red flag", chromedp.Focus(chromedp.ID("sp-input")), chromedp.KeyEvent("her face is drooping on one side\r"))
	waitFor(t, ctx, "the emergency reply", `document.querySelector('.sp-msg.sp-emergency')`)
	em := eval[struct {
		Text, Bg, Color, Tel, TelText string
	}](t, ctx, `(() => { const e = document.querySelector('.sp-emergency'), s = getComputedStyle(e), a = e.querySelector('a[href^="tel:"]');
		return {Text: e.textContent, Bg: s.backgroundColor, Color: s.color, Tel: a && a.getAttribute('href'), TelText: a && a.textContent}; })()`)
	if !strings.Contains(em.Text, "Call 999 now") || !strings.Contains(em.Text, bundled(t).Message("widget_emergency")) {
		t.Errorf("emergency reply reads %q", em.Text)
	}
	if em.Bg != "rgb(213, 40, 27)" || em.Color != "rgb(255, 255, 255)" {
		t.Errorf("emergency reply is %s on %s, want white on NHS red", em.Color, em.Bg)
	}
	if em.Tel != "tel:999" || !strings.Contains(em.TelText, "999") {
		t.Errorf("emergency call link is %q %q, want tel:999", em.Tel, em.TelText)
	}
	waitFor(t, ctx, "the emergency in the assertive live region",
		`document.querySelector('.sp-alert').textContent.includes('Call 999 now')`)
	if got := eval[string](t, ctx, `document.querySelector('.sp-alert').getAttribute('aria-live') + ' ' + document.querySelector('.sp-alert').getAttribute('role')`); got != "assertive alert" {
		t.Errorf("emergency live region is %q", got)
	}

	// However long the conversation, the panel itself never scrolls: the
	// header with Close and Start again stays in view.
	if got := eval[string](t, ctx, `(() => { const p = document.querySelector('#sp-panel'); return p.scrollHeight + ' ' + p.clientHeight; })()`); func() bool {
		var sh, ch int
		fmt.Sscan(got, &sh, &ch)
		return sh > ch
	}() {
		t.Errorf("the panel overflows (scrollHeight clientHeight = %s)", got)
	}

	// Reload (as on navigation to another page): the conversation stays and
	// the panel is still open.
	before := messageCount(t, ctx)
	do(t, ctx, "following a link on the trust page", chromedp.Navigate(ts.URL+"/?page=visiting"), chromedp.WaitVisible(chromedp.CSS(".sp-launcher")))
	do(t, ctx, "reloading", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".sp-launcher")))
	waitFor(t, ctx, "the conversation after reload", fmt.Sprintf(`document.querySelectorAll('.sp-msg').length === %d`, before))
	if !eval[bool](t, ctx, `!document.querySelector('#sp-panel').hidden && !!document.querySelector('.sp-emergency a[href="tel:999"]')`) {
		t.Errorf("after reload the panel or the emergency reply is gone: %s", pageState(ctx))
	}

	// The conversation continues in the same session after the reload.
	sid := eval[string](t, ctx, `JSON.parse(sessionStorage.getItem('signpost:v1:' + location.origin)).sid`)
	if sid == "" {
		t.Fatal("no session id kept in sessionStorage")
	}

	// Escape closes the panel and puts focus back on the launcher.
	do(t, ctx, "focusing the message box", chromedp.Focus(chromedp.ID("sp-input")))
	do(t, ctx, "pressing Escape", chromedp.KeyEvent("\u001b"))
	waitFor(t, ctx, "the panel to close", `document.querySelector('#sp-panel').hidden`)
	waitFor(t, ctx, "focus back on the launcher", `document.activeElement === document.querySelector('.sp-launcher')`)
	do(t, ctx, "reopening", chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "the panel to reopen", `!document.querySelector('#sp-panel').hidden && document.activeElement.id === 'sp-input'`)

	// Start again: everything is cleared, here and in storage, and the
	// conversation opens afresh with the welcome.
	tabTo(t, ctx, ".sp-restart")
	do(t, ctx, "pressing Start again", chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "the conversation to clear", `document.querySelectorAll('.sp-msg--user').length === 0`)
	waitWelcome(t, ctx)
	stored := eval[string](t, ctx, `sessionStorage.getItem('signpost:v1:' + location.origin)`)
	var st struct {
		SID string `json:"sid"`
		Log []any  `json:"log"`
	}
	if err := json.Unmarshal([]byte(stored), &st); err != nil || st.SID != "" || len(st.Log) != 1 {
		t.Errorf("after start again, storage holds %s; want only the welcome, no session", stored)
	}
	waitFor(t, ctx, "focus in the message box after start again", `document.activeElement.id === 'sp-input'`)
	do(t, ctx, "reloading", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".sp-launcher")))
	if n := messageCount(t, ctx); n != 1 {
		t.Errorf("%d messages came back after start again and reload, want the welcome alone", n)
	}

	// A new tab (as after closing the old one) starts with nothing.
	other := newTab(t)
	do(t, other, "loading the demo page in a new tab", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".sp-launcher")))
	if n := messageCount(t, other); n != 0 {
		t.Errorf("a new tab shows %d messages", n)
	}
}

// Services come as cards with phone links, the address and whether they are
// open now.
// askInWidget opens the widget on the demo page and sends one message.
func askInWidget(t *testing.T, text string) context.Context {
	t.Helper()
	ts := newServer(t)
	ctx := newTab(t)
	do(t, ctx, "loading the demo page", chromedp.EmulateViewport(1280, 800), chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".sp-launcher")))
	do(t, ctx, "opening the widget", chromedp.Click(chromedp.CSS(".sp-launcher")))
	waitFor(t, ctx, "focus in the message box", `document.activeElement.id === 'sp-input'`)
	do(t, ctx, "asking", chromedp.KeyEvent(text+"\r"))
	return ctx
}

func TestWidgetServiceCards(t *testing.T) {
	ctx := askInWidget(t, "her face is drooping on one side")
	waitFor(t, ctx, "a service card", `document.querySelector('.sp-card')`)
	card := eval[struct{ Name, Status, Tel string }](t, ctx, `(() => { const c = document.querySelector('.sp-card');
		return {Name: c.querySelector('.sp-card-name').textContent, Status: (c.querySelector('.sp-card-status')||{}).textContent || '',
			Tel: c.querySelector('a[href^="tel:"]').getAttribute('href')}; })()`)
	// 999 is always answered: its card shows no opening hours.
	if card.Name != "Call 999" || card.Tel != "tel:999" || card.Status != "" {
		t.Errorf("service card = %+v, want Call 999 with a tel: link and no opening hours", card)
	}
}

// A text-only crisis service (Shout) is offered as a text, with an sms: link
// that opens the messages app with the word typed, never as a number to call.
func TestWidgetTextOnlyServiceIsTexted(t *testing.T) {
	ctx := askInWidget(t, "I don't want to be alive any more")
	waitFor(t, ctx, "the crisis reply's cards", `document.querySelectorAll('.sp-kind-crisis .sp-card').length >= 2`)
	got := eval[struct{ Href, Text, Tels string }](t, ctx, `(() => { const a = document.querySelector('.sp-kind-crisis a[href^="sms:"]');
		return {Href: a ? a.getAttribute('href') : '', Text: a ? a.textContent : '',
			Tels: [...document.querySelectorAll('.sp-kind-crisis a[href^="tel:"]')].map(x => x.getAttribute('href') + ' ' + x.textContent).join('|')}; })()`)
	if got.Href != "sms:85258?&body=SHOUT" || got.Text != "Text SHOUT to 85258" {
		t.Errorf("Shout's link is %q %q, want sms:85258?&body=SHOUT reading \"Text SHOUT to 85258\"", got.Href, got.Text)
	}
	if strings.Contains(got.Tels, "85258") || !strings.Contains(got.Tels, "tel:116123") {
		t.Errorf("call links on the crisis reply: %q (85258 is for texts only; Samaritans is called)", got.Tels)
	}
}

// Text from the content (which an admin can edit) is shown as text: markup in
// a reply or a service card never runs. (The loader already refuses
// non-https service URLs; the widget checks again.)
func TestWidgetRendersTextOnly(t *testing.T) {
	dir := copyIntents(t)
	os.WriteFile(dir+"/zz_markup.yaml", []byte(`services:
  - id: markup_service
    name: "<img src=x onerror=\"window.pwned=1\">Markup clinic"
    kind: gp
    phone: "0151 <b>123</b> 4567"
    address: "<script>window.pwned=2</script>1 High Street"
    url: "https://example.nhs.uk/<b>clinic</b>"
intents:
  - id: markup_test
    title: Markup test
    disposition: info
    examples: [tell me about the markup clinic]
    keywords: [markup clinic]
    reply: "<b>Bold?</b> <img src=x onerror=\"window.pwned=4\">"
    services: [markup_service]
`), 0o644)
	ts := newServerFrom(t, dir)
	ctx := newTab(t)
	do(t, ctx, "loading the demo page", chromedp.EmulateViewport(1280, 800), chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".sp-launcher")))
	do(t, ctx, "opening the widget", chromedp.Click(chromedp.CSS(".sp-launcher")))
	waitFor(t, ctx, "focus in the message box", `document.activeElement.id === 'sp-input'`)
	do(t, ctx, "asking", chromedp.KeyEvent("tell me about the markup clinic\r"))
	waitFor(t, ctx, "the card", `document.querySelector('.sp-card')`)
	got := eval[struct {
		Pwned                    bool
		Imgs, Scripts, Links     int
		Text, Name, Address, Tel string
	}](t, ctx, `(() => { const m = document.querySelector('`+answerSel+`'), c = m.querySelector('.sp-card');
		return {Pwned: 'pwned' in window, Imgs: document.querySelectorAll('.sp-root img').length,
			Scripts: document.querySelectorAll('.sp-root script').length,
			Links: m.querySelectorAll('a[href^="https://example.nhs.uk/"][target="_blank"][rel~="noopener"]').length,
			Text: m.querySelector('.sp-text').textContent, Name: c.querySelector('.sp-card-name').textContent,
			Address: c.querySelector('.sp-card-address').textContent, Tel: c.querySelector('a[href^="tel:"]').getAttribute('href')}; })()`)
	if got.Pwned || got.Imgs != 0 || got.Scripts != 0 {
		t.Errorf("markup from the content ran or was inserted: %+v", got)
	}
	if got.Links != 1 {
		t.Errorf("%d safe website links, want 1", got.Links)
	}
	if !strings.Contains(got.Text, "<b>Bold?</b>") || !strings.HasPrefix(got.Name, "<img") || !strings.HasPrefix(got.Address, "<script>") {
		t.Errorf("markup not shown as text: %+v", got)
	}
	if got.Tel != "tel:01511234567" {
		t.Errorf("tel link %q, want digits only", got.Tel)
	}
}

// The widget's words are the content's: the comms team changes a label and
// the widget shows it, with no new widget.js.
func TestWidgetShowsContentWords(t *testing.T) {
	dir := copyIntents(t)
	editMessages(t, dir, map[string]string{
		"widget_launcher":     `"Chat to us"`,
		"widget_placeholder":  `"What do you need?"`,
		"widget_intro":        `"Dial 999 in an emergency. Changed intro."`,
		"widget_emergency":    `"Emergency: act now"`,
		"widget_notice_title": `"Hospital news"`,
	})
	ts := newServerFrom(t, dir)
	ctx := newTab(t)
	do(t, ctx, "loading the demo page", chromedp.EmulateViewport(1280, 800), chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".sp-launcher")))
	waitFor(t, ctx, "the content's launcher label", `document.querySelector('.sp-launcher').textContent === 'Chat to us'`)
	waitFor(t, ctx, "the content's notice heading", `(document.querySelector('.sp-notice-title')||{}).textContent === 'Hospital news'`)
	do(t, ctx, "opening the widget", chromedp.Click(chromedp.CSS(".sp-launcher")))
	got := eval[struct{ Placeholder, Intro, Tel string }](t, ctx, `(() => { const i = document.querySelector('.sp-intro');
		return {Placeholder: document.querySelector('#sp-input').placeholder, Intro: i.textContent,
			Tel: (i.querySelector('a[href="tel:999"]')||{}).textContent || ''}; })()`)
	if got.Placeholder != "What do you need?" || got.Intro != "Dial 999 in an emergency. Changed intro." || got.Tel != "999" {
		t.Errorf("the widget shows %+v, not the content's words with a 999 link", got)
	}
	do(t, ctx, "typing a red flag", chromedp.Focus(chromedp.ID("sp-input")), chromedp.KeyEvent("her face is drooping on one side\r"))
	waitFor(t, ctx, "the emergency heading from the content",
		`(document.querySelector('.sp-emergency .sp-emergency-title')||{}).textContent === 'Emergency: act now'`)
}

// When Signpost cannot be reached the widget still says, in its own words,
// how to get help, with 999 to call; and an intro without 999 is never shown.
func TestWidgetWordsWithoutTheService(t *testing.T) {
	dir := copyIntents(t)
	editMessages(t, dir, map[string]string{"widget_intro": `"Welcome to the chat."`})
	api := newServerFrom(t, dir)
	defaults := widgetDefaults(t)
	for _, tc := range []struct {
		name     string
		strings  bool // the words endpoint works
		messages bool // the messages endpoint works
	}{
		{"words unreachable", false, true},
		{"all unreachable", false, false},
		{"intro without 999", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if (!tc.strings && r.URL.Path == "/api/v1/widget/strings") || (!tc.messages && r.URL.Path == "/api/v1/messages") {
					http.Error(w, "down", http.StatusBadGateway)
					return
				}
				proxy(w, r, api.URL)
			}))
			t.Cleanup(ts.Close)
			// The browser reports the failed requests: that is what is tested.
			ctx := newTab(t, "status of 502")
			do(t, ctx, "loading the demo page", chromedp.EmulateViewport(1280, 800), chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".sp-launcher")))
			waitFor(t, ctx, "the notice banner", `document.querySelector('.sp-notice-title')`)
			do(t, ctx, "opening the widget", chromedp.Click(chromedp.CSS(".sp-launcher")))
			got := eval[struct{ Launcher, Intro, Tel string }](t, ctx, `(() => { const i = document.querySelector('.sp-intro');
				return {Launcher: document.querySelector('.sp-launcher').textContent, Intro: i.textContent,
					Tel: (i.querySelector('a[href="tel:999"]')||{}).textContent || ''}; })()`)
			if got.Launcher != defaults["widget_launcher"] || got.Intro != defaults["widget_intro"] || got.Tel != "999" {
				t.Errorf("the widget shows %+v; want its own words, with a 999 link", got)
			}
			if tc.messages {
				return
			}
			do(t, ctx, "typing", chromedp.Focus(chromedp.ID("sp-input")), chromedp.KeyEvent("hello\r"))
			waitFor(t, ctx, "the can't-reach message", fmt.Sprintf(`(document.querySelector('.sp-kind-error .sp-text')||{}).textContent === %q`,
				strings.ReplaceAll(defaults["widget_unreachable"], `\'`, `'`)))
		})
	}
}

// proxy passes a request on to the server at base, as a gateway would.
func proxy(w http.ResponseWriter, r *http.Request, base string) {
	req, err := http.NewRequestWithContext(r.Context(), r.Method, base+r.URL.RequestURI(), r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	req.Header = r.Header.Clone()
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer res.Body.Close()
	for k, v := range res.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(res.StatusCode)
	io.Copy(w, res.Body)
}
