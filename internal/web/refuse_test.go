package web

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// Every refusal is a 4xx with a message, except the one 5xx for a panic,
// and every reason it counts is one docs/operations.md lists for
// signpost_rejected_requests_total, so dashboards built from the docs see it.
func TestEveryRefusalHasA4xxAndADocumentedReason(t *testing.T) {
	doc, err := os.ReadFile("../../docs/operations.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `signpost_rejected_requests_total` \\| counter \\| reason: ([^|]+)\\|").FindSubmatch(doc)
	if row == nil {
		t.Fatal("docs/operations.md has no row for signpost_rejected_requests_total")
	}
	documented := map[string]bool{}
	for _, r := range strings.Split(string(row[1]), ",") {
		documented[strings.TrimSpace(r)] = true
	}
	for k, info := range refusals {
		if k != failedInternal && (info.status < 400 || info.status > 499) {
			t.Errorf("refusal %d: status %d, want 4xx", k, info.status)
		}
		if info.message == "" && info.messageKey == "" {
			t.Errorf("refusal %d has no message", k)
		}
		if info.reason != "" && !documented[info.reason] {
			t.Errorf("refusal %d counts reason %q, which docs/operations.md does not list", k, info.reason)
		}
	}
	if len(refusals) != int(failedInternal)+1 {
		t.Errorf("%d refusals in the table, want %d: one per kind", len(refusals), int(failedInternal)+1)
	}
}
