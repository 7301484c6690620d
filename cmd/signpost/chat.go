package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

// chat talks to the engine in a terminal, with the same engine as the server
// and an in-memory store: the quickest way to try content. It serves nobody
// but the person trying a draft, so it loads without the gate; `signpost
// check` says whether the draft would be served.
func chat(ctx context.Context, args []string, env map[string]string, stdin io.Reader, stdout io.Writer) error {
	dir := env["SIGNPOST_CONTENT_DIR"]
	if len(args) > 0 {
		dir = args[0]
	}
	set, name, err := loadContent(dir)
	if err != nil {
		return fmt.Errorf("%s:\n%w", name, err)
	}
	eng := engine.New(set, store.NewMemory(100, 0))
	fmt.Fprintf(stdout, "%s\n(type a message; a number picks a button; /restart starts again; Ctrl-D quits)\n\n", set.Message("welcome"))
	in := bufio.NewScanner(stdin)
	var last engine.Reply
	for {
		fmt.Fprint(stdout, "> ")
		if !in.Scan() {
			fmt.Fprintln(stdout)
			return in.Err()
		}
		line := strings.TrimSpace(in.Text())
		if line == "" {
			continue
		}
		req := engine.Request{SessionID: last.SessionID, Text: line, Channel: "chat"}
		if line == "/restart" {
			req = engine.Request{SessionID: last.SessionID, Payload: "restart", Channel: "chat"}
		} else if n, err := strconv.Atoi(line); err == nil && n >= 1 && n <= len(last.QuickReplies) {
			req = engine.Request{SessionID: last.SessionID, Payload: last.QuickReplies[n-1].Payload, Channel: "chat"}
		}
		r, err := eng.Handle(ctx, req)
		if err != nil {
			fmt.Fprintf(stdout, "(%v)\n", err)
			continue
		}
		last = r
		printReply(stdout, r)
	}
}

func printReply(w io.Writer, r engine.Reply) {
	for _, m := range r.Messages {
		prefix := ""
		switch m.Kind {
		case "emergency":
			prefix = "!! "
		case "crisis":
			prefix = "** "
		case "notice":
			prefix = "[notice] "
		}
		fmt.Fprintf(w, "%s%s\n", prefix, m.Text)
		for _, s := range m.Services {
			fmt.Fprintf(w, "   - %s", s.Name)
			if s.Phone != "" {
				fmt.Fprintf(w, ", %s", s.Phone)
			}
			if s.Status != "" {
				fmt.Fprintf(w, " (%s)", s.Status)
			}
			fmt.Fprintln(w)
		}
	}
	for i, q := range r.QuickReplies {
		fmt.Fprintf(w, "  [%d] %s", i+1, q.Title)
	}
	if len(r.QuickReplies) > 0 {
		fmt.Fprintln(w)
	}
	tag := "intent=" + orNone(r.Intent) + " disposition=" + orNone(r.Disposition)
	fmt.Fprintf(w, "  (%s)\n\n", tag)
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
