package store

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/engine"
)

// factory makes an empty store whose sessions expire after ttl, and a
// function that lets time pass for it (a clock for memory, real waiting for
// Redis, whose expiry is the server's own).
type factory func(t *testing.T, ttl time.Duration) (engine.Store, func(time.Duration))

// testStore is the behaviour every engine.Store must have.
func testStore(t *testing.T, newStore factory, expiryTTL time.Duration) {
	ctx := context.Background()
	get := func(t *testing.T, s engine.Store, id string) (engine.State, bool) {
		t.Helper()
		var got engine.State
		var found bool
		errNone := errors.New("read only")
		err := s.Update(ctx, id, func(st *engine.State, ok bool) error {
			got, found = *st, ok
			return errNone // abandon: a read
		})
		if !errors.Is(err, errNone) {
			t.Fatalf("Update(%s) = %v, want fn's own error back", id, err)
		}
		return got, found
	}

	t.Run("new session is found with its state", func(t *testing.T) {
		s, _ := newStore(t, time.Hour)
		want := engine.State{Flow: "sore_throat", Step: 1, Turns: 2, Last: "headache"}
		if err := s.Save(ctx, "sess-a", want); err != nil {
			t.Fatal(err)
		}
		got, found := get(t, s, "sess-a")
		if !found || got != want {
			t.Fatalf("got %+v found=%v, want %+v found=true", got, found, want)
		}
	})

	t.Run("update is kept", func(t *testing.T) {
		s, _ := newStore(t, time.Hour)
		if err := s.Save(ctx, "sess-b", engine.State{Turns: 1}); err != nil {
			t.Fatal(err)
		}
		for range 3 {
			err := s.Update(ctx, "sess-b", func(st *engine.State, found bool) error {
				if !found {
					t.Error("saved session not found")
				}
				st.Turns++
				st.Flow = "sore_throat"
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		got, _ := get(t, s, "sess-b")
		if want := (engine.State{Turns: 4, Flow: "sore_throat"}); got != want {
			t.Fatalf("got %+v, want %+v", got, want)
		}
	})

	t.Run("fn error abandons the update", func(t *testing.T) {
		s, _ := newStore(t, time.Hour)
		if err := s.Save(ctx, "sess-c", engine.State{Turns: 1}); err != nil {
			t.Fatal(err)
		}
		boom := errors.New("boom")
		err := s.Update(ctx, "sess-c", func(st *engine.State, _ bool) error {
			st.Turns = 99
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Update = %v, want boom", err)
		}
		if got, _ := get(t, s, "sess-c"); got.Turns != 1 {
			t.Fatalf("Turns = %d after an abandoned update, want 1", got.Turns)
		}
	})

	t.Run("unknown id is not found and not created by a refused update", func(t *testing.T) {
		s, _ := newStore(t, time.Hour)
		if _, found := get(t, s, "never-saved"); found {
			t.Fatal("unknown id found")
		}
		if _, found := get(t, s, "never-saved"); found {
			t.Fatal("a refused update created the session")
		}
	})

	t.Run("delete forgets", func(t *testing.T) {
		s, _ := newStore(t, time.Hour)
		if err := s.Save(ctx, "sess-d", engine.State{Turns: 3}); err != nil {
			t.Fatal(err)
		}
		if err := s.Delete(ctx, "sess-d"); err != nil {
			t.Fatal(err)
		}
		if _, found := get(t, s, "sess-d"); found {
			t.Fatal("deleted session still found")
		}
		if err := s.Delete(ctx, "sess-d"); err != nil {
			t.Fatalf("deleting twice: %v", err)
		}
	})

	t.Run("expires after ttl without a message, not while in use", func(t *testing.T) {
		ttl := expiryTTL
		s, pass := newStore(t, ttl)
		if err := s.Save(ctx, "sess-e", engine.State{Turns: 1}); err != nil {
			t.Fatal(err)
		}
		pass(ttl * 6 / 10)
		// A message keeps the session alive for another ttl.
		if err := s.Update(ctx, "sess-e", func(st *engine.State, found bool) error {
			if !found {
				t.Error("expired too soon")
			}
			st.Turns++
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		pass(ttl * 6 / 10)
		if got, found := get(t, s, "sess-e"); !found || got.Turns != 2 {
			t.Fatalf("got %+v found=%v within ttl of the last message", got, found)
		}
		pass(ttl + ttl/2)
		if _, found := get(t, s, "sess-e"); found {
			t.Fatal("session still found after ttl without a message")
		}
	})

	t.Run("concurrent updates to one session lose nothing", func(t *testing.T) {
		s, _ := newStore(t, time.Hour)
		if err := s.Save(ctx, "sess-f", engine.State{}); err != nil {
			t.Fatal(err)
		}
		// Far more contention than a person can make. An optimistic store may
		// give up on some updates (the engine then answers without the
		// session), but an update it reports as done must never be lost.
		const workers, each = 8, 25
		var wg sync.WaitGroup
		errs := make(chan error, workers*each)
		for range workers {
			wg.Go(func() {
				for range each {
					errs <- s.Update(ctx, "sess-f", func(st *engine.State, found bool) error {
						if !found {
							return errors.New("session vanished")
						}
						st.Turns++
						return nil
					})
				}
			})
		}
		wg.Wait()
		close(errs)
		done := 0
		for err := range errs {
			switch {
			case err == nil:
				done++
			case !errors.Is(err, ErrConflict):
				t.Fatalf("Update: %v", err)
			}
		}
		t.Logf("%d of %d updates done, the rest gave up on conflicts", done, workers*each)
		if done < workers*each/2 {
			t.Errorf("only %d of %d updates done", done, workers*each)
		}
		if got, _ := get(t, s, "sess-f"); got.Turns != done {
			t.Fatalf("Turns = %d, want %d: updates were lost or doubled", got.Turns, done)
		}
	})

	t.Run("double tap moves the flow on once per tap", func(t *testing.T) {
		s, _ := newStore(t, time.Hour)
		for round := range 20 {
			id := "tap-" + string(rune('a'+round))
			if err := s.Save(ctx, id, engine.State{Flow: "sore_throat"}); err != nil {
				t.Fatal(err)
			}
			start := make(chan struct{})
			var wg sync.WaitGroup
			for range 2 {
				wg.Go(func() {
					<-start
					if err := s.Update(ctx, id, func(st *engine.State, _ bool) error {
						st.Step++
						st.Turns++
						return nil
					}); err != nil {
						t.Error(err)
					}
				})
			}
			close(start)
			wg.Wait()
			if got, _ := get(t, s, id); got.Step != 2 || got.Turns != 2 {
				t.Fatalf("after two taps: %+v, want step 2 and 2 turns", got)
			}
		}
	})
}
