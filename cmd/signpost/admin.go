package main

import (
	"context"

	"github.com/nhs-signpost/signpost/internal/engine"
)

// setupAdminState adds the live incident notice and reply overrides kept by
// the admin area. Until the admin area is built, the content's notice is used.
func (a *app) setupAdminState(ctx context.Context) ([]engine.Option, error) { return nil, nil }

// mountAdmin mounts /admin when an admin token is configured.
func (a *app) mountAdmin(ctx context.Context) error { return nil }
