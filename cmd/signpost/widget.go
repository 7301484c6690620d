package main

import "context"

// mountWidget serves the chat widget and its demo page.
func (a *app) mountWidget(ctx context.Context) error { return nil }
