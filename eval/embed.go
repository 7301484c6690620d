// Package eval embeds the tuning part of the patient-message corpus, so that
// the trained second opinion (internal/classify) can learn from it inside the
// binary with nothing to download. Blind batches are not embedded: a model
// must never have seen the messages that measure it.
package eval

import "embed"

// Tuning holds eval/tuning: every .jsonl batch that may be learnt from.
//
//go:embed tuning
var Tuning embed.FS
