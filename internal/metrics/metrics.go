// Package metrics is Signpost's Prometheus metrics and its log line for
// every answered message. It is registered as an engine observer, so every
// channel (web, Discord, chat) is counted the same way; the HTTP server only
// counts the requests it refuses and the feedback it takes.
package metrics

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics are Signpost's Prometheus metrics. They never carry message text.
type Metrics struct {
	log          *slog.Logger
	Registry     *prometheus.Registry
	Messages     *prometheus.CounterVec
	RedFlags     *prometheus.CounterVec
	Fallbacks    *prometheus.CounterVec
	Latency      *prometheus.HistogramVec
	StoreErrors  prometheus.Counter
	Rejected     *prometheus.CounterVec
	ContentInfo  *prometheus.GaugeVec
	ReloadErrors prometheus.Counter
	BuildInfo    *prometheus.GaugeVec
	Feedback     *prometheus.CounterVec
	// SecondOpinion counts what the trained second opinion did, by effect
	// (raised_rule, raised_safety_net, raised_crisis, topic, choices).
	SecondOpinion *prometheus.CounterVec

	// The children of Messages and Latency used so far: finding a child by
	// its label values hashes them under a lock, on every message.
	messages sync.Map // messageLabels → prometheus.Counter
	latency  sync.Map // channel → prometheus.Observer
}

type messageLabels struct{ channel, intent, disposition string }

// message returns the Messages counter for these labels.
func (m *Metrics) message(channel, intent, disposition string) prometheus.Counter {
	k := messageLabels{channel, intent, disposition}
	if c, ok := m.messages.Load(k); ok {
		return c.(prometheus.Counter)
	}
	c := m.Messages.WithLabelValues(channel, intent, disposition)
	m.messages.Store(k, c)
	return c
}

// latencyFor returns the Latency histogram for a channel.
func (m *Metrics) latencyFor(channel string) prometheus.Observer {
	if o, ok := m.latency.Load(channel); ok {
		return o.(prometheus.Observer)
	}
	o := m.Latency.WithLabelValues(channel)
	m.latency.Store(channel, o)
	return o
}

// New registers the metrics in a new registry (with Go and process
// collectors); each answered message is logged to log (nil: not logged).
func New(log *slog.Logger) *Metrics {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m := &Metrics{
		log:      log,
		Registry: reg,
		Messages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "signpost_messages_total", Help: "Messages answered, by channel, intent and disposition.",
		}, []string{"channel", "intent", "disposition"}),
		RedFlags: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "signpost_red_flags_total", Help: "Messages that met a red-flag rule, by rule and level.",
		}, []string{"rule", "level"}),
		Fallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "signpost_fallbacks_total", Help: "Messages no intent matched confidently, by channel.",
		}, []string{"channel"}),
		Latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "signpost_message_seconds", Help: "Time to answer a message, by channel.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 3},
		}, []string{"channel"}),
		StoreErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "signpost_store_errors_total", Help: "Messages answered without a session because the session store failed.",
		}),
		Rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "signpost_rejected_requests_total", Help: "Requests refused, by reason.",
		}, []string{"reason"}),
		ContentInfo: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "signpost_content_info", Help: "The content version being served (value 1).",
		}, []string{"version"}),
		ReloadErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "signpost_content_reload_errors_total", Help: "Content edits refused by the content gate (validation, content tests or the clinical safety suite).",
		}),
		BuildInfo: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "signpost_build_info", Help: "The Signpost build running (value 1), by version and Go version.",
		}, []string{"version", "go_version"}),
		Feedback: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "signpost_feedback_total", Help: "Answers to \"Was this helpful?\", by intent and answer (helpful, not_helpful).",
		}, []string{"intent", "answer"}),
		SecondOpinion: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "signpost_second_opinion_total",
			Help: "Replies the trained second opinion changed, by effect: raised_rule, raised_safety_net, raised_crisis, topic, choices.",
		}, []string{"effect"}),
	}
	reg.MustRegister(m.BuildInfo, m.Feedback, m.Messages, m.RedFlags, m.Fallbacks, m.Latency, m.StoreErrors, m.Rejected, m.ContentInfo, m.ReloadErrors, m.SecondOpinion)
	return m
}

// Observer is m as an engine observer: every message the engine answers,
// counted under the channel that asked (web, discord), except the admin
// area's previews, which are not a patient's messages.
func (m *Metrics) Observer() engine.Observer {
	return func(req engine.Request, reply engine.Reply, took time.Duration) {
		if req.Channel != engine.ChannelPreview {
			m.Observe(req.Channel, reply, took)
		}
	}
}

// Observe records one answered message. Only ids and codes are recorded,
// never what the person wrote.
func (m *Metrics) Observe(channel string, reply engine.Reply, took time.Duration) {
	intent := reply.Intent
	if intent == "" {
		intent = "none"
	}
	disp := reply.Disposition
	if disp == "" {
		disp = "none"
	}
	m.message(channel, intent, disp).Inc()
	m.latencyFor(channel).Observe(took.Seconds())
	if reply.RedFlag != "" {
		m.RedFlags.WithLabelValues(reply.RedFlag, reply.Disposition).Inc()
	}
	if reply.Source == engine.SourceFallback || reply.Source == engine.SourceChoices {
		m.Fallbacks.WithLabelValues(channel).Inc()
	}
	if reply.SecondOpinion != "" {
		m.SecondOpinion.WithLabelValues(reply.SecondOpinion).Inc()
	}
	if reply.Degraded {
		m.StoreErrors.Inc()
	}
	if !m.log.Enabled(context.Background(), slog.LevelInfo) {
		return // the arguments below cost allocations even when nothing is written
	}
	m.log.Info("message", "channel", channel, "intent", intent, "disposition", disp, "red_flag", reply.RedFlag,
		"source", string(reply.Source), "second_opinion", reply.SecondOpinion, "new_session", reply.NewSession, "degraded", reply.Degraded, "ms", float64(took.Microseconds())/1000)
}
