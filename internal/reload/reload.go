// Package reload keeps the served content in step with a directory on disk
// (a Kubernetes ConfigMap, a git checkout) without a restart. It watches the
// directory rather than the files, because editors save by renaming a new
// file over the old one and a ConfigMap update swaps a "..data" symlink; a
// watch on the file itself would be lost. Events are debounced, then the
// whole set goes through the content gate (internal/gate: load, validate,
// the content's own tests and the clinical safety suite); only a set that
// passes replaces the one being served, in one atomic swap. A refused edit
// leaves the last good content serving and is reported (an ERROR log line,
// OnError, Status). A slow poll
// that compares a hash of the files covers file systems that send no events
// (NFS, FUSE).
package reload

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/gate"
)

// Target is what the watcher updates: the engine, in practice. Declared
// here so that tests and other callers need nothing more than these two.
type Target interface {
	Content() *content.Set
	Swap(set *content.Set)
}

// Status is the outcome of the latest reload attempt, for the admin page.
type Status struct {
	Dir       string    `json:"dir"`
	Version   string    `json:"version"`              // the version being served
	LoadedAt  time.Time `json:"loaded_at,omitempty"`  // when it was swapped in (zero: since start)
	CheckedAt time.Time `json:"checked_at,omitempty"` // the last time the files were read
	Error     string    `json:"error,omitempty"`      // why the latest edit was refused; "" when in step
	FailedAt  time.Time `json:"failed_at,omitempty"`
}

// Watcher reloads content from Dir into Target.
type Watcher struct {
	Dir    string
	Target Target
	// Debounce is how long the directory must be quiet before a reload
	// (a git pull or a ConfigMap swap is many events). Default 250ms.
	Debounce time.Duration
	// Poll is how often the files are hashed in case no event arrived.
	// Default 30s; negative disables polling.
	Poll time.Duration
	// OnReload is called after a new version is swapped in.
	OnReload func(old, new *content.Set)
	// OnError is called when an edit is refused.
	OnError func(err error)
	// Gate loads and checks the directory; nil means Load (the content gate
	// start-up and `signpost check` use). Tests of the watching itself may
	// give a lighter one.
	Gate func(dir string) (*content.Set, error)
	Log  *slog.Logger

	mu       sync.Mutex
	status   Status
	lastHash string
}

func (w *Watcher) logger() *slog.Logger {
	if w.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return w.Log
}

// Status returns the latest reload outcome.
func (w *Watcher) Status() Status {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.status
	s.Dir = w.Dir
	s.Version = w.Target.Content().Version
	return s
}

// Run watches until ctx ends. If the directory cannot be watched it polls.
func (w *Watcher) Run(ctx context.Context) {
	if w.Debounce <= 0 {
		w.Debounce = 250 * time.Millisecond
	}
	if w.Poll == 0 {
		w.Poll = 30 * time.Second
	}
	// The hash of what is being served now, so the first poll does not reload it again.
	if h, err := hashDir(w.Dir); err == nil {
		w.lastHash = h
	}
	// Without a watch (no inotify, a full watch table) the poll still runs.
	var events <-chan fsnotify.Event
	var errs <-chan error
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		w.logger().Warn("content: cannot watch for changes; polling only", "dir", w.Dir, "err", err)
	} else {
		defer fw.Close()
		if err := fw.Add(w.Dir); err != nil {
			w.logger().Warn("content: cannot watch for changes; polling only", "dir", w.Dir, "err", err)
		} else {
			events, errs = fw.Events, fw.Errors
		}
	}
	var poll <-chan time.Time
	if w.Poll > 0 {
		t := time.NewTicker(w.Poll)
		defer t.Stop()
		poll = t.C
	}
	debounce := time.NewTimer(time.Hour)
	debounce.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				events = nil // the watch is gone; polling carries on
				continue
			}
			if relevant(ev.Name) {
				debounce.Reset(w.Debounce)
			}
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			w.logger().Warn("content watch error; polling continues", "err", err)
		case <-debounce.C:
			w.Reload()
		case <-poll:
			if w.pollOnce() && events != nil {
				// The poll saw a change the watch did not: the directory itself
				// may have been replaced (a symlink swapped). Watch it afresh.
				_ = fw.Remove(w.Dir)
				if err := fw.Add(w.Dir); err != nil {
					w.logger().Warn("content: cannot watch for changes; polling only", "dir", w.Dir, "err", err)
				}
			}
		}
	}
}

// relevant says whether an event can change the content: a .yaml file, or a
// ConfigMap's ..data symlink and timestamped directories.
func relevant(name string) bool {
	base := name[strings.LastIndexAny(name, `/\`)+1:]
	return strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml") || strings.HasPrefix(base, "..")
}

// pollOnce reloads if the files' hash changed since the last reload, and
// says whether it had changed.
func (w *Watcher) pollOnce() bool {
	h, err := hashDir(w.Dir)
	if err != nil {
		w.mu.Lock()
		repeated := w.status.Error == err.Error()
		w.mu.Unlock()
		if !repeated { // report an unreadable directory once, not every poll
			w.fail(err)
		}
		return false
	}
	w.mu.Lock()
	same := h == w.lastHash
	w.mu.Unlock()
	if !same {
		w.Reload()
	}
	return !same
}

// Reload reads, validates and tests the whole directory now and swaps it in
// if it passes and differs from what is served. It reports whether a new
// version was swapped in.
func (w *Watcher) Reload() bool {
	h, _ := hashDir(w.Dir)
	load := w.Gate
	if load == nil {
		load = loadDir
	}
	set, err := load(w.Dir)
	now := time.Now()
	w.mu.Lock()
	w.status.CheckedAt = now
	w.lastHash = h
	w.mu.Unlock()
	if err != nil {
		w.fail(err)
		return false
	}
	old := w.Target.Content()
	w.mu.Lock()
	w.status.Error, w.status.FailedAt = "", time.Time{}
	w.mu.Unlock()
	if old != nil && old.Version == set.Version {
		return false
	}
	w.Target.Swap(set)
	w.mu.Lock()
	w.status.LoadedAt = now
	w.mu.Unlock()
	w.logger().Info("content reloaded", "dir", w.Dir, "version", set.Version, "intents", len(set.Intents), "red_flags", len(set.RedFlags))
	if w.OnReload != nil {
		w.OnReload(old, set)
	}
	return true
}

func (w *Watcher) fail(err error) {
	w.mu.Lock()
	w.status.Error, w.status.FailedAt = err.Error(), time.Now()
	w.mu.Unlock()
	w.logger().Error("content edit refused; the last good content is still being served", "dir", w.Dir, "err", err)
	if w.OnError != nil {
		w.OnError(err)
	}
}

// loadDir passes dir through the content gate, as start-up and `signpost
// check` do. Any problem refuses the whole set.
func loadDir(dir string) (*content.Set, error) {
	return gate.Load(context.Background(), os.DirFS(dir))
}

// hashDir hashes the names and bytes of the .yaml files content.Load would
// read (following symlinks, skipping dot directories such as ..data's
// targets, which the top-level links already cover).
func hashDir(dir string) (string, error) {
	fsys := os.DirFS(dir)
	files, err := content.Files(fsys)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return "", fmt.Errorf("%s: %w", f, err)
		}
		h.Write([]byte(f))
		h.Write([]byte{0})
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
