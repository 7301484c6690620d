package widget_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
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
	srv := web.New(eng, nil, web.Config{AllowedOrigins: origins, PublicMetrics: true}, nil, nil)
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
	preflight := func(origin string, path ...string) *http.Response {
		t.Helper()
		p := "/api/v1/messages"
		if len(path) > 0 {
			p = path[0]
		}
		req, _ := http.NewRequest("OPTIONS", ts.URL+p, nil)
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
	if res := post("https://evil.example.com", "/api/v1/feedback", `{"intent":"sore_throat","helpful":true}`); res.StatusCode != http.StatusForbidden {
		t.Errorf("disallowed feedback: %d, want 403", res.StatusCode)
	}
	// The widget's "Was this helpful?" is a JSON POST too: its preflight passes.
	if res := preflight(allowed, "/api/v1/feedback"); res.StatusCode != http.StatusNoContent || res.Header.Get("Access-Control-Allow-Origin") != allowed {
		t.Errorf("allowed feedback preflight: %d, headers %v", res.StatusCode, res.Header)
	}
	if res := post(allowed, "/api/v1/feedback", `{"intent":"sore_throat","helpful":true}`); res.StatusCode != http.StatusNoContent || res.Header.Get("Access-Control-Allow-Origin") != allowed {
		t.Errorf("allowed feedback: %d, Access-Control-Allow-Origin %q", res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"))
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

// bundled is the bundled content, as the test servers load it.
func bundled(t testing.TB) *content.Set {
	t.Helper()
	set, err := content.Load(os.DirFS("../../intents"))
	if err != nil {
		t.Fatalf("loading bundled content: %v", err)
	}
	return set
}

// copyIntents copies the bundled content to a new folder, for a test to
// change.
func copyIntents(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir("../../intents")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		b, err := os.ReadFile("../../intents/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dir+"/"+e.Name(), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// apiSay posts one message to the API, as the widget does, and returns the
// answer: the reference for what the widget should show.
func apiSay(t testing.TB, ts *httptest.Server, body string) web.MessageResponse {
	t.Helper()
	res, err := http.Post(ts.URL+"/api/v1/messages", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out web.MessageResponse
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("POST %s: %d, %v", body, res.StatusCode, err)
	}
	if len(out.Messages) == 0 {
		t.Fatalf("POST %s: no messages", body)
	}
	return out
}

// apiWelcome is the API's welcome: the reference for how the widget opens.
func apiWelcome(t testing.TB, ts *httptest.Server) web.MessageResponse {
	t.Helper()
	res, err := http.Get(ts.URL + "/api/v1/welcome")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out web.MessageResponse
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusOK || len(out.Messages) == 0 {
		t.Fatalf("GET /api/v1/welcome: %d, %v, %+v", res.StatusCode, err, out)
	}
	return out
}

func texts(r web.MessageResponse) []string {
	var out []string
	for _, m := range r.Messages {
		out = append(out, m.Text)
	}
	return out
}

func titles(r web.MessageResponse) []string {
	out := []string{}
	for _, q := range r.QuickReplies {
		out = append(out, q.Title)
	}
	return out
}

// widgetDefaults is the English copy widget.js keeps for when it cannot
// reach Signpost: key → words.
func widgetDefaults(t testing.TB) map[string]string {
	t.Helper()
	js, err := widget.Asset("widget.js")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^\s+(widget_\w+): '((?:[^'\\]|\\.)*)',?$`).FindAllSubmatch(js, -1) {
		out[string(m[1])] = string(m[2])
	}
	if len(out) < 10 {
		t.Fatalf("found only %d default words in widget.js", len(out))
	}
	return out
}

// Every word the widget shows is in the content, and the content has no
// widget word the widget does not use.
func TestWidgetWordsAreContent(t *testing.T) {
	set := bundled(t)
	defaults := widgetDefaults(t)
	for key := range defaults {
		if set.Message(key) == "" {
			t.Errorf("widget.js shows %q, which intents/messages.yaml does not define", key)
		}
	}
	for key := range set.Messages {
		if _, ok := defaults[key]; strings.HasPrefix(key, "widget_") && !ok {
			t.Errorf("intents/messages.yaml defines %q, which widget.js does not use", key)
		}
	}
	for _, key := range []string{"widget_intro", "widget_unreachable"} {
		if !strings.Contains(set.Message(key), "999") || !strings.Contains(defaults[key], "999") {
			t.Errorf("%s does not say to call 999", key)
		}
	}
}

// GET /api/v1/widget/strings serves the content's widget words, and only
// those, to the trust's pages.
func TestWidgetStringsEndpoint(t *testing.T) {
	const allowed = "https://www.trust.example.nhs.uk"
	dir := copyIntents(t)
	editMessages(t, dir, map[string]string{"widget_send": `"Send it"`})
	ts := newServerFrom(t, dir, allowed)
	res := getFrom(t, allowed, ts.URL+"/api/v1/widget/strings")
	var body struct {
		Strings map[string]string `json:"strings"`
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/v1/widget/strings: %d, %v", res.StatusCode, err)
	}
	if got := res.Header.Get("Access-Control-Allow-Origin"); got != allowed {
		t.Errorf("Access-Control-Allow-Origin %q, want %q", got, allowed)
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age=") || strings.Contains(cc, "no-store") {
		t.Errorf("Cache-Control %q, want a short max-age", cc)
	}
	set, err := content.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for k, v := range set.Messages {
		if !strings.HasPrefix(k, "widget_") {
			if _, ok := body.Strings[k]; ok {
				t.Errorf("the widget's words include %q", k)
			}
			continue
		}
		want++
		if body.Strings[k] != v {
			t.Errorf("%s = %q, want %q", k, body.Strings[k], v)
		}
	}
	if len(body.Strings) != want || body.Strings["widget_send"] != "Send it" {
		t.Errorf("served %d words (widget_send %q), want %d with the edit", len(body.Strings), body.Strings["widget_send"], want)
	}
}

// editMessages sets messages in dir's messages.yaml: key → YAML value.
func editMessages(t testing.TB, dir string, edits map[string]string) {
	t.Helper()
	path := dir + "/messages.yaml"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for key, val := range edits {
		re := regexp.MustCompile(`(?m)^  ` + key + `:.*(\n    .*)*$`)
		if !re.Match(b) {
			t.Fatalf("messages.yaml has no %s", key)
		}
		b = re.ReplaceAllLiteral(b, []byte("  "+key+": "+val))
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// GET /api/v1/welcome gives the content's welcome and topics in the messages
// API's shape, to a trust's page, without starting a conversation.
func TestWelcomeEndpoint(t *testing.T) {
	const allowed = "https://www.trust.example.nhs.uk"
	ts := newServer(t, allowed)
	res := getFrom(t, allowed, ts.URL+"/api/v1/welcome")
	var body map[string]json.RawMessage
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/v1/welcome: %d, %v", res.StatusCode, err)
	}
	if got := res.Header.Get("Access-Control-Allow-Origin"); got != allowed {
		t.Errorf("Access-Control-Allow-Origin %q, want %q", got, allowed)
	}
	for _, k := range []string{"session_id", "messages", "quick_replies", "intent", "disposition"} {
		if _, ok := body[k]; !ok {
			t.Errorf("welcome has no %q: not the messages API's shape", k)
		}
	}
	var got web.MessageResponse
	raw, _ := json.Marshal(body)
	json.Unmarshal(raw, &got)
	set := bundled(t)
	if len(got.Messages) != 1 || got.Messages[0].Text != set.Message("welcome") {
		t.Errorf("welcome messages %+v, want the content's welcome", got.Messages)
	}
	topics := set.Intent("fallback_topics").QuickReplies
	if len(got.QuickReplies) != len(topics) || len(topics) == 0 || got.QuickReplies[0].Title != topics[0].Title {
		t.Errorf("welcome quick replies %+v, want the topics %+v", got.QuickReplies, topics)
	}
	if got.SessionID != "" || got.Intent != nil || got.Disposition != nil {
		t.Errorf("the welcome started a conversation: %+v", got)
	}
}

// getFrom GETs url as a browser on a page at origin would; the body is
// closed when the test ends.
func getFrom(t testing.TB, origin, url string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Origin", origin)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}

// bundledTrust is the trust whose services the bundled content lists
// (intents/services.yaml): the one example trust of the demo page, the docs
// and the screenshots.
const bundledTrust = "Wirral University Teaching Hospital NHS Foundation Trust"

// namedPlace finds hospital and trust names: "Arrowe Park Hospital",
// "Wirral University Teaching Hospital NHS Foundation Trust".
var namedPlace = regexp.MustCompile(`(?:[A-Z][\w'’]*\s+){1,5}(?:Hospitals?|NHS Foundation Trust|NHS Trust)\b`)

// One example trust throughout: the demo page served at / names the bundled
// content's trust and hospital, and every hospital or trust named there, in
// the README or in the docs is one the bundled content's services name (or
// the trust itself), so a page about another trust cannot creep back.
func TestOneExampleTrust(t *testing.T) {
	var places strings.Builder
	places.WriteString(bundledTrust + "\n")
	for _, s := range bundled(t).Services {
		places.WriteString(s.Name + "\n" + s.Address + "\n")
	}
	known := places.String()
	if !strings.Contains(known, "Arrowe Park Hospital") {
		t.Fatal("the bundled services no longer name Arrowe Park Hospital; update this test and the demo page together")
	}

	res, err := http.Get(newServer(t).URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	demo, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, want := range []string{"Wirral University Teaching Hospital", "Arrowe Park Hospital"} {
		if !bytes.Contains(demo, []byte(want)) {
			t.Errorf("the demo page does not name %q", want)
		}
	}
	files := map[string][]byte{"the demo page": demo}
	docs, err := filepath.Glob("../../docs/*.md")
	if err != nil || len(docs) == 0 {
		t.Fatalf("no docs found (%v)", err)
	}
	for _, f := range append(docs, "../../README.md") {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		files[f] = b
	}
	for name, b := range files {
		// Joined across line breaks, as a reader sees the words.
		text := strings.Join(strings.Fields(string(b)), " ")
		for _, p := range namedPlace.FindAllString(text, -1) {
			if !strings.Contains(known, p) {
				t.Errorf("%s names %q, which is not the bundled example trust (%s) or one of its services", name, p, bundledTrust)
			}
		}
	}
}
