package discord

import (
	"strconv"
	"strings"
	"unicode/utf8"

	dg "github.com/bwmarrin/discordgo"

	"github.com/nhs-signpost/signpost/internal/engine"
)

// Discord's limits on one message.
const (
	maxContent     = 2000
	maxEmbeds      = 10
	maxButtons     = 25
	maxButtonLabel = 80
	maxCustomID    = 100
	maxEmbedTitle  = 256
	maxEmbedDesc   = 4096
	maxFieldValue  = 1024
)

// Colours from the NHS identity guidelines.
const (
	colourEmergency = 0xDA291C // NHS emergency services red
	colourCrisis    = 0x7C2855 // NHS plum
	colourService   = 0x005EB8 // NHS blue
	colourNotice    = 0xFFB81C // NHS warm yellow
)

// buttonPrefix marks the custom_id of a quick-reply button:
// "sp:TURN:PAYLOAD", where TURN is the conversation turn that showed the
// button (engine.Reply.Turn), so that a press answers that question and no
// later one.
const buttonPrefix = "sp:"

// buttonID is a quick reply's custom_id.
func buttonID(turn int, payload string) string {
	return buttonPrefix + strconv.Itoa(turn) + ":" + payload
}

// parseButton reads a custom_id. An id from before turns were carried
// ("sp:yes") gets turn -1: an answer that can no longer be tied to its
// question is treated as one that has moved on.
func parseButton(id string) (turn int, payload string, ok bool) {
	rest, ok := strings.CutPrefix(id, buttonPrefix)
	if !ok {
		return 0, "", false
	}
	if n, p, found := strings.Cut(rest, ":"); found {
		if t, err := strconv.Atoi(n); err == nil && t >= 0 {
			return t, p, true
		}
	}
	return -1, rest, true
}

// outMsg is one Discord message to send.
type outMsg struct {
	Content    string
	Embeds     []*dg.MessageEmbed
	Components []dg.MessageComponent
	urgent     bool // an emergency or crisis answer: always sent first
}

// render turns an engine reply into Discord messages. Emergency and crisis
// answers each become their own message with a red (or plum) embed naming the
// number to call; other bubbles are joined into one message with their
// service cards as embeds; quick replies become buttons on the last message.
func render(r engine.Reply) []outMsg {
	var out []outMsg
	var cur outMsg
	flush := func() {
		if cur.Content != "" || len(cur.Embeds) > 0 {
			out = append(out, splitLong(cur)...)
		}
		cur = outMsg{}
	}
	for _, m := range r.Messages {
		switch m.Kind {
		case engine.KindEmergency, engine.KindCrisis:
			flush()
			out = append(out, urgentMsg(m))
		case engine.KindNotice:
			cur.Embeds = append(cur.Embeds, &dg.MessageEmbed{Description: clip(m.Text, maxEmbedDesc), Color: colourNotice})
		default:
			if cur.Content != "" {
				cur.Content += "\n\n"
			}
			cur.Content += m.Text
			for _, s := range m.Services {
				cur.Embeds = append(cur.Embeds, serviceEmbed(s))
			}
		}
	}
	flush()
	if len(out) == 0 {
		return nil
	}
	if rows := buttons(r.QuickReplies, r.Turn); len(rows) > 0 {
		out[len(out)-1].Components = rows
	}
	return out
}

// urgentMsg is an emergency or crisis answer: the number to call in bold
// first (push notifications show only the text), then the answer as an embed.
func urgentMsg(m engine.Message) outMsg {
	colour := colourEmergency
	if m.Kind == engine.KindCrisis {
		colour = colourCrisis
	}
	e := &dg.MessageEmbed{Description: clip(m.Text, maxEmbedDesc), Color: colour}
	var call string
	for i, s := range m.Services {
		if s.Phone != "" && call == "" {
			call = s.Name
			if !strings.Contains(s.Name, s.Phone) {
				call += ": " + s.Phone
			}
			if i == 0 {
				continue // the title already says it
			}
		}
		e.Fields = append(e.Fields, &dg.MessageEmbedField{Name: clip(s.Name, maxEmbedTitle), Value: clip(serviceLines(s), maxFieldValue)})
	}
	if len(e.Fields) > 25 {
		e.Fields = e.Fields[:25]
	}
	msg := outMsg{Embeds: []*dg.MessageEmbed{e}, urgent: true}
	if call != "" {
		e.Title = clip("📞 "+call, maxEmbedTitle)
		msg.Content = "🚨 **" + call + "**"
	} else {
		msg.Content = "🚨 **" + firstLine(m.Text) + "**"
	}
	return msg
}

func serviceEmbed(s engine.ServiceCard) *dg.MessageEmbed {
	return &dg.MessageEmbed{Title: clip(s.Name, maxEmbedTitle), URL: s.URL, Description: clip(serviceLines(s), maxEmbedDesc), Color: colourService}
}

func serviceLines(s engine.ServiceCard) string {
	var lines []string
	if s.Phone != "" {
		lines = append(lines, "📞 "+s.Phone)
	}
	if s.SMS != "" {
		// A text-only service is texted, never called.
		lines = append(lines, "💬 "+s.SMSLabel)
	}
	if s.Address != "" {
		lines = append(lines, s.Address)
	}
	if s.Status != "" {
		lines = append(lines, s.Status)
	}
	if s.URL != "" {
		lines = append(lines, s.URL)
	}
	if len(lines) == 0 {
		return "\u200b" // Discord refuses an empty field
	}
	return strings.Join(lines, "\n")
}

// buttons lays quick replies out as rows of up to five buttons.
func buttons(qs []engine.QuickReply, turn int) []dg.MessageComponent {
	var rows []dg.MessageComponent
	var row dg.ActionsRow
	for i, q := range qs {
		if i == maxButtons {
			break
		}
		id := buttonID(turn, q.Payload)
		if len(id) > maxCustomID {
			continue // a payload Discord cannot carry is better left out than cut
		}
		row.Components = append(row.Components, dg.Button{Label: clip(q.Title, maxButtonLabel), Style: dg.SecondaryButton, CustomID: id})
		if len(row.Components) == 5 {
			rows = append(rows, row)
			row = dg.ActionsRow{}
		}
	}
	if len(row.Components) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// splitLong keeps a message within Discord's limits: text over 2000
// characters is split at paragraph or line breaks, and embeds go ten to a
// message.
func splitLong(m outMsg) []outMsg {
	var out []outMsg
	text := m.Content
	for utf8.RuneCountInString(text) > maxContent {
		cut := cutAt(text, maxContent)
		out = append(out, outMsg{Content: strings.TrimSpace(text[:cut])})
		text = strings.TrimSpace(text[cut:])
	}
	last := outMsg{Content: text, urgent: m.urgent}
	embeds := m.Embeds
	for len(embeds) > maxEmbeds {
		last.Embeds = embeds[:maxEmbeds]
		out = append(out, last)
		last = outMsg{}
		embeds = embeds[maxEmbeds:]
	}
	last.Embeds = embeds
	return append(out, last)
}

// cutAt finds a byte index at most n runes in, preferring a paragraph break,
// then a line break, then a space.
func cutAt(s string, n int) int {
	limit := len(s)
	if i := runeIndex(s, n); i < limit {
		limit = i
	}
	for _, sep := range []string{"\n\n", "\n", " "} {
		if i := strings.LastIndex(s[:limit], sep); i > 0 {
			return i
		}
	}
	return limit
}

func runeIndex(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return s[:runeIndex(s, n-1)] + "…"
}

func firstLine(s string) string {
	if i := strings.IndexAny(s, ".\n"); i > 0 {
		return s[:i]
	}
	return clip(s, 200)
}
