package discord

import (
	"context"
	"errors"
	"strings"
	"time"

	dg "github.com/bwmarrin/discordgo"

	"github.com/nhs-signpost/signpost/internal/engine"
)

// The bot's own words are content: intents/messages.yaml defines each under
// the key shown, and content always wins. These copies are only a safety net
// for a content set that lacks one (a trust's own, older content), so a
// person is never sent an empty message.
const (
	// discord_first_contact
	defaultFirstContact = "I'm Signpost, an automated helper, not a doctor or a nurse, and I can't see your medical records. " +
		"I keep no copy of what you write, only where our conversation is up to, for a day. " +
		"Messages in a server channel can be read by others there: for anything personal, message me directly. " +
		"In an emergency, call 999."
	// discord_no_notice
	defaultNoNotice = "There is no update from the hospital at the moment. If you need medical help fast, call NHS 111 or go to 111.nhs.uk. In an emergency, call 999."
	// too_long
	defaultTooLong = "That message is too long for me to read in full. Please send it again in fewer words. If it is an emergency, call 999 now."
	// unavailable, as a last resort if the content lacks it
	defaultUnavailable = "Sorry, I'm having trouble right now. If it's an emergency, call 999. If you need medical help fast, call NHS 111 or go to 111.nhs.uk."
)

func (b *Bot) message(key, fallback string) string {
	if t := b.eng.Content().Message(key); t != "" {
		return t
	}
	return fallback
}

// onMessage handles MESSAGE_CREATE: a direct message, or a mention of the
// bot in an allowed channel. It only queues work, in gateway order.
func (b *Bot) onMessage(s *dg.Session, m *dg.MessageCreate) {
	if m.Author == nil || m.Author.Bot || m.Author.System {
		return
	}
	botID, _ := b.botID.Load().(string)
	if m.Author.ID == botID {
		return
	}
	text := m.Content
	var ref *dg.MessageReference
	if m.GuildID != "" {
		if !b.allowed[m.ChannelID] || !mentions(m.Message, botID) {
			return
		}
		text = stripMention(text, botID)
		ref = &dg.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID, FailIfNotExists: new(bool)}
	}
	key := UserKey(b.salt, m.Author.ID)
	channel := m.ChannelID
	ok := b.work.add(key, func() {
		out := b.converse(key, engine.Request{Text: text})
		b.sendToChannel(channel, ref, out)
	})
	if !ok {
		b.log.Warn("discord: too many messages waiting from one person; dropped one")
	}
}

func mentions(m *dg.Message, botID string) bool {
	if botID == "" {
		return false
	}
	for _, u := range m.Mentions {
		if u != nil && u.ID == botID {
			return true
		}
	}
	return false
}

func stripMention(text, botID string) string {
	text = strings.ReplaceAll(text, "<@"+botID+">", " ")
	text = strings.ReplaceAll(text, "<@!"+botID+">", " ")
	return strings.TrimSpace(text)
}

// converse runs one turn for a person: their linked session, the engine,
// the new link, and the first-contact notice for someone new. Whatever
// fails, the person gets an answer that shows the ways to get help.
func (b *Bot) converse(key string, req engine.Request) []outMsg {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(b.ctx), b.cfg.TurnTimeout)
	defer cancel()
	session, known, err := b.links.Get(ctx, key)
	if err != nil {
		b.log.Warn("discord: link store unavailable; starting a new conversation", "err", err)
		known = true // do not repeat the first-contact notice on every message
	}
	req.SessionID = session
	req.Channel = "discord"
	req.Text = strings.TrimSpace(req.Text) // all of it: the engine screens every word, however long
	if req.Text == "" && req.Payload == "" {
		// A bare mention or an empty message: say hello, change nothing.
		out := []outMsg{{Content: b.message("welcome", defaultUnavailable)}}
		if !known {
			_ = b.links.Put(ctx, key, session)
		}
		return out
	}
	reply, err := b.eng.Handle(ctx, req)
	if errors.Is(err, engine.ErrTooLong) {
		// Screened and no emergency found: ask for it in fewer words.
		out := []outMsg{{Content: b.message("too_long", defaultTooLong)}}
		if !known {
			_ = b.links.Put(ctx, key, session)
			out = withFirstContact(out, b.message("discord_first_contact", defaultFirstContact))
		}
		return out
	}
	if err != nil {
		b.log.Warn("discord: engine gave no answer", "err", err)
		return []outMsg{{Content: b.message("unavailable", defaultUnavailable)}}
	}
	if err := b.links.Put(ctx, key, reply.SessionID); err != nil {
		b.log.Warn("discord: could not save link", "err", err)
	}
	out := render(reply)
	if len(out) == 0 {
		out = []outMsg{{Content: b.message("unavailable", defaultUnavailable)}}
	}
	if !known {
		out = withFirstContact(out, b.message("discord_first_contact", defaultFirstContact))
	}
	return out
}

// withFirstContact puts the notice after any emergency answer (that always
// comes first) and before everything else.
func withFirstContact(out []outMsg, notice string) []outMsg {
	i := 0
	for i < len(out) && out[i].urgent {
		i++
	}
	res := append([]outMsg{}, out[:i]...)
	res = append(res, outMsg{Content: notice})
	return append(res, out[i:]...)
}

// sendToChannel sends the messages in order. discordgo waits out rate limits
// (429 with Retry-After); other failures are retried a few times so that a
// reply is not lost to a blip.
func (b *Bot) sendToChannel(channel string, ref *dg.MessageReference, out []outMsg) {
	s := b.session()
	for i, m := range out {
		send := &dg.MessageSend{Content: m.Content, Embeds: nonNil(m.Embeds), Components: nonNilC(m.Components),
			AllowedMentions: &dg.MessageAllowedMentions{Parse: []dg.AllowedMentionType{}}}
		if i == 0 {
			send.Reference = ref
		}
		b.retry("send message", func() error {
			_, err := s.ChannelMessageSendComplex(channel, send)
			return err
		})
	}
}

func (b *Bot) retry(what string, fn func() error) {
	wait := 500 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := fn()
		if err == nil {
			return
		}
		var rest *dg.RESTError
		if errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode < 500 && rest.Response.StatusCode != 429 {
			b.log.Warn("discord: "+what+" refused", "status", rest.Response.StatusCode)
			return // retrying the same request cannot help
		}
		if attempt == 3 {
			b.log.Error("discord: "+what+" failed", "err", err)
			return
		}
		time.Sleep(wait)
		wait *= 2
	}
}

func nonNil(e []*dg.MessageEmbed) []*dg.MessageEmbed {
	if e == nil {
		return []*dg.MessageEmbed{}
	}
	return e
}

func nonNilC(c []dg.MessageComponent) []dg.MessageComponent {
	if c == nil {
		return []dg.MessageComponent{}
	}
	return c
}

// onInteraction handles slash commands and button presses. It sends the
// deferred response at once (Discord allows 3 seconds), then queues the
// work behind the person's earlier messages and edits in the answer.
func (b *Bot) onInteraction(s *dg.Session, i *dg.InteractionCreate) {
	var user *dg.User
	if i.Member != nil && i.Member.User != nil {
		user = i.Member.User
	} else {
		user = i.User
	}
	if user == nil || user.Bot {
		return
	}
	var work func(key string) []outMsg
	// The first response, sent at once (Discord allows 3 seconds): a deferred
	// answer to a command, or for a button the pressed message updated in
	// place (type 7) with its buttons gone, so that they cannot be pressed
	// again; the answer then follows as new messages.
	first := &dg.InteractionResponse{Type: dg.InteractionResponseDeferredChannelMessageWithSource}
	pressed := false
	switch i.Type {
	case dg.InteractionApplicationCommand:
		data := i.ApplicationCommandData()
		switch data.Name {
		case "signpost":
			text := ""
			for _, o := range data.Options {
				if o.Name == "message" && o.Type == dg.ApplicationCommandOptionString {
					text = o.StringValue()
				}
			}
			work = func(key string) []outMsg { return b.converse(key, engine.Request{Text: text}) }
		case "status":
			work = func(string) []outMsg { return b.status() }
		case "restart":
			work = b.restart
		default:
			return
		}
	case dg.InteractionMessageComponent:
		id := i.MessageComponentData().CustomID
		turn, payload, ok := parseButton(id)
		if !ok {
			return
		}
		work = func(key string) []outMsg { return b.converse(key, engine.Request{Payload: payload, Turn: turn}) }
		first = pressedUpdate(i.Message, id)
		pressed = true
	default:
		return
	}
	var flags dg.MessageFlags
	if i.GuildID != "" {
		flags = dg.MessageFlagsEphemeral // in a server, only the person sees their answer
	}
	key := UserKey(b.salt, user.ID)
	if !pressed {
		// An update keeps the pressed message's own flags (ephemeral or not).
		first.Data = &dg.InteractionResponseData{Flags: flags}
	}
	deferred := make(chan error, 1)
	go func() { deferred <- s.InteractionRespond(i.Interaction, first) }()
	ok := b.work.add(key, func() {
		out := work(key)
		if err := <-deferred; err != nil {
			b.log.Warn("discord: could not acknowledge interaction", "err", err)
			return // the token is not usable; the person sees "interaction failed" and can retry
		}
		b.sendInteraction(s, i.Interaction, flags, out, pressed)
	})
	if !ok {
		b.log.Warn("discord: too many messages waiting from one person; dropped one")
	}
}

// pressedUpdate is the type 7 response to a button press: the message keeps
// its words and cards, gains the answer given, and loses its buttons.
func pressedUpdate(m *dg.Message, customID string) *dg.InteractionResponse {
	data := &dg.InteractionResponseData{Components: []dg.MessageComponent{}, Embeds: []*dg.MessageEmbed{},
		AllowedMentions: &dg.MessageAllowedMentions{Parse: []dg.AllowedMentionType{}}}
	if m != nil {
		data.Content = m.Content
		if m.Embeds != nil {
			data.Embeds = m.Embeds
		}
		if label := buttonLabel(m.Components, customID); label != "" {
			data.Content = clip(strings.TrimSpace(data.Content+"\n\n› **"+label+"**"), maxContent)
		}
	}
	return &dg.InteractionResponse{Type: dg.InteractionResponseUpdateMessage, Data: data}
}

// buttonLabel finds the label of the button with this custom_id.
func buttonLabel(rows []dg.MessageComponent, customID string) string {
	for _, row := range rows {
		r, ok := row.(*dg.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range r.Components {
			if btn, ok := c.(*dg.Button); ok && btn.CustomID == customID {
				return btn.Label
			}
		}
	}
	return ""
}

// sendInteraction edits the deferred response into the first message and
// sends the rest as follow-ups; after a button press (whose message was
// updated in place) every message is a follow-up.
func (b *Bot) sendInteraction(s *dg.Session, in *dg.Interaction, flags dg.MessageFlags, out []outMsg, pressed bool) {
	none := &dg.MessageAllowedMentions{Parse: []dg.AllowedMentionType{}}
	for n, m := range out {
		if n == 0 && !pressed {
			content, embeds, comps := m.Content, nonNil(m.Embeds), nonNilC(m.Components)
			b.retry("edit interaction response", func() error {
				_, err := s.InteractionResponseEdit(in, &dg.WebhookEdit{Content: &content, Embeds: &embeds, Components: &comps, AllowedMentions: none})
				return err
			})
			continue
		}
		params := &dg.WebhookParams{Content: m.Content, Embeds: m.Embeds, Components: nonNilC(m.Components), Flags: flags, AllowedMentions: none}
		b.retry("send follow-up", func() error {
			_, err := s.FollowupMessageCreate(in, true, params)
			return err
		})
	}
}

// status answers /status with the incident notice in force.
func (b *Bot) status() []outMsg {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(b.ctx), b.cfg.TurnTimeout)
	defer cancel()
	n, ok := b.eng.CurrentNotice(ctx)
	if !ok || n.Text == "" {
		return []outMsg{{Content: b.message("discord_no_notice", defaultNoNotice)}}
	}
	e := &dg.MessageEmbed{Title: clip(b.eng.Content().Message("notice_heading"), maxEmbedTitle), Description: clip(n.Text, maxEmbedDesc), Color: colourNotice}
	if n.Updated != "" {
		e.Footer = &dg.MessageEmbedFooter{Text: n.Updated}
	}
	return []outMsg{{Embeds: []*dg.MessageEmbed{e}}}
}

// restart answers /restart: the conversation is forgotten; the person stays
// known, so the first-contact notice is not repeated.
func (b *Bot) restart(key string) []outMsg {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(b.ctx), b.cfg.TurnTimeout)
	defer cancel()
	session, _, err := b.links.Get(ctx, key)
	if err == nil && session != "" {
		if err := b.eng.Forget(ctx, session); err != nil {
			b.log.Warn("discord: could not forget session", "err", err)
		}
	}
	if err := b.links.Put(ctx, key, ""); err != nil {
		b.log.Warn("discord: could not save link", "err", err)
	}
	return []outMsg{{Content: b.message("restarted", "OK, let's start again. What's wrong, or what do you need?")}}
}
