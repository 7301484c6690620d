package main

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

// chat talks to the engine in a terminal, with the same engine as the server
// and an in-memory store: the quickest way to try content. On a terminal it
// edits lines (arrows, Home/End, Ctrl-A/E/K/U/W) and keeps a history (up and
// down) through golang.org/x/term, wraps at the terminal's width and shows
// emergencies in red unless NO_COLOR is set; from a pipe it reads plain lines
// and writes plain text. It serves nobody but the person trying a draft, so it
// loads without the gate; `signpost check` says whether the draft would be
// served.
func chat(ctx context.Context, args []string, env map[string]string, stdin io.Reader, stdout io.Writer) error {
	dir := env["SIGNPOST_CONTENT_DIR"]
	if len(args) > 0 {
		dir = args[0]
	}
	set, name, err := loadContent(dir)
	if err != nil {
		return fmt.Errorf("%s:\n%w", name, err)
	}
	con, err := openConsole(stdin, stdout, env)
	if err != nil {
		return err
	}
	defer con.close()
	on := true
	if v, ok := env["SIGNPOST_SECOND_OPINION"]; ok && v != "" {
		if on, err = strconv.ParseBool(v); err != nil {
			return fmt.Errorf("SIGNPOST_SECOND_OPINION: %w", err)
		}
	}
	opts, err := secondOpinion(on)
	if err != nil {
		return err
	}
	eng := engine.New(set, store.NewMemory(100, 0), opts...)
	p := printer{set: set, color: con.color, width: con.width()}
	// The conversation opens as on the website: the welcome and the topics,
	// which a number picks.
	last := eng.Welcome()
	p.messages(con.out, last)
	p.buttons(con.out, last)
	p.para(con.out, "(type a message; a number picks a button; /restart starts again; Ctrl-D quits)", faint)
	fmt.Fprintln(con.out)
	for ctx.Err() == nil {
		line, err := con.readLine()
		if err == io.EOF {
			fmt.Fprintln(con.out)
			return nil
		}
		if err != nil {
			return fmt.Errorf("chat: reading input: %w", err)
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		req := engine.Request{SessionID: last.SessionID, Text: line, Channel: "chat"}
		if line == "/restart" {
			req = engine.Request{SessionID: last.SessionID, Payload: content.PayloadRestart, Channel: "chat"}
		} else if n, err := strconv.Atoi(line); err == nil && n >= 1 && n <= len(last.QuickReplies) {
			req = engine.Request{SessionID: last.SessionID, Payload: last.QuickReplies[n-1].Payload, Channel: "chat"}
		}
		r, err := eng.Handle(ctx, req)
		if err != nil {
			fmt.Fprintf(con.out, "(%v)\n", err)
			continue
		}
		last = r
		p.width = con.width() // the window may have been resized
		p.reply(con.out, r)
	}
	return nil
}

// console is the chat's input and output: a terminal in raw mode with line
// editing, or plain lines from a pipe.
type console struct {
	out      io.Writer
	readLine func() (string, error)
	width    func() int // 0: do not wrap
	color    bool
	close    func()
}

// openConsole uses golang.org/x/term when both stdin and stdout are a
// terminal. x/term is kept by the Go team, is already in Signpost's module
// graph (through x/crypto) and gives line editing and history with no C and
// no other module; the readline ports (chzyer/readline and its forks) are
// larger and chzyer/readline is unmaintained.
func openConsole(stdin io.Reader, stdout io.Writer, env map[string]string) (*console, error) {
	in, inOK := stdin.(*os.File)
	out, outOK := stdout.(*os.File)
	if !inOK || !outOK || !term.IsTerminal(int(in.Fd())) || !term.IsTerminal(int(out.Fd())) {
		sc := bufio.NewScanner(stdin)
		cols, _ := strconv.Atoi(env["COLUMNS"])
		return &console{
			out: stdout,
			readLine: func() (string, error) {
				fmt.Fprint(stdout, "> ")
				if sc.Scan() {
					return sc.Text(), nil
				}
				if sc.Err() != nil {
					return "", sc.Err()
				}
				return "", io.EOF
			},
			width: func() int { return max(cols, 0) },
			close: func() {},
		}, nil
	}
	old, err := term.MakeRaw(int(in.Fd()))
	if err != nil {
		return nil, fmt.Errorf("chat: terminal: %w", err)
	}
	t := term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{in, out}, "> ")
	width := func() int {
		w, h, err := term.GetSize(int(out.Fd()))
		if err != nil || w <= 0 {
			return 80
		}
		_ = t.SetSize(w, h)
		return w
	}
	return &console{
		out:      t,
		readLine: t.ReadLine,
		width:    width,
		// https://no-color.org: any non-empty NO_COLOR turns colour off.
		color: env["NO_COLOR"] == "" && env["TERM"] != "dumb",
		close: func() { _ = term.Restore(int(in.Fd()), old) },
	}, nil
}

// ANSI styles.
const (
	reset  = "\x1b[0m"
	faint  = "\x1b[2m"
	bold   = "\x1b[1m"
	alarm  = "\x1b[1;97;41m" // bold bright white on red, as the widget's emergency box
	urgent = "\x1b[1;31m"    // bold red
	notice = "\x1b[33m"      // yellow
)

// printer writes replies for a person at a terminal: wrapped, and coloured
// when colour is on. Every word shown comes from the content.
type printer struct {
	set   *content.Set
	color bool
	width int // 0: do not wrap
}

// reply writes one reply: its messages, each service's phone number,
// website and opening hours, the numbered buttons, then what was decided.
func (p printer) reply(w io.Writer, r engine.Reply) {
	p.messages(w, r)
	p.buttons(w, r)
	p.para(w, "(intent="+orNone(r.Intent)+" disposition="+orNone(r.Disposition)+")", faint)
	fmt.Fprintln(w)
}

// messages writes a reply's messages with their services.
func (p printer) messages(w io.Writer, r engine.Reply) {
	for _, m := range r.Messages {
		body := ""
		switch m.Kind {
		case engine.KindEmergency, engine.KindCrisis:
			key, mark := "widget_emergency", "!!"
			if m.Kind == engine.KindCrisis {
				key, mark = "widget_crisis", "**"
			}
			p.para(w, strings.TrimSpace(mark+" "+strings.ToUpper(p.set.Message(key)))+" "+mark, alarm)
			body = urgent
		case engine.KindNotice:
			body = notice
		}
		p.para(w, m.Text, body)
		for _, s := range m.Services {
			p.service(w, s)
		}
		fmt.Fprintln(w)
	}
}

// buttons writes a reply's quick replies, numbered.
func (p printer) buttons(w io.Writer, r engine.Reply) {
	if len(r.QuickReplies) == 0 {
		return
	}
	var b []string
	for i, q := range r.QuickReplies {
		b = append(b, fmt.Sprintf("[%d] %s", i+1, q.Title))
	}
	// A button's title is never split across lines.
	p.lines(w, wrapUnits(b, "   ", p.width), bold)
}

// service writes a service card: its name and opening hours, then how to
// reach it (the phone number to call, the number to text, the website to
// open).
func (p printer) service(w io.Writer, s engine.ServiceCard) {
	head := s.Name
	if s.Status != "" {
		head += " (" + s.Status + ")"
	}
	p.lines(w, hanging("  • ", "    ", head, p.width), bold)
	var how []string
	if s.Phone != "" {
		how = append(how, p.fill("widget_call", "{phone}", s.Phone))
	}
	if s.SMS != "" {
		// A text-only service (Shout) is texted, never called.
		how = append(how, cmp.Or(s.SMSLabel, s.SMS))
	}
	if s.URL != "" {
		how = append(how, p.fill("widget_website", "{host}", s.URL))
	}
	if s.Address != "" {
		how = append(how, s.Address)
	}
	for _, h := range how {
		p.lines(w, hanging("    ", "    ", h, p.width), "")
	}
}

// fill puts value into the content message key at placeholder; content
// without that message (it is the widget's) gives the value alone.
func (p printer) fill(key, placeholder, value string) string {
	msg := p.set.Message(key)
	if !strings.Contains(msg, placeholder) {
		return value
	}
	return strings.ReplaceAll(msg, placeholder, value)
}

// para writes text, wrapped, in a style ("" for none); its own line breaks
// are kept.
func (p printer) para(w io.Writer, text, style string) {
	for _, line := range strings.Split(text, "\n") {
		p.lines(w, wrap(line, p.width), style)
	}
}

// lines writes lines in a style.
func (p printer) lines(w io.Writer, lines []string, style string) {
	for _, l := range lines {
		if p.color && style != "" && l != "" {
			l = style + l + reset
		}
		fmt.Fprintln(w, l)
	}
}

// hanging wraps text after first, with the following lines under rest.
func hanging(first, rest, text string, width int) []string {
	lines := wrap(text, width-utf8.RuneCountInString(rest))
	for i := range lines {
		if i == 0 {
			lines[i] = first + lines[i]
		} else {
			lines[i] = rest + lines[i]
		}
	}
	return lines
}

// wrap breaks text into lines of at most width characters, at spaces.
func wrap(text string, width int) []string { return wrapUnits(strings.Fields(text), " ", width) }

// wrapUnits lays units out joined by sep, in lines of at most width
// characters; a unit longer than a line (a long link) gets a line of its
// own. A width under 20 (or 0, for a pipe) does not wrap.
func wrapUnits(units []string, sep string, width int) []string {
	if width < 20 {
		return []string{strings.Join(units, sep)}
	}
	lines := []string{}
	var cur strings.Builder
	n, sl := 0, utf8.RuneCountInString(sep)
	for _, u := range units {
		ul := utf8.RuneCountInString(u)
		if n > 0 && n+sl+ul > width {
			lines = append(lines, cur.String())
			cur.Reset()
			n = 0
		}
		if n > 0 {
			cur.WriteString(sep)
			n += sl
		}
		cur.WriteString(u)
		n += ul
	}
	if n > 0 || len(lines) == 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
