package admin

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/engine"
)

// backend keeps the shared state. The memory backend serves one process;
// the Redis backend shares it between replicas.
type backend interface {
	load(ctx context.Context) (*State, error)
	// update applies fn atomically and appends the audit entries it
	// returns; when it returns none nothing is written. It returns the
	// state as stored afterwards.
	update(ctx context.Context, fn func(*State) ([]Entry, error)) (*State, error)
	audit(ctx context.Context, limit int) ([]Entry, error)
	// watch calls changed whenever another replica changes the state,
	// until ctx ends. The memory backend has no other replicas.
	watch(ctx context.Context, changed func())
	close() error
}

// Store is the admin state as the engine and the admin area see it. Reads
// come from a local copy; changes go to the backend and refresh the copy.
type Store struct {
	b       backend
	cache   atomic.Pointer[State]
	content atomic.Pointer[func() *content.Set]
	now     func() time.Time
	log     *slog.Logger
	refresh time.Duration
	timeout time.Duration // bounds one call to the backend
	wg      sync.WaitGroup
	stop    context.CancelFunc
}

var (
	_ engine.NoticeSource   = (*Store)(nil)
	_ engine.ReplyOverrides = (*Store)(nil)
)

// ErrNotFound is returned for an unknown override version.
var ErrNotFound = errors.New("not found")

// Options configure a Store.
type Options struct {
	// Refresh is how often the local copy is re-read from Redis in case a
	// pub/sub message was missed, and the state written back if the store
	// lost it. Default 30s.
	Refresh time.Duration
	// Timeout bounds one Redis round trip (SIGNPOST_REDIS_TIMEOUT); a load
	// or a change, a few round trips, may take four. Default 250ms.
	Timeout time.Duration
	Now     func() time.Time
	Log     *slog.Logger
}

func newStore(b backend, o Options) *Store {
	s := &Store{b: b, now: o.Now, log: o.Log, refresh: o.Refresh, timeout: 4 * o.Timeout}
	if s.timeout <= 0 {
		s.timeout = time.Second
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.refresh <= 0 {
		s.refresh = 30 * time.Second
	}
	s.cache.Store(&State{})
	return s
}

// NewMemoryStore keeps the admin state in this process only.
func NewMemoryStore(o Options) *Store {
	s := newStore(&memory{st: &State{}}, o)
	s.stop = func() {}
	return s
}

// start loads the state and keeps the local copy fresh until Close. If
// the first load fails the store starts empty (the content file's notice
// and replies) and catches up when the backend answers: a replica starting
// during a Redis outage still answers patients.
func (s *Store) start(ctx context.Context) {
	lctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	if st, err := s.b.load(lctx); err != nil {
		s.log.Warn("admin state: could not load; starting with none until the store answers", "err", err)
	} else {
		s.cache.Store(st)
	}
	wctx, cancel := context.WithCancel(context.Background())
	s.stop = cancel
	s.wg.Add(2)
	go func() {
		defer s.wg.Done()
		s.b.watch(wctx, func() { s.Refresh(wctx) })
	}()
	go func() {
		defer s.wg.Done()
		t := time.NewTicker(s.refresh)
		defer t.Stop()
		for {
			select {
			case <-wctx.Done():
				return
			case <-t.C:
				s.Refresh(wctx)
			}
		}
	}()
}

// Close stops refreshing and closes the backend.
func (s *Store) Close() error {
	s.stop()
	s.wg.Wait()
	return s.b.close()
}

// SetContent tells the store where to find the content being served: its
// notice is the default, and its red flags and emergency intents are never
// overridden, whatever was stored.
func (s *Store) SetContent(f func() *content.Set) { s.content.Store(&f) }

func (s *Store) currentContent() *content.Set {
	if f := s.content.Load(); f != nil {
		return (*f)()
	}
	return nil
}

// Refresh re-reads the shared state. On failure the last copy stays. If
// the store holds an older version than this replica's copy (Redis
// restarted empty, or a failover lost the last writes), the copy is written
// back with a check-and-set on the version, so that replicas racing to do
// the same agree on one result: the newest copy any of them had.
func (s *Store) Refresh(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	st, err := s.b.load(ctx)
	if err != nil {
		if ctx.Err() == nil || !errors.Is(err, context.Canceled) {
			s.log.Warn("admin state: could not refresh; keeping the last copy", "err", err)
		}
		return
	}
	if mine := s.cache.Load(); st.Version < mine.Version {
		if st, err = s.restore(ctx, mine); err != nil {
			s.log.Warn("admin state: the store lost the state and writing it back failed; serving the last copy", "version", mine.Version, "err", err)
			return
		}
	}
	s.cache.Store(st)
}

// restore writes mine back if the store still holds an older version.
func (s *Store) restore(ctx context.Context, mine *State) (*State, error) {
	var e *Entry
	st, err := s.b.update(ctx, func(st *State) ([]Entry, error) {
		e = nil // update may run fn again after a lost race
		if st.Version >= mine.Version {
			return nil, nil // another replica was first, or a newer change landed
		}
		r := s.restoreEntry(st.Version, mine)
		e = &r
		*st = *mine.clone()
		return []Entry{r}, nil
	})
	if err != nil {
		return nil, err
	}
	if e != nil {
		s.logRestored(*e)
	}
	return st, nil
}

// logRestored writes a restore to the log: a WARN for whoever watches the
// logs (Redis is not keeping what it must) and, as for every change, the
// INFO line of record.
func (s *Store) logRestored(e Entry) {
	s.log.Warn("admin state restored after the store lost it", "action", ActionRestore, "version", e.Version, "before", e.Before)
	s.logChange(e)
}

// logChange writes one audit entry as one structured INFO line: the trail
// of record, shipped by the platform's log collection, of which the Redis
// audit list is only the admin page's view.
func (s *Store) logChange(e Entry) {
	intent := e.Target
	if intent == "notice" || intent == "state" {
		intent = ""
	}
	s.log.Info("admin change", "editor", e.Editor, "action", e.Action, "intent", intent, "version", e.Version,
		"before", e.Before, "after", e.After)
}

// State returns the local copy (do not modify it).
func (s *Store) State() *State { return s.cache.Load() }

// Notice implements engine.NoticeSource: the admin notice while it is in
// force, else the content file's notice.
func (s *Store) Notice(ctx context.Context) (content.Notice, bool) {
	if n := s.cache.Load().Notice; n.ActiveAt(s.now()) {
		return content.Notice{Text: n.Text, Severity: n.Severity, Expires: n.ExpiresAt,
			Updated: n.SetAt.In(content.London).Format("02 Jan 2006 15:04")}, true
	}
	if set := s.currentContent(); set != nil && set.Notice.Text != "" {
		return set.Notice, true
	}
	return content.Notice{}, false
}

// Reply implements engine.ReplyOverrides. Protected intents are never
// overridden, even if an override was stored before a content change made
// them protected.
func (s *Store) Reply(intentID string) (string, bool) {
	text, ok := s.cache.Load().Overrides[intentID].active()
	if !ok {
		return "", false
	}
	if set := s.currentContent(); set == nil || protected(set, intentID) != "" || set.Intent(intentID) == nil {
		return "", false
	}
	return text, true
}

// restoreEntry is the audit entry of writing mine back over version found.
func (s *Store) restoreEntry(found int64, mine *State) Entry {
	return Entry{At: s.now().UTC(), Editor: "signpost", Action: ActionRestore, Target: "state", Version: mine.Version,
		Before: fmt.Sprintf("the store held version %d", found),
		After:  fmt.Sprintf("restored after the store lost it: version %d", mine.Version)}
}

// change applies fn to the newest state this replica knows (the store's,
// or its own copy if the store lost it) as one new version, and writes the
// audit entry both to the store and to the log, which is the trail of
// record.
func (s *Store) change(ctx context.Context, fn func(*State) (Entry, error)) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	mine := s.cache.Load()
	var written []Entry
	st, err := s.b.update(ctx, func(st *State) ([]Entry, error) {
		written = nil // update may run fn again after a lost race
		if st.Version < mine.Version {
			written = append(written, s.restoreEntry(st.Version, mine))
			*st = *mine.clone()
		}
		e, err := fn(st)
		if err != nil {
			return nil, err
		}
		st.Version++
		st.UpdatedAt = s.now().UTC()
		e.At, e.Version = st.UpdatedAt, st.Version
		written = append(written, e)
		return written, nil
	})
	if err != nil {
		return err
	}
	s.cache.Store(st)
	for _, e := range written {
		if e.Action == ActionRestore {
			s.logRestored(e)
		} else {
			s.logChange(e)
		}
	}
	return nil
}

// SetNotice publishes (or schedules, with StartsAt) the incident notice.
func (s *Store) SetNotice(ctx context.Context, editor string, n Notice) error {
	n.SetBy, n.SetAt = editor, s.now().UTC()
	return s.change(ctx, func(st *State) (Entry, error) {
		e := Entry{Editor: editor, Action: "notice.set", Target: "notice", Before: describeNotice(st.Notice), After: describeNotice(&n)}
		st.Notice = &n
		return e, nil
	})
}

// ClearNotice removes the admin notice; the content file's notice, if any,
// shows again.
func (s *Store) ClearNotice(ctx context.Context, editor string) error {
	return s.change(ctx, func(st *State) (Entry, error) {
		e := Entry{Editor: editor, Action: "notice.clear", Target: "notice", Before: describeNotice(st.Notice), After: describeNotice(nil)}
		st.Notice = nil
		return e, nil
	})
}

// Publish makes text the live reply of an intent and returns its version.
// The caller validates the text and the intent.
func (s *Store) Publish(ctx context.Context, editor, intentID, text, contentReply string) (int, error) {
	var n int
	err := s.change(ctx, func(st *State) (Entry, error) {
		if st.Overrides == nil {
			st.Overrides = map[string]*OverrideState{}
		}
		o := st.Overrides[intentID]
		if o == nil {
			o = &OverrideState{}
			st.Overrides[intentID] = o
		}
		before := activeOr(o, contentReply)
		for _, v := range o.Versions {
			n = max(n, v.N)
		}
		n++
		o.Versions = append(o.Versions, Version{N: n, Text: text, By: editor, At: s.now().UTC()})
		if len(o.Versions) > maxVersions {
			o.Versions = o.Versions[len(o.Versions)-maxVersions:]
		}
		o.Active = n
		return Entry{Editor: editor, Action: "override.publish", Target: intentID, Before: before, After: text}, nil
	})
	return n, err
}

// Rollback puts an earlier version back in force; version 0 is the content
// file's own reply.
func (s *Store) Rollback(ctx context.Context, editor, intentID string, version int, contentReply string) error {
	return s.change(ctx, func(st *State) (Entry, error) {
		o := st.Overrides[intentID]
		if o == nil {
			o = &OverrideState{}
		}
		before := activeOr(o, contentReply)
		action := "override.rollback"
		if version == 0 {
			action = "override.clear"
		} else if !o.has(version) {
			return Entry{}, fmt.Errorf("version %d of %s: %w", version, intentID, ErrNotFound)
		}
		o.Active = version
		if st.Overrides == nil {
			st.Overrides = map[string]*OverrideState{}
		}
		st.Overrides[intentID] = o
		return Entry{Editor: editor, Action: action, Target: intentID, Before: before, After: activeOr(o, contentReply)}, nil
	})
}

func (o *OverrideState) has(n int) bool {
	for _, v := range o.Versions {
		if v.N == n {
			return true
		}
	}
	return false
}

func activeOr(o *OverrideState, contentReply string) string {
	if t, ok := o.active(); ok {
		return t
	}
	return contentReply + " (content file)"
}

// Audit returns the newest entries first.
func (s *Store) Audit(ctx context.Context, limit int) ([]Entry, error) {
	return s.b.audit(ctx, limit)
}

// memory is the single-process backend.
type memory struct {
	mu  sync.Mutex
	st  *State
	log []Entry
}

// maxAudit bounds the audit log kept.
const maxAudit = 5000

func (m *memory) load(context.Context) (*State, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.st.clone(), nil
}

func (m *memory) update(_ context.Context, fn func(*State) ([]Entry, error)) (*State, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	st := m.st.clone()
	es, err := fn(st)
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return m.st.clone(), nil
	}
	m.st = st
	m.log = append(m.log, es...)
	if len(m.log) > maxAudit {
		m.log = m.log[len(m.log)-maxAudit:]
	}
	return st.clone(), nil
}

func (m *memory) audit(_ context.Context, limit int) ([]Entry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Entry, 0, min(limit, len(m.log)))
	for i := len(m.log) - 1; i >= 0 && len(out) < limit; i-- {
		out = append(out, m.log[i])
	}
	return out, nil
}

func (m *memory) watch(ctx context.Context, _ func()) { <-ctx.Done() }
func (m *memory) close() error                        { return nil }
