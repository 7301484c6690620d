package engine

import (
	"slices"
	"strings"
	"testing"
)

// The id lists of a conversation's state are read and written without
// splitting them when nothing changes; what they give must be what
// splitting and joining gave, whatever spacing a stored state holds.
func TestIDListsGiveWhatSplittingGave(t *testing.T) {
	lists := []string{"", "a", "a b", "b a c", " a", "a ", "a  b", "a\tb", "a\nb", "a\u00a0b", "a\u2003b", "ab a", "é a", "  ", "\t"}
	for _, list := range lists {
		for _, id := range []string{"a", "b", "c", "ab", "é", ""} {
			fields := strings.Fields(list)
			if got, want := hasID(list, id), slices.Contains(fields, id); got != want {
				t.Errorf("hasID(%q, %q) = %v, want %v", list, id, got, want)
			}
			want := strings.Join(slices.DeleteFunc(slices.Clone(fields), func(x string) bool { return x == id }), " ")
			if got := removeID(list, id); got != want {
				t.Errorf("removeID(%q, %q) = %q, want %q", list, id, got, want)
			}
		}
	}
}
