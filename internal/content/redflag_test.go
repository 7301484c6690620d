package content_test

import (
	"testing"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
)

// linearRedFlag is the search Set.RedFlag replaced.
func linearRedFlag(set *content.Set, id string) *content.RedFlag {
	for _, rf := range set.RedFlags {
		if rf.ID == id {
			return rf
		}
	}
	return nil
}

// Set.RedFlag finds every rule of the bundled content, and nothing else,
// and still answers for a copy whose rules were changed as the safety
// suite's tests change them: reordered, one replaced, one dropped.
func TestRedFlagLookUp(t *testing.T) {
	set := contenttest.Bundled(t)
	ids := []string{"", "no_such_rule", "red_flag.x"}
	for _, rf := range set.RedFlags {
		ids = append(ids, rf.ID)
	}
	check := func(name string, s *content.Set) {
		t.Helper()
		for _, id := range ids {
			if got, want := s.RedFlag(id), linearRedFlag(s, id); got != want {
				t.Errorf("%s: RedFlag(%q) = %p, want %p", name, id, got, want)
			}
		}
	}
	check("bundled", set)
	if len(set.RedFlags) < 3 {
		t.Fatal("the bundled content has too few rules for this test")
	}
	reordered := *set
	reordered.RedFlags = append([]*content.RedFlag{set.RedFlags[2]}, set.RedFlags...)
	check("reordered", &reordered)
	replaced := *set
	replaced.RedFlags = append([]*content.RedFlag(nil), set.RedFlags...)
	changed := *set.RedFlags[1]
	replaced.RedFlags[1] = &changed
	check("replaced", &replaced)
	dropped := *set
	dropped.RedFlags = set.RedFlags[1:]
	check("dropped", &dropped)
}
