package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// drainListener closes at a quiet moment. Closing a listening socket makes
// the kernel reset every connection still waiting in its accept queue, and
// those clients have usually sent their request already: a request cut off
// mid-way. So once closing starts, Accept keeps taking queued connections
// (each is answered, with "Connection: close") and closes the socket itself
// as soon as none has arrived for quietGap, which leaves the kernel no
// queued connection to reset; later attempts are refused, which clients and
// load balancers retry elsewhere.
type drainListener struct {
	*net.TCPListener
	closing atomic.Bool
	closed  chan struct{}
	mu      sync.Mutex
	pending []net.Conn // taken from the queue as the socket closed
	done    bool
}

// quietGap is how long Accept waits for another connection before it
// decides the queue is empty and closes.
const quietGap = 2 * time.Millisecond

func newDrainListener(ln *net.TCPListener) *drainListener {
	return &drainListener{TCPListener: ln, closed: make(chan struct{})}
}

// Accept implements net.Listener.
func (l *drainListener) Accept() (net.Conn, error) {
	l.mu.Lock()
	if len(l.pending) > 0 {
		c := l.pending[0]
		l.pending = l.pending[1:]
		l.mu.Unlock()
		return c, nil
	}
	done := l.done
	l.mu.Unlock()
	if done {
		return nil, net.ErrClosed
	}
	if l.closing.Load() {
		_ = l.SetDeadline(time.Now().Add(quietGap))
	}
	c, err := l.TCPListener.Accept()
	if err == nil || !l.closing.Load() || !errors.Is(err, os.ErrDeadlineExceeded) {
		return c, err
	}
	// Quiet. A process that was not scheduled for a while may see its
	// deadline pass with connections queued, so take whatever is still
	// there straight from the socket, then close it.
	queued := takeQueued(l.TCPListener)
	l.TCPListener.Close()
	l.mu.Lock()
	l.done, l.pending = true, queued
	l.mu.Unlock()
	close(l.closed)
	return l.Accept()
}

// closeQuietly starts closing and waits until the listener has closed at a
// quiet moment, or for at most max under a load that never pauses (then it
// closes anyway).
func (l *drainListener) closeQuietly(max time.Duration) {
	l.closing.Store(true)
	_ = l.SetDeadline(time.Now().Add(quietGap)) // wake a blocked Accept
	select {
	case <-l.closed:
	case <-time.After(max):
		l.TCPListener.Close()
	}
}

// connTracker follows the server's connections (http.Server.ConnState), so
// that the drain can wait for every connection that was accepted to be
// answered before the server shuts down: http.Server.Shutdown closes a
// connection whose request arrives after it was called without answering
// it.
type connTracker struct {
	mu    sync.Mutex
	conns map[net.Conn]http.ConnState
}

func newConnTracker() *connTracker { return &connTracker{conns: map[net.Conn]http.ConnState{}} }

// track is the http.Server.ConnState hook.
func (t *connTracker) track(c net.Conn, st http.ConnState) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch st {
	case http.StateClosed, http.StateHijacked:
		delete(t.conns, c)
	default:
		t.conns[c] = st
	}
}

// busy counts connections that are new (a request may be on its way) or
// carrying a request.
func (t *connTracker) busy() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, st := range t.conns {
		if st == http.StateNew || st == http.StateActive {
			n++
		}
	}
	return n
}

// waitQuiet waits until no connection is busy, or ctx ends.
func (t *connTracker) waitQuiet(ctx context.Context) {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for t.busy() > 0 {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
