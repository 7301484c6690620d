package engine

// The words of the engine's protocol, for the packages that read its
// replies (channels, metrics, the admin area) and send it payloads. They
// are untyped so that they compare with Message.Kind, Reply.Source and
// Request.Payload as those fields are declared today.

// Message kinds (Message.Kind): how a channel shows a message.
const (
	KindEmergency = "emergency" // call 999 or go to A&E now
	KindCrisis    = "crisis"    // mental health crisis lines
	KindQuestion  = "question"  // a triage question, answered yes or no
	KindAnswer    = "answer"    // an intent's answer
	KindNotice    = "notice"    // the incident notice in force
	KindFallback  = "fallback"  // nothing matched: what Signpost can help with
	KindInfo      = "info"      // anything else the engine says
)

// Reply sources (Reply.Source): what decided the reply.
const (
	SourceRedFlag    = "red_flag"
	SourceFlow       = "flow"
	SourceMatch      = "match"
	SourceClassifier = "classifier"
	SourceFallback   = "fallback"
	SourcePayload    = "payload"
	SourceStale      = "stale"
	SourceLanguage   = "language" // a message in a language Signpost does not read
	SourceWelcome    = "welcome"
	// SourceChoices (second.go) is a fallback that offers the second
	// opinion's choices.
)

// Payloads (Request.Payload) the engine understands besides free text.
const (
	PayloadYes     = "yes"     // answers a triage question yes
	PayloadNo      = "no"      // answers a triage question no
	PayloadRestart = "restart" // forgets the conversation and starts again
	// PayloadIntent prefixes an intent id: "intent:sore_throat" opens that
	// intent as its button would.
	PayloadIntent = "intent:"
)

// ChannelPreview is Request.Channel for the admin area's reply previews,
// which are not a patient's messages (the metrics leave them out).
const ChannelPreview = "preview"
