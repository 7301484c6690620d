package reload

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/apitest"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

// saveLikeAnEditor writes a file the way editors do: a new file renamed
// over the old one.
func saveLikeAnEditor(t *testing.T, path string, b []byte) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	saveLikeAnEditor(t, path, []byte(strings.Replace(string(b), old, new, 1)))
}

func sayText(t *testing.T, eng *engine.Engine, text string) string {
	t.Helper()
	r, err := eng.Handle(context.Background(), engine.Request{Text: text, Channel: "web"})
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, m := range r.Messages {
		parts = append(parts, m.Text)
	}
	return strings.Join(parts, "\n")
}

// lightGate is the gate without the clinical safety suite: the small
// fixture has one red-flag rule, and these tests are about the watching.
// TestRemovedRedFlagRulesAreRefused runs the real gate on the bundled content.
func lightGate(dir string) (*content.Set, error) {
	set, err := content.Load(os.DirFS(dir))
	if err != nil {
		return nil, err
	}
	if rep := engine.Check(context.Background(), set, store.NewMemory(100, 0)); len(rep.Failures) > 0 {
		return nil, fmt.Errorf("content test: %v", rep.Failures)
	}
	return set, nil
}

// gateFor uses the real gate for a copy of the bundled content.
func gateFor(dir string) func(string) (*content.Set, error) {
	if _, err := os.Stat(filepath.Join(dir, "red-flags.yaml")); err == nil {
		return nil
	}
	return lightGate
}

type started struct {
	w       *Watcher
	eng     *engine.Engine
	reloads atomic.Int32
	errors  atomic.Int32
}

func start(t *testing.T, dir string, poll time.Duration) *started {
	t.Helper()
	set, err := content.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	s := &started{eng: engine.New(set, store.NewMemory(100, 0))}
	s.w = &Watcher{Dir: dir, Target: s.eng, Debounce: 50 * time.Millisecond, Poll: poll, Gate: gateFor(dir),
		OnReload: func(_, _ *content.Set) { s.reloads.Add(1) },
		OnError:  func(error) { s.errors.Add(1) }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.w.Run(ctx); close(done) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	// Run has started watching once its first poll hash is taken; give it a moment to add the watch.
	time.Sleep(100 * time.Millisecond)
	return s
}

const appt = "is my appointment still going ahead"

func TestEditIsServedWithoutRestart(t *testing.T) {
	dir := contenttest.Copy(t)
	s := start(t, dir, -1)
	if got := sayText(t, s.eng, appt); !strings.Contains(got, "we will contact you to rebook") {
		t.Fatalf("before the edit: %q", got)
	}
	before := s.eng.Content().Version
	editFile(t, filepath.Join(dir, "bootstrap.yaml"), "If your appointment is cancelled we will contact you to rebook.",
		"All outpatient clinics are running as normal from Monday.")
	apitest.Eventually(t, "the edited reply", func() bool {
		return strings.Contains(sayText(t, s.eng, appt), "running as normal from Monday")
	})
	if st := s.w.Status(); st.Version == before || st.Error != "" || st.LoadedAt.IsZero() {
		t.Errorf("status after a good edit: %+v", st)
	}
	if s.reloads.Load() != 1 {
		t.Errorf("reloads = %d, want 1", s.reloads.Load())
	}
}

func TestBrokenEditKeepsLastGoodContent(t *testing.T) {
	dir := contenttest.Copy(t)
	s := start(t, dir, -1)
	good := s.eng.Content().Version

	// A reply removed: the loader refuses the set with file:line.
	editFile(t, filepath.Join(dir, "bootstrap.yaml"), `reply: "A pharmacist can help with a sore throat."`, `reply: ""`)
	apitest.Eventually(t, "the refusal", func() bool { return s.w.Status().Error != "" })
	st := s.w.Status()
	if !strings.Contains(st.Error, "bootstrap.yaml:") {
		t.Errorf("the problem should name the file and line: %q", st.Error)
	}
	if st.Version != good || s.eng.Content().Version != good {
		t.Errorf("served version changed to %s after a broken edit", s.eng.Content().Version)
	}
	if got := sayText(t, s.eng, "I have a sore throat"); !strings.Contains(got, "Are you struggling to breathe") {
		t.Errorf("sore throat after the broken edit: %q", got)
	}
	if s.errors.Load() == 0 {
		t.Error("the refusal was not reported")
	}

	// A set that loads but fails its own tests (a red-flag test that no longer matches) is refused too.
	editFile(t, filepath.Join(dir, "bootstrap.yaml"), `reply: ""`, `reply: "A pharmacist can help with a sore throat."`)
	apitest.Eventually(t, "the repair", func() bool { return s.w.Status().Error == "" })
	editFile(t, filepath.Join(dir, "bootstrap.yaml"), "- face * droop/drooping/dropped/drooped", "- face * sagging")
	apitest.Eventually(t, "the failed content test", func() bool { return strings.Contains(s.w.Status().Error, "content test") })
	if s.eng.Content().Version != good {
		t.Error("content whose red-flag test fails was swapped in")
	}
	if got := sayText(t, s.eng, "her face is drooping on one side"); !strings.Contains(got, "Call 999") {
		t.Errorf("stroke rule no longer served: %q", got)
	}
}

// A ConfigMap update: files are links through "..data", which is swapped to
// point at a new timestamped directory.
func TestConfigMapSymlinkSwap(t *testing.T) {
	src := contenttest.Copy(t)
	dir := t.TempDir()
	v1 := filepath.Join(dir, "..2026_11_23_10_00_00.1")
	if err := os.CopyFS(v1, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Base(v1), filepath.Join(dir, "..data")); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(src, "*.yaml"))
	for _, n := range names {
		if err := os.Symlink(filepath.Join("..data", filepath.Base(n)), filepath.Join(dir, filepath.Base(n))); err != nil {
			t.Fatal(err)
		}
	}
	s := start(t, dir, -1)

	v2 := filepath.Join(dir, "..2026_11_23_10_05_00.2")
	if err := os.CopyFS(v2, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	editFile(t, filepath.Join(v2, "bootstrap.yaml"), "we will contact you to rebook", "we will text you a new date")
	if err := os.Symlink(filepath.Base(v2), filepath.Join(dir, "..data_tmp")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "..data_tmp"), filepath.Join(dir, "..data")); err != nil {
		t.Fatal(err)
	}
	apitest.Eventually(t, "the ConfigMap update", func() bool {
		return strings.Contains(sayText(t, s.eng, appt), "we will text you a new date")
	})
}

// The poll notices a change that sent no event (as on NFS): no watch is
// running here, only the poll step.
func TestPollFindsChangesWithoutEvents(t *testing.T) {
	dir := contenttest.Copy(t)
	set, err := content.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	eng := engine.New(set, store.NewMemory(100, 0))
	w := &Watcher{Dir: dir, Target: eng, Gate: lightGate}
	w.lastHash, _ = hashDir(dir)
	w.pollOnce() // nothing changed: nothing happens
	if eng.Content() != set {
		t.Fatal("an unchanged directory was reloaded")
	}
	editFile(t, filepath.Join(dir, "bootstrap.yaml"), "we will contact you to rebook", "we will write to you")
	w.pollOnce()
	if !strings.Contains(sayText(t, eng, appt), "we will write to you") {
		t.Error("the poll did not pick up the edit")
	}
}

// SIGNPOST_CONTENT_DIR may itself be a symlink that a deploy swaps to a new
// checkout: the watch stays on the old directory, and the poll finds it.
func TestContentDirSymlinkSwapFoundByPoll(t *testing.T) {
	v1 := contenttest.Copy(t)
	v2 := contenttest.Copy(t)
	link := filepath.Join(t.TempDir(), "current")
	if err := os.Symlink(v1, link); err != nil {
		t.Fatal(err)
	}
	s := start(t, link, 100*time.Millisecond)
	editFile(t, filepath.Join(v2, "bootstrap.yaml"), "we will contact you to rebook", "we will email you a new date")
	tmp := link + ".tmp"
	if err := os.Symlink(v2, tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, link); err != nil {
		t.Fatal(err)
	}
	apitest.Eventually(t, "the new checkout", func() bool {
		return strings.Contains(sayText(t, s.eng, appt), "we will email you a new date")
	})
}

// copyBundled copies the content shipped in intents/ into a fresh directory.
func copyBundled(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../intents")); err != nil {
		t.Fatal(err)
	}
	return dir
}

const strokeMsg = "her face is drooping and her speech is slurred"

// Deleting the red-flag file, or one rule in it, is refused by the gate: the
// last good content keeps answering the stroke, and the refusal says why.
func TestRemovedRedFlagRulesAreRefused(t *testing.T) {
	dir := copyBundled(t)
	s := start(t, dir, -1)
	good := s.eng.Content().Version

	if err := os.Remove(filepath.Join(dir, "red-flags.yaml")); err != nil {
		t.Fatal(err)
	}
	apitest.Eventually(t, "the refusal", func() bool { return s.w.Status().Error != "" })
	if st := s.w.Status(); st.Version != good {
		t.Errorf("status reports version %s, want the last good %s", st.Version, good)
	}
	if got := sayText(t, s.eng, strokeMsg); s.eng.Content().Version != good || !strings.Contains(got, "Call 999") {
		t.Errorf("after deleting red-flags.yaml the stroke got %q", got)
	}
	if s.errors.Load() == 0 {
		t.Error("the refusal was not reported")
	}
}

func TestRemovedOneRuleIsRefused(t *testing.T) {
	dir := copyBundled(t)
	s := start(t, dir, -1)
	good := s.eng.Content().Version
	b, err := os.ReadFile(filepath.Join(dir, "red-flags.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// Cut the stroke rule: from its id to the next rule's id.
	src := string(b)
	from := strings.Index(src, "  - id: stroke\n")
	to := strings.Index(src, "  - id: heart_attack\n")
	if from < 0 || to < from {
		t.Fatal("red-flags.yaml changed: update the test")
	}
	saveLikeAnEditor(t, filepath.Join(dir, "red-flags.yaml"), []byte(src[:from]+src[to:]))
	apitest.Eventually(t, "the refusal", func() bool { return s.w.Status().Error != "" })
	if st := s.w.Status(); !strings.Contains(st.Error, `"stroke" is missing`) || !strings.Contains(st.Error, strokeMsg) {
		t.Errorf("the refusal should name the lost rule and the missed message: %.600s", st.Error)
	}
	if got := sayText(t, s.eng, strokeMsg); s.eng.Content().Version != good || !strings.Contains(got, "Call 999") {
		t.Errorf("after deleting the stroke rule the stroke got %q", got)
	}
}
