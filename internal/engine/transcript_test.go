package engine_test

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

var update = flag.Bool("update", false, "rewrite the golden conversation transcripts in testdata/transcripts")

// TestTranscripts plays every conversation in testdata/transcripts/*.in
// through the pure Step with the bundled content and compares the whole
// exchange (every bubble, service, button, intent, disposition and source)
// with its .golden file, so that any change to wording or routing shows as a
// readable diff. `go test ./internal/engine -run TestTranscripts -update`
// rewrites the goldens after a change that is meant.
func TestTranscripts(t *testing.T) {
	ins, err := filepath.Glob("testdata/transcripts/*.in")
	if err != nil || len(ins) == 0 {
		t.Fatalf("no transcripts found: %v", err)
	}
	// A fixed clock (a Tuesday morning in London) keeps "open now" stable.
	clock := func() time.Time { return time.Date(2026, 12, 1, 10, 0, 0, 0, content.London) }
	eng := engine.New(contenttest.SharedBundled(t), store.NewMemory(10, 0), engine.WithClock(clock))
	for _, in := range ins {
		name := strings.TrimSuffix(filepath.Base(in), ".in")
		t.Run(name, func(t *testing.T) {
			got := transcript(t, eng, in)
			golden := strings.TrimSuffix(in, ".in") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (run with -update if the change is meant):\n--- got\n%s\n--- want\n%s", name, golden, got, want)
			}
		})
	}
}

// transcript plays the messages of one .in file (one a line; "payload:X"
// presses a button; "#" lines are comments, copied) and writes the exchange.
func transcript(t *testing.T, eng *engine.Engine, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var (
		b  strings.Builder
		st engine.State
	)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			fmt.Fprintln(&b, line)
			continue
		}
		req := engine.Request{Text: line, Channel: "test", Turn: st.Turns}
		if p, ok := strings.CutPrefix(line, "payload:"); ok {
			req = engine.Request{Payload: p, Channel: "test", Turn: st.Turns}
		}
		var r engine.Reply
		r, st, err = eng.Step(context.Background(), st, req)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		fmt.Fprintf(&b, "\n> %s\n", line)
		writeReply(&b, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func writeReply(b *strings.Builder, r engine.Reply) {
	for _, m := range r.Messages {
		fmt.Fprintf(b, "< [%s] %s\n", m.Kind, strings.ReplaceAll(m.Text, "\n", "\n  "))
		for _, s := range m.Services {
			fmt.Fprintf(b, "    service %s (%s)", s.Name, s.Kind)
			if s.Phone != "" {
				fmt.Fprintf(b, " tel %s", s.Phone)
			}
			if s.SMS != "" {
				fmt.Fprintf(b, " text %s to %s", s.SMSText, s.SMS)
			}
			if s.Status != "" {
				fmt.Fprintf(b, " — %s", s.Status)
			}
			fmt.Fprintln(b)
		}
	}
	for _, q := range r.QuickReplies {
		fmt.Fprintf(b, "    [%s] → %s\n", q.Title, q.Payload)
	}
	fmt.Fprintf(b, "  intent=%s disposition=%s source=%s red_flag=%s\n", orNone(r.Intent), orNone(r.Disposition), orNone(string(r.Source)), orNone(r.RedFlag))
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
