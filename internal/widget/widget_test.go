package widget_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
	"github.com/nhs-signpost/signpost/internal/web"
	"github.com/nhs-signpost/signpost/internal/widget"
)

// maxGzipped is the budget for widget.js and widget.css together, gzipped.
const maxGzipped = 30 << 10

// newServer starts the real API with the bundled content and the widget
// mounted, as `signpost serve` does.
func newServer(t testing.TB, origins ...string) *httptest.Server {
	t.Helper()
	return newServerFrom(t, "../../intents", origins...)
}

// newServerFrom is newServer with the content in dir.
func newServerFrom(t testing.TB, dir string, origins ...string) *httptest.Server {
	t.Helper()
	set, err := content.Load(os.DirFS(dir))
	if err != nil {
		t.Fatalf("loading bundled content: %v", err)
	}
	eng := engine.New(set, store.NewMemory(1000, time.Hour))
	srv := web.New(eng, nil, web.Config{AllowedOrigins: origins}, nil, nil)
	h, err := widget.New()
	if err != nil {
		t.Fatal(err)
	}
	h.Mount(srv)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

func TestBundleSize(t *testing.T) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	raw := 0
	for _, name := range []string{"widget.js", "widget.css"} {
		b, err := widget.Asset(name)
		if err != nil {
			t.Fatal(err)
		}
		raw += len(b)
		zw.Write(b)
	}
	zw.Close()
	t.Logf("widget.js + widget.css: %d bytes, %d bytes gzipped (budget %d)", raw, buf.Len(), maxGzipped)
	if buf.Len() > maxGzipped {
		t.Errorf("widget assets are %d bytes gzipped, over the %d byte budget", buf.Len(), maxGzipped)
	}
}

// The assets must work under a strict CSP and never fetch from elsewhere.
func TestAssetsAreSelfContained(t *testing.T) {
	js, _ := widget.Asset("widget.js")
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", ".style.", "setAttribute('style'"} {
		if bytes.Contains(js, []byte(bad)) {
			t.Errorf("widget.js uses %s", bad)
		}
	}
	page, _ := widget.Asset("demo.html")
	if regexp.MustCompile(`<script>|<script [^>]*>[^<]|<style|style="|\son[a-z]+="`).Match(page) {
		t.Error("demo.html has inline script, style or event handlers")
	}
	for _, name := range []string{"widget.js", "widget.css", "demo.html", "demo.css", "favicon.svg"} {
		b, _ := widget.Asset(name)
		// The only absolute URLs allowed are documentation examples and the
		// SVG namespace; nothing is loaded from them.
		for _, u := range regexp.MustCompile(`(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s"'<)]*`).FindAll(b, -1) {
			s := string(u)
			if strings.Contains(s, "signpost.example.nhs.uk") || s == "http://www.w3.org/2000/svg" {
				continue
			}
			t.Errorf("%s refers to %s", name, s)
		}
	}
}

func TestRoutesAndHeaders(t *testing.T) {
	ts := newServer(t)
	for _, tc := range []struct {
		path, ctype, csp, corp string
	}{
		{"/", "text/html; charset=utf-8", widget.DemoCSP, "same-origin"},
		{"/widget.js", "text/javascript; charset=utf-8", "", "cross-origin"},
		{"/widget.css", "text/css; charset=utf-8", "", "cross-origin"},
		{"/demo.css", "text/css; charset=utf-8", "", "same-origin"},
	} {
		res, err := http.Get(ts.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || len(body) == 0 {
			t.Errorf("GET %s: %d, %d bytes", tc.path, res.StatusCode, len(body))
		}
		if got := res.Header.Get("Content-Type"); got != tc.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", tc.path, got, tc.ctype)
		}
		if tc.csp != "" && res.Header.Get("Content-Security-Policy") != tc.csp {
			t.Errorf("GET %s: CSP %q", tc.path, res.Header.Get("Content-Security-Policy"))
		}
		if got := res.Header.Get("Cross-Origin-Resource-Policy"); got != tc.corp {
			t.Errorf("GET %s: CORP %q, want %q", tc.path, got, tc.corp)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", tc.path)
		}
		// Revalidation is cheap.
		req, _ := http.NewRequest("GET", ts.URL+tc.path, nil)
		req.Header.Set("If-None-Match", res.Header.Get("ETag"))
		res2, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res2.Body.Close()
		if res2.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s with its ETag: %d, want 304", tc.path, res2.StatusCode)
		}
	}
	// Other paths are not the demo page, and the API keeps its JSON 404.
	for _, p := range []string{"/nope", "/widget.js/x", "/api/v1/nope"} {
		res, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, res.StatusCode)
		}
	}
}

// The API answers only the trust sites configured in SIGNPOST_WIDGET_ORIGINS.
func TestAPIOrigins(t *testing.T) {
	const allowed = "https://www.trust.example.nhs.uk"
	ts := newServer(t, allowed)
	post := func(origin, path, body string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("POST", ts.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	preflight := func(origin string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("OPTIONS", ts.URL+"/api/v1/messages", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}

	if res := post("https://evil.example.com", "/api/v1/messages", `{"text":"hello"}`); res.StatusCode != http.StatusForbidden {
		t.Errorf("disallowed origin: %d, want 403", res.StatusCode)
	} else if res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("disallowed origin got Access-Control-Allow-Origin %q", res.Header.Get("Access-Control-Allow-Origin"))
	}
	if res := preflight("https://evil.example.com"); res.StatusCode != http.StatusForbidden {
		t.Errorf("disallowed preflight: %d, want 403", res.StatusCode)
	}
	if res := post("https://evil.example.com", "/api/v1/sessions/abc/restart", ""); res.StatusCode != http.StatusForbidden {
		t.Errorf("disallowed restart: %d, want 403", res.StatusCode)
	}

	res := post(allowed, "/api/v1/messages", `{"text":"hello"}`)
	if res.StatusCode != http.StatusOK || res.Header.Get("Access-Control-Allow-Origin") != allowed {
		t.Errorf("allowed origin: %d, Access-Control-Allow-Origin %q", res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"))
	}
	res = preflight(allowed)
	if res.StatusCode != http.StatusNoContent || res.Header.Get("Access-Control-Allow-Origin") != allowed ||
		!strings.Contains(strings.ToLower(res.Header.Get("Access-Control-Allow-Headers")), "content-type") {
		t.Errorf("allowed preflight: %d, headers %v", res.StatusCode, res.Header)
	}
	// The page served by Signpost itself is same-origin and always allowed.
	if res := post(ts.URL, "/api/v1/messages", `{"text":"hello"}`); res.StatusCode != http.StatusOK {
		t.Errorf("same origin: %d, want 200", res.StatusCode)
	}
}
