// Package contenttest gives tests the one small content fixture,
// internal/content/testdata/fixture, wherever the test runs from. It is
// imported only from _test.go files.
package contenttest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

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
