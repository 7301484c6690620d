package main

import (
	"context"

	"github.com/nhs-signpost/signpost/internal/widget"
)

// mountWidget serves the chat widget (widget.js, widget.css) and its demo
// page at /.
func (a *app) mountWidget(ctx context.Context) error {
	h, err := widget.New()
	if err != nil {
		return err
	}
	h.Mount(a.web)
	return nil
}
