// Package intents embeds the bundled content: the example trust's intents,
// triage questions, red-flag rules, services and notice. The YAML files in
// this folder are the comms team's; see docs/content.md.
package intents

import "embed"

// FS holds every YAML file of the bundled content.
//
//go:embed *.yaml
var FS embed.FS
