package main

import (
	"context"

	"github.com/nhs-signpost/signpost/internal/engine"
)

// setupLLM adds the optional LLM classifier (issue: LLM fallback). Until it
// is built, Signpost runs on its rules alone, which is also its behaviour
// when no LLM is configured.
func (a *app) setupLLM(ctx context.Context) ([]engine.Option, error) { return nil, nil }
