//go:build linux

package main

import (
	"context"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/nhs-signpost/signpost/internal/apitest"
)

// openPTY opens a pseudo-terminal of cols×rows: the master end, where the
// test types and reads, and the terminal end that chat gets as stdin and
// stdout.
func openPTY(t *testing.T, cols, rows uint16) (master, tty *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("opening /dev/ptmx: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatalf("unlocking the pty: %v", err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("pty number: %v", err)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("opening the pty's terminal: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if err := unix.IoctlSetWinsize(int(s.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Col: cols, Row: rows}); err != nil {
		t.Fatalf("setting the window size: %v", err)
	}
	return m, s
}

// ptyChat is `signpost chat` running on a pseudo-terminal.
type ptyChat struct {
	t      *testing.T
	master *os.File
	out    *apitest.Output
	done   chan error
	seen   int // how much of out has been waited past
}

func startPTYChat(t *testing.T, env map[string]string, cols uint16) *ptyChat {
	t.Helper()
	master, tty := openPTY(t, cols, 40)
	before, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	c := &ptyChat{t: t, master: master, out: &apitest.Output{}, done: make(chan error, 1)}
	go io.Copy(c.out, master)
	go func() { c.done <- run(context.Background(), []string{"chat"}, env, tty, tty, tty) }()
	t.Cleanup(func() {
		// The terminal is left as chat found it (echo and line mode back on).
		after, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
		if err != nil || after.Lflag != before.Lflag || after.Iflag != before.Iflag || after.Oflag != before.Oflag {
			t.Errorf("chat left the terminal changed: %+v, was %+v (%v)", after, before, err)
		}
	})
	return c
}

// typeKeys sends keys as a person at the keyboard would.
func (c *ptyChat) typeKeys(keys string) {
	c.t.Helper()
	if _, err := c.master.WriteString(keys); err != nil {
		c.t.Fatalf("typing %q: %v", keys, err)
	}
}

// waitFor waits until the output after what was last waited for holds want,
// and returns that new output.
func (c *ptyChat) waitFor(want string) string {
	c.t.Helper()
	// Generous: before its welcome, chat loads the content and trains the
	// second opinion (reading every training message's findings), which
	// under -race on a busy 2-core machine has taken over 90 seconds. The
	// wait ends as soon as the text appears.
	deadline := time.Now().Add(5 * time.Minute)
	for time.Now().Before(deadline) {
		all := c.out.String()
		if i := strings.Index(all[c.seen:], want); i >= 0 {
			got := all[c.seen : c.seen+i+len(want)]
			c.seen += i + len(want)
			return got
		}
		time.Sleep(20 * time.Millisecond)
	}
	c.t.Fatalf("waited for %q; the terminal shows:\n%s", want, c.out.String()[c.seen:])
	return ""
}

// quit presses Ctrl-D and waits for chat to end.
func (c *ptyChat) quit() {
	c.t.Helper()
	c.typeKeys("\x04")
	select {
	case err := <-c.done:
		if err != nil {
			c.t.Errorf("chat ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		c.t.Fatal("chat did not end on Ctrl-D")
	}
}

var (
	sgr  = regexp.MustCompile(`\x1b\[[0-9;]*m`)         // colour and weight
	ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`) // any control sequence
)

// `signpost chat` on a real terminal (a pseudo-terminal, driven as a person
// would): lines are wrapped at the terminal's width, an emergency is in red,
// services show their phone numbers and websites, the arrow keys edit the
// line and recall earlier ones, and Ctrl-D leaves the terminal as it was.
func TestChatOnATerminal(t *testing.T) {
	const cols = 50
	c := startPTYChat(t, map[string]string{"SIGNPOST_CONTENT_DIR": "../../intents", "TERM": "xterm-256color"}, cols)
	// It opens with the welcome and the topics; a number picks one.
	c.waitFor("[1] ")
	c.waitFor("> ")
	c.typeKeys("1\r")
	if got := ansi.ReplaceAllString(c.waitFor("disposition="), ""); strings.Contains(got, "intent=-") {
		t.Errorf("typing 1 did not pick the first topic:\n%s", got)
	}
	c.waitFor("> ")

	c.typeKeys("chest pain\r")
	got := c.waitFor("disposition=ae)")
	if !strings.Contains(got, "\x1b[1;97;41m!! EMERGENCY !!") {
		t.Errorf("the emergency heading is not white on red:\n%q", got)
	}
	if !strings.Contains(got, "\x1b[1;31mChest pain needs checking today.") {
		t.Errorf("the emergency text is not red:\n%q", got)
	}
	plain := ansi.ReplaceAllString(got, "")
	for _, want := range []string{"Call 999", "Call 0151 678 5111", "Website: https://111.nhs.uk", "Arrowe Park Road"} {
		if !strings.Contains(plain, want) {
			t.Errorf("the emergency answer does not show %q:\n%s", want, plain)
		}
	}
	for _, l := range strings.Split(strings.ReplaceAll(plain, "\r", ""), "\n") {
		if n := len([]rune(l)); n > cols {
			t.Errorf("a line of %d characters on a %d-column terminal: %q", n, cols, l)
		}
	}

	// Line editing: "sore troat", four times left, "h", Enter.
	c.waitFor("> ")
	c.typeKeys("sore troat" + strings.Repeat("\x1b[D", 4) + "h\r")
	if got := c.waitFor("intent=sore_throat"); !strings.Contains(got, "Are you struggling to breathe or swallow?") {
		t.Errorf("the edited line was not read as sore throat:\n%s", ansi.ReplaceAllString(got, ""))
	}
	// History: up twice brings back "chest pain".
	c.waitFor("> ")
	c.typeKeys("\x1b[A\x1b[A\r")
	c.waitFor("intent=red_flag.chest_pain")
	if strings.Contains(c.out.String(), "^[[A") {
		t.Error("the up arrow was shown as ^[[A")
	}
	c.waitFor("> ")
	c.quit()
}

// NO_COLOR turns colour off on a terminal; other control sequences (the
// line editor's cursor moves) are still used. A crisis shows each service's
// way in: the numbers to call and the number to text.
func TestChatOnATerminalWithNoColor(t *testing.T) {
	c := startPTYChat(t, map[string]string{"SIGNPOST_CONTENT_DIR": "../../intents", "TERM": "xterm-256color", "NO_COLOR": "1"}, 80)
	c.waitFor("> ")
	c.typeKeys("her face is drooping on one side\r")
	got := c.waitFor("disposition=999)")
	if !strings.Contains(got, "!! EMERGENCY !!") || sgr.MatchString(got) {
		t.Errorf("with NO_COLOR the emergency reads:\n%q", got)
	}
	// A crisis: every service says how to reach it, a text-only one (Shout)
	// by the number to text, never "Call".
	c.waitFor("> ")
	c.typeKeys("I want to kill myself\r")
	got = c.waitFor("disposition=mental_health_crisis)")
	plain := ansi.ReplaceAllString(got, "")
	if !strings.Contains(plain, "** URGENT HELP **") || sgr.MatchString(got) {
		t.Errorf("with NO_COLOR the crisis reads:\n%q", got)
	}
	for _, want := range []string{"Call 116 123", "Text SHOUT to 85258", "Website: https://giveusashout.org"} {
		if !strings.Contains(plain, want) {
			t.Errorf("the crisis answer does not show %q:\n%s", want, plain)
		}
	}
	if strings.Contains(plain, "Call 85258") {
		t.Errorf("Shout, a text-only service, is offered as a call:\n%s", plain)
	}
	c.waitFor("> ")
	c.quit()
}
