package engine

// Observer is told about every answered message, after the reply is decided.
// It runs on the message's own goroutine, so it must be quick and must not
// block (count, append to a bounded buffer); it must not keep req.Text
// unmasked. The admin area uses it to show which intents are being hit and
// what matched nothing.
type Observer func(req Request, reply Reply)

// WithObserver adds an observer of answered messages.
func WithObserver(o Observer) Option { return func(e *Engine) { e.observer = o } }

// observe calls the observer for a message that was answered.
func (e *Engine) observe(req Request, reply Reply, err error) {
	if err == nil {
		e.observer(req, reply)
	}
}
