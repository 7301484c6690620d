package engine

// The words of the engine's replies, for the packages that read them
// (channels, metrics, the admin area). The payloads a quick reply sends back
// are content's (content.PayloadYes and the rest): content's own buttons are
// checked against them when it loads, and content sits below the engine.

// Kind is how a channel shows a message (Message.Kind); its value is the
// API's "kind".
type Kind string

// Message kinds.
const (
	KindEmergency Kind = "emergency" // call 999 or go to A&E now
	KindCrisis    Kind = "crisis"    // mental health crisis lines
	KindQuestion  Kind = "question"  // a triage question, answered yes or no
	KindAnswer    Kind = "answer"    // an intent's answer
	KindNotice    Kind = "notice"    // the incident notice in force
	KindFallback  Kind = "fallback"  // nothing matched: what Signpost can help with
	KindInfo      Kind = "info"      // anything else the engine says
)

// Source is what decided a reply (Reply.Source); its value is the API's
// "source".
type Source string

// Reply sources.
const (
	SourceRedFlag    Source = "red_flag"
	SourceFlow       Source = "flow"
	SourceMatch      Source = "match"
	SourceClassifier Source = "classifier" // the LLM
	SourceFallback   Source = "fallback"
	SourcePayload    Source = "payload"
	SourceStale      Source = "stale"    // a yes/no tied to a question that has moved on
	SourceLanguage   Source = "language" // a message in a language Signpost does not read
	SourceWelcome    Source = "welcome"
	// SourceSecondOpinion and SourceChoices are in second.go.
)

// ChannelPreview is Request.Channel for the admin area's reply previews,
// which are not a patient's messages (the metrics leave them out).
const ChannelPreview = "preview"
