package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalScoresAFileAndFailsAMissedThreshold(t *testing.T) {
	file := filepath.Join(t.TempDir(), "cases.jsonl")
	cases := `{"id":"s1","message":"she collapsed and isn't breathing","expected":"999","acceptable":["999"],"group":"arrest"}
{"id":"s2","message":"is my outpatient appointment tomorrow cancelled?","expected":"info","acceptable":["info"],"group":"appointments"}
{"id":"s3","message":"is my outpatient appointment tomorrow cancelled?","expected":"gp","acceptable":["gp"],"group":"mislabelled"}
`
	if err := os.WriteFile(file, []byte(cases), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"eval", "-show", "none", file}, map[string]string{}, nil, &out, &out); err != nil {
		t.Fatalf("eval without thresholds failed: %v\n%s", err, &out)
	}
	if !strings.Contains(out.String(), "PASS 3 cases") || !strings.Contains(out.String(), "overall 2/3 (66.7%); emergency first reply 1/1 (100.0%)") {
		t.Errorf("scorecard:\n%s", &out)
	}
	out.Reset()
	err := run(context.Background(), []string{"eval", "-min-overall", "90", file}, map[string]string{}, nil, &out, &out)
	if exitCode(err) != 1 || !strings.Contains(out.String(), "FAIL(overall)") || !strings.Contains(out.String(), "MISS s3") {
		t.Errorf("eval under its threshold: err %v\n%s", err, &out)
	}
}
