package llm

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/nhs-signpost/signpost/internal/engine"
)

// Metrics count what the classifier does. They never carry message text. A
// nil *Metrics records nothing.
type Metrics struct {
	Calls       *prometheus.CounterVec
	Latency     prometheus.Histogram
	Cache       *prometheus.CounterVec
	Fallbacks   *prometheus.CounterVec
	Escalations *prometheus.CounterVec
	Breaker     prometheus.Gauge
}

// NewMetrics registers the classifier's metrics with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		Calls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "signpost_llm_calls_total",
			Help: "Calls to the LLM, by outcome: ok, invalid, refused, timeout, rate_limited, server_error, client_error, network_error.",
		}, []string{"outcome"}),
		Latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "signpost_llm_call_seconds",
			Help:    "Time an LLM call took, whatever its outcome.",
			Buckets: []float64{.05, .1, .25, .5, .75, 1, 1.5, 2, 3, 5},
		}),
		Cache: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "signpost_llm_cache_total", Help: "LLM decision cache look-ups, by result (hit, miss).",
		}, []string{"result"}),
		Fallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "signpost_llm_fallbacks_total",
			Help: "Messages answered by the rules alone because the LLM gave no usable answer, by reason.",
		}, []string{"reason"}),
		Escalations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "signpost_llm_escalations_total", Help: "LLM decisions that raised acuity, by kind (emergency, crisis).",
		}, []string{"kind"}),
		Breaker: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "signpost_llm_breaker_state", Help: "The LLM circuit breaker: 0 closed, 1 open, 2 half-open.",
		}),
	}
	reg.MustRegister(m.Calls, m.Latency, m.Cache, m.Fallbacks, m.Escalations, m.Breaker)
	return m
}

func (m *Metrics) call(outcome string, took time.Duration) {
	if m == nil {
		return
	}
	m.Calls.WithLabelValues(outcome).Inc()
	m.Latency.Observe(took.Seconds())
}

func (m *Metrics) cache(result string) {
	if m != nil {
		m.Cache.WithLabelValues(result).Inc()
	}
}

func (m *Metrics) fallback(reason string) {
	if m != nil {
		m.Fallbacks.WithLabelValues(reason).Inc()
	}
}

func (m *Metrics) escalation(d engine.Decision) {
	if m == nil {
		return
	}
	if d.Emergency {
		m.Escalations.WithLabelValues("emergency").Inc()
	}
	if d.Crisis {
		m.Escalations.WithLabelValues("crisis").Inc()
	}
}

func (m *Metrics) breakerState(s int) {
	if m != nil {
		m.Breaker.Set(float64(s))
	}
}
