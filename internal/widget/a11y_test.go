package widget_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

var update = flag.Bool("update", false, "rewrite the screenshots in docs/screenshots")

type axeViolation struct {
	ID, Impact, Help string
	Nodes            []struct {
		Target []any `json:"target"`
	}
}

// runAxe injects the vendored axe-core (never downloaded at run time) and
// returns the serious and critical WCAG 2.2 A/AA violations.
func runAxe(t *testing.T, ctx context.Context) []axeViolation {
	t.Helper()
	src, err := os.ReadFile("testdata/axe.min.js")
	if err != nil {
		t.Fatalf("reading the vendored axe-core: %v", err)
	}
	// Runtime.evaluate is not subject to the page's CSP.
	do(t, ctx, "injecting axe-core", chromedp.Evaluate[chromedp.Void](string(src)))
	res, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {
			runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
			resultTypes: ['violations']
		}).then(r => r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
			.map(v => ({ID: v.id, Impact: v.impact, Help: v.help, Nodes: v.nodes.map(n => ({target: n.target}))})))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	return res
}

func reportAxe(t *testing.T, state string, vs []axeViolation) {
	t.Helper()
	for _, v := range vs {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprint(n.Target...))
		}
		t.Errorf("axe, %s: %s %s (%s) at %s", state, v.Impact, v.ID, v.Help, strings.Join(where, ", "))
	}
}

// converse opens the widget and holds a conversation showing every kind of
// reply: a fallback with quick replies, an answer with a notice, and an
// emergency with a service card.
func converse(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, "opening the widget", chromedp.Click(chromedp.CSS(".sp-launcher")))
	waitFor(t, ctx, "focus in the message box", `document.activeElement.id === 'sp-input'`)
	do(t, ctx, "typing", chromedp.KeyEvent("my appointment\r"))
	waitFor(t, ctx, "an answer", `document.querySelector('`+answerSel+`') && document.querySelector('.sp-typing').hidden`)
	do(t, ctx, "typing a red flag", chromedp.KeyEvent("her face is drooping on one side\r"))
	waitFor(t, ctx, "the emergency reply", `document.querySelector('.sp-emergency .sp-card') && document.querySelector('.sp-typing').hidden`)
	do(t, ctx, "typing", chromedp.KeyEvent("hello\r"))
	waitFor(t, ctx, "the quick replies", `document.querySelector('.sp-chip') && document.querySelector('.sp-typing').hidden`)
	// Let the panel's entrance finish before measuring colours.
	waitFor(t, ctx, "animations to end", `document.getAnimations().every(a => a.playState !== 'running' || a.effect.getTiming().iterations === Infinity)`)
}

func TestAccessibilityAxe(t *testing.T) {
	ts := newServer(t)
	for _, vp := range []struct {
		name          string
		width, height int64
	}{{"desktop", 1280, 800}, {"phone", 390, 844}} {
		t.Run(vp.name, func(t *testing.T) {
			ctx := newTab(t)
			do(t, ctx, "loading the demo page", chromedp.EmulateViewport(vp.width, vp.height),
				chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".sp-launcher")))
			waitFor(t, ctx, "the notice banner", `document.querySelector('.sp-notice')`)
			reportAxe(t, "panel closed", runAxe(t, ctx))
			converse(t, ctx)
			reportAxe(t, "panel open", runAxe(t, ctx))
		})
	}
}

// At 200% zoom on a 1280×800 screen the page is 640×400 CSS pixels: the
// panel must fill it without sideways scrolling and keep every control
// reachable.
func TestZoom200(t *testing.T) {
	ts := newServer(t)
	ctx := newTab(t)
	do(t, ctx, "loading the demo page at 200% zoom", chromedp.EmulateViewport(640, 400, chromedp.EmulateScale(2)),
		chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".sp-launcher")))
	converse(t, ctx)
	got := eval[struct {
		Overflow         bool
		Panel            [4]float64
		InputOK, CloseOK bool
	}](t, ctx, `(() => {
		const r = document.querySelector('#sp-panel').getBoundingClientRect();
		const inView = e => { e.scrollIntoView({block: 'nearest'}); const b = e.getBoundingClientRect();
			return b.top >= 0 && b.left >= 0 && b.bottom <= innerHeight + 1 && b.right <= innerWidth + 1; };
		return {Overflow: document.querySelector('#sp-panel').scrollWidth > document.querySelector('#sp-panel').clientWidth + 1,
			Panel: [r.left, r.top, r.width, r.height],
			InputOK: inView(document.querySelector('#sp-input')), CloseOK: inView(document.querySelector('.sp-close'))};
	})()`)
	if got.Overflow {
		t.Error("the panel scrolls sideways at 200% zoom")
	}
	if got.Panel != [4]float64{0, 0, 640, 400} {
		t.Errorf("panel at %v, want the whole 640×400 viewport", got.Panel)
	}
	if !got.InputOK || !got.CloseOK {
		t.Errorf("message box reachable: %v, close button reachable: %v", got.InputOK, got.CloseOK)
	}
	// On a full-screen panel, Tab stays inside it.
	do(t, ctx, "focusing the close button", chromedp.Focus(chromedp.CSS(".sp-close")))
	for range 30 {
		do(t, ctx, "pressing Tab", chromedp.KeyEvent("\t"))
		if !eval[bool](t, ctx, `document.querySelector('#sp-panel').contains(document.activeElement)`) {
			t.Fatalf("Tab left the full-screen panel for %s", eval[string](t, ctx, `document.activeElement.outerHTML.slice(0, 80)`))
		}
	}
}

func TestReducedMotion(t *testing.T) {
	ts := newServer(t)
	ctx := newTab(t)
	do(t, ctx, "loading the demo page", chromedp.EmulateViewport(1280, 800),
		chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".sp-launcher")))
	do(t, ctx, "asking for reduced motion", emulateReducedMotion())
	do(t, ctx, "opening the widget", chromedp.Click(chromedp.CSS(".sp-launcher")))
	if got := eval[string](t, ctx, `getComputedStyle(document.querySelector('#sp-panel')).animationName + ' ' + getComputedStyle(document.querySelector('.sp-dots span')).animationName`); got != "none none" {
		t.Errorf("with prefers-reduced-motion the animations are %q, want none", got)
	}
}

// TestScreenshots renders the widget as people meet it: on a desktop, an
// answer with "Was this helpful?"; on a phone, an emergency, a crisis and a
// triage question, each scrolled only by the widget itself (so the pictures
// show where an answer's first line lands). With -update it rewrites
// docs/screenshots; without, it checks that the committed ones are there and
// are the sizes this test makes.
func TestScreenshots(t *testing.T) {
	ts := newServer(t)
	dir := filepath.Join("..", "..", "docs", "screenshots")
	for _, s := range []struct {
		name          string
		width, height int64
		scale         float64
		say           []string // typed; "#N" presses the Nth button instead
	}{
		{"widget-desktop.png", 1280, 800, 1, []string{"my appointment", "sore throat", "#2"}},
		{"widget-phone-emergency.png", 390, 844, 2, []string{"my appointment", "her face is drooping on one side"}},
		{"widget-phone-crisis.png", 390, 844, 2, []string{"hello", "I can't cope any more and want to end my life"}},
		{"widget-phone-triage.png", 390, 844, 2, []string{"my appointment", "my 3 year old has a temperature"}},
	} {
		t.Run(s.name, func(t *testing.T) {
			ctx := newTab(t)
			do(t, ctx, "loading the demo page", chromedp.EmulateViewport(s.width, s.height, chromedp.EmulateScale(s.scale)),
				chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".sp-launcher")))
			waitFor(t, ctx, "the notice banner", `document.querySelector('.sp-notice')`)
			do(t, ctx, "opening the widget", chromedp.Click(chromedp.CSS(".sp-launcher")))
			waitWelcome(t, ctx)
			for _, say := range s.say {
				if n, ok := strings.CutPrefix(say, "#"); ok {
					before := len(botTexts(t, ctx))
					do(t, ctx, "pressing button "+n, chromedp.Focus(chromedp.CSS(".sp-chip:nth-child("+n+")")), chromedp.KeyEvent("\r"))
					waitFor(t, ctx, "the answer", fmt.Sprintf(`document.querySelectorAll('%s').length > %d && document.querySelector('.sp-typing').hidden`, answerSel, before))
					continue
				}
				type_(t, ctx, say)
			}
			waitFor(t, ctx, "animations to end", `document.getAnimations().every(a => a.playState !== 'running' || a.effect.getTiming().iterations === Infinity)`)
			do(t, ctx, "moving the mouse away", chromedp.MouseEvent(chromedp.MouseMoved, 1, 1))
			img, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(img))
			if err != nil {
				t.Fatal(err)
			}
			wantW, wantH := int(float64(s.width)*s.scale), int(float64(s.height)*s.scale)
			if cfg.Width != wantW || cfg.Height != wantH {
				t.Errorf("screenshot is %d×%d, want %d×%d", cfg.Width, cfg.Height, wantW, wantH)
			}
			path := filepath.Join(dir, s.name)
			if *update {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, img, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatalf("%v (run: go test ./internal/widget -run Screenshots -update)", err)
			}
			defer f.Close()
			old, err := png.DecodeConfig(f)
			if err != nil || old.Width != wantW || old.Height != wantH {
				t.Errorf("%s is stale (%v, %d×%d): run go test ./internal/widget -run Screenshots -update", path, err, old.Width, old.Height)
			}
		})
	}
}

func emulateReducedMotion() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}})
		return err
	})
}
