package content

import "strings"

// The payload protocol: what a quick reply sends back when it is pressed.
// The engine reads it; it lives here, below the engine, because content's
// own buttons are checked against it when content loads.
const (
	PayloadYes     = "yes"     // answers a triage question yes
	PayloadNo      = "no"      // answers a triage question no
	PayloadRestart = "restart" // forgets the conversation and starts again
	PayloadNone    = "none"    // "None of these" under a fallback's topics
	// PayloadIntentPrefix prefixes an intent id: "intent:sore_throat" opens
	// that intent as its button would (IntentPayload, PayloadIntent).
	PayloadIntentPrefix = "intent:"
)

// IntentPayload is the payload of a button that opens intent id.
func IntentPayload(id string) string { return PayloadIntentPrefix + id }

// PayloadIntent is the intent id a payload opens, if it is an intent payload.
func PayloadIntent(p string) (id string, ok bool) { return strings.CutPrefix(p, PayloadIntentPrefix) }
