package admin

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nhs-signpost/signpost/internal/content"
)

// Limits on what the admin area accepts.
const (
	maxReplyLen  = 1200 // characters of an override
	maxNoticeLen = 1000 // characters of a notice
	maxEditorLen = 80
)

// protected says why an intent's reply may not be changed in the admin area,
// or "" if it may. The comms team may rewrite what is theirs: answers with
// the info disposition (the outage, appointments, visiting, services) and the
// notice. Red flags and every answer that carries a clinical disposition
// (999, A&E, crisis, urgent, GP, pharmacy, self-care) change only through the
// reviewed content files and the content gate.
func protected(set *content.Set, id string) string {
	if strings.HasPrefix(id, "red_flag.") {
		return "red-flag replies can only be changed in the reviewed content files"
	}
	if set.RedFlag(id) != nil {
		return "red-flag replies can only be changed in the reviewed content files"
	}
	in := set.Intent(id)
	if in == nil {
		return ""
	}
	if in.Disposition != content.DispInfo {
		return fmt.Sprintf("this answer gives clinical advice (%s): clinical answers can only be changed in the reviewed content files, "+
			"which pass the content tests and the clinical safety suite; the admin area can change information answers and the notice", in.Disposition)
	}
	return ""
}

var (
	urlRe   = regexp.MustCompile(`(?i)\b(?:[a-z][a-z0-9+.\-]*://|www\.)\S+`)
	phoneRe = regexp.MustCompile(`\+?\d[\d \-]{4,}\d`)
	hostRe  = regexp.MustCompile(`^(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$`)
)

// checkText lists what is wrong with a reply or notice text, in words the
// comms team can act on; nil means it may be published. The rules follow
// the content files': not empty, bounded, links https:// and well formed,
// phone numbers plausible for the UK, no markup or control characters.
func checkText(text string, maxLen int) []string {
	var p []string
	t := strings.TrimSpace(text)
	if t == "" {
		return []string{"the text is empty"}
	}
	if !utf8.ValidString(t) {
		return []string{"the text is not valid UTF-8"}
	}
	if n := utf8.RuneCountInString(t); n > maxLen {
		p = append(p, fmt.Sprintf("the text is %d characters long; keep it under %d", n, maxLen))
	}
	for _, r := range t {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			p = append(p, "the text contains a control character")
			break
		}
	}
	if strings.ContainsAny(t, "<>") {
		p = append(p, "the text contains < or >: write plain text, not HTML")
	}
	for _, raw := range urlRe.FindAllString(t, -1) {
		u := strings.TrimRight(raw, ".,;:!?)'\"")
		if msg := checkURL(u); msg != "" {
			p = append(p, msg)
		}
	}
	for _, num := range phoneRe.FindAllString(urlRe.ReplaceAllString(t, " "), -1) {
		if msg := checkPhone(num); msg != "" {
			p = append(p, msg)
		}
	}
	return p
}

func checkURL(u string) string {
	if !strings.HasPrefix(strings.ToLower(u), "https://") {
		return fmt.Sprintf("link %q must start with https://", u)
	}
	pu, err := url.Parse(u)
	if err != nil || pu.Host == "" || pu.User != nil || pu.Port() != "" || !hostRe.MatchString(strings.ToLower(pu.Hostname())) {
		return fmt.Sprintf("link %q is not a well-formed web address", u)
	}
	return ""
}

// checkPhone accepts short numbers (999, 111, 116 123, 85258) and UK numbers
// of 10 or 11 digits starting with 0 (or +44 and 10 digits); a long run of
// digits that is neither is probably a typo.
func checkPhone(s string) string {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	n := len(digits)
	switch {
	case n <= 6:
		return ""
	case strings.HasPrefix(strings.TrimSpace(s), "+44") && n == 12 && digits[2] != '0':
		return ""
	case digits[0] == '0' && (n == 10 || n == 11):
		return ""
	}
	return fmt.Sprintf("phone number %q does not look right: UK numbers have 10 or 11 digits and start with 0", strings.TrimSpace(s))
}

// checkEditor checks an editor's name in the tokens file, as the audit log
// will show it.
func checkEditor(name string) string {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "give a name before the colon"
	case utf8.RuneCountInString(name) > maxEditorLen:
		return fmt.Sprintf("the editor name is longer than %d characters", maxEditorLen)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "the editor name contains a control character"
	}
	return ""
}
