// Package contenttest gives tests the one small content fixture,
// internal/content/testdata/fixture, wherever the test runs from, and the
// content bundled in the binary. It is imported only from _test.go files.
package contenttest

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/nhs-signpost/signpost/intents"
	"github.com/nhs-signpost/signpost/internal/content"
)

// Messages is the YAML every content set needs besides its intents: the
// fixture's messages and default incident notice, for a test that builds its
// own small set around them.
func Messages() []byte {
	var b []byte
	for _, name := range []string{"messages.yaml", "notice.yaml"} {
		f, err := os.ReadFile(filepath.Join(Dir(), name))
		if err != nil {
			panic("contenttest: " + err.Error()) // the checkout is broken
		}
		b = append(append(b, f...), '\n')
	}
	return b
}

// Fixture loads the fixture, failing the test if it does not load.
func Fixture(t testing.TB) *content.Set {
	t.Helper()
	set, err := content.Load(os.DirFS(Dir()))
	if err != nil {
		t.Fatalf("contenttest: the fixture: %v", err)
	}
	return set
}

// Bundled loads the content bundled in the binary (intents/), failing the
// test if it does not load.
func Bundled(t testing.TB) *content.Set {
	t.Helper()
	set, err := content.Load(intents.FS)
	if err != nil {
		t.Fatalf("contenttest: the bundled content: %v", err)
	}
	return set
}

// Dir is the fixture's directory, an absolute path.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "content", "testdata", "fixture")
}

// Copy copies the fixture's YAML files, then the extra files (paths
// relative to the calling test's directory), into a fresh directory that
// is removed when the test ends, and returns it.
func Copy(t testing.TB, extra ...string) string {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob(filepath.Join(Dir(), "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("contenttest: no fixture in %s: %v", Dir(), err)
	}
	for _, f := range append(files, extra...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("contenttest: %v", err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatalf("contenttest: %v", err)
		}
	}
	return dir
}

// shared is the bundled content loaded once for the whole test binary.
var shared = sync.OnceValues(func() (*content.Set, error) { return content.Load(intents.FS) })

// SharedBundled is the bundled content loaded once for the whole test
// binary, for tests that only read it (a set is never changed once loaded,
// except by a test that edits its messages: use Bundled for that).
func SharedBundled(t testing.TB) *content.Set {
	t.Helper()
	set, err := shared()
	if err != nil {
		t.Fatalf("contenttest: the bundled content: %v", err)
	}
	return set
}

// ContextFindings are three findings, as YAML list items under findings:, for
// tests of how a rule is touched: a knock to the head (a symptom), a blood
// thinner (a context finding) and being sick.
const ContextFindings = `  - id: knock
    title: A knock to the head
    together:
      - [banged/bumped/hit/knocked, head]
    tests:
      present: ["she bumped her head"]
  - id: thinner
    title: On a blood thinner
    context: true
    says: [warfarin, apixaban, blood thinner, blood thinners]
    tests:
      present: ["he takes apixaban"]
  - id: sick
    title: Being sick
    says: [being sick, vomiting, threw up]
    tests:
      present: ["he threw up"]
`
