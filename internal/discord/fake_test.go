package discord

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// fakeDiscord is a local Discord: the REST endpoints the bot uses and a
// gateway websocket speaking enough of the real protocol (op 10 Hello, op 2
// Identify or op 6 Resume, READY/RESUMED dispatches, op 1/11 heartbeats).
type fakeDiscord struct {
	t   *testing.T
	srv *httptest.Server

	mu        sync.Mutex
	conn      *websocket.Conn
	wmu       sync.Mutex // serialises writes to conn
	seq       int
	closeWith int // when set, the gateway closes with this code after identify/resume
	limit429  int // how many channel-message POSTs to refuse with 429 first
	rest      []restCall

	restCh chan restCall
	gwCh   chan gatewayOp
}

type restCall struct {
	Method, Path string
	Body         map[string]any
	Raw          []byte
	Status       int
}

type gatewayOp struct {
	Op   int             `json:"op"`
	Data json.RawMessage `json:"d"`
}

const (
	fakeBotID = "100000000000000001"
	fakeAppID = "100000000000000002"
)

func newFakeDiscord(t *testing.T) *fakeDiscord {
	f := &fakeDiscord{t: t, restCh: make(chan restCall, 256), gwCh: make(chan gatewayOp, 64)}
	mux := http.NewServeMux()
	gateway := func(w http.ResponseWriter, r *http.Request) {
		writeJSONT(w, 200, map[string]any{"url": "ws://" + r.Host + "/ws", "shards": 1})
	}
	mux.HandleFunc("GET /api/v9/gateway", gateway)
	mux.HandleFunc("GET /api/v9/gateway/bot", gateway)
	mux.HandleFunc("/ws/", f.serveGateway)
	mux.HandleFunc("/ws", f.serveGateway)
	mux.HandleFunc("/api/v9/", f.serveREST)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(func() {
		f.mu.Lock()
		if f.conn != nil {
			f.conn.Close()
		}
		f.mu.Unlock()
		f.srv.Close()
	})
	return f
}

// client sends every request to the fake, whatever host it names.
func (f *fakeDiscord) client() *http.Client {
	target, _ := url.Parse(f.srv.URL)
	return &http.Client{Timeout: 10 * time.Second, Transport: rewrite{target: target, base: f.srv.Client().Transport}}
}

type rewrite struct {
	target *url.URL
	base   http.RoundTripper
}

func (rw rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host, r.Host = rw.target.Scheme, rw.target.Host, ""
	return rw.base.RoundTrip(r)
}

func writeJSONT(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (f *fakeDiscord) serveREST(w http.ResponseWriter, r *http.Request) {
	call := restCall{Method: r.Method, Path: strings.TrimPrefix(r.URL.Path, "/api/v9")}
	body, _ := io.ReadAll(r.Body)
	call.Raw = body
	if len(body) > 0 {
		_ = json.Unmarshal(body, &call.Body)
	}
	if r.Header.Get("Authorization") != "Bot test-token" {
		call.Status = 401
		f.record(call)
		writeJSONT(w, 401, map[string]any{"message": "401: Unauthorized", "code": 0})
		return
	}
	parts := strings.Split(strings.Trim(call.Path, "/"), "/")
	switch {
	case r.Method == "POST" && len(parts) == 3 && parts[0] == "channels" && parts[2] == "messages":
		f.mu.Lock()
		limited := f.limit429 > 0
		if limited {
			f.limit429--
		}
		f.mu.Unlock()
		if limited {
			call.Status = 429
			f.record(call)
			h := w.Header()
			h.Set("Retry-After", "1")
			h.Set("X-RateLimit-Limit", "5")
			h.Set("X-RateLimit-Remaining", "0")
			h.Set("X-RateLimit-Reset-After", "0.2")
			h.Set("X-RateLimit-Bucket", "fakebucket")
			h.Set("X-RateLimit-Scope", "user")
			writeJSONT(w, 429, map[string]any{"message": "You are being rate limited.", "retry_after": 0.2, "global": false})
			return
		}
		call.Status = 200
		f.record(call)
		w.Header().Set("X-RateLimit-Limit", "5")
		w.Header().Set("X-RateLimit-Remaining", "4")
		w.Header().Set("X-RateLimit-Reset-After", "1")
		writeJSONT(w, 200, map[string]any{"id": "200000000000000001", "channel_id": parts[1], "content": call.Body["content"]})
	case r.Method == "POST" && len(parts) == 4 && parts[0] == "interactions" && parts[3] == "callback":
		call.Status = 204
		f.record(call)
		w.WriteHeader(204)
	case r.Method == "PATCH" && len(parts) == 5 && parts[0] == "webhooks" && parts[4] == "@original":
		call.Status = 200
		f.record(call)
		writeJSONT(w, 200, map[string]any{"id": "200000000000000002"})
	case r.Method == "POST" && len(parts) == 3 && parts[0] == "webhooks":
		call.Status = 200
		f.record(call)
		writeJSONT(w, 200, map[string]any{"id": "200000000000000003"})
	case r.Method == "PUT" && len(parts) == 3 && parts[0] == "applications" && parts[2] == "commands":
		call.Status = 200
		f.record(call)
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	default:
		call.Status = 404
		f.record(call)
		writeJSONT(w, 404, map[string]any{"message": "404: Not Found", "code": 0})
	}
}

func (f *fakeDiscord) record(c restCall) {
	f.mu.Lock()
	f.rest = append(f.rest, c)
	f.mu.Unlock()
	f.restCh <- c
}

var upgrader = websocket.Upgrader{}

func (f *fakeDiscord) serveGateway(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("v") != "9" || r.URL.Query().Get("encoding") != "json" {
		http.Error(w, "bad gateway query", 400)
		return
	}
	c, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer c.Close()
	write := func(v any) error {
		f.wmu.Lock()
		defer f.wmu.Unlock()
		return c.WriteJSON(v)
	}
	if write(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}}) != nil {
		return
	}
	var first gatewayOp
	if c.ReadJSON(&first) != nil {
		return
	}
	f.gwCh <- first
	f.mu.Lock()
	code := f.closeWith
	f.mu.Unlock()
	if code != 0 {
		f.wmu.Lock()
		_ = c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(code, "closed by fake"))
		f.wmu.Unlock()
		return
	}
	var dispatch map[string]any
	switch first.Op {
	case 2:
		dispatch = map[string]any{"op": 0, "t": "READY", "d": map[string]any{
			"v": 9, "session_id": "fake-session", "resume_gateway_url": "ws://" + r.Host + "/ws",
			"user":        map[string]any{"id": fakeBotID, "username": "signpost", "bot": true},
			"application": map[string]any{"id": fakeAppID, "flags": 0},
			"guilds":      []any{},
		}}
	case 6:
		dispatch = map[string]any{"op": 0, "t": "RESUMED", "d": map[string]any{}}
	default:
		return
	}
	// The connection is published before READY/RESUMED is written, under the
	// write lock: once the bot has seen READY (and the test has seen it
	// ready), drop and push always find this connection. Publishing it after
	// the write let a test drop a connection it could not yet see, and then
	// wait for a reconnect that never had a reason to happen.
	f.wmu.Lock()
	f.mu.Lock()
	f.seq++
	dispatch["s"] = f.seq
	f.conn = c
	f.mu.Unlock()
	err = c.WriteJSON(dispatch)
	f.wmu.Unlock()
	if err != nil {
		return
	}
	for {
		var op gatewayOp
		if err := c.ReadJSON(&op); err != nil {
			return
		}
		if op.Op == 1 {
			f.wmu.Lock()
			_ = c.WriteJSON(map[string]any{"op": 11})
			f.wmu.Unlock()
		}
	}
}

// push sends a dispatch event on the live gateway connection.
func (f *fakeDiscord) push(event string, d any) {
	f.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		f.mu.Lock()
		c := f.conn
		f.seq++
		seq := f.seq
		f.mu.Unlock()
		if c != nil {
			f.wmu.Lock()
			err := c.WriteJSON(map[string]any{"op": 0, "s": seq, "t": event, "d": d})
			f.wmu.Unlock()
			if err == nil {
				return
			}
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("no gateway connection to push %s on", event)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// drop cuts the gateway connection without a close frame, as a network
// failure would.
func (f *fakeDiscord) drop() {
	f.mu.Lock()
	c := f.conn
	f.conn = nil
	f.mu.Unlock()
	if c != nil {
		c.UnderlyingConn().Close()
	}
}

// waitGateway waits for the next identify (op 2) or resume (op 6). The test
// asserts that it comes, not how soon: the bound only stops a broken
// reconnect from hanging the suite.
func (f *fakeDiscord) waitGateway() gatewayOp {
	f.t.Helper()
	select {
	case op := <-f.gwCh:
		return op
	case <-time.After(time.Minute):
		f.t.Fatal("no identify or resume arrived at the fake gateway")
	}
	return gatewayOp{}
}

// waitREST waits for a REST call matching method and path prefix, skipping others.
func (f *fakeDiscord) waitREST(method, pathPrefix string) restCall {
	f.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case c := <-f.restCh:
			if c.Method == method && strings.HasPrefix(c.Path, pathPrefix) && c.Status < 300 {
				return c
			}
		case <-timeout:
			f.t.Fatalf("no %s %s arrived", method, pathPrefix)
		}
	}
}

func (f *fakeDiscord) calls(method, pathPrefix string) []restCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []restCall
	for _, c := range f.rest {
		if c.Method == method && strings.HasPrefix(c.Path, pathPrefix) {
			out = append(out, c)
		}
	}
	return out
}

func dmEvent(id, user, text string) map[string]any {
	return map[string]any{"id": id, "channel_id": "300000000000000001", "content": text,
		"author": map[string]any{"id": user, "username": "patient"}, "mentions": []any{}, "type": 0}
}

func guildMessage(id, channel, user, text string, mentionBot bool) map[string]any {
	var mentions []any
	if mentionBot {
		mentions = append(mentions, map[string]any{"id": fakeBotID, "username": "signpost", "bot": true})
		text = fmt.Sprintf("<@%s> %s", fakeBotID, text)
	}
	return map[string]any{"id": id, "channel_id": channel, "guild_id": "400000000000000001", "content": text,
		"author": map[string]any{"id": user, "username": "patient"}, "mentions": mentions, "type": 0}
}
