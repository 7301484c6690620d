// Package evaluate scores Signpost against labelled patient messages, the way
// the clinical safety officer judges it: each case is a new conversation; the
// message is sent, and while Signpost is still asking, every question is
// answered "no" (the quick reply whose payload is "no", else the text "no").
// Emergencies and crises count only when the first reply signposts them;
// everything else counts on the final disposition.
//
// The rules match ../shared/eval/run_eval.py, which scores a running server
// over HTTP; this package drives the engine in-process, so that thousands of
// cases take a second and need no server.
package evaluate

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/engine"
)

// Case is one labelled patient message.
type Case struct {
	ID         string   `json:"id"`
	Message    string   `json:"message"`
	Expected   string   `json:"expected"`
	Acceptable []string `json:"acceptable"`
	Group      string   `json:"group"`
	Basis      string   `json:"basis,omitempty"`
	Source     string   `json:"source,omitempty"`
	Persona    string   `json:"persona,omitempty"`

	File string `json:"-"` // the file it came from
	Line int    `json:"-"`
}

// Emergency reports whether the case is a 999 or A&E case.
func (c Case) Emergency() bool {
	return c.Expected == content.Disp999 || c.Expected == content.DispAE
}

// Crisis reports whether the case is a mental health crisis.
func (c Case) Crisis() bool { return c.Expected == content.DispCrisis }

func (c Case) accepts(disp string) bool { return slices.Contains(c.Acceptable, disp) }

// ReadFile reads a JSON Lines file of cases, checking every line: each case
// needs an id, a message, a known expected disposition and an acceptable list
// that holds it. Problems are reported as file:line.
func ReadFile(path string) ([]Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	defer f.Close()
	return Read(f, path)
}

// ReadFS reads every .jsonl file of fsys (the embedded tuning corpus), in
// path order.
func ReadFS(fsys fs.FS) ([]Case, error) {
	var out []Case
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".jsonl" {
			return err
		}
		f, err := fsys.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		cs, err := Read(f, p)
		out = append(out, cs...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("tuning corpus: %w", err)
	}
	return out, nil
}

// Read reads cases from r; name is used in error messages.
func Read(r io.Reader, name string) ([]Case, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	var (
		out  []Case
		errs []string
		ids  = map[string]int{}
	)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c Case
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: %v", name, n, err))
			continue
		}
		c.File, c.Line = name, n
		if msg := c.problem(); msg != "" {
			errs = append(errs, fmt.Sprintf("%s:%d: %s", name, n, msg))
			continue
		}
		if prev, dup := ids[c.ID]; dup {
			errs = append(errs, fmt.Sprintf("%s:%d: id %q already used on line %d", name, n, c.ID, prev))
			continue
		}
		ids[c.ID] = n
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Sprintf("%s: %v", name, err))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return out, nil
}

func validDisposition(d string) bool { return slices.Contains(content.Dispositions, d) }

func (c Case) problem() string {
	switch {
	case c.ID == "":
		return "no id"
	case strings.TrimSpace(c.Message) == "":
		return "no message"
	case !validDisposition(c.Expected):
		return fmt.Sprintf("expected %q is not a disposition", c.Expected)
	case !c.accepts(c.Expected):
		return fmt.Sprintf("acceptable %v does not hold expected %q", c.Acceptable, c.Expected)
	}
	for _, a := range c.Acceptable {
		if !validDisposition(a) {
			return fmt.Sprintf("acceptable %q is not a disposition", a)
		}
	}
	return ""
}

// Result is what happened to one case.
type Result struct {
	Case
	First string `json:"first"` // disposition of the first reply ("" while asking)
	// What gave the first reply: its intent or red-flag rule, what decided
	// (engine.Source), and the second opinion's reading of the message.
	FirstIntent     string  `json:"first_intent,omitempty"`
	FirstSource     string  `json:"first_source,omitempty"`
	SecondEmergency float64 `json:"second_emergency,omitempty"`
	SecondCrisis    float64 `json:"second_crisis,omitempty"`
	Final           string  `json:"final"` // disposition at the end ("" = stranded)
	Turns           int     `json:"turns"`
	Reply           string  `json:"reply"` // the start of the last reply's text, for reading misses
	Err             string  `json:"error,omitempty"`
	OK              bool    `json:"ok"`
}

// EmergencyOK reports whether an emergency or crisis case was signposted on
// the first reply.
func (r Result) EmergencyOK() bool { return r.accepts(r.First) }

// OverTriage reports a non-emergency sent to 999 or A&E.
func (r Result) OverTriage() bool {
	return !r.Emergency() && (r.Final == content.Disp999 || r.Final == content.DispAE) && !r.accepts(r.Final)
}

// Miss reports whether the case counts against Signpost: a wrong final
// disposition, or an emergency or crisis not signposted on the first reply.
func (r Result) Miss() bool {
	return !r.OK || (r.Emergency() || r.Crisis()) && !r.EmergencyOK()
}

// Handler answers one message; *engine.Engine is one.
type Handler interface {
	Handle(ctx context.Context, req engine.Request) (engine.Reply, error)
}

// maxFollowUps is how many questions a case answers "no" to before it counts
// as stranded, as in run_eval.py.
const maxFollowUps = 4

// Run scores every case, each in a new conversation.
func Run(ctx context.Context, h Handler, cases []Case) []Result {
	out := make([]Result, len(cases))
	for i, c := range cases {
		out[i] = runCase(ctx, h, c)
	}
	return out
}

func runCase(ctx context.Context, h Handler, c Case) Result {
	res := Result{Case: c}
	r, err := h.Handle(ctx, engine.Request{Text: c.Message, Channel: "eval"})
	res.Turns = 1
	if err != nil {
		res.Err = err.Error()
		return res
	}
	res.First, res.Final = r.Disposition, r.Disposition
	res.FirstIntent, res.FirstSource = r.Intent, string(r.Source)
	res.SecondEmergency, res.SecondCrisis = r.Reading.Emergency, r.Reading.Crisis
	for res.Final == "" && res.Turns <= maxFollowUps {
		req := engine.Request{SessionID: r.SessionID, Channel: "eval"}
		if hasNo(r.QuickReplies) {
			req.Payload = content.PayloadNo
		} else {
			req.Text = "no"
		}
		r, err = h.Handle(ctx, req)
		res.Turns++
		if err != nil {
			res.Err = err.Error()
			return res
		}
		res.Final = r.Disposition
	}
	res.Reply = replyText(r)
	res.OK = res.Final != "" && c.accepts(res.Final)
	return res
}

func hasNo(qs []engine.QuickReply) bool {
	for _, q := range qs {
		if strings.EqualFold(q.Payload, content.PayloadNo) {
			return true
		}
	}
	return false
}

func replyText(r engine.Reply) string {
	var b strings.Builder
	for i, m := range r.Messages {
		if i > 0 {
			b.WriteString(" | ")
		}
		b.WriteString(m.Text)
	}
	s := strings.Join(strings.Fields(b.String()), " ")
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}

// Ratio is a count out of a total.
type Ratio struct{ N, Of int }

// Pct is the ratio as a percentage (100 when there is nothing to count).
func (r Ratio) Pct() float64 {
	if r.Of == 0 {
		return 100
	}
	return 100 * float64(r.N) / float64(r.Of)
}

func (r Ratio) String() string {
	if r.Of == 0 {
		return "0/0"
	}
	return fmt.Sprintf("%d/%d (%.1f%%)", r.N, r.Of, r.Pct())
}

// Summary is the scorecard of a set of results.
type Summary struct {
	Overall    Ratio            // final disposition acceptable
	Emergency  Ratio            // 999/A&E cases signposted on the first reply
	Crisis     Ratio            // crisis cases signposted on the first reply
	OverTriage Ratio            // non-emergencies sent to 999/A&E
	Stranded   Ratio            // conversations that ended with no disposition
	ByExpected map[string]Ratio // recall per expected disposition
	ByGroup    map[string]Ratio // recall per condition or topic
}

// Summarise scores results.
func Summarise(results []Result) Summary {
	s := Summary{ByExpected: map[string]Ratio{}, ByGroup: map[string]Ratio{}}
	for _, r := range results {
		ok := !r.Miss()
		add(&s.Overall, r.OK)
		add(&s.Stranded, r.Final == "" && r.Err == "")
		switch {
		case r.Emergency():
			add(&s.Emergency, r.EmergencyOK())
		case r.Crisis():
			add(&s.Crisis, r.EmergencyOK())
		}
		if !r.Emergency() {
			add(&s.OverTriage, r.OverTriage())
		}
		e := s.ByExpected[r.Expected]
		add(&e, ok)
		s.ByExpected[r.Expected] = e
		g := s.ByGroup[r.Group]
		add(&g, ok)
		s.ByGroup[r.Group] = g
	}
	return s
}

func add(r *Ratio, hit bool) {
	r.Of++
	if hit {
		r.N++
	}
}

// Thresholds are the targets a run must meet.
type Thresholds struct {
	MinOverall    float64 // percent
	MinEmergency  float64 // percent, first reply
	MinCrisis     float64 // percent, first reply
	MaxOverTriage float64 // percent
	MaxStranded   int     // conversations
}

// Failed lists the thresholds the summary misses.
func (s Summary) Failed(t Thresholds) []string {
	var out []string
	if s.Overall.Of > 0 && s.Overall.Pct() < t.MinOverall {
		out = append(out, "overall")
	}
	if s.Emergency.Of > 0 && s.Emergency.Pct() < t.MinEmergency {
		out = append(out, "emergency")
	}
	if s.Crisis.Of > 0 && s.Crisis.Pct() < t.MinCrisis {
		out = append(out, "crisis")
	}
	if s.OverTriage.Of > 0 && s.OverTriage.Pct() > t.MaxOverTriage {
		out = append(out, "over-triage")
	}
	if s.Stranded.N > t.MaxStranded {
		out = append(out, "stranded")
	}
	return out
}

// Line is the one-line scorecard.
func (s Summary) Line() string {
	return fmt.Sprintf("overall %s; emergency first reply %s; crisis first reply %s; over-triage %s; stranded %d",
		s.Overall, s.Emergency, s.Crisis, s.OverTriage, s.Stranded.N)
}

// Report writes the full scorecard: per-disposition recall, the weakest
// conditions, and the one-line summary.
func (s Summary) Report(w io.Writer, weakest int) {
	fmt.Fprintf(w, "per expected disposition (recall, emergencies and crises on the first reply):\n")
	for _, d := range content.Dispositions {
		if r, ok := s.ByExpected[d]; ok {
			fmt.Fprintf(w, "  %-22s %s\n", d, r)
		}
	}
	type g struct {
		name string
		r    Ratio
	}
	var gs []g
	for name, r := range s.ByGroup {
		if r.N < r.Of {
			gs = append(gs, g{name, r})
		}
	}
	sort.Slice(gs, func(i, j int) bool {
		mi, mj := gs[i].r.Of-gs[i].r.N, gs[j].r.Of-gs[j].r.N
		if mi != mj {
			return mi > mj
		}
		return gs[i].name < gs[j].name
	})
	if len(gs) > 0 {
		fmt.Fprintf(w, "conditions with misses (%d of %d; most misses first):\n", len(gs), len(s.ByGroup))
		for i, x := range gs {
			if i == weakest {
				fmt.Fprintf(w, "  … %d more\n", len(gs)-weakest)
				break
			}
			fmt.Fprintf(w, "  %-40s %s\n", x.name, x.r)
		}
	}
}
