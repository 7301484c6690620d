package content

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/nhs-signpost/signpost/internal/phrase"
	"github.com/nhs-signpost/signpost/internal/text"
)

// requiredMessages are the system messages every content set must define.
var requiredMessages = []string{
	"welcome", "fallback", "reprompt", "restarted", "unavailable", "degraded",
	"yes", "no", "notice_heading",
	"service_open_24h", "service_open_until", "service_closed_opens", "service_hours_unknown", "none_open",
	"moved_on", "too_long", "sms_label",
}

// serviceKinds are the kinds of service the directory may list.
// MaxAside is the longest an intent's aside may be, in characters: it is a
// short answer under another reply, not a second reply.
const MaxAside = 300

var serviceKinds = []string{"999", "ae", "utc", "walk_in", "minor_injuries", "phone", "online", "pharmacy", "gp",
	"mental_health", "maternity", "dental", "sexual_health", "hospital", "other"}

// Errors is every problem found in a content set, each "file:line: message".
type Errors []error

func (e Errors) Error() string {
	lines := make([]string, len(e))
	for i, err := range e {
		lines[i] = err.Error()
	}
	return strings.Join(lines, "\n")
}

var (
	idRe  = regexp.MustCompile(`^[a-z0-9][a-z0-9_]*$`)
	smsRe = regexp.MustCompile(`^\+?[0-9][0-9 ]*$`)
)

type section struct {
	file string
	node *yaml.Node
}

// Files lists the content files Load reads from fsys, sorted: every .yaml or
// .yml file, recursively, skipping hidden files and folders and testdata.
func Files(fsys fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return fs.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) && !strings.HasPrefix(d.Name(), ".") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	sort.Strings(files)
	return files, nil
}

// Load reads every .yaml file in fsys (recursively), validates the whole
// set and compiles it. On any problem it returns nil and an Errors listing
// all of them.
func Load(fsys fs.FS) (*Set, error) {
	var errs []error
	files, err := Files(fsys)
	if err != nil {
		return nil, Errors{err}
	}
	if len(files) == 0 {
		return nil, Errors{errors.New("content: no .yaml files found")}
	}

	sections := map[string][]section{}
	hash := sha256.New()
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f, err))
			continue
		}
		hash.Write([]byte(f))
		hash.Write(b)
		var doc yaml.Node
		if err := yaml.Unmarshal(b, &doc); err != nil {
			errs = append(errs, yamlError(f, err))
			continue
		}
		if len(doc.Content) == 0 {
			continue
		}
		r := reader{file: f, errs: &errs}
		top := r.mapping(doc.Content[0], "the file", "lexicon", "concepts", "findings", "red_flags", "intents", "services", "notice", "messages", "checks", "classifier")
		for k, v := range top {
			sections[k] = append(sections[k], section{f, v})
		}
	}
	if len(errs) > 0 {
		return nil, Errors(errs)
	}

	l := &loader{set: &Set{
		Version:  hex.EncodeToString(hash.Sum(nil))[:12],
		byID:     map[string]*Intent{},
		findings: map[string]*Finding{},
		Services: map[string]*Service{},
		Messages: map[string]string{},
		Files:    files,
	}, errs: &errs}
	l.lexicon(sections["lexicon"])
	l.concepts(sections["concepts"])
	l.findings(sections["findings"])
	l.services(sections["services"])
	l.messages(sections["messages"])
	l.notice(sections["notice"])
	l.redFlags(sections["red_flags"])
	l.precedence()
	l.intents(sections["intents"])
	l.checks(sections["checks"])
	l.classifier(sections["classifier"])
	l.validate()
	l.validateClassifier()
	if len(errs) > 0 {
		sortErrors(errs)
		return nil, Errors(errs)
	}
	// Words written anywhere in content are the vocabulary typos are corrected to.
	vocab := l.lib.Vocabulary()
	for _, in := range l.set.Intents {
		for _, ex := range in.Examples {
			vocab = append(vocab, plainWords(ex.Text)...)
		}
	}
	l.an.SetNumbers(l.lib.Numbers())
	l.lib.Prepare()
	l.an.SetVocabulary(vocab)
	l.an.PrimeStems(vocab)
	l.set.idx = buildIndex(l.set)
	return l.set, nil
}

func plainWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(s, "'", "")), func(r rune) bool {
		return !(r >= 'a' && r <= 'z')
	})
}

var yamlLineRe = regexp.MustCompile(`line (\d+)`)

func yamlError(file string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		var line int
		fmt.Sscan(m[1], &line)
		msg = strings.TrimSpace(yamlLineRe.ReplaceAllString(msg, ""))
		msg = strings.TrimPrefix(msg, ": ")
		return &LineError{File: file, Line: line, Msg: "not valid YAML: " + msg}
	}
	return &LineError{File: file, Line: 1, Msg: "not valid YAML: " + msg}
}

func sortErrors(errs []error) {
	sort.SliceStable(errs, func(i, j int) bool {
		a, aok := errs[i].(*LineError)
		b, bok := errs[j].(*LineError)
		if !aok || !bok {
			return aok && !bok
		}
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
}

type loader struct {
	set  *Set
	an   *text.Analyzer
	lib  *phrase.Library
	errs *[]error
	// where ids were defined, for duplicate reports
	// nodes kept for the second pass
	outranks     []ref // id = the rule outranked, what = the rule that outranks it
	questionRefs []ref
	serviceRefs  []ref
	payloadRefs  []ref
}

type ref struct {
	Pos
	id, what string
}

func (l *loader) r(file string) reader { return reader{file: file, errs: l.errs} }

func (l *loader) lexicon(secs []section) {
	lex := text.Lexicon{Spellings: map[string]string{}, Synonyms: map[string][]string{}}
	for _, s := range secs {
		r := l.r(s.file)
		m := r.mapping(s.node, "lexicon", "spellings", "synonyms", "keep")
		for _, w := range r.strs(m["keep"], "keep") {
			if k := strings.TrimSpace(w.Text); k == "" || strings.ContainsAny(k, " \t") {
				l.errAt(w.Pos, "keep %q must be one word", w.Text)
				continue
			}
			lex.Keep = append(lex.Keep, strings.ToLower(strings.TrimSpace(w.Text)))
		}
		ks, vs := r.pairs(m["spellings"], "spellings")
		for i, k := range ks {
			v := r.str(vs[i], "a spelling")
			if strings.Contains(strings.TrimSpace(k.Value), " ") {
				r.errf(k, "spelling %q must be one word (put phrases under synonyms)", k.Value)
			}
			if prev, dup := lex.Spellings[strings.ToLower(k.Value)]; dup && prev != v {
				r.errf(k, "spelling %q is mapped twice", k.Value)
			}
			lex.Spellings[strings.ToLower(k.Value)] = strings.ToLower(v)
		}
		ks, vs = r.pairs(m["synonyms"], "synonyms")
		for i, k := range ks {
			for _, v := range r.strs(vs[i], "synonyms of "+k.Value) {
				if strings.TrimSpace(v.Text) == "" {
					r.errf(vs[i], "empty synonym for %q", k.Value)
					continue
				}
				lex.Synonyms[strings.ToLower(k.Value)] = append(lex.Synonyms[strings.ToLower(k.Value)], v.Text)
			}
		}
	}
	l.an = text.NewAnalyzer(lex)
	l.lib = phrase.NewLibrary(l.an)
	l.set.Analyzer = l.an
	l.set.Library = l.lib
}

func (l *loader) concepts(secs []section) {
	for _, s := range secs {
		r := l.r(s.file)
		ks, vs := r.pairs(s.node, "concepts")
		for i, k := range ks {
			name := k.Value
			if !regexp.MustCompile(`^@?[A-Za-z][A-Za-z0-9_]*$`).MatchString(name) {
				r.errf(k, "concept name %q must be letters, digits and _", name)
				continue
			}
			var ps []string
			for _, p := range r.strs(vs[i], "concept "+name) {
				ps = append(ps, p.Text)
			}
			if len(ps) == 0 {
				r.errf(k, "concept %s has no phrases", name)
				continue
			}
			if err := l.lib.DefineConcept(name, ps); err != nil {
				r.errf(k, "%v", err)
			}
		}
	}
	for _, err := range l.lib.CheckConcepts() {
		*l.errs = append(*l.errs, fmt.Errorf("concepts: %w", err))
	}
}

func (l *loader) pattern(r reader, n *yaml.Node, src string) *phrase.Pattern {
	p, err := l.lib.Compile(src)
	if err != nil {
		r.errf(n, "pattern %q: %v", src, err)
		return nil
	}
	return p
}

func (l *loader) patterns(r reader, n *yaml.Node, what string) []*phrase.Pattern {
	var out []*phrase.Pattern
	for _, it := range r.seq(n, what) {
		if it.Kind != yaml.ScalarNode {
			r.errf(it, "each item of %s must be a pattern (text)", what)
			continue
		}
		if p := l.pattern(r, it, it.Value); p != nil {
			out = append(out, p)
		}
	}
	return out
}

func (l *loader) services(secs []section) {
	for _, s := range secs {
		r := l.r(s.file)
		for _, n := range r.seq(s.node, "services") {
			m := r.mapping(n, "a service", "id", "name", "kind", "phone", "sms", "sms_text", "address", "url", "hours", "notes", "example_data")
			sv := &Service{
				Pos:         Pos{s.file, n.Line},
				ID:          r.str(m["id"], "id"),
				Name:        r.str(m["name"], "name"),
				Kind:        r.str(m["kind"], "kind"),
				Phone:       r.str(m["phone"], "phone"),
				SMS:         r.str(m["sms"], "sms"),
				SMSText:     r.str(m["sms_text"], "sms_text"),
				Address:     r.str(m["address"], "address"),
				URL:         r.str(m["url"], "url"),
				Notes:       r.str(m["notes"], "notes"),
				ExampleData: r.boolean(m["example_data"], "example_data"),
			}
			if !idRe.MatchString(sv.ID) {
				r.errf(n, "service id %q must be lower case letters, digits and _", sv.ID)
			}
			if _, dup := l.set.Services[sv.ID]; dup {
				r.errf(n, "duplicate service id %q", sv.ID)
			}
			if strings.TrimSpace(sv.Name) == "" {
				r.errf(n, "service %q has no name", sv.ID)
			}
			if !contains(serviceKinds, sv.Kind) {
				r.errf(n, "service %q: unknown kind %q (one of %s)", sv.ID, sv.Kind, strings.Join(serviceKinds, ", "))
			}
			if sv.Phone == "" && sv.URL == "" && sv.Address == "" && sv.SMS == "" {
				r.errf(n, "service %q needs a phone, sms, url or address", sv.ID)
			}
			if sv.SMS != "" && (!smsRe.MatchString(sv.SMS) || strings.TrimSpace(sv.SMSText) == "") {
				r.errf(m["sms"], "service %q: sms is the number to text (digits) and needs sms_text, the word to send (e.g. SHOUT)", sv.ID)
			}
			if sv.SMSText != "" && sv.SMS == "" {
				r.errf(m["sms_text"], "service %q: sms_text needs sms, the number to text", sv.ID)
			}
			if sv.URL != "" && !strings.HasPrefix(sv.URL, "https://") && !strings.HasPrefix(sv.URL, "http://") {
				r.errf(m["url"], "service %q: url must start with https://", sv.ID)
			}
			var lines []string
			for _, h := range r.strs(m["hours"], "hours") {
				lines = append(lines, h.Text)
			}
			hrs, err := ParseHours(lines)
			if err != nil {
				r.errf(m["hours"], "service %q: %v", sv.ID, err)
			}
			sv.Hours = hrs
			l.set.Services[sv.ID] = sv
		}
	}
}

func (l *loader) messages(secs []section) {
	for _, s := range secs {
		r := l.r(s.file)
		ks, vs := r.pairs(s.node, "messages")
		for i, k := range ks {
			if _, dup := l.set.Messages[k.Value]; dup {
				r.errf(k, "message %q is defined twice", k.Value)
			}
			v := r.str(vs[i], "message "+k.Value)
			if strings.TrimSpace(v) == "" {
				r.errf(vs[i], "message %q is empty", k.Value)
			}
			l.set.Messages[k.Value] = strings.TrimSpace(v)
		}
	}
}

func (l *loader) notice(secs []section) {
	if len(secs) > 1 {
		l.r(secs[1].file).errf(secs[1].node, "notice is defined in more than one file (also in %s)", secs[0].file)
	}
	for _, s := range secs {
		r := l.r(s.file)
		m := r.mapping(s.node, "notice", "text", "severity", "updated")
		l.set.Notice = Notice{Text: strings.TrimSpace(r.str(m["text"], "text")), Severity: r.str(m["severity"], "severity"), Updated: r.str(m["updated"], "updated")}
		if l.set.Notice.Severity == "" {
			l.set.Notice.Severity = "info"
		}
		if !contains([]string{"info", "warning", "critical"}, l.set.Notice.Severity) {
			r.errf(m["severity"], "notice severity must be info, warning or critical")
		}
	}
}

func (l *loader) redFlags(secs []section) {
	l.set.ruleByID = map[string]int{}
	for _, s := range secs {
		r := l.r(s.file)
		for _, n := range r.seq(s.node, "red_flags") {
			m := r.mapping(n, "a red flag", "id", "level", "reply", "services", "when", "unless", "outranks", "age_under", "age_at_least", "temp_at_least", "source", "tests")
			rf := &RedFlag{
				Pos:         Pos{s.file, n.Line},
				ID:          r.str(m["id"], "id"),
				Level:       r.str(m["level"], "level"),
				Reply:       strings.TrimSpace(r.str(m["reply"], "reply")),
				Source:      r.str(m["source"], "source"),
				AgeUnder:    r.age(m["age_under"], "age_under"),
				AgeAtLeast:  r.age(m["age_at_least"], "age_at_least"),
				TempAtLeast: r.number(m["temp_at_least"], "temp_at_least"),
			}
			if !idRe.MatchString(rf.ID) {
				r.errf(n, "red flag id %q must be lower case letters, digits and _", rf.ID)
			}
			if first := l.set.RedFlag(rf.ID); first != nil {
				r.errf(n, "duplicate red flag id %q (first at %s:%d)", rf.ID, first.Pos.File, first.Pos.Line)
			}
			if rf.Level != Disp999 && rf.Level != DispAE && rf.Level != DispCrisis && rf.Level != DispUrgent {
				r.errf(n, "red flag %q: level must be \"999\", ae, mental_health_crisis or urgent, not %q", rf.ID, rf.Level)
			}
			if rf.Reply == "" {
				r.errf(n, "red flag %q has an empty reply", rf.ID)
			}
			for _, sv := range r.strs(m["services"], "services") {
				rf.Services = append(rf.Services, sv.Text)
				l.serviceRefs = append(l.serviceRefs, ref{sv.Pos, sv.Text, "red flag " + rf.ID})
			}
			for _, c := range r.seq(m["when"], "when") {
				if cond, ok := l.condition(r, c); ok {
					rf.When = append(rf.When, cond)
				}
			}
			for _, o := range r.strs(m["outranks"], "outranks") {
				rf.Outranks = append(rf.Outranks, o.Text)
				l.outranks = append(l.outranks, ref{o.Pos, o.Text, rf.ID})
			}
			if len(rf.When) == 0 {
				r.errf(n, "red flag %q has no when conditions", rf.ID)
			}
			rf.Unless = l.patterns(r, m["unless"], "unless")
			if t := m["tests"]; t != nil {
				tm := r.mapping(t, "tests", "match", "no_match")
				rf.Tests.Match = r.strs(tm["match"], "match")
				rf.Tests.NoMatch = r.strs(tm["no_match"], "no_match")
			}
			if _, dup := l.set.ruleByID[rf.ID]; !dup {
				l.set.ruleByID[rf.ID] = len(l.set.RedFlags)
			}
			l.set.RedFlags = append(l.set.RedFlags, rf)
		}
	}
}

func (l *loader) intents(secs []section) {
	for _, s := range secs {
		r := l.r(s.file)
		for _, n := range r.seq(s.node, "intents") {
			m := r.mapping(n, "an intent", "id", "title", "description", "disposition", "examples", "not_examples", "keywords", "findings",
				"reply", "reason", "if_worse", "notice", "services", "quick_replies", "questions", "route", "max_words", "aside")
			in := &Intent{
				Pos:         Pos{s.file, n.Line},
				ID:          r.str(m["id"], "id"),
				Title:       r.str(m["title"], "title"),
				Description: r.str(m["description"], "description"),
				Disposition: r.str(m["disposition"], "disposition"),
				Reply:       strings.TrimSpace(r.str(m["reply"], "reply")),
				Reason:      strings.TrimSpace(r.str(m["reason"], "reason")),
				IfWorse:     strings.TrimSpace(r.str(m["if_worse"], "if_worse")),
				Notice:      r.boolean(m["notice"], "notice"),
				Examples:    r.strs(m["examples"], "examples"),
				NotExamples: r.strs(m["not_examples"], "not_examples"),
				Aside:       strings.TrimSpace(r.str(m["aside"], "aside")),
			}
			in.Keywords = l.patterns(r, m["keywords"], "keywords")
			in.Findings = l.findingRefs(r, m["findings"], "findings")
			if n := m["max_words"]; n != nil {
				w := r.number(n, "max_words")
				if w < 1 || w != float64(int(w)) {
					r.errf(n, "intent %q: max_words must be a whole number of at least 1", in.ID)
				}
				in.MaxWords = int(w)
			}
			if !idRe.MatchString(in.ID) {
				r.errf(n, "intent id %q must be lower case letters, digits and _", in.ID)
			}
			if prev, dup := l.set.byID[in.ID]; dup {
				r.errf(n, "duplicate intent id %q (first at %s:%d)", in.ID, prev.File, prev.Line)
			}
			switch {
			case len(in.Examples) == 0 && len(in.Keywords) == 0:
				in.Kind = "outcome"
			case in.Disposition == DispInfo:
				in.Kind = "info"
			default:
				in.Kind = "clinical"
			}
			if a := m["aside"]; a != nil {
				switch {
				case in.Kind != "info":
					r.errf(a, "intent %q: only an information intent (disposition info, with examples or keywords) may have an aside", in.ID)
				case in.Aside == "":
					r.errf(a, "intent %q has an empty aside", in.ID)
				case utf8.RuneCountInString(in.Aside) > MaxAside:
					r.errf(a, "intent %q: aside is %d characters; keep it to %d (it sits under another answer)", in.ID, utf8.RuneCountInString(in.Aside), MaxAside)
				}
			}
			if !contains(Dispositions, in.Disposition) {
				r.errf(n, "intent %q: unknown disposition %q (one of %s)", in.ID, in.Disposition, strings.Join(Dispositions, ", "))
			}
			if in.Reply == "" {
				r.errf(n, "intent %q has an empty reply", in.ID)
			}
			if in.Title == "" {
				in.Title = in.ID
			}
			switch in.Disposition {
			case DispUrgent, DispGP, DispPharmacy, DispSelfCare:
				if in.Reason == "" {
					r.errf(n, "intent %q (%s) needs a reason: one line saying why this is the right place", in.ID, in.Disposition)
				}
				if in.IfWorse == "" {
					r.errf(n, "intent %q (%s) needs if_worse: what to do if things get worse", in.ID, in.Disposition)
				}
			}
			for _, sv := range r.strs(m["services"], "services") {
				in.Services = append(in.Services, sv.Text)
				l.serviceRefs = append(l.serviceRefs, ref{sv.Pos, sv.Text, "intent " + in.ID})
			}
			for _, q := range r.seq(m["quick_replies"], "quick_replies") {
				qm := r.mapping(q, "a quick reply", "title", "payload")
				qr := QuickReply{Title: r.str(qm["title"], "title"), Payload: r.str(qm["payload"], "payload")}
				if qr.Title == "" || qr.Payload == "" {
					r.errf(q, "intent %q: a quick reply needs a title and a payload", in.ID)
				}
				if id, ok := PayloadIntent(qr.Payload); ok {
					l.payloadRefs = append(l.payloadRefs, ref{Pos{s.file, q.Line}, id, "intent " + in.ID})
				} else if qr.Payload != "" && qr.Payload != PayloadRestart {
					// Anything else would reach the engine as typed text, or as
					// an answer to a question this answer never asked.
					r.errf(q, "intent %q: quick reply payload %q must be %q followed by an intent id, or %q", in.ID, qr.Payload, PayloadIntentPrefix, PayloadRestart)
				}
				in.QuickReplies = append(in.QuickReplies, qr)
			}
			if len(in.QuickReplies) > 0 && Acuity(in.Disposition) >= Acuity(DispCrisis) {
				r.errf(m["quick_replies"], "intent %q: an emergency or crisis answer (%s) must not offer buttons: they push the emergency out of view (the website chat offers only Start again)", in.ID, in.Disposition)
			}
			for _, q := range r.seq(m["questions"], "questions") {
				qm := r.mapping(q, "a question", "ask", "yes", "findings")
				qq := Question{Pos: Pos{s.file, q.Line}, Ask: strings.TrimSpace(r.str(qm["ask"], "ask")), Yes: r.str(qm["yes"], "yes")}
				qq.Findings = l.findingRefs(r, qm["findings"], "a question's findings")
				if qq.Ask == "" {
					r.errf(q, "intent %q: a question has no text to ask", in.ID)
				}
				if qq.Yes == "" {
					r.errf(q, "intent %q: a question needs yes: the intent a yes leads to", in.ID)
				}
				l.questionRefs = append(l.questionRefs, ref{qq.Pos, qq.Yes, "intent " + in.ID})
				in.Questions = append(in.Questions, qq)
			}
			if len(in.Questions) > 3 {
				r.errf(m["questions"], "intent %q asks %d questions; at most 3", in.ID, len(in.Questions))
			}
			for _, rt := range r.seq(m["route"], "route") {
				rm := r.mapping(rt, "a route", "if", "to")
				route := Route{Pos: Pos{s.file, rt.Line}, To: r.str(rm["to"], "to")}
				fm := r.mapping(rm["if"], "a route's if", "age_under", "age_at_least", "age_unknown", "sex", "pregnant", "says")
				if rm["if"] == nil {
					r.errf(rt, "intent %q: a route needs if:", in.ID)
				}
				route.When.AgeUnder = r.age(fm["age_under"], "age_under")
				route.When.AgeAtLeast = r.age(fm["age_at_least"], "age_at_least")
				route.When.AgeUnknown = r.boolean(fm["age_unknown"], "age_unknown")
				route.When.Sex = r.str(fm["sex"], "sex")
				if route.When.Sex != "" && route.When.Sex != "male" && route.When.Sex != "female" {
					r.errf(fm["sex"], "sex must be male or female")
				}
				if fm["pregnant"] != nil {
					b := r.boolean(fm["pregnant"], "pregnant")
					route.When.Pregnant = &b
				}
				route.When.Says = l.patterns(r, fm["says"], "says")
				l.questionRefs = append(l.questionRefs, ref{route.Pos, route.To, "intent " + in.ID})
				in.Routes = append(in.Routes, route)
			}
			l.set.byID[in.ID] = in
			l.set.Intents = append(l.set.Intents, in)
		}
	}
}

func (l *loader) checks(secs []section) {
	for _, s := range secs {
		r := l.r(s.file)
		for _, n := range r.seq(s.node, "checks") {
			m := r.mapping(n, "a check", "say", "answers", "disposition", "intent", "red_flag")
			c := Check{Pos: Pos{s.file, n.Line}, Say: r.str(m["say"], "say"), Disposition: r.str(m["disposition"], "disposition"),
				Intent: r.str(m["intent"], "intent"), RedFlag: r.str(m["red_flag"], "red_flag")}
			for _, a := range r.strs(m["answers"], "answers") {
				if a.Text != PayloadYes && a.Text != PayloadNo {
					// The answers are pressed as buttons: anything else would
					// be read as typed text, not as an answer.
					l.errAt(a.Pos, "check: answer %q must be %q or %q", a.Text, PayloadYes, PayloadNo)
				}
				c.Answers = append(c.Answers, a.Text)
			}
			if c.Say == "" {
				r.errf(n, "a check needs say:")
			}
			if c.Disposition == "" && c.Intent == "" && c.RedFlag == "" {
				r.errf(n, "a check needs disposition:, intent: or red_flag:")
			}
			if c.Disposition != "" && !contains(Dispositions, c.Disposition) {
				r.errf(n, "check: unknown disposition %q", c.Disposition)
			}
			l.set.Checks = append(l.set.Checks, c)
		}
	}
}

func (l *loader) errAt(p Pos, format string, args ...any) {
	*l.errs = append(*l.errs, &LineError{File: p.File, Line: p.Line, Msg: fmt.Sprintf(format, args...)})
}

// validate checks references between parts and that no flow can loop.
func (l *loader) validate() {
	for _, rf := range l.serviceRefs {
		if _, ok := l.set.Services[rf.id]; !ok {
			l.errAt(rf.Pos, "%s names unknown service %q", rf.what, rf.id)
		}
	}
	for _, rf := range l.questionRefs {
		if rf.id != "" && l.set.byID[rf.id] == nil {
			l.errAt(rf.Pos, "%s leads to unknown intent %q", rf.what, rf.id)
		}
	}
	for _, rf := range l.payloadRefs {
		if l.set.byID[rf.id] == nil {
			l.errAt(rf.Pos, "%s: quick reply names unknown intent %q", rf.what, rf.id)
		}
	}
	for _, c := range l.set.Checks {
		if c.Intent != "" && l.set.byID[c.Intent] == nil {
			l.errAt(c.Pos, "check names unknown intent %q", c.Intent)
		}
		// A check naming a red flag that no rule has is a failing content
		// test (engine.Check), not invalid content: when an editor deletes a
		// rule a check expects, the safety suite still runs and says which
		// required rule went and which emergency it would now miss.
	}
	for _, key := range requiredMessages {
		if _, ok := l.set.Messages[key]; !ok {
			*l.errs = append(*l.errs, fmt.Errorf("messages: the message %q is missing", key))
		}
	}
	if l.set.Notice.Text == "" {
		*l.errs = append(*l.errs, errors.New("notice: the default incident notice is missing (notice: text:)"))
	}
	// A flow may not come back to an intent it has passed through.
	state := map[string]int{}
	var visit func(in *Intent, path []string)
	visit = func(in *Intent, path []string) {
		if state[in.ID] == 2 {
			return
		}
		if state[in.ID] == 1 {
			l.errAt(in.Pos, "intent %q: the flow can loop: %s", in.ID, strings.Join(append(path, in.ID), " → "))
			return
		}
		state[in.ID] = 1
		next := func(id string) {
			if n := l.set.byID[id]; n != nil {
				visit(n, append(path, in.ID))
			}
		}
		for _, q := range in.Questions {
			next(q.Yes)
		}
		for _, rt := range in.Routes {
			next(rt.To)
		}
		state[in.ID] = 2
	}
	for _, in := range l.set.Intents {
		visit(in, nil)
	}
	for _, in := range l.set.Intents {
		if in.Kind == "outcome" && !l.reachable(in.ID) {
			l.errAt(in.Pos, "intent %q has no examples or keywords and no question or route leads to it, so it can never be shown", in.ID)
		}
	}
}

func (l *loader) reachable(id string) bool {
	for _, rf := range l.questionRefs {
		if rf.id == id {
			return true
		}
	}
	for _, rf := range l.payloadRefs {
		if rf.id == id {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
