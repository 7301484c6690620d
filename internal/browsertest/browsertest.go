// Package browsertest starts the real headless Chromium that the browser
// tests (the widget, the admin page) drive. A missing browser is a test
// failure, never a skip: CI installs it with `apt-get install -y chromium`.
// It is imported only from _test.go files.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// defaultPath is where Debian's chromium package puts the browser;
// SIGNPOST_CHROMIUM overrides it.
const defaultPath = "/usr/bin/chromium"

// execPath is the browser to run: SIGNPOST_CHROMIUM, or defaultPath.
func execPath() string {
	if p := os.Getenv("SIGNPOST_CHROMIUM"); p != "" {
		return p
	}
	return defaultPath
}

// Launch starts headless Chromium with a fresh profile and nothing that
// talks to the network, plus any extra options (a window size, say). It
// returns the browser's context, in which tabs are opened with
// chromedp.NewContext, and a function that stops the browser and removes
// its profile.
func Launch(extra ...chromedp.ExecAllocatorOption) (context.Context, func(), error) {
	path := execPath()
	if _, err := os.Stat(path); err != nil {
		return nil, nil, fmt.Errorf("chromium is needed for the browser tests and was not found at %s (install it: apt-get install -y chromium): %w", path, err)
	}
	dir, err := os.MkdirTemp("", "signpost-chromium-")
	if err != nil {
		return nil, nil, fmt.Errorf("browsertest: profile directory: %w", err)
	}
	opts := append([]chromedp.ExecAllocatorOption{
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
	}, extra...)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	stop := func() {
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(dir)
	}
	if err := chromedp.Do(bctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("browsertest: starting %s: %w", path, err)
	}
	return bctx, stop, nil
}

// Tab starts a browser for one test (Launch, with any extra options) and
// returns a tab in it that gives up after timeout; the test's cleanup
// closes both. A browser that cannot start fails the test.
func Tab(t testing.TB, timeout time.Duration, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	browser, stop, err := Launch(extra...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	tab, cancelTab := chromedp.NewContext(browser)
	t.Cleanup(cancelTab)
	ctx, cancel := context.WithTimeout(tab, timeout)
	t.Cleanup(cancel)
	return ctx
}
