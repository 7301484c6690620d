package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/apitest"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
)

// post sends body to the messages API and returns the status and the
// answer, which must be JSON.
func post(t *testing.T, base, body string) (int, apitest.Reply) {
	t.Helper()
	code, r, _, err := apitest.Post(context.Background(), http.DefaultClient, base, body)
	if err != nil {
		t.Fatal(err)
	}
	return code, r
}

// say sends fields as a message and insists on a 200 answer with a message
// in it.
func say(t *testing.T, base string, fields map[string]string) apitest.Reply {
	t.Helper()
	b, _ := json.Marshal(fields)
	code, r := post(t, base, string(b))
	if code != http.StatusOK {
		t.Fatalf("POST %s: status %d, error %q", b, code, r.Error)
	}
	if len(r.Messages) == 0 || r.Messages[0].Text == "" {
		t.Fatalf("POST %s: no message in the answer", b)
	}
	return r
}

func TestConversationOverHTTP(t *testing.T) {
	base := startSignpost(t, nil)

	// A question: the person describes a symptom and gets a yes/no triage question.
	r := say(t, base, map[string]string{"text": "I've got a really sore throat"})
	if r.SessionID == "" || len(r.SessionID) != 32 {
		t.Fatalf("want a 128-bit hex session id, got %q", r.SessionID)
	}
	if r.Disposition != nil {
		t.Fatalf("still asking, want disposition null, got %q", *r.Disposition)
	}
	if r.Intent == nil || *r.Intent != "sore_throat" {
		t.Fatalf("want intent sore_throat, got %v", r.Intent)
	}
	if len(r.QuickReplies) != 2 || r.QuickReplies[0].Payload != content.PayloadYes || r.QuickReplies[1].Payload != content.PayloadNo {
		t.Fatalf("want yes/no quick replies, got %+v", r.QuickReplies)
	}
	if !strings.Contains(r.Messages[0].Text, "breathe") {
		t.Fatalf("want the triage question, got %q", r.Messages[0].Text)
	}

	// Answering with the quick reply's payload ends in a disposition.
	r2 := say(t, base, map[string]string{"session_id": r.SessionID, "payload": content.PayloadNo})
	if r2.SessionID != r.SessionID {
		t.Fatalf("session changed from %s to %s", r.SessionID, r2.SessionID)
	}
	if r2.Disposition == nil || *r2.Disposition != "pharmacy" {
		t.Fatalf("want disposition pharmacy, got %v", r2.Disposition)
	}
	if !strings.Contains(r2.Messages[0].Text, "pharmacist") {
		t.Fatalf("want the pharmacy advice, got %q", r2.Messages[0].Text)
	}

	// A typed "yes" to the question escalates.
	r3 := say(t, base, map[string]string{"text": "sore throat"})
	r4 := say(t, base, map[string]string{"session_id": r3.SessionID, "text": "yes"})
	if r4.Disposition == nil || *r4.Disposition != "ae" {
		t.Fatalf("yes to a red-flag question: want ae, got %v", r4.Disposition)
	}
}

func TestEmergencyIsAnsweredFirstEvenMidFlow(t *testing.T) {
	base := startSignpost(t, nil)
	r := say(t, base, map[string]string{"text": "my dad's face has suddenly dropped on one side"})
	if r.Disposition == nil || *r.Disposition != "999" || r.Messages[0].Kind != engine.KindEmergency {
		t.Fatalf("first reply to a stroke sign: want 999 emergency, got %v %+v", r.Disposition, r.Messages)
	}
	// In the middle of a triage flow, a red flag still wins over the pending question.
	q := say(t, base, map[string]string{"text": "sore throat"})
	e := say(t, base, map[string]string{"session_id": q.SessionID, "text": "now her face is drooping"})
	if e.Disposition == nil || *e.Disposition != "999" {
		t.Fatalf("red flag mid-flow: want 999, got %v", e.Disposition)
	}
	// And the flow is over: "no" is no longer an answer to the old question.
	n := say(t, base, map[string]string{"session_id": q.SessionID, "payload": content.PayloadNo})
	if n.Disposition != nil && *n.Disposition == "pharmacy" {
		t.Fatalf("the interrupted flow carried on after an emergency")
	}
}

func TestUnknownSessionStartsANewConversation(t *testing.T) {
	base := startSignpost(t, nil)
	for _, id := range []string{"0123456789abcdef0123456789abcdef", "not-an-id", ""} {
		r := say(t, base, map[string]string{"session_id": id, "text": "sore throat"})
		if r.SessionID == id || len(r.SessionID) != 32 {
			t.Errorf("session %q: want a new server-issued id, got %q", id, r.SessionID)
		}
		if r.Intent == nil || *r.Intent != "sore_throat" {
			t.Errorf("session %q: the message was not answered as a new conversation", id)
		}
	}
}

func TestFallbackShowsWaysToGetHelp(t *testing.T) {
	base := startSignpost(t, nil)
	// Not understood: the closest topics (or none), and always the ways to get
	// help while the person chooses.
	r := say(t, base, map[string]string{"text": "purple monkey dishwasher"})
	if r.Intent != nil || r.Disposition != nil {
		t.Fatalf("nonsense should not pretend to match: intent %v disposition %v", r.Intent, r.Disposition)
	}
	for _, want := range []string{"999", "111"} {
		if !strings.Contains(r.Messages[0].Text, want) {
			t.Errorf("fallback should mention %s: %q", want, r.Messages[0].Text)
		}
	}
}

func TestBadInputGetsA4xxJSONError(t *testing.T) {
	base := startSignpost(t, nil)
	cases := []struct {
		name, ctype, body string
		want              int
	}{
		{"not json", "application/json", "{text:", 400},
		{"array", "application/json", `["hi"]`, 400},
		{"wrong type", "application/json", `{"text": 42}`, 400},
		{"empty", "application/json", `{}`, 400},
		{"blank text", "application/json", `{"text": "   "}`, 400},
		{"two objects", "application/json", `{"text":"a"}{"text":"b"}`, 400},
		{"too long", "application/json", `{"text": "` + strings.Repeat("a", 3000) + `"}`, 413},
		{"huge body", "application/json", `{"text": "` + strings.Repeat("a", 100_000) + `"}`, 413},
		{"form", "application/x-www-form-urlencoded", "text=hi", 415},
	}
	for _, c := range cases {
		resp, err := http.Post(base+"/api/v1/messages", c.ctype, strings.NewReader(c.body))
		if err != nil {
			t.Fatal(err)
		}
		var e struct{ Error string }
		err = json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if resp.StatusCode != c.want || err != nil || e.Error == "" {
			t.Errorf("%s: got %d (error %q, decode %v), want %d with a JSON error", c.name, resp.StatusCode, e.Error, err, c.want)
		}
	}
}

func TestHealthReadinessAndMetrics(t *testing.T) {
	base := startSignpost(t, nil)
	for _, p := range []string{"/healthz", "/readyz"} {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
	}
	secret := "my name is zebedee and my face is drooping"
	say(t, base, map[string]string{"text": secret})
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{"signpost_messages_total", `signpost_red_flags_total{level="999",rule="stroke"} 1`, "signpost_message_seconds"} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if bytes.Contains(body, []byte("zebedee")) {
		t.Error("metrics contain message text")
	}
}

func TestBadConfigNamesEveryBadVariable(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"serve"}, map[string]string{
		"SIGNPOST_SESSION_TTL": "soon", "SIGNPOST_MEMORY_SESSIONS_MAX": "lots", "SIGNPOST_LOG_LEVEL": "loud",
	}, nil, &out, &out)
	if err == nil {
		t.Fatal("bad config was accepted")
	}
	for _, v := range []string{"SIGNPOST_SESSION_TTL", "SIGNPOST_MEMORY_SESSIONS_MAX", "SIGNPOST_LOG_LEVEL"} {
		if !strings.Contains(err.Error(), v) {
			t.Errorf("error does not name %s:\n%v", v, err)
		}
	}
}

func TestCheckReportsBrokenContentWithFileAndLine(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"check", contenttest.Copy(t, "testdata/broken.yaml")}, map[string]string{}, nil, &out, &out)
	if err == nil || exitCode(err) != 1 {
		t.Fatalf("check of broken content: want exit 1, got %v", err)
	}
	for _, want := range []string{
		`broken.yaml:2: intent "broken_intent": unknown disposition "maybe"`,
		`broken.yaml:2: intent "broken_intent" has an empty reply`,
		`broken.yaml:7: intent broken_intent leads to unknown intent "no_such_intent"`,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := run(context.Background(), []string{"check", "../../intents"}, map[string]string{}, nil, &out, &out); err != nil {
		t.Fatalf("check of good content failed: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "0 failed; safety suite: 0 problem(s)") {
		t.Errorf("want a passing report, got %s", out.String())
	}
	// Content that validates and passes its own tests but has lost its
	// emergency rules is refused by the safety suite, with the reasons.
	out.Reset()
	err = run(context.Background(), []string{"check", contenttest.Dir()}, map[string]string{}, nil, &out, &out)
	if err == nil || exitCode(err) != 1 {
		t.Fatalf("check of content without the emergency rules: want exit 1, got %v", err)
	}
	for _, want := range []string{"0 failed", `FAIL safety suite: internal/safety/suite.yaml:`, `red-flag rule "heart_attack" is missing`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestChatTalksToTheEngine(t *testing.T) {
	var out bytes.Buffer
	in := strings.NewReader("sore throat\n2\n")
	if err := run(context.Background(), []string{"chat", contenttest.Dir()}, map[string]string{}, in, &out, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "disposition=pharmacy") {
		t.Fatalf("picking button 2 (No) should end at the pharmacy:\n%s", out.String())
	}
	// Not a terminal: plain text, no colour or cursor codes.
	if strings.Contains(out.String(), "\x1b") {
		t.Errorf("chat wrote terminal codes to a pipe:\n%q", out.String())
	}
}

func TestShutdownFinishesInFlightRequests(t *testing.T) {
	cfg, _ := loadConfig(map[string]string{"SIGNPOST_HTTP_ADDR": "127.0.0.1:0"})
	ctx, cancel := context.WithCancel(context.Background())
	cfg.ShutdownDelay = 0 // stop at once when the test ends
	a, err := newApp(ctx, cfg, newLogger(cfg, io.Discard))
	if err != nil {
		t.Fatal(err)
	}
	// A slow handler stands in for a request that is being answered when SIGTERM arrives.
	started := make(chan struct{})
	a.web.Handle("GET /slow", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		w.Write([]byte("done"))
	}))
	if err := a.open(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.run(ctx) }()
	got := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + a.addr() + "/slow")
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got <- string(b)
	}()
	<-started
	cancel()
	if s := <-got; s != "done" {
		t.Fatalf("in-flight request was cut off: %q", s)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestRateLimitNeverSilencesAnEmergency(t *testing.T) {
	base := startSignpost(t, map[string]string{"SIGNPOST_RATE_CLIENT_PER_MINUTE": "2", "SIGNPOST_RATE_CLIENT_BURST": "2"})
	say(t, base, map[string]string{"text": "sore throat"})
	say(t, base, map[string]string{"text": "sore throat"})
	resp, err := http.Post(base+"/api/v1/messages", "application/json", strings.NewReader(`{"text":"sore throat"}`))
	if err != nil {
		t.Fatal(err)
	}
	var e struct{ Error string }
	json.NewDecoder(resp.Body).Decode(&e)
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || e.Error == "" {
		t.Fatalf("over the limit: want 429 with Retry-After and a JSON error, got %d %q %q", resp.StatusCode, resp.Header.Get("Retry-After"), e.Error)
	}
	// Still over the limit, an emergency is answered.
	r := say(t, base, map[string]string{"text": "her face is drooping on one side"})
	if r.Disposition == nil || *r.Disposition != "999" {
		t.Fatalf("rate-limited emergency: want the 999 reply, got %v", r.Disposition)
	}
	// And sent as a quick-reply payload, as a widget or a script may send it.
	r = say(t, base, map[string]string{"payload": "my dad is having a seizure and it won't stop"})
	if r.Disposition == nil || *r.Disposition != "999" {
		t.Fatalf("rate-limited emergency payload: want the 999 reply, got %v", r.Disposition)
	}
}

// Limits count characters, and a message over the limit is screened before
// the person is asked to shorten it.
func TestLongMessagesAreScreenedBeforeTheyAreRefused(t *testing.T) {
	base := startSignpost(t, nil)
	// Curly apostrophes take three bytes each: over 2,000 bytes, under 2,000 characters.
	worry := strings.Repeat("I’m so worried, it’s not like him and we don’t know what’s happening. ", 27)
	if len(worry) <= 2000 || len([]rune(worry)) >= 1900 {
		t.Fatalf("test text: %d bytes, %d characters", len(worry), len([]rune(worry)))
	}
	r := say(t, base, map[string]string{"text": "my dad’s face has dropped and he can’t speak. " + worry})
	if r.Disposition == nil || *r.Disposition != "999" {
		t.Fatalf("an emergency in a long message (under 2,000 characters): want 999, got %v", r.Disposition)
	}
	// Over 2,000 characters, with the emergency first or last: still answered.
	long := worry + worry
	for _, text := range []string{"my dad’s face has dropped and he can’t speak. " + long, long + " Now my dad’s face has dropped and he can’t speak."} {
		r := say(t, base, map[string]string{"text": text})
		if r.Disposition == nil || *r.Disposition != "999" {
			t.Errorf("an emergency in a message over the limit: want 999, got %v", r.Disposition)
		}
	}
	// Over the limit and no emergency: asked to shorten it.
	code, r := post(t, base, `{"text": "`+long+`"}`)
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(r.Error, "fewer words") || !strings.Contains(r.Error, "999") {
		t.Errorf("a long message without an emergency: want 413 asking to shorten it, got %d %q", code, r.Error)
	}
	// A body too large to read at all (over 32 KiB, some 10,000 characters
	// of any script) gets the same words, with the 999 line.
	code, r = post(t, base, `{"text": "`+strings.Repeat(worry, 20)+`"}`)
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(r.Error, "fewer words") || !strings.Contains(r.Error, "999") {
		t.Errorf("a body over the size limit: want 413 asking to shorten it with the 999 line, got %d %q", code, r.Error)
	}
}

// statusBehindProxy sends req as a client behind the proxy that wrote xff
// into X-Forwarded-For and returns the status.
func statusBehindProxy(t *testing.T, req *http.Request, xff string) int {
	t.Helper()
	req.Header.Set("X-Forwarded-For", xff)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// sendFrom posts "sore throat" to the API from behind the proxy.
func sendFrom(t *testing.T, base, xff string) int {
	req, _ := http.NewRequest("POST", base+"/api/v1/messages", strings.NewReader(`{"text":"sore throat"}`))
	req.Header.Set("Content-Type", "application/json")
	return statusBehindProxy(t, req, xff)
}

func TestClientAddressComesOnlyFromTheTrustedHeader(t *testing.T) {
	base := startSignpost(t, map[string]string{"SIGNPOST_RATE_CLIENT_PER_MINUTE": "1", "SIGNPOST_RATE_CLIENT_BURST": "1",
		"SIGNPOST_CLIENT_IP_HEADER": "X-Forwarded-For"})
	send := func(ip string) int { return sendFrom(t, base, ip) }
	if send("203.0.113.1") != 200 || send("203.0.113.2") != 200 {
		t.Fatal("two clients behind the proxy should each get their own limit")
	}
	if send("203.0.113.1") != http.StatusTooManyRequests {
		t.Fatal("the same client over its limit should get 429")
	}
	// The proxy appends the address it saw to whatever the client sent:
	// writing your own entries on the left does not escape the limit.
	for _, spoof := range []string{"198.51.100.7, 203.0.113.1", "10.0.0.1,198.51.100.8, 203.0.113.1"} {
		if c := send(spoof); c != http.StatusTooManyRequests {
			t.Errorf("client wrote %q: status %d, want 429 (its limit)", spoof, c)
		}
	}
}

// Behind two trusted proxies (a CDN, then the ingress) the client is the
// second entry from the right.
func TestTrustedHops(t *testing.T) {
	base := startSignpost(t, map[string]string{"SIGNPOST_RATE_CLIENT_PER_MINUTE": "1", "SIGNPOST_RATE_CLIENT_BURST": "1",
		"SIGNPOST_CLIENT_IP_HEADER": "X-Forwarded-For", "SIGNPOST_TRUSTED_HOPS": "2"})
	send := func(xff string) int { return sendFrom(t, base, xff) }
	// Both through the same CDN edge (192.0.2.9): two clients, two limits.
	if send("203.0.113.1, 192.0.2.9") != 200 || send("203.0.113.2, 192.0.2.9") != 200 {
		t.Fatal("two clients behind two proxies should each get their own limit")
	}
	if c := send("6.6.6.6, 203.0.113.1, 192.0.2.9"); c != http.StatusTooManyRequests {
		t.Errorf("a client's own entry escaped the limit: %d", c)
	}
}

// The admin area finds the client the same way: behind two trusted
// proxies, wrong tokens lock out only the address that sent them (the
// second from the right), whatever it writes on the left, and never an
// editor elsewhere behind the same proxies.
func TestAdminUsesTheTrustedHops(t *testing.T) {
	const token = "a-long-enough-admin-token-for-tests"
	base := startSignpost(t, map[string]string{"SIGNPOST_ADMIN_TOKENS_FILE": editorsFile(t, "Alex Comms", token), "SIGNPOST_SECOND_OPINION": "false",
		"SIGNPOST_CLIENT_IP_HEADER": "X-Forwarded-For", "SIGNPOST_TRUSTED_HOPS": "2"})
	get := func(xff, tok string) int {
		req, _ := http.NewRequest("GET", base+"/admin/api/status", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		return statusBehindProxy(t, req, xff)
	}
	if c := get("203.0.113.10, 192.0.2.9", token); c != http.StatusOK {
		t.Fatalf("the right token: %d", c)
	}
	for i := range 10 { // a new left-hand entry each time
		get(fmt.Sprintf("6.6.6.%d, 198.51.100.66, 192.0.2.9", i), "wrong-token-wrong-token")
	}
	if c := get("7.7.7.7, 198.51.100.66, 192.0.2.9", token); c != http.StatusTooManyRequests {
		t.Errorf("the guessing client escaped its lock-out by writing its own entries: %d", c)
	}
	if c := get("203.0.113.10, 192.0.2.9", token); c != http.StatusOK {
		t.Errorf("an editor at another address behind the same proxies was locked out: %d", c)
	}
}

func TestLogsHoldNoMessageTextOrPersonalData(t *testing.T) {
	var logs apitest.Output
	a, stop := runAppLogging(t, map[string]string{"SIGNPOST_LOG_LEVEL": "debug", "SIGNPOST_LOG_FORMAT": "json"}, &logs)
	base := "http://" + a.addr()
	private := []string{"Quentinbury", "07700 900461", "943 476 5919", "quentin@example.org", "CH49 5PE"}
	r := say(t, base, map[string]string{"text": "I'm Quentinbury, 07700 900461, NHS 943 476 5919, quentin@example.org, CH49 5PE, sore throat"})
	say(t, base, map[string]string{"session_id": r.SessionID, "text": "no"})
	say(t, base, map[string]string{"text": "Quentinbury's face is drooping"})
	say(t, base, map[string]string{"text": "Quentinbury gibberish zzz"})
	stop()
	out := logs.String()
	if !strings.Contains(out, `"msg":"message"`) {
		t.Fatalf("expected a log line per message, got:\n%s", out)
	}
	for _, p := range append(private, "sore throat", "drooping", "gibberish", r.SessionID) {
		if strings.Contains(out, p) {
			t.Errorf("logs contain %q", p)
		}
	}
}

// Start-up goes through the same gate as reload and check: content that has
// lost its emergency rules stops the server with the reasons.
func TestServeRefusesContentThatFailsTheGate(t *testing.T) {
	cfg, err := loadConfig(map[string]string{"SIGNPOST_HTTP_ADDR": "127.0.0.1:0", "SIGNPOST_CONTENT_DIR": contenttest.Dir()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = newApp(context.Background(), cfg, newLogger(cfg, io.Discard))
	if err == nil {
		t.Fatal("content without the emergency rules was served")
	}
	for _, want := range []string{"refusing to serve " + contenttest.Dir(), `red-flag rule "heart_attack" is missing`, "there is a heavy crushing pain in my chest"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal lacks %q:\n%.800s", want, err)
		}
	}
}
