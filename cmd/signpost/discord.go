package main

import "context"

// startDiscord connects to Discord when a bot token is configured.
func (a *app) startDiscord(ctx context.Context) error { return nil }
