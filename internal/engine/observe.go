package engine

import "time"

// Observer is told about every answered message, after the reply is decided,
// with the time Handle took. It runs on the message's own goroutine, so it
// must be quick and must not block (count, append to a bounded buffer); it
// must not keep req.Text unmasked. The metrics and the admin area's
// statistics are observers.
type Observer func(req Request, reply Reply, took time.Duration)

// WithObserver adds an observer of answered messages; observers are told
// in the order they were added.
func WithObserver(o Observer) Option {
	return func(e *Engine) {
		prev := e.observer
		if prev == nil {
			e.observer = o
			return
		}
		e.observer = func(req Request, reply Reply, took time.Duration) {
			prev(req, reply, took)
			o(req, reply, took)
		}
	}
}

// observe calls the observers for a message that was answered.
func (e *Engine) observe(req Request, reply Reply, err error, start time.Time) {
	if err == nil {
		e.observer(req, reply, time.Since(start))
	}
}
