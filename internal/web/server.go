// Package web is Signpost's HTTP face: the messages API, health and
// readiness, metrics, and the mount points for the chat widget and the admin
// area. Every error leaves through one JSON funnel and nothing a person typed
// is logged.
package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/metrics"
)

// maxBodyBytes bounds a request body: room for a message well over
// engine.MaxTextLen characters of any script, since a long message is still
// screened for red flags before the person is asked to shorten it.
const maxBodyBytes = 32 << 10

// Pinger is implemented by session stores that can report their health; the
// server uses it for /readyz.
type Pinger interface {
	Ping(ctx context.Context) error
}

// FeedbackRecorder keeps the answers to "Was this helpful?": one yes or no
// per intent, nothing else. The server declares it so that it needs neither
// the memory nor the Redis implementation (package feedback).
type FeedbackRecorder interface {
	Record(ctx context.Context, intent string, helpful bool) error
}

// Config is the web server's part of the configuration.
type Config struct {
	// AllowedOrigins may call the API from a browser (CORS). "*" allows any.
	AllowedOrigins []string
	// Metrics on the public listener; when false, /metrics is not served here.
	PublicMetrics bool
	// Limits are the per-client and per-session rate limits.
	Limits Limits
	// Version is the build's version, reported by /readyz.
	Version string
}

// Server serves the HTTP API.
type Server struct {
	eng      *engine.Engine
	store    Pinger // may be nil
	cfg      Config
	log      *slog.Logger
	metrics  *metrics.Metrics
	mux      *http.ServeMux
	ready    func() bool
	draining atomic.Bool
	refused  func() string // why the content on disk is refused, "" when in step
	clients  *keyedLimiter
	convs    *keyedLimiter
	feedback FeedbackRecorder // may be nil: counted in the metrics only
}

// New returns a server for eng. store may be nil (in-memory sessions).
func New(eng *engine.Engine, store Pinger, cfg Config, m *metrics.Metrics, log *slog.Logger) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if m == nil {
		m = metrics.New(log)
	}
	s := &Server{eng: eng, store: store, cfg: cfg, log: log, metrics: m, mux: http.NewServeMux(), ready: func() bool { return true },
		clients: newKeyedLimiter(cfg.Limits.ClientPerMinute, cfg.Limits.ClientBurst),
		convs:   newKeyedLimiter(cfg.Limits.SessionPerMinute, cfg.Limits.SessionBurst)}
	s.mux.HandleFunc("POST /api/v1/messages", s.handleMessage)
	s.mux.HandleFunc("OPTIONS /api/v1/messages", s.handlePreflight)
	s.mux.HandleFunc("POST /api/v1/sessions/{id}/restart", s.handleRestart)
	s.mux.HandleFunc("GET /api/v1/notice", s.handleNotice)
	s.mux.HandleFunc("GET /api/v1/widget/strings", s.handleWidgetStrings)
	s.mux.HandleFunc("GET /api/v1/welcome", s.handleWelcome)
	s.mux.HandleFunc("POST /api/v1/feedback", s.handleFeedback)
	s.mux.HandleFunc("OPTIONS /api/v1/feedback", s.handlePreflight)
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.mux.HandleFunc("GET /readyz", s.handleReady)
	if cfg.PublicMetrics {
		s.mux.Handle("GET /metrics", s.MetricsHandler())
	}
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.refuse(w, refusedNoEndpoint)
	})
	return s
}

// Handle mounts another handler (the widget, the admin area) on the server.
func (s *Server) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// Drain starts a graceful shutdown: /readyz fails at once, so that the load
// balancer stops sending, and every reply from now on carries
// "Connection: close", so that each keep-alive connection ends after the
// request it is carrying instead of being cut mid-request later.
func (s *Server) Drain() { s.draining.Store(true) }

// SetFeedback sets where "Was this helpful?" answers are kept, besides the
// metrics (for the admin page's statistics).
func (s *Server) SetFeedback(f FeedbackRecorder) { s.feedback = f }

// SetReady sets the readiness test (for example: content loaded, gateway up).
func (s *Server) SetReady(f func() bool) { s.ready = f }

// SetContentStatus gives /readyz the content reload state: f returns why the
// content on disk was refused ("" when what is served is in step with it).
func (s *Server) SetContentStatus(f func() string) { s.refused = f }

// MetricsHandler serves the Prometheus metrics.
func (s *Server) MetricsHandler() http.Handler {
	return promhttp.HandlerFor(s.metrics.Registry, promhttp.HandlerOpts{})
}

var (
	headerNosniff    = []string{"nosniff"}
	headerNoReferrer = []string{"no-referrer"}
	headerCSP        = []string{"default-src 'none'; frame-ancestors 'none'"}
	headerJSON       = []string{"application/json; charset=utf-8"}
	headerNoStore    = []string{"no-store"}
)

// ServeHTTP implements http.Handler, adding security headers to every answer.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	if s.draining.Load() {
		h.Set("Connection", "close")
	}
	// Shared values, not h.Set, which allocates a slice per header per
	// request; each has length = capacity, so an Add elsewhere copies it.
	h["X-Content-Type-Options"] = headerNosniff
	h["Referrer-Policy"] = headerNoReferrer
	if h.Get("Content-Security-Policy") == "" {
		h["Content-Security-Policy"] = headerCSP
	}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("handler panic", "path", r.URL.Path, "panic", v)
			s.refuse(w, failedInternal)
		}
	}()
	s.mux.ServeHTTP(w, r)
}

type messageRequest struct {
	SessionID *string `json:"session_id"`
	Text      *string `json:"text"`
	Payload   *string `json:"payload"`
}

func (m messageRequest) request() engine.Request {
	var in engine.Request
	if m.SessionID != nil {
		in.SessionID = *m.SessionID
	}
	if m.Text != nil {
		in.Text = *m.Text
	}
	if m.Payload != nil {
		in.Payload = *m.Payload
	}
	return in
}

// MessageResponse is the API's answer, fixed by the interface other tools use.
type MessageResponse struct {
	SessionID    string              `json:"session_id"`
	Messages     []engine.Message    `json:"messages"`
	QuickReplies []engine.QuickReply `json:"quick_replies"`
	Intent       *string             `json:"intent"`
	Disposition  *string             `json:"disposition"`
	Confidence   float64             `json:"confidence"`
	RedFlag      *string             `json:"red_flag"`
	Source       engine.Source       `json:"source,omitempty"` // what decided: red_flag, match, second_opinion, ...
	Degraded     bool                `json:"degraded,omitempty"`
}

func (s *Server) handleMessage(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	if !s.cors(w, r) {
		s.refuse(w, refusedOrigin)
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "" && ct != "application/json" { // the usual one, without parsing
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			s.refuse(w, refusedContentType)
			return
		}
	}
	body := inPool.Get().(*bytes.Buffer)
	defer inPool.Put(body)
	body.Reset()
	if _, err := body.ReadFrom(http.MaxBytesReader(w, r.Body, maxBodyBytes)); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.refuse(w, refusedTooLarge)
			return
		}
		s.refuse(w, refusedBadJSON)
		return
	}
	in, ok := parseMessageRequest(body.Bytes())
	if !ok {
		var req messageRequest
		dec := json.NewDecoder(bytes.NewReader(body.Bytes()))
		if err := dec.Decode(&req); err != nil {
			s.refuse(w, refusedBadJSON)
			return
		}
		if dec.More() {
			s.refuse(w, refusedExtraJSON)
			return
		}
		in = req.request()
	}
	in.Channel = "web"
	if strings.TrimSpace(in.Text) == "" && strings.TrimSpace(in.Payload) == "" {
		s.refuse(w, refusedEmpty)
		return
	}
	if ok, wait := s.limited(r, in.SessionID); !ok {
		// Even a refused request is screened, text and payload (a payload
		// that is not a button's is read as text): an emergency is never met
		// with silence.
		reply, ok := s.eng.Screen(in.Text)
		if !ok {
			reply, ok = s.eng.Screen(in.Payload)
		}
		if ok {
			reply.SessionID = in.SessionID
			// Screened outside Handle, so counted here.
			s.metrics.Observe("web", reply, time.Since(start))
			writeMessage(w, response(reply))
			return
		}
		retryAfter(w, wait)
		s.refuse(w, refusedRateLimited)
		return
	}
	// A message over the length limit is still screened by the engine first;
	// only one that is not an emergency comes back as too long.
	reply, err := s.eng.Handle(r.Context(), in)
	if errors.Is(err, engine.ErrTooLong) {
		s.refuse(w, refusedTooLong)
		return
	}
	if err != nil {
		s.log.Error("engine failed", "err", err)
		s.refuse(w, refusedUnreadable)
		return
	}
	writeMessage(w, response(reply))
}

// limited applies the client and session rate limits.
func (s *Server) limited(r *http.Request, session string) (bool, time.Duration) {
	if ok, wait := s.clients.allow(s.cfg.Limits.ClientIP.Of(r)); !ok {
		return false, wait
	}
	if engine.ValidSessionID(session) {
		return s.convs.allow(session)
	}
	return true, 0
}

// response turns an engine reply into the API's JSON shape.
func response(reply engine.Reply) MessageResponse {
	resp := MessageResponse{
		SessionID:    reply.SessionID,
		Messages:     reply.Messages,
		QuickReplies: reply.QuickReplies,
		Intent:       optional(reply.Intent),
		Disposition:  optional(reply.Disposition),
		Confidence:   reply.Confidence,
		RedFlag:      optional(reply.RedFlag),
		Source:       reply.Source,
		Degraded:     reply.Degraded,
	}
	if resp.Messages == nil {
		resp.Messages = []engine.Message{}
	}
	if resp.QuickReplies == nil {
		resp.QuickReplies = []engine.QuickReply{}
	}
	return resp
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (s *Server) handleRestart(w http.ResponseWriter, r *http.Request) {
	if !s.cors(w, r) {
		s.refuse(w, refusedOrigin)
		return
	}
	if err := s.eng.Forget(r.Context(), r.PathValue("id")); err != nil {
		s.log.Warn("could not forget session", "err", err)
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleNotice(w http.ResponseWriter, r *http.Request) {
	s.cors(w, r)
	n, ok := s.eng.CurrentNotice(r.Context())
	if !ok {
		writeJSON(w, http.StatusOK, map[string]any{"notice": nil})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"notice": map[string]string{"text": n.Text, "severity": n.Severity, "updated": n.Updated}})
}

// widgetStringsMaxAge is how long a browser may keep the widget's words:
// short, so an edit by the comms team reaches open pages within minutes.
const widgetStringsMaxAge = 5 * time.Minute

// handleWidgetStrings serves the words the chat widget shows around the
// replies (labels, headings, the unreachable-service message): every content
// message whose key starts with "widget_".
func (s *Server) handleWidgetStrings(w http.ResponseWriter, r *http.Request) {
	s.cors(w, r)
	strs := map[string]string{}
	for k, v := range s.eng.Content().Messages {
		if strings.HasPrefix(k, "widget_") {
			strs[k] = v
		}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(int(widgetStringsMaxAge.Seconds())))
	w.WriteHeader(http.StatusOK)
	_ = json.NewEncoder(w).Encode(map[string]any{"strings": strs})
}

// handleWelcome serves how a conversation opens: the content's welcome
// message and the topics, in the messages API's shape (no session is started:
// session_id is empty, intent and disposition null). The widget shows it when
// its panel opens on an empty conversation.
func (s *Server) handleWelcome(w http.ResponseWriter, r *http.Request) {
	s.cors(w, r)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(int(widgetStringsMaxAge.Seconds())))
	w.WriteHeader(http.StatusOK)
	_ = json.NewEncoder(w).Encode(response(s.eng.Welcome()))
}

type feedbackRequest struct {
	SessionID *string `json:"session_id"` // accepted for symmetry with messages; not kept
	Intent    string  `json:"intent"`
	Helpful   *bool   `json:"helpful"`
}

// handleFeedback counts one "Was this helpful?" answer for an intent of the
// content: in the metrics and, when set, in the fleet-wide counts. Nothing
// else about the person or the conversation is kept.
func (s *Server) handleFeedback(w http.ResponseWriter, r *http.Request) {
	if !s.cors(w, r) {
		s.refuse(w, refusedOrigin)
		return
	}
	var req feedbackRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<10))
	dec.DisallowUnknownFields() // no room for free text
	if err := dec.Decode(&req); err != nil || req.Helpful == nil {
		s.refuse(w, refusedBadFeedback)
		return
	}
	if s.eng.Content().Intent(req.Intent) == nil {
		s.refuse(w, refusedUnknownIntent)
		return
	}
	if ok, wait := s.clients.allow(s.cfg.Limits.ClientIP.Of(r)); !ok {
		retryAfter(w, wait)
		s.refuse(w, refusedFeedbackRateLimited)
		return
	}
	answer := "not_helpful"
	if *req.Helpful {
		answer = "helpful"
	}
	s.metrics.Feedback.WithLabelValues(req.Intent, answer).Inc()
	if s.feedback != nil {
		if err := s.feedback.Record(r.Context(), req.Intent, *req.Helpful); err != nil {
			// The person is thanked all the same; the metrics have it.
			s.log.Warn("feedback not kept", "err", err)
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	if s.draining.Load() {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "draining", "version": s.cfg.Version})
		return
	}
	if !s.ready() {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "starting"})
		return
	}
	body := map[string]string{"status": "ok", "version": s.cfg.Version, "content": s.eng.Content().Version, "store": "memory"}
	if s.refused != nil && s.refused() != "" {
		// Still ready: the last good content answers every message. Say an edit was refused.
		body["status"] = "degraded"
		body["content_edit"] = "refused: the content files failed the content gate; the last good version is being served (details in the log and on the admin page)"
	}
	if s.store != nil {
		ctx, cancel := context.WithTimeout(r.Context(), 500*time.Millisecond)
		defer cancel()
		if err := s.store.Ping(ctx); err != nil {
			// Still ready: every message is answered without Redis. Say so.
			body["status"], body["store"] = "degraded", "unreachable"
		} else {
			body["store"] = "ok"
		}
	}
	writeJSON(w, http.StatusOK, body)
}

func (s *Server) handlePreflight(w http.ResponseWriter, r *http.Request) {
	if !s.cors(w, r) {
		s.refuse(w, refusedOrigin)
		return
	}
	w.Header().Set("Access-Control-Allow-Methods", "POST, OPTIONS")
	w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
	w.Header().Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
}

// cors applies the allowed origins. Requests without an Origin header (not
// from a browser, or same-origin GETs) pass; a browser request from an origin
// not configured is refused.
func (s *Server) cors(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	w.Header().Add("Vary", "Origin")
	if sameOrigin(r, origin) {
		return true
	}
	for _, o := range s.cfg.AllowedOrigins {
		if o == "*" || strings.EqualFold(o, origin) {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			return true
		}
	}
	return false
}

func sameOrigin(r *http.Request, origin string) bool {
	o := strings.TrimPrefix(strings.TrimPrefix(origin, "https://"), "http://")
	return o == r.Host
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError is the one way errors leave the server: JSON, with a message
// safe to show.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// WriteError is writeError for handlers mounted from other packages.
func WriteError(w http.ResponseWriter, status int, msg string) { writeError(w, status, msg) }

// WriteJSON is writeJSON for handlers mounted from other packages.
func WriteJSON(w http.ResponseWriter, status int, v any) { writeJSON(w, status, v) }
