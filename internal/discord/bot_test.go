package discord

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	dg "github.com/bwmarrin/discordgo"

	"github.com/nhs-signpost/signpost/internal/apitest"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/engine"
	"github.com/nhs-signpost/signpost/internal/store"
)

func newEngine(t *testing.T) *engine.Engine {
	t.Helper()
	set := contenttest.Bundled(t)
	return engine.New(set, store.NewMemory(1000, 0))
}

// startBot runs a bot on the bundled content against the fake Discord f;
// mod, if not nil, changes its configuration. It is closed when the test
// ends.
func startBot(t *testing.T, f *fakeDiscord, mod func(*Config)) *Bot {
	t.Helper()
	return startBotWith(t, f, newEngine(t), mod)
}

// startBotWith is startBot on the engine eng.
func startBotWith(t *testing.T, f *fakeDiscord, eng *engine.Engine, mod func(*Config)) *Bot {
	t.Helper()
	cfg := Config{Token: "test-token", HTTPClient: f.client(), Channels: []string{"500000000000000001"},
		ReconnectMin: 50 * time.Millisecond, ReconnectMax: 200 * time.Millisecond}
	if mod != nil {
		mod(&cfg)
	}
	b, err := New(cfg, eng, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Start(context.Background())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = b.Close(ctx)
	})
	return b
}

// connectedBot is startBot against a new fake Discord, once the bot has
// identified and is ready.
func connectedBot(t *testing.T, mod func(*Config)) (*fakeDiscord, *Bot) {
	t.Helper()
	f := newFakeDiscord(t)
	b := startBot(t, f, mod)
	connected(t, f, b)
	return f, b
}

func connected(t *testing.T, f *fakeDiscord, b *Bot) {
	t.Helper()
	if op := f.waitGateway(); op.Op != 2 {
		t.Fatalf("first gateway op = %d, want identify (2)", op.Op)
	}
	apitest.Eventually(t, "ready", b.Ready)
}

// sent is a message as Discord received it.
type sent struct {
	Content    string
	Embeds     []map[string]any
	Components []map[string]any
	Flags      float64
	Reference  map[string]any
}

func decode(t *testing.T, c restCall) sent {
	t.Helper()
	raw, _ := json.Marshal(c.Body)
	var s struct {
		Content    string           `json:"content"`
		Embeds     []map[string]any `json:"embeds"`
		Components []map[string]any `json:"components"`
		Flags      float64          `json:"flags"`
		Reference  map[string]any   `json:"message_reference"`
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	return sent{s.Content, s.Embeds, s.Components, s.Flags, s.Reference}
}

func (s sent) buttons() map[string]string {
	out := map[string]string{}
	for _, row := range s.Components {
		cs, _ := row["components"].([]any)
		for _, c := range cs {
			m := c.(map[string]any)
			out[m["label"].(string)] = m["custom_id"].(string)
		}
	}
	return out
}

func (s sent) text() string {
	var b strings.Builder
	b.WriteString(s.Content)
	for _, e := range s.Embeds {
		for _, k := range []string{"title", "description"} {
			if v, ok := e[k].(string); ok {
				b.WriteString("\n" + v)
			}
		}
	}
	return b.String()
}

const dmPath = "/channels/300000000000000001/messages"

func TestDirectMessageGetsReplyWithButtons(t *testing.T) {
	f, _ := connectedBot(t, nil)

	f.push("MESSAGE_CREATE", dmEvent("600000000000000001", "700000000000000001", "I have a sore throat"))
	first := decode(t, f.waitREST("POST", dmPath))
	if !strings.Contains(first.Content, "not a doctor") {
		t.Errorf("first contact should say this is not a doctor; got %q", first.Content)
	}
	q := decode(t, f.waitREST("POST", dmPath))
	if !strings.Contains(q.Content, "struggling to breathe or swallow") {
		t.Fatalf("want the triage question, got %q", q.Content)
	}
	btn := q.buttons()
	if !strings.HasPrefix(btn["Yes"], "sp:") || !strings.HasSuffix(btn["Yes"], ":yes") || !strings.HasSuffix(btn["No"], ":no") {
		t.Fatalf("want Yes/No buttons carrying their turn and payload, got %v", btn)
	}

	// A second message is not greeted again and continues the conversation.
	f.push("MESSAGE_CREATE", dmEvent("600000000000000002", "700000000000000001", "no"))
	ans := decode(t, f.waitREST("POST", dmPath))
	if !strings.Contains(ans.Content, "pharmacist") || strings.Contains(ans.Content, "not a doctor") {
		t.Fatalf("want the pharmacy answer without the first-contact notice, got %q", ans.Content)
	}
	if len(ans.Embeds) == 0 || !strings.Contains(ans.text(), "Find a pharmacy") {
		t.Errorf("want the pharmacy service as an embed, got %+v", ans.Embeds)
	}
}

func TestButtonPressContinuesConversation(t *testing.T) {
	f, _ := connectedBot(t, nil)

	user := "700000000000000002"
	q := firstQuestion(t, f, user, "600000000000000003", "I have a sore throat")
	yes := q.buttons()["Yes"]

	f.push("INTERACTION_CREATE", press("800000000000000001", "press-token", user, q, yes))
	cb := f.waitREST("POST", "/interactions/800000000000000001/press-token/callback")
	data, _ := cb.Body["data"].(map[string]any)
	comps, _ := data["components"].([]any)
	content, _ := data["content"].(string)
	if cb.Body["type"] != float64(7) || comps == nil || len(comps) != 0 || !strings.Contains(content, "breathe") || !strings.Contains(content, "Yes") {
		t.Fatalf("want the pressed message updated in place (type 7): its question kept, the answer shown, the buttons gone; got %v", cb.Body)
	}
	edit := decode(t, f.waitREST("POST", "/webhooks/"+fakeAppID+"/press-token"))
	if !strings.Contains(edit.text(), "A&E") {
		t.Fatalf("pressing Yes to breathing trouble should send to A&E, got %q", edit.text())
	}
	if col, _ := edit.Embeds[0]["color"].(float64); int(col) != colourEmergency {
		t.Errorf("the A&E answer should be a red embed, got colour %v", edit.Embeds[0]["color"])
	}
}

func TestSlashCommandEmergencyFirst(t *testing.T) {
	f, _ := connectedBot(t, nil)

	f.push("INTERACTION_CREATE", map[string]any{
		"id": "800000000000000002", "application_id": fakeAppID, "type": 2, "token": "slash-token", "version": 1,
		"guild_id": "400000000000000001", "channel_id": "500000000000000009",
		"member": map[string]any{"user": map[string]any{"id": "700000000000000003", "username": "patient"}},
		"data": map[string]any{"id": "900000000000000001", "name": "signpost", "type": 1,
			"options": []any{map[string]any{"name": "message", "type": 3, "value": "her face is drooping on one side"}}},
	})
	cb := f.waitREST("POST", "/interactions/800000000000000002/slash-token/callback")
	data, _ := cb.Body["data"].(map[string]any)
	if cb.Body["type"] != float64(5) || data["flags"] != float64(64) {
		t.Fatalf("want a deferred, ephemeral response in a server; got %v", cb.Body)
	}
	first := decode(t, f.waitREST("PATCH", "/webhooks/"+fakeAppID+"/slash-token/messages/@original"))
	if len(first.Embeds) != 1 || int(first.Embeds[0]["color"].(float64)) != colourEmergency {
		t.Fatalf("the emergency answer must come first as a red embed, got %+v", first)
	}
	if !strings.Contains(first.Embeds[0]["title"].(string), "999") || !strings.Contains(first.Content, "999") {
		t.Errorf("the emergency embed must name the number to call: %+v", first)
	}
	if !strings.Contains(first.text(), "stroke") {
		t.Errorf("want the stroke answer, got %q", first.text())
	}
	// The first-contact notice follows the emergency answer, never before it.
	notice := decode(t, f.waitREST("POST", "/webhooks/"+fakeAppID+"/slash-token"))
	if !strings.Contains(notice.Content, "not a doctor") || notice.Flags != 64 {
		t.Errorf("want the ephemeral first-contact notice after the emergency, got %+v", notice)
	}
}

func TestEmergencyDirectMessageComesFirst(t *testing.T) {
	f, _ := connectedBot(t, nil)
	f.push("MESSAGE_CREATE", dmEvent("600000000000000004", "700000000000000004", "her face is drooping on one side"))
	first := decode(t, f.waitREST("POST", dmPath))
	if len(first.Embeds) == 0 || int(first.Embeds[0]["color"].(float64)) != colourEmergency || !strings.Contains(first.text(), "Call 999") {
		t.Fatalf("the first message must be the red 999 embed, got %+v", first)
	}
}

func TestStatusAndRestartCommands(t *testing.T) {
	f, _ := connectedBot(t, nil)
	user := map[string]any{"id": "700000000000000005", "username": "patient"}

	f.push("INTERACTION_CREATE", map[string]any{"id": "800000000000000003", "application_id": fakeAppID, "type": 2,
		"token": "status-token", "version": 1, "channel_id": "300000000000000001", "user": user,
		"data": map[string]any{"id": "900000000000000002", "name": "status", "type": 1}})
	f.waitREST("POST", "/interactions/800000000000000003/status-token/callback")
	st := decode(t, f.waitREST("PATCH", "/webhooks/"+fakeAppID+"/status-token/messages/@original"))
	if !strings.Contains(st.text(), "major IT problem") {
		t.Fatalf("/status should show the incident notice, got %q", st.text())
	}

	// Start a flow, restart, then "no" is no longer an answer to the question.
	f.push("MESSAGE_CREATE", dmEvent("600000000000000005", "700000000000000005", "I have a sore throat"))
	f.waitREST("POST", dmPath)
	f.waitREST("POST", dmPath)
	f.push("INTERACTION_CREATE", map[string]any{"id": "800000000000000004", "application_id": fakeAppID, "type": 2,
		"token": "restart-token", "version": 1, "channel_id": "300000000000000001", "user": user,
		"data": map[string]any{"id": "900000000000000003", "name": "restart", "type": 1}})
	f.waitREST("POST", "/interactions/800000000000000004/restart-token/callback")
	rs := decode(t, f.waitREST("PATCH", "/webhooks/"+fakeAppID+"/restart-token/messages/@original"))
	if !strings.Contains(rs.Content, "start again") {
		t.Fatalf("/restart should confirm, got %q", rs.Content)
	}
	f.push("MESSAGE_CREATE", dmEvent("600000000000000006", "700000000000000005", "no"))
	after := decode(t, f.waitREST("POST", dmPath))
	if strings.Contains(after.Content, "pharmacist") {
		t.Fatalf("after /restart the old question should be forgotten, got %q", after.Content)
	}
}

func TestMentionsOnlyInAllowedChannels(t *testing.T) {
	f, _ := connectedBot(t, nil)
	// Not allowed here, and not mentioned here: both ignored.
	f.push("MESSAGE_CREATE", guildMessage("600000000000000007", "500000000000000002", "700000000000000006", "I have a sore throat", true))
	f.push("MESSAGE_CREATE", guildMessage("600000000000000008", "500000000000000001", "700000000000000006", "I have a sore throat", false))
	// Allowed and mentioned: answered, as a reply to the message.
	f.push("MESSAGE_CREATE", guildMessage("600000000000000009", "500000000000000001", "700000000000000006", "I have a sore throat", true))
	first := decode(t, f.waitREST("POST", "/channels/500000000000000001/messages"))
	if first.Reference["message_id"] != "600000000000000009" {
		t.Errorf("want a reply to the mention, got reference %v", first.Reference)
	}
	q := decode(t, f.waitREST("POST", "/channels/500000000000000001/messages"))
	if !strings.Contains(q.Content, "breathe") {
		t.Errorf("want the question, got %q", q.Content)
	}
	if n := len(f.calls("POST", "/channels/500000000000000002")); n != 0 {
		t.Errorf("a channel not in SIGNPOST_DISCORD_CHANNELS got %d replies", n)
	}
	if n := len(f.calls("POST", "/channels/500000000000000001/messages")); n != 2 {
		t.Errorf("want exactly the 2 messages for the one mention, got %d", n)
	}
}

func TestOnePersonsMessagesAnsweredInOrder(t *testing.T) {
	f, _ := connectedBot(t, func(c *Config) { c.Channels = nil })
	user := "700000000000000007"
	// Sent back to back: "no" only makes sense after the question.
	f.push("MESSAGE_CREATE", dmEvent("600000000000000010", user, "I have a sore throat"))
	f.push("MESSAGE_CREATE", dmEvent("600000000000000011", user, "no"))
	var got []string
	for i := 0; i < 3; i++ {
		got = append(got, decode(t, f.waitREST("POST", dmPath)).Content)
	}
	if !strings.Contains(got[1], "breathe") || !strings.Contains(got[2], "pharmacist") {
		t.Fatalf("replies out of order: %q", got)
	}
}

func TestCommandsRegisteredAtStart(t *testing.T) {
	f, _ := connectedBot(t, nil)
	c := f.waitREST("PUT", "/applications/"+fakeAppID+"/commands")
	var cmds []struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal(c.Raw, &cmds); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cmds {
		names = append(names, c.Name)
	}
	if strings.Join(names, ",") != "signpost,status,restart" {
		t.Fatalf("registered commands = %v", names)
	}
}

func TestReconnectsAfterDroppedConnection(t *testing.T) {
	f, b := connectedBot(t, nil)
	f.drop()
	op := f.waitGateway()
	if op.Op != 6 {
		t.Fatalf("after a drop want a resume (op 6), got op %d", op.Op)
	}
	var resume struct {
		SessionID string `json:"session_id"`
		Token     string `json:"token"`
	}
	_ = json.Unmarshal(op.Data, &resume)
	if resume.SessionID != "fake-session" || resume.Token != "Bot test-token" {
		t.Errorf("resume should carry the session and token, got session %q", resume.SessionID)
	}
	f.push("MESSAGE_CREATE", dmEvent("600000000000000012", "700000000000000008", "her face is drooping on one side"))
	first := decode(t, f.waitREST("POST", dmPath))
	if !strings.Contains(first.text(), "999") {
		t.Fatalf("after reconnecting messages should be answered, got %q", first.text())
	}
	if !b.Ready() {
		t.Error("ready should be true after reconnecting")
	}
}

func TestRateLimitedReplyIsRetriedNotDropped(t *testing.T) {
	f := newFakeDiscord(t)
	f.limit429 = 2
	b := startBot(t, f, nil)
	connected(t, f, b)
	f.push("MESSAGE_CREATE", dmEvent("600000000000000013", "700000000000000009", "her face is drooping on one side"))
	first := decode(t, f.waitREST("POST", dmPath))
	if !strings.Contains(first.text(), "999") {
		t.Fatalf("want the emergency reply once the rate limit passed, got %q", first.text())
	}
	var limited int
	for _, c := range f.calls("POST", dmPath) {
		if c.Status == 429 {
			limited++
		}
	}
	if limited != 2 {
		t.Errorf("want 2 refused attempts before success, got %d", limited)
	}
}

func TestFatalCloseCodeIsReportedNotRetried(t *testing.T) {
	f := newFakeDiscord(t)
	f.closeWith = 4004
	b := startBot(t, f, nil)
	if op := f.waitGateway(); op.Op != 2 {
		t.Fatalf("want identify, got op %d", op.Op)
	}
	select {
	case <-b.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the bot kept going after close code 4004")
	}
	var fe *FatalError
	if !errors.As(b.Err(), &fe) || fe.Code != 4004 {
		t.Fatalf("want a fatal 4004 error, got %v", b.Err())
	}
	if b.Ready() {
		t.Error("ready must be false after a fatal close code")
	}
	select {
	case op := <-f.gwCh:
		t.Fatalf("the bot identified again (op %d) after a fatal close code", op.Op)
	case <-time.After(300 * time.Millisecond): // several reconnect intervals (50 ms minimum)
	}
}

// brokenStore fails every call, like a Redis that has gone away.
type brokenStore struct{}

func (brokenStore) Update(context.Context, string, func(*engine.State, bool) error) error {
	return errors.New("store down")
}
func (brokenStore) Save(context.Context, string, engine.State) error { return errors.New("store down") }
func (brokenStore) Delete(context.Context, string) error             { return errors.New("store down") }

type brokenLinks struct{}

func (brokenLinks) Get(context.Context, string) (string, bool, error) {
	return "", false, errors.New("links down")
}
func (brokenLinks) Put(context.Context, string, string) error { return errors.New("links down") }

func TestBrokenStoresStillAnswer(t *testing.T) {
	f := newFakeDiscord(t)
	b := startBotWith(t, f, engine.New(contenttest.Bundled(t), brokenStore{}), func(c *Config) { c.Links = brokenLinks{} })
	connected(t, f, b)

	f.push("MESSAGE_CREATE", dmEvent("600000000000000014", "700000000000000010", "her face is drooping on one side"))
	if got := decode(t, f.waitREST("POST", dmPath)); !strings.Contains(got.text(), "999") {
		t.Fatalf("with the stores down an emergency still gets 999, got %q", got.text())
	}
	f.push("MESSAGE_CREATE", dmEvent("600000000000000015", "700000000000000010", "I have a sore throat"))
	if got := decode(t, f.waitREST("POST", dmPath)); !strings.Contains(got.text(), "pharmac") {
		t.Fatalf("with the stores down a simple question is still answered, got %q", got.text())
	}
}

func TestRenderKeepsWithinDiscordLimits(t *testing.T) {
	long := strings.Repeat("Drink plenty of fluids and rest. ", 150) // ~4,950 characters
	var qs []engine.QuickReply
	for i := 0; i < 30; i++ {
		qs = append(qs, engine.QuickReply{Title: strings.Repeat("x", 100), Payload: content.IntentPayload("a")})
	}
	var cards []engine.ServiceCard
	for i := 0; i < 12; i++ {
		cards = append(cards, engine.ServiceCard{Name: "Pharmacy", Phone: "0151 000 0000"})
	}
	out := render(engine.Reply{Messages: []engine.Message{{Text: long, Kind: engine.KindAnswer, Services: cards}}, QuickReplies: qs})
	var text strings.Builder
	embeds := 0
	for _, m := range out {
		if n := len([]rune(m.Content)); n > maxContent {
			t.Errorf("message of %d characters", n)
		}
		if len(m.Embeds) > maxEmbeds {
			t.Errorf("message with %d embeds", len(m.Embeds))
		}
		embeds += len(m.Embeds)
		text.WriteString(m.Content + " ")
	}
	if got := strings.Count(text.String(), "Drink plenty"); got != 150 {
		t.Errorf("text lost in splitting: %d of 150 sentences", got)
	}
	if embeds != 12 {
		t.Errorf("want all 12 service cards, got %d", embeds)
	}
	last := out[len(out)-1]
	if len(last.Components) != 5 {
		t.Errorf("want 5 rows of buttons (Discord's maximum), got %d", len(last.Components))
	}
	for _, row := range last.Components {
		for _, c := range row.(dg.ActionsRow).Components {
			if l := len([]rune(c.(dg.Button).Label)); l > maxButtonLabel {
				t.Errorf("button label of %d characters", l)
			}
		}
	}
}

// firstQuestion starts a conversation by direct message and returns the
// question that follows the first-contact notice.
func firstQuestion(t *testing.T, f *fakeDiscord, user, msgID, text string) sent {
	t.Helper()
	f.push("MESSAGE_CREATE", dmEvent(msgID, user, text))
	f.waitREST("POST", dmPath) // first contact
	return decode(t, f.waitREST("POST", dmPath))
}

// press is a button press on a message the bot sent, as Discord sends it.
func press(id, token, user string, on sent, customID string) map[string]any {
	return map[string]any{
		"id": id, "application_id": fakeAppID, "type": 3, "token": token, "version": 1,
		"channel_id": "300000000000000001", "user": map[string]any{"id": user, "username": "patient"},
		"message": map[string]any{"id": "200000000000000001", "channel_id": "300000000000000001", "content": on.Content,
			"components": on.Components},
		"data": map[string]any{"custom_id": customID, "component_type": 2},
	}
}

// An old button (the first question's "No", pressed again after the second
// question came) does not answer the question showing now: the person is
// told, and gets the current question again.
func TestOldButtonGetsTheCurrentQuestion(t *testing.T) {
	f, _ := connectedBot(t, nil)
	user := "700000000000000011"
	q1 := firstQuestion(t, f, user, "600000000000000020", "I have a headache")
	oldNo := q1.buttons()["No"]

	f.push("INTERACTION_CREATE", press("800000000000000010", "t1", user, q1, oldNo))
	f.waitREST("POST", "/interactions/800000000000000010/t1/callback")
	q2 := decode(t, f.waitREST("POST", "/webhooks/"+fakeAppID+"/t1"))
	if q2.Content == q1.Content || q2.buttons()["No"] == oldNo || q2.buttons()["No"] == "" {
		t.Fatalf("the first No should bring the second question with new buttons, got %q %v", q2.Content, q2.buttons())
	}

	f.push("INTERACTION_CREATE", press("800000000000000011", "t2", user, q1, oldNo))
	// The old message too is updated in place (type 7), losing its buttons.
	if cb := f.waitREST("POST", "/interactions/800000000000000011/t2/callback"); cb.Body["type"] != float64(7) {
		t.Errorf("an old button press: want the type 7 update, got %v", cb.Body)
	} else if data, _ := cb.Body["data"].(map[string]any); data == nil || data["components"] == nil || len(data["components"].([]any)) != 0 {
		t.Errorf("an old button press: want its message's buttons gone, got %v", cb.Body)
	}
	again := decode(t, f.waitREST("POST", "/webhooks/"+fakeAppID+"/t2"))
	if !strings.Contains(again.Content, "moved on") || !strings.Contains(again.Content, q2.Content) || again.buttons()["No"] == "" {
		t.Fatalf("an old button: want 'moved on' and the second question again with buttons, got %q %v", again.Content, again.buttons())
	}

	// The current button answers the current question.
	f.push("INTERACTION_CREATE", press("800000000000000012", "t3", user, again, again.buttons()["No"]))
	f.waitREST("POST", "/interactions/800000000000000012/t3/callback")
	q3 := decode(t, f.waitREST("POST", "/webhooks/"+fakeAppID+"/t3"))
	if q3.Content == q2.Content || strings.Contains(q3.Content, "moved on") {
		t.Fatalf("the current No should bring the third question, got %q", q3.Content)
	}
}

// The whole message is screened: an emergency after 2,000 bytes (or
// characters) is answered, and a long message without one is asked for in
// fewer words rather than cut.
func TestLongDirectMessageIsScreenedWhole(t *testing.T) {
	f, _ := connectedBot(t, nil)
	worry := strings.Repeat("I’m really worried, he’s been odd all afternoon and we didn’t know what to do. ", 30)
	f.push("MESSAGE_CREATE", dmEvent("600000000000000030", "700000000000000012", worry+"Now his face has dropped on one side and he can’t speak."))
	first := decode(t, f.waitREST("POST", dmPath))
	if len(first.Embeds) == 0 || int(first.Embeds[0]["color"].(float64)) != colourEmergency || !strings.Contains(first.text(), "999") {
		t.Fatalf("an emergency at the end of a long message must get the 999 answer first, got %+v", first)
	}
	if notice := decode(t, f.waitREST("POST", dmPath)); !strings.Contains(notice.Content, "not a doctor") {
		t.Fatalf("want the first-contact notice after the emergency, got %q", notice.Content)
	}
	f.push("MESSAGE_CREATE", dmEvent("600000000000000031", "700000000000000013", worry))
	if notice := decode(t, f.waitREST("POST", dmPath)); !strings.Contains(notice.Content, "not a doctor") {
		t.Fatalf("want the first-contact notice, got %q", notice.Content)
	}
	if got := decode(t, f.waitREST("POST", dmPath)); !strings.Contains(got.Content, "fewer words") {
		t.Fatalf("a long message without an emergency: want a request to shorten it, got %q", got.Content)
	}
}
