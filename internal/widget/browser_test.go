package widget_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser tests drive Debian's chromium, headless. They fail, never
// skip, when it is missing: CI installs it with `apt-get install -y chromium`.
const chromiumPath = "/usr/bin/chromium"

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

// startBrowser starts one chromium for the whole package, with a fresh
// profile and nothing that talks to the network.
func startBrowser() {
	path := chromiumPath
	if p := os.Getenv("SIGNPOST_CHROMIUM"); p != "" {
		path = p
	}
	if _, err := os.Stat(path); err != nil {
		browserErr = fmt.Errorf("chromium is needed for the widget tests and was not found at %s (install it: apt-get install -y chromium): %w", path, err)
		return
	}
	dir, err := os.MkdirTemp("", "signpost-chromium-")
	if err != nil {
		browserErr = err
		return
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(dir),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	stopBrowser = func() {
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(dir)
	}
	if err := chromedp.Do(bctx); err != nil {
		browserErr = fmt.Errorf("starting %s: %w", path, err)
		return
	}
	browserCtx = bctx
}

// newTab opens a fresh tab (with its own sessionStorage) in the shared
// browser. It fails any JavaScript error or CSP violation on the page.
func newTab(t *testing.T) context.Context {
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
			t.Errorf("browser console error: %s", e)
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

	// Type a message and press Enter: the reply and its quick replies appear
	// and the reply is announced politely.
	do(t, ctx, "typing a message", chromedp.KeyEvent("hello\r"))
	waitFor(t, ctx, "the reply", `document.querySelectorAll('.sp-msg--bot').length === 1`)
	if got := eval[string](t, ctx, `document.querySelector('.sp-msg--user').textContent`); !strings.Contains(got, "hello") {
		t.Errorf("user message shows %q", got)
	}
	waitFor(t, ctx, "a quick reply button", `document.querySelector('.sp-chip')?.textContent === 'My appointment'`)
	waitFor(t, ctx, "the reply in the polite live region",
		`document.querySelector('.sp-live').textContent.includes("didn't understand")`)
	if got := eval[string](t, ctx, `document.querySelector('.sp-live').getAttribute('aria-live')`); got != "polite" {
		t.Errorf("reply live region aria-live = %q", got)
	}
	if eval[bool](t, ctx, `!document.querySelector('.sp-typing').hidden`) {
		t.Error("typing indicator still shown after the reply")
	}

	// Press the quick reply with the keyboard.
	do(t, ctx, "pressing the quick reply", chromedp.Focus(chromedp.CSS(".sp-chip")), chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "the quick reply's answer",
		`Array.from(document.querySelectorAll('.sp-msg--bot')).some(e => e.textContent.includes('contact you to rebook'))`)
	if got := eval[string](t, ctx, `document.querySelectorAll('.sp-msg--user')[1].textContent`); !strings.Contains(got, "My appointment") {
		t.Errorf("quick reply shown as %q", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('.sp-chip').length`); n != 0 {
		t.Errorf("%d old quick replies still shown", n)
	}

	// A red flag: the emergency reply is red, has a tel: link and is
	// announced assertively at once.
	do(t, ctx, "typing a red flag", chromedp.Focus(chromedp.ID("sp-input")), chromedp.KeyEvent("her face is drooping on one side\r"))
	waitFor(t, ctx, "the emergency reply", `document.querySelector('.sp-msg.sp-emergency')`)
	em := eval[struct {
		Text, Bg, Color, Tel, TelText string
	}](t, ctx, `(() => { const e = document.querySelector('.sp-emergency'), s = getComputedStyle(e), a = e.querySelector('a[href^="tel:"]');
		return {Text: e.textContent, Bg: s.backgroundColor, Color: s.color, Tel: a && a.getAttribute('href'), TelText: a && a.textContent}; })()`)
	if !strings.Contains(em.Text, "Call 999 now") || !strings.Contains(em.Text, "Emergency") {
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

	// Start again: everything is cleared, here and in storage.
	tabTo(t, ctx, ".sp-restart")
	do(t, ctx, "pressing Start again", chromedp.KeyEvent("\r"))
	waitFor(t, ctx, "the conversation to clear", `document.querySelectorAll('.sp-msg').length === 0`)
	stored := eval[string](t, ctx, `sessionStorage.getItem('signpost:v1:' + location.origin)`)
	var st struct {
		SID string `json:"sid"`
		Log []any  `json:"log"`
	}
	if err := json.Unmarshal([]byte(stored), &st); err != nil || st.SID != "" || len(st.Log) != 0 {
		t.Errorf("after start again, storage holds %s", stored)
	}
	waitFor(t, ctx, "focus in the message box after start again", `document.activeElement.id === 'sp-input'`)
	do(t, ctx, "reloading", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".sp-launcher")))
	if n := messageCount(t, ctx); n != 0 {
		t.Errorf("%d messages came back after start again and reload", n)
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
func TestWidgetServiceCards(t *testing.T) {
	ts := newServer(t)
	ctx := newTab(t)
	do(t, ctx, "loading the demo page", chromedp.EmulateViewport(1280, 800), chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".sp-launcher")))
	do(t, ctx, "opening the widget", chromedp.Click(chromedp.CSS(".sp-launcher")))
	waitFor(t, ctx, "focus in the message box", `document.activeElement.id === 'sp-input'`)
	do(t, ctx, "asking", chromedp.KeyEvent("her face is drooping on one side\r"))
	waitFor(t, ctx, "a service card", `document.querySelector('.sp-card')`)
	card := eval[struct{ Name, Status, Tel string }](t, ctx, `(() => { const c = document.querySelector('.sp-card');
		return {Name: c.querySelector('.sp-card-name').textContent, Status: (c.querySelector('.sp-card-status')||{}).textContent || '',
			Tel: c.querySelector('a[href^="tel:"]').getAttribute('href')}; })()`)
	if card.Name != "Call 999" || card.Tel != "tel:999" || !strings.Contains(card.Status, "Open now") || !strings.Contains(card.Status, "24 hours") {
		t.Errorf("service card = %+v", card)
	}
}

// Text from the content (which an admin can edit) is shown as text: markup in
// a reply or a service card never runs. (The loader already refuses
// non-https service URLs; the widget checks again.)
func TestWidgetRendersTextOnly(t *testing.T) {
	dir := t.TempDir()
	entries, err := os.ReadDir("../../intents")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".yaml") {
			b, err := os.ReadFile("../../intents/" + e.Name())
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(dir+"/"+e.Name(), b, 0o644)
		}
	}
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
	}](t, ctx, `(() => { const m = document.querySelector('.sp-msg--bot'), c = m.querySelector('.sp-card');
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
