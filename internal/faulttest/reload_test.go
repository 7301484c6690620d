package faulttest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/apitest"
)

// TestContentReloadDuringLoad edits the content directory over and over
// while conversations run: every reply is whole, from one content set or the
// other (never a half-loaded mix, never an error), a broken edit is refused
// while the last good content keeps serving, and emergencies are always
// answered.
func TestContentReloadDuringLoad(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../intents")); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "outage.yaml")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	const v1 = "you will not lose your place on the waiting list."
	const v2 = "Edited: your appointment letter tells you where to go."
	if !strings.Contains(string(orig), v1) {
		t.Fatal("outage.yaml changed: update the test's reply text")
	}
	versions := map[string]string{v1: string(orig), v2: strings.Replace(string(orig), v1, v2, 1)}
	broken := strings.Replace(string(orig), "disposition: info", "disposition: chemist", 1)

	sp := start(t, map[string]string{"SIGNPOST_CONTENT_DIR": dir, "SIGNPOST_CONTENT_RELOAD_POLL": "1s"})
	c := client()
	stop := make(chan struct{})
	var sent atomic.Int64
	var seen sync.Map
	var mu sync.Mutex
	var failures []string
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if len(failures) < 10 {
			failures = append(failures, err.Error())
		}
	}
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ { // until every edit has been made: the load spans them all
				select {
				case <-stop:
					return
				default:
				}
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				if w == 0 && i%10 == 0 {
					r, err := post(ctx, c, sp.base, map[string]string{"text": stroke})
					if err == nil {
						err = checkStroke(r)
					}
					if err != nil {
						fail(err)
					}
				} else {
					r, err := post(ctx, c, sp.base, map[string]string{"text": "is my appointment still going ahead?"})
					switch {
					case err != nil:
						fail(err)
					case strings.Contains(r.Messages[0].Text, v1) == strings.Contains(r.Messages[0].Text, v2):
						fail(fmt.Errorf("reply from neither content set, or both: %q", r.Messages[0].Text))
					case strings.Contains(r.Messages[0].Text, v2):
						seen.Store(v2, true)
					}
				}
				cancel()
				sent.Add(1)
			}
		}(w)
	}

	// Edits as editors make them (write a temporary file, rename it over)
	// and as a plain overwrite, alternating the reply; one edit is broken.
	write := func(body string, rename bool) {
		if rename {
			tmp := file + ".tmp~"
			if err := os.WriteFile(tmp, []byte(body), 0o644); err != nil {
				t.Error(err)
			}
			if err := os.Rename(tmp, file); err != nil {
				t.Error(err)
			}
			return
		}
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			t.Error(err)
		}
	}
	for i := 0; i < 8; i++ {
		want := v1
		if i%2 == 0 {
			want = v2
		}
		write(versions[want], i%3 != 0)
		// Each edit goes through the whole content gate: wait until it serves.
		apitest.Eventually(t, "edit "+fmt.Sprint(i), func() bool {
			r, err := post(context.Background(), c, sp.base, map[string]string{"text": "is my appointment still going ahead?"})
			return err == nil && strings.Contains(r.Messages[0].Text, want)
		})
	}
	// A broken edit: the last good content (v1, written last) keeps serving.
	write(broken, true)
	apitest.Eventually(t, "the broken edit to be refused", func() bool { return sp.readyz(t)["content_edit"] != "" })
	close(stop)
	wg.Wait()

	for _, f := range failures {
		t.Error(f)
	}
	if _, ok := seen.Load(v2); !ok {
		t.Error("the edited reply was never served: content did not reload")
	}
	r, err := post(context.Background(), c, sp.base, map[string]string{"text": "is my appointment still going ahead?"})
	if err != nil || !strings.Contains(r.Messages[0].Text, v1) {
		t.Errorf("after a broken edit the last good content must serve %q; got %q (%v)", v1, r.Messages[0].Text, err)
	}
	t.Logf("%d messages answered during %d content edits", sent.Load(), 9)
}
