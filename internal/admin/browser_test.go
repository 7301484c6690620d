package admin

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/nhs-signpost/signpost/internal/browsertest"
	"github.com/nhs-signpost/signpost/internal/redistest"
)

// go test ./internal/admin -run TestAdminPageInChromium -screenshots ../../docs/screenshots
var screenshotDir = flag.String("screenshots", "", "write the admin page's screenshots (for docs/content.md#during-an-incident-a-guide-for-the-comms-team) to this directory")

// The admin page driven in real headless Chromium, under the same strict
// CSP it is served with: sign in, read the state, publish a notice,
// preview a reply. It also takes the guide's screenshots.
func TestAdminPageInChromium(t *testing.T) {
	s := newServer(t, NewMemoryStore(Options{}), true)
	ctx := context.Background()
	// Some traffic and history, as during an incident.
	for _, m := range []string{"is my appointment still going ahead", "has my clinic been cancelled", "is my appointment still going ahead",
		"I have a sore throat", "sore throat", "where can I park at Arrowe Park", "my name is Jane Smith, is the blood test clinic open"} {
		say(t, s.eng, m)
	}
	// And some "Was this helpful?" answers.
	for i, v := range []bool{true, false, false, true, false} {
		intent := "appointment_cancelled"
		if i == 0 {
			intent = "sore_throat"
		}
		if err := s.fb.Record(ctx, intent, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.store.SetNotice(ctx, "Priya (comms)", Notice{Text: "Our hospitals have a major IT problem. Outpatient appointments today are cancelled unless we have contacted you. A&E is for emergencies only.", Severity: "critical"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.store.Publish(ctx, "Priya (comms)", "fallback_topics", "Here is what I can help with during the IT problems.", "Here are some things I can help with."); err != nil {
		t.Fatal(err)
	}

	bctx := browsertest.Tab(t, 60*time.Second, chromedp.WindowSize(1200, 900))

	shot := func(name string) {
		t.Helper()
		if *screenshotDir == "" {
			return
		}
		b, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(*screenshotDir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	must("open the page", chromedp.Do(bctx, chromedp.Navigate(s.http.URL+"/admin"), chromedp.WaitVisible(chromedp.ID("token"))))
	shot("admin-signin.png")

	// A wrong token is refused on the page.
	must("wrong token", chromedp.Do(bctx,
		chromedp.SendKeys(chromedp.ID("token"), "not-the-right-token-at-all"),
		chromedp.Click(chromedp.CSS("#signin-form button"))))
	must("wrong token message", chromedp.Do(bctx, void(chromedp.Poll[bool](`document.getElementById("signin-error").textContent.includes("token")`))))

	must("sign in", chromedp.Do(bctx,
		void(chromedp.Evaluate[bool](`document.getElementById("token").value = ""; true`)),
		chromedp.SendKeys(chromedp.ID("token"), priyaToken),
		chromedp.Click(chromedp.CSS("#signin-form button")),
		chromedp.WaitVisible(chromedp.ID("app")),
		void(chromedp.Poll[bool](`document.querySelectorAll("#audit tbody tr").length >= 2 && document.querySelectorAll("#versions tbody tr").length >= 1`))))
	who, err := chromedp.Run(bctx, chromedp.Text(chromedp.ID("who")))
	must("who", err)
	if !strings.Contains(who, "Priya (comms)") {
		t.Errorf("the page should name the token's owner, not the typed name: %q", who)
	}
	now, err := chromedp.Run(bctx, chromedp.Text(chromedp.ID("notice-now")))
	must("notice text", err)
	if !strings.Contains(now, "major IT problem") {
		t.Errorf("the page shows the notice as %q", now)
	}
	// The feedback table: per topic, by title, the least helpful first.
	fb, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#feedback tbody tr")).map(r => Array.from(r.cells).map(c => c.textContent).join("|"))`))
	must("feedback table", err)
	if len(fb) != 2 || !strings.HasSuffix(fb[0], "(appointment_cancelled)|1|3") || !strings.HasSuffix(fb[1], "(sore_throat)|1|0") {
		t.Errorf("the feedback table reads %q", fb)
	}
	unmatched, err := chromedp.Run(bctx, chromedp.Text(chromedp.ID("unmatched")))
	must("unmatched", err)
	if !strings.Contains(unmatched, "park at Arrowe Park") || strings.Contains(unmatched, "Jane") {
		t.Errorf("unmatched messages on the page: %q", unmatched)
	}
	shot("admin.png")

	// Publish a scheduled notice through the form.
	newNotice := "Clinics at Clatterbridge reopen tomorrow. Check https://www.wuth.nhs.uk for updates."
	must("publish notice", chromedp.Do(bctx,
		chromedp.SendKeys(chromedp.ID("notice-text"), newNotice),
		chromedp.Click(chromedp.CSS("#notice-form button[type=submit]")),
		void(chromedp.Poll[bool](`document.getElementById("notice-msg").textContent.includes("published")`))))
	if n := s.store.State().Notice; n == nil || n.Text != newNotice || n.SetBy != "Priya (comms)" {
		t.Errorf("the form did not publish the notice: %+v", n)
	}

	// Schedule it with UK dates and the 24-hour clock, whatever the
	// browser's own locale: 1 July is in British Summer Time, 1 December not.
	// An impossible date is refused on the page and nothing changes.
	field := func(id, v string) chromedp.Action[chromedp.Void] {
		return void(chromedp.Evaluate[bool](`(function(){var e=document.getElementById("` + id + `"); e.value=` + strconv.Quote(v) + `; return true})()`))
	}
	must("a bad date", chromedp.Do(bctx,
		field("notice-starts-date", "31/02/2030"), field("notice-starts-time", "18:30"),
		chromedp.Click(chromedp.CSS("#notice-form button[type=submit]")),
		void(chromedp.Poll[bool](`document.getElementById("notice-msg").textContent.includes("dd/mm/yyyy")`))))
	if n := s.store.State().Notice; n == nil || !n.StartsAt.IsZero() {
		t.Errorf("a notice with 31/02/2030 was scheduled: %+v", n)
	}
	must("schedule notice", chromedp.Do(bctx,
		field("notice-starts-date", "01/07/2030"), field("notice-starts-time", "18:30"),
		field("notice-expires-date", "01/12/2030"), field("notice-expires-time", "08:05"),
		chromedp.Click(chromedp.CSS("#notice-form button[type=submit]")),
		void(chromedp.Poll[bool](`document.getElementById("notice-msg").textContent.includes("published")`)),
		void(chromedp.Poll[bool](`document.getElementById("notice-now").textContent.includes("Scheduled from 01/07/2030 18:30")`))))
	if n := s.store.State().Notice; n == nil || !n.StartsAt.Equal(time.Date(2030, 7, 1, 17, 30, 0, 0, time.UTC)) ||
		!n.ExpiresAt.Equal(time.Date(2030, 12, 1, 8, 5, 0, 0, time.UTC)) {
		t.Errorf("scheduled from 01/07/2030 18:30 to 01/12/2030 08:05 UK time, the store holds %+v", n)
	}
	must("publish at once again", chromedp.Do(bctx,
		field("notice-starts-date", ""), field("notice-starts-time", ""), field("notice-expires-date", ""), field("notice-expires-time", ""),
		chromedp.Click(chromedp.CSS("#notice-form button[type=submit]")),
		void(chromedp.Poll[bool](`!document.getElementById("notice-now").textContent.includes("Scheduled")`))))

	// A draft belongs to its topic: choosing another topic empties the box,
	// and coming back brings the draft back.
	choose := func(id string) chromedp.Action[chromedp.Void] {
		return void(chromedp.Evaluate[bool](`(function(){var s=document.getElementById("intent"); s.value="` + id + `"; s.dispatchEvent(new Event("change")); return true})()`))
	}
	draft := "A draft about appointments, not yet published"
	must("draft", chromedp.Do(bctx,
		choose("appointment_cancelled"),
		void(chromedp.Poll[bool](`document.getElementById("intent-content").textContent.includes("appointment")`)),
		chromedp.SendKeys(chromedp.ID("reply-text"), draft),
		choose("sore_throat"),
		void(chromedp.Poll[bool](`document.getElementById("intent-content").textContent.includes("pharmacist")`))))
	if box, err := chromedp.Run(bctx, chromedp.Value(chromedp.ID("reply-text"))); err != nil || box != "" {
		t.Errorf("after choosing another topic the reply box holds %q (%v), want it empty", box, err)
	}
	must("back to the draft", chromedp.Do(bctx, choose("appointment_cancelled"),
		void(chromedp.Poll[bool](`document.getElementById("reply-text").value === `+strconv.Quote(draft)))))

	// Preview a reply: the patient's view, with a problem listed.
	must("preview", chromedp.Do(bctx,
		choose("appointment_cancelled"),
		void(chromedp.Poll[bool](`document.getElementById("intent-content").textContent.includes("contact you to rebook")`)),
		void(chromedp.Evaluate[bool](`document.getElementById("reply-text").value = ""; true`)),
		chromedp.SendKeys(chromedp.ID("reply-text"), "Clinics are running as usual. Check yours at http://www.wuth.nhs.uk/clinics"),
		chromedp.Click(chromedp.ID("reply-preview")),
		chromedp.WaitVisible(chromedp.ID("preview")),
		chromedp.ScrollIntoView(chromedp.ID("replies-h"))))
	msg, err := chromedp.Run(bctx, chromedp.Text(chromedp.ID("reply-msg")))
	must("reply message", err)
	if !strings.Contains(msg, "https://") {
		t.Errorf("the preview does not list the http link problem: %q", msg)
	}
	prev, err := chromedp.Run(bctx, chromedp.Text(chromedp.ID("preview-body")))
	must("preview body", err)
	if !strings.Contains(prev, "Clinics are running as usual") || !strings.Contains(prev, "Clatterbridge reopen tomorrow") {
		t.Errorf("preview: %q", prev)
	}
	if _, ok := s.store.State().Overrides["appointment_cancelled"]; ok {
		t.Error("a preview was published")
	}
	shot("admin-preview.png")

	// Fix the link and publish, twice, then roll back to the first version,
	// all from the page. Each confirmation stays on the page after the page
	// has reloaded its data (the versions table shows the change), until the
	// next action.
	publish := func(text string, version string) {
		t.Helper()
		must("publish "+version, chromedp.Do(bctx,
			void(chromedp.Evaluate[bool](`document.getElementById("reply-text").value = ""; true`)),
			chromedp.SendKeys(chromedp.ID("reply-text"), text),
			chromedp.Click(chromedp.ID("reply-publish")),
			void(chromedp.Poll[bool](`document.getElementById("intent-live").textContent.includes("version `+version+`") && document.getElementById("versions").textContent.includes("`+version+` (live)")`))))
		confirmationStays(t, bctx, "Published as version "+version+".")
		if hidden, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.getElementById("preview").hidden`)); err != nil || !hidden {
			t.Errorf("after publishing version %s the draft's preview is still shown (%v)", version, err)
		}
	}
	v1 := "Clinics are running as usual. Check yours at https://www.wuth.nhs.uk/clinics"
	publish(v1, "1")
	publish("Clinics reopen on Monday. We will text you a new time.", "2")
	must("roll back", chromedp.Do(bctx,
		void(chromedp.Poll[bool](`document.querySelectorAll("#versions button").length === 1`)),
		chromedp.Click(chromedp.CSS("#versions button")),
		void(chromedp.Poll[bool](`document.getElementById("intent-live").textContent.includes("version 1") && document.getElementById("versions").textContent.includes("1 (live)")`))))
	confirmationStays(t, bctx, "Rolled back: version 1 is live again.")
	if text, ok := s.store.Reply("appointment_cancelled"); !ok || text != v1 {
		t.Errorf("after rolling back on the page the live reply is %q", text)
	}
	if got := say(t, s.eng, apptQ); !strings.Contains(got, v1) {
		t.Errorf("patients see %q", got)
	}
	if *screenshotDir != "" {
		b, err := chromedp.Run(bctx, chromedp.Screenshot(chromedp.CSS("#app > section:nth-of-type(2)")))
		must("replies screenshot", err)
		must("write", os.WriteFile(filepath.Join(*screenshotDir, "admin-replies.png"), b, 0o644))
	}

	// Back to the content file's reply: that confirmation stays too.
	must("use the content file's reply", chromedp.Do(bctx,
		chromedp.Click(chromedp.ID("reply-clear")),
		void(chromedp.Poll[bool](`document.getElementById("intent-live").textContent.includes("the content file's reply")`))))
	confirmationStays(t, bctx, "Rolled back to the content file's reply.")
	if _, ok := s.store.Reply("appointment_cancelled"); ok {
		t.Error("after using the content file's reply an override is still live")
	}
}

// confirmationStays checks that the reply form's confirmation reads want,
// and still does after a while with the page idle: nothing but the next
// action clears it.
func confirmationStays(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	for range 3 {
		got, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("reply-msg")))
		if err != nil {
			t.Fatalf("reading the confirmation: %v", err)
		}
		if got != want {
			t.Fatalf("the confirmation reads %q, want %q", got, want)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// void drops an action's value, so it can run in a chromedp.Do sequence.
func void[T any](a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := a(ctx, t)
		return chromedp.Void{}, err
	}
}

// A replica starting on an empty store with no copy: the admin page, in
// Chromium, shows the content file's notice as the one showing and says
// the store holds no published notice.
func TestAdminPageSaysTheStoreIsEmpty(t *testing.T) {
	rs := redistest.Start(t)
	s := newServer(t, openRedisStore(t, rs.URL, "test:"+t.Name()+":", Options{}), false)
	bctx := browsertest.Tab(t, 60*time.Second)
	err := chromedp.Do(bctx,
		chromedp.Navigate(s.http.URL+"/admin"),
		chromedp.WaitVisible(chromedp.ID("token")),
		chromedp.SendKeys(chromedp.ID("token"), priyaToken),
		chromedp.Click(chromedp.CSS("#signin-form button")),
		chromedp.WaitVisible(chromedp.ID("app")),
		void(chromedp.Poll[bool](`document.getElementById("notice-now").textContent.includes("No published notice found in the store")`)))
	if err != nil {
		now, _ := chromedp.Run(bctx, chromedp.Text(chromedp.ID("notice-now")))
		t.Fatalf("the page does not say the store is empty: %v; it shows %q", err, now)
	}
	now, err := chromedp.Run(bctx, chromedp.Text(chromedp.ID("notice-now")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(now, "from the content files") || !strings.Contains(now, "major IT problem") {
		t.Errorf("the page should show the content file's notice as the one showing: %q", now)
	}
}
