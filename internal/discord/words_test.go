package discord

import (
	"context"
	"strings"
	"testing"

	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

// The bot's own words are the content's: the bundled content defines them,
// so the copies in the code are never what a person reads.
func TestBotWordsAreContent(t *testing.T) {
	set := contenttest.Bundled(t)
	for _, key := range []string{"discord_first_contact", "discord_no_notice", "too_long"} {
		if !strings.Contains(set.Message(key), "999") {
			t.Errorf("intents/messages.yaml: %s is missing or does not say to call 999: %q", key, set.Message(key))
		}
	}
}

// An edit to the first-contact words reaches the next person to write.
func TestFirstContactWordsFromContent(t *testing.T) {
	set := contenttest.Bundled(t)
	const words = "Signpost here: a computer, not a nurse. In an emergency, call 999."
	set.Messages["discord_first_contact"] = words
	f := newFakeDiscord(t)
	b := startBotWith(t, f, engine.New(set, store.NewMemory(1000, 0)), nil)
	connected(t, f, b)
	f.push("MESSAGE_CREATE", dmEvent("600000000000000101", "700000000000000101", "I have a sore throat"))
	first := decode(t, f.waitREST("POST", dmPath))
	if !strings.Contains(first.Content, words) || strings.Contains(first.Content, defaultFirstContact) {
		t.Errorf("first contact reads %q, want the content's words", first.Content)
	}
}

// A text-only crisis line is offered as a text ("Text SHOUT to 85258"), never
// as a number to call.
func TestTextOnlyServiceIsTextedNotCalled(t *testing.T) {
	set := contenttest.Bundled(t)
	r, err := engine.New(set, store.NewMemory(10, 0)).Handle(context.Background(), engine.Request{Text: "I don't want to be alive any more"})
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, m := range render(r) {
		all.WriteString(m.Content + "\n")
		for _, e := range m.Embeds {
			all.WriteString(e.Title + "\n" + e.Description + "\n")
			for _, f := range e.Fields {
				all.WriteString(f.Name + "\n" + f.Value + "\n")
			}
		}
	}
	out := all.String()
	if !strings.Contains(out, "💬 Text SHOUT to 85258") {
		t.Errorf("the crisis answer does not offer Shout as a text:\n%s", out)
	}
	if strings.Contains(out, "📞 85258") || strings.Contains(out, "Call 85258") {
		t.Errorf("Shout is shown as a number to call:\n%s", out)
	}
}
