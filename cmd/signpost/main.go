// Command signpost is the patient signposting chatbot: `signpost serve` runs
// the server, `signpost check` tests content, `signpost chat` talks to the
// engine in a terminal. main only wires things together.
package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/nhs-signpost/signpost/intents"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/gate"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], environ(), os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "signpost:", err)
		os.Exit(exitCode(err))
	}
}

const usage = `usage: signpost <command>

commands:
  serve          run the server (configured by SIGNPOST_* environment variables)
  check [DIR]    validate content and run its tests (DIR defaults to ./intents, else the bundled content)
  chat [DIR]     talk to Signpost in this terminal
  eval FILE...   score labelled patient messages (JSON Lines) against the engine
  healthcheck    exit 0 when this machine's server answers /readyz (for Docker)
  version        print the build's version
`

// exitError carries an exit code other than 1.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func exitCode(err error) int {
	if e, ok := err.(*exitError); ok {
		return e.code
	}
	return 1
}

// run is the whole program, testable without a process.
func run(ctx context.Context, args []string, env map[string]string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return &exitError{code: 2, msg: "no command given"}
	}
	switch args[0] {
	case "serve":
		cfg, err := loadConfig(env)
		if err != nil {
			return err
		}
		return serve(ctx, cfg, stdout, stderr)
	case "check":
		return check(ctx, args[1:], env, stdout)
	case "chat":
		return chat(ctx, args[1:], env, stdin, stdout)
	case "eval":
		return evalCmd(ctx, args[1:], env, stdout, stderr)
	case "healthcheck":
		return healthcheck(ctx, args[1:], env, stdout)
	case "version", "--version":
		fmt.Fprintln(stdout, "signpost", buildVersion())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return &exitError{code: 2, msg: fmt.Sprintf("unknown command %q", args[0])}
}

func environ() map[string]string {
	m := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return m
}

// contentFS picks the content: an explicit directory, SIGNPOST_CONTENT_DIR,
// or the bundled files.
func contentFS(dir string) (fs.FS, string) {
	if dir != "" {
		return os.DirFS(dir), dir
	}
	return intents.FS, "bundled content"
}

// loadContent loads and validates content without the gate's tests: for
// the tools that try or measure a draft (chat, eval), never for serving.
func loadContent(dir string) (*content.Set, string, error) {
	fsys, name := contentFS(dir)
	set, err := content.Load(fsys)
	return set, name, err
}

// serveContent passes the content through the gate (internal/gate): it is
// served only if it loads, passes its own tests and the clinical safety
// suite compiled into this binary.
func serveContent(ctx context.Context, dir string) (*content.Set, string, error) {
	fsys, name := contentFS(dir)
	set, err := gate.Load(ctx, fsys)
	if err != nil {
		return nil, name, err
	}
	return set, name, nil
}
