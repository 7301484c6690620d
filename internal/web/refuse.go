package web

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// refusal is why the server turned a request away. Each has one status,
// one message and one reason label in signpost_rejected_requests_total,
// all in the refusals table, and is written by Server.refuse.
type refusal int

const (
	refusedOrigin              refusal = iota // the Origin is not allowed
	refusedContentType                        // a body that is not JSON
	refusedTooLarge                           // a body over maxBodyBytes
	refusedBadJSON                            // a body that is not the message object
	refusedExtraJSON                          // more than one JSON value in the body
	refusedEmpty                              // neither text nor payload
	refusedRateLimited                        // too many messages from a client or conversation
	refusedTooLong                            // a message over the length limit (not an emergency)
	refusedUnreadable                         // the engine could not handle the message
	refusedBadFeedback                        // feedback that is not {"intent", "helpful"}
	refusedUnknownIntent                      // feedback about an intent that does not exist
	refusedFeedbackRateLimited                // too much feedback from one client
	refusedNoEndpoint                         // a path under /api/ that does not exist
	failedInternal                            // a handler panicked: the one 5xx
)

// refusalInfo is what a refusal writes: the status, the {"error"} message
// (or, if messageKey is set, the content's message of that name, so that
// patient-facing words stay in intents/) and the metric's reason label ("" =
// not counted).
type refusalInfo struct {
	status     int
	message    string
	messageKey string
	reason     string
}

var refusals = map[refusal]refusalInfo{
	refusedOrigin:      {http.StatusForbidden, "origin not allowed", "", "origin"},
	refusedContentType: {http.StatusUnsupportedMediaType, "send JSON with Content-Type: application/json", "", "content_type"},
	// A body too large to read cannot be screened: it is answered in the
	// same words as a message too long to answer (fewer words; 999).
	refusedTooLarge:            {http.StatusRequestEntityTooLarge, "", "too_long", "too_large"},
	refusedBadJSON:             {http.StatusBadRequest, "request body must be a JSON object with text, payload and session_id strings", "", "bad_json"},
	refusedExtraJSON:           {http.StatusBadRequest, "request body must hold one JSON object", "", "bad_json"},
	refusedEmpty:               {http.StatusBadRequest, "text or payload is required", "", "empty"},
	refusedRateLimited:         {http.StatusTooManyRequests, "too many messages: please wait a moment and try again. In an emergency call 999.", "", "rate_limited"},
	refusedTooLong:             {http.StatusRequestEntityTooLarge, "", "too_long", "too_long"},
	refusedUnreadable:          {http.StatusBadRequest, "could not read that message", "", ""},
	refusedBadFeedback:         {http.StatusBadRequest, `send {"intent": "...", "helpful": true or false}`, "", "bad_json"},
	refusedUnknownIntent:       {http.StatusBadRequest, "no such intent", "", "bad_feedback"},
	refusedFeedbackRateLimited: {http.StatusTooManyRequests, "too many requests: please wait a moment", "", "rate_limited"},
	refusedNoEndpoint:          {http.StatusNotFound, "no such endpoint", "", ""},
	failedInternal:             {http.StatusInternalServerError, "internal error", "", ""},
}

// refuse counts a refusal and writes its status and {"error"} body.
func (s *Server) refuse(w http.ResponseWriter, k refusal) {
	info := refusals[k]
	if info.reason != "" {
		s.metrics.Rejected.WithLabelValues(info.reason).Inc()
	}
	msg := info.message
	if info.messageKey != "" {
		msg = s.eng.Content().Message(info.messageKey)
	}
	writeError(w, info.status, msg)
}

// retryAfter tells a rate-limited client how many whole seconds to wait
// (at least one).
func retryAfter(w http.ResponseWriter, wait time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(max(int(math.Ceil(wait.Seconds())), 1)))
}
