package admin

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/feedback"
	"github.com/nhs-signpost/signpost/internal/store"
	"github.com/nhs-signpost/signpost/internal/web"
)

//go:embed assets
var assets embed.FS

// noStateNote is what the admin page says when the store holds no admin
// state at all.
const noStateNote = "No published notice found in the store: patients see the content file's notice, if it has one."

// Config is what the admin area needs.
type Config struct {
	// Editors are the named editors and their tokens: the audit log records
	// whose token made each change. There is no shared token, since it could
	// say neither who made a change nor be revoked for one person.
	Editors *Editors

	Engine *engine.Engine // the engine serving patients: its content, and for previews
	Store  *Store
	Stats  *Stats // may be nil
	// Feedback holds the widget's "Was this helpful?" counts; may be nil.
	Feedback FeedbackCounts
	// ReloadStatus reports content reloading, when a content directory is watched.
	ReloadStatus func() any
	Log          *slog.Logger
	// ClientIP finds a client's address for the rate limits, as the API
	// does (behind a trusted proxy, the address it appended).
	ClientIP web.ClientIP
	// Rate limits per client address: every API request, and failed tokens.
	RequestsPerSecond float64 // default 10
	FailuresPerMinute float64 // default 6
}

// FeedbackCounts gives the "Was this helpful?" counts per intent (package
// feedback). Declared here so the admin area needs neither implementation.
type FeedbackCounts interface {
	Counts(ctx context.Context) ([]feedback.Count, error)
	// Shared reports whether the counts are the whole fleet's (Redis) or
	// this replica's (memory).
	Shared() bool
}

// Handler serves /admin: the page and its files (which hold no data and
// load without the token) and the JSON API under /admin/api/, which
// requires it.
type Handler struct {
	cfg    Config
	mux    *http.ServeMux
	limits sync.Map // client address → *client
	lastGC time.Time
	gcMu   sync.Mutex
	log    *slog.Logger
}

type client struct {
	requests *rate.Limiter
	failures *rate.Limiter
	seen     atomic.Int64 // unix seconds
}

// NewHandler returns the admin area. It refuses to build without editors.
func NewHandler(cfg Config) (*Handler, error) {
	if cfg.Editors == nil {
		return nil, errors.New("admin: named editors (a tokens file) are required")
	}
	if cfg.Engine == nil || cfg.Store == nil {
		return nil, errors.New("admin: an engine and a store are required")
	}
	if cfg.RequestsPerSecond <= 0 {
		cfg.RequestsPerSecond = 10
	}
	if cfg.FailuresPerMinute <= 0 {
		cfg.FailuresPerMinute = 6
	}
	h := &Handler{cfg: cfg, mux: http.NewServeMux(), log: cfg.Log}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	h.mux.HandleFunc("GET /admin", h.page)
	h.mux.HandleFunc("GET /admin/{$}", h.page)
	h.mux.HandleFunc("GET /admin/static/{file}", h.static)
	for _, r := range h.routes() {
		h.mux.Handle(r.pattern, h.api(r.h))
	}
	h.mux.Handle("/admin/api/", h.api(func(w http.ResponseWriter, r *http.Request) {
		web.WriteError(w, http.StatusNotFound, "no such endpoint")
	}))
	return h, nil
}

type route struct {
	pattern string
	h       http.HandlerFunc
}

// Routes lists the API, for the page, the docs and the tests.
func (h *Handler) routes() []route {
	return []route{
		{"GET /admin/api/status", h.status},
		{"PUT /admin/api/notice", h.setNotice},
		{"DELETE /admin/api/notice", h.clearNotice},
		{"GET /admin/api/intents", h.intents},
		{"GET /admin/api/overrides/{intent}", h.override},
		{"POST /admin/api/overrides/{intent}/preview", h.preview},
		{"PUT /admin/api/overrides/{intent}", h.publish},
		{"DELETE /admin/api/overrides/{intent}", h.clearOverride},
		{"POST /admin/api/overrides/{intent}/rollback", h.rollback},
		{"GET /admin/api/stats", h.stats},
		{"GET /admin/api/unmatched", h.unmatched},
		{"GET /admin/api/audit", h.audit},
	}
}

// Routes returns the API's method and path patterns.
func (h *Handler) Routes() []string {
	var out []string
	for _, r := range h.routes() {
		out = append(out, r.pattern)
	}
	return out
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.mux.ServeHTTP(w, r)
}

func (h *Handler) page(w http.ResponseWriter, r *http.Request) {
	b, _ := assets.ReadFile("assets/admin.html")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(b)
}

func (h *Handler) static(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	types := map[string]string{"admin.js": "text/javascript; charset=utf-8", "admin.css": "text/css; charset=utf-8"}
	ct, ok := types[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	b, _ := assets.ReadFile("assets/" + name)
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(b)
}

// api guards an API handler: rate limit, then a named editor's bearer token.
func (h *Handler) api(next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		c := h.client(r)
		if !c.requests.Allow() || c.failures.Tokens() < 1 {
			w.Header().Set("Retry-After", "10")
			web.WriteError(w, http.StatusTooManyRequests, "too many requests; wait a moment")
			return
		}
		name, ok := h.authorized(r)
		if !ok {
			c.failures.Allow()
			h.log.Warn("admin: refused a request with a missing or wrong token", "path", r.URL.Path, "client", h.cfg.ClientIP.Of(r))
			w.Header().Set("WWW-Authenticate", `Bearer realm="signpost-admin"`)
			web.WriteError(w, http.StatusUnauthorized, "a valid admin token is required")
			return
		}
		next(w, r.WithContext(context.WithValue(r.Context(), editorKey{}, name)))
	})
}

type editorKey struct{}

// authorized returns the editor a request's bearer token belongs to.
func (h *Handler) authorized(r *http.Request) (string, bool) {
	auth := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return h.cfg.Editors.Who(strings.TrimSpace(tok))
}

func (h *Handler) client(r *http.Request) *client {
	now := time.Now()
	h.gc(now)
	addr := h.cfg.ClientIP.Of(r)
	if v, ok := h.limits.Load(addr); ok {
		c := v.(*client)
		c.seen.Store(now.Unix())
		return c
	}
	c := &client{
		requests: rate.NewLimiter(rate.Limit(h.cfg.RequestsPerSecond), int(h.cfg.RequestsPerSecond*3)),
		failures: rate.NewLimiter(rate.Limit(h.cfg.FailuresPerMinute/60), int(max(h.cfg.FailuresPerMinute, 1))),
	}
	c.seen.Store(now.Unix())
	v, _ := h.limits.LoadOrStore(addr, c)
	return v.(*client)
}

// gc forgets clients not seen for ten minutes, at most once a minute.
func (h *Handler) gc(now time.Time) {
	h.gcMu.Lock()
	defer h.gcMu.Unlock()
	if now.Sub(h.lastGC) < time.Minute {
		return
	}
	h.lastGC = now
	h.limits.Range(func(k, v any) bool {
		if now.Unix()-v.(*client).seen.Load() > 600 {
			h.limits.Delete(k)
		}
		return true
	})
}

func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 32<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		web.WriteError(w, http.StatusBadRequest, "send a JSON object: "+err.Error())
		return false
	}
	return true
}

// editor is who is making a request, as the audit log records it.
func editor(r *http.Request) string {
	name, _ := r.Context().Value(editorKey{}).(string)
	return name
}

func (h *Handler) failed(w http.ResponseWriter, what string, err error) {
	h.log.Error("admin: "+what, "err", err)
	web.WriteError(w, http.StatusServiceUnavailable, what+": the shared store is unavailable; try again")
}

// --- status and notice

func (h *Handler) status(w http.ResponseWriter, r *http.Request) {
	set := h.cfg.Engine.Content()
	st := h.cfg.Store.State()
	body := map[string]any{
		"content": map[string]any{"version": set.Version, "intents": len(set.Intents), "red_flags": len(set.RedFlags)},
		"notice":  st.Notice,
		"routes":  h.Routes(),
		"state":   map[string]any{"version": st.Version, "updated_at": st.UpdatedAt},
		"editor":  editor(r),
	}
	if st.Empty() {
		// Nothing was published, or the store lost it and no replica had a
		// copy: say so, since the content file's notice is what shows.
		body["state"].(map[string]any)["note"] = noStateNote
	}
	n, ok := h.cfg.Store.Notice(r.Context())
	if ok {
		body["notice_showing"] = map[string]any{"text": n.Text, "severity": n.Severity, "updated": n.Updated,
			"from_content": !st.Notice.ActiveAt(time.Now())}
	} else {
		body["notice_showing"] = nil
	}
	if h.cfg.ReloadStatus != nil {
		body["reload"] = h.cfg.ReloadStatus()
	}
	web.WriteJSON(w, http.StatusOK, body)
}

type noticeRequest struct {
	Text      string    `json:"text"`
	Severity  string    `json:"severity"`
	StartsAt  time.Time `json:"starts_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

func (h *Handler) setNotice(w http.ResponseWriter, r *http.Request) {
	var req noticeRequest
	if !decode(w, r, &req) {
		return
	}
	problems := checkText(req.Text, maxNoticeLen)
	if req.Severity == "" {
		req.Severity = "warning"
	}
	switch req.Severity {
	case "info", "warning", "critical":
	default:
		problems = append(problems, "severity must be info, warning or critical")
	}
	if !req.ExpiresAt.IsZero() {
		if !req.ExpiresAt.After(time.Now()) {
			problems = append(problems, "the expiry is in the past")
		}
		if !req.StartsAt.IsZero() && !req.ExpiresAt.After(req.StartsAt) {
			problems = append(problems, "the expiry is before the start")
		}
	}
	if len(problems) > 0 {
		web.WriteJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": "the notice was not published", "problems": problems})
		return
	}
	n := Notice{Text: strings.TrimSpace(req.Text), Severity: req.Severity, StartsAt: req.StartsAt.UTC(), ExpiresAt: req.ExpiresAt.UTC()}
	if err := h.cfg.Store.SetNotice(r.Context(), editor(r), n); err != nil {
		h.failed(w, "could not publish the notice", err)
		return
	}
	h.log.Info("admin: notice published", "editor", editor(r), "severity", n.Severity)
	web.WriteJSON(w, http.StatusOK, map[string]any{"notice": h.cfg.Store.State().Notice})
}

func (h *Handler) clearNotice(w http.ResponseWriter, r *http.Request) {
	if err := h.cfg.Store.ClearNotice(r.Context(), editor(r)); err != nil {
		h.failed(w, "could not clear the notice", err)
		return
	}
	h.log.Info("admin: notice cleared", "editor", editor(r))
	web.WriteJSON(w, http.StatusOK, map[string]any{"notice": nil})
}

// --- overrides

type intentView struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Disposition string `json:"disposition"`
	Reply       string `json:"reply"`    // the content file's reply
	Override    string `json:"override"` // the live override, "" if none
	Version     int    `json:"version"`  // the override version in force, 0 = content file
	Locked      string `json:"locked"`   // why it cannot be overridden, "" if it can
}

func (h *Handler) intents(w http.ResponseWriter, r *http.Request) {
	set := h.cfg.Engine.Content()
	st := h.cfg.Store.State()
	out := make([]intentView, 0, len(set.Intents))
	for _, in := range set.Intents {
		if in.Reply == "" {
			continue // a question-only intent has no reply to change
		}
		v := intentView{ID: in.ID, Title: in.Title, Disposition: in.Disposition, Reply: in.Reply, Locked: protected(set, in.ID)}
		if o := st.Overrides[in.ID]; o != nil {
			v.Version = o.Active
			v.Override, _ = o.active()
		}
		out = append(out, v)
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"intents": out})
}

// target finds an intent that may be overridden, or writes why not.
func (h *Handler) target(w http.ResponseWriter, r *http.Request) (*content.Set, *content.Intent, bool) {
	set := h.cfg.Engine.Content()
	id := r.PathValue("intent")
	if why := protected(set, id); why != "" {
		web.WriteError(w, http.StatusForbidden, why)
		return nil, nil, false
	}
	in := set.Intent(id)
	if in == nil {
		web.WriteError(w, http.StatusNotFound, fmt.Sprintf("there is no intent %q", id))
		return nil, nil, false
	}
	return set, in, true
}

func (h *Handler) override(w http.ResponseWriter, r *http.Request) {
	set := h.cfg.Engine.Content()
	in := set.Intent(r.PathValue("intent"))
	if in == nil {
		web.WriteError(w, http.StatusNotFound, fmt.Sprintf("there is no intent %q", r.PathValue("intent")))
		return
	}
	o := h.cfg.Store.State().Overrides[in.ID]
	if o == nil {
		o = &OverrideState{Versions: []Version{}}
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"intent": in.ID, "title": in.Title, "reply": in.Reply,
		"active": o.Active, "versions": o.Versions, "locked": protected(set, in.ID)})
}

type textRequest struct {
	Text string `json:"text"`
}

// Preview shows what a patient would see with the new text, rendered by a
// private copy of the engine (same content, same notice), without
// publishing anything.
func (h *Handler) preview(w http.ResponseWriter, r *http.Request) {
	set, in, ok := h.target(w, r)
	if !ok {
		return
	}
	var req textRequest
	if !decode(w, r, &req) {
		return
	}
	problems := checkText(req.Text, maxReplyLen)
	if problems == nil {
		problems = []string{}
	}
	msgs, err := render(r.Context(), set, h.cfg.Store, in.ID, strings.TrimSpace(req.Text))
	if err != nil {
		web.WriteError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"intent": in.ID, "messages": msgs, "problems": problems, "ok": len(problems) == 0})
}

// one overrides a single intent's reply, for previews.
type one struct{ id, text string }

func (o one) Reply(id string) (string, bool) { return o.text, id == o.id && o.text != "" }

// render returns the messages a patient reaching intent id would see if its
// reply were text: the engine's own rendering, reached as the intent's
// button would reach it, answering "no" to its triage questions.
func render(ctx context.Context, set *content.Set, notices engine.NoticeSource, id, text string) ([]engine.Message, error) {
	eng := engine.New(set, store.NewMemory(4, time.Minute), engine.WithOverrides(one{id, text}), engine.WithNotices(notices))
	r, err := eng.Handle(ctx, engine.Request{Payload: content.IntentPayload(id), Channel: engine.ChannelPreview})
	for i := 0; err == nil && r.Disposition == "" && i < 4 && len(r.QuickReplies) > 0; i++ {
		r, err = eng.Handle(ctx, engine.Request{SessionID: r.SessionID, Payload: content.PayloadNo, Channel: engine.ChannelPreview})
	}
	if err != nil {
		return nil, err
	}
	if r.Intent != id {
		return nil, fmt.Errorf("a patient cannot reach %q's reply directly (it leads to %q)", id, r.Intent)
	}
	return r.Messages, nil
}

func (h *Handler) publish(w http.ResponseWriter, r *http.Request) {
	_, in, ok := h.target(w, r)
	if !ok {
		return
	}
	var req textRequest
	if !decode(w, r, &req) {
		return
	}
	if problems := checkText(req.Text, maxReplyLen); len(problems) > 0 {
		web.WriteJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": "the reply was not published", "problems": problems})
		return
	}
	n, err := h.cfg.Store.Publish(r.Context(), editor(r), in.ID, strings.TrimSpace(req.Text), in.Reply)
	if err != nil {
		h.failed(w, "could not publish the reply", err)
		return
	}
	h.log.Info("admin: reply override published", "editor", editor(r), "intent", in.ID, "version", n)
	web.WriteJSON(w, http.StatusOK, map[string]any{"intent": in.ID, "version": n})
}

func (h *Handler) clearOverride(w http.ResponseWriter, r *http.Request) {
	if _, in, ok := h.target(w, r); ok {
		h.rollbackTo(w, r, in, 0)
	}
}

func (h *Handler) rollback(w http.ResponseWriter, r *http.Request) {
	_, in, ok := h.target(w, r)
	if !ok {
		return
	}
	var req struct {
		Version *int `json:"version"`
	}
	if !decode(w, r, &req) {
		return
	}
	if req.Version == nil || *req.Version < 0 {
		web.WriteError(w, http.StatusBadRequest, "say which version to go back to: {\"version\": N} (0 is the content file's reply)")
		return
	}
	h.rollbackTo(w, r, in, *req.Version)
}

func (h *Handler) rollbackTo(w http.ResponseWriter, r *http.Request, in *content.Intent, version int) {
	err := h.cfg.Store.Rollback(r.Context(), editor(r), in.ID, version, in.Reply)
	if errors.Is(err, ErrNotFound) {
		web.WriteError(w, http.StatusNotFound, fmt.Sprintf("%s has no version %d", in.ID, version))
		return
	}
	if err != nil {
		h.failed(w, "could not change the reply", err)
		return
	}
	h.log.Info("admin: reply override rolled back", "editor", editor(r), "intent", in.ID, "version", version)
	web.WriteJSON(w, http.StatusOK, map[string]any{"intent": in.ID, "version": version})
}

// --- what people ask, and the audit log

// statsReply is this replica's counts and the feedback counts.
type statsReply struct {
	Snapshot
	Feedback       []FeedbackCount `json:"feedback"`
	FeedbackShared bool            `json:"feedback_shared"` // counted across every replica
	// FeedbackError says the counts could not be read (Redis down); the
	// rest of the statistics are this replica's own and still shown.
	FeedbackError string `json:"feedback_error,omitempty"`
}

// FeedbackCount is one intent's "Was this helpful?" answers, with its title.
type FeedbackCount struct {
	feedback.Count
	Title string `json:"title,omitempty"`
}

func (h *Handler) stats(w http.ResponseWriter, r *http.Request) {
	out := statsReply{Snapshot: Snapshot{Intents: []IntentCount{}}, Feedback: []FeedbackCount{}}
	set := h.cfg.Engine.Content()
	if h.cfg.Stats != nil {
		out.Snapshot = h.cfg.Stats.Snapshot()
		for i, c := range out.Intents {
			if in := set.Intent(c.Intent); in != nil {
				out.Intents[i].Title = in.Title
			} else if strings.HasPrefix(c.Intent, "red_flag.") {
				out.Intents[i].Title = "Emergency rule: " + strings.TrimPrefix(c.Intent, "red_flag.")
			}
		}
	}
	if h.cfg.Feedback != nil {
		counts, err := h.cfg.Feedback.Counts(r.Context())
		if err != nil {
			h.log.Warn("admin: could not read the feedback counts", "err", err)
			out.FeedbackError = "The answers to \"Was this helpful?\" cannot be read right now (the shared store is unavailable); try again shortly."
		}
		out.FeedbackShared = h.cfg.Feedback.Shared()
		for _, c := range counts {
			fc := FeedbackCount{Count: c}
			if in := set.Intent(c.Intent); in != nil {
				fc.Title = in.Title
			}
			out.Feedback = append(out.Feedback, fc)
		}
	}
	web.WriteJSON(w, http.StatusOK, out)
}

func (h *Handler) unmatched(w http.ResponseWriter, r *http.Request) {
	out := []Unmatched{}
	keep := false
	if h.cfg.Stats != nil {
		out, keep = h.cfg.Stats.Unmatched(), h.cfg.Stats.keep
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"keep_unmatched": keep, "messages": out})
}

func (h *Handler) audit(w http.ResponseWriter, r *http.Request) {
	limit := 100
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			web.WriteError(w, http.StatusBadRequest, "limit must be a number from 1 to 1000")
			return
		}
		limit = n
	}
	entries, err := h.cfg.Store.Audit(r.Context(), limit)
	if err != nil {
		h.failed(w, "could not read the audit log", err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"entries": entries})
}
