// Signpost admin page. No inline script, no innerHTML with data: every
// value is placed with textContent, so a strict CSP holds.
"use strict";
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var token = sessionStorage.getItem("signpost-admin-token") || "";
  var editor = sessionStorage.getItem("signpost-admin-editor") || "";
  var intents = [];
  var shown = "";   // the topic whose reply form is showing
  var drafts = {};  // unpublished text typed for each topic, kept while the page is open

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  // when writes a time from the API as UK dates do: dd/mm/yyyy hh:mm, London.
  function when(s) { return s ? ukShow(s) : ""; }
  function api(method, path, body) {
    var opts = { method: method, headers: { "Authorization": "Bearer " + token } };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    return fetch("/admin/api/" + path, opts).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (r.status === 401) signOut("That token was not accepted.");
        if (!r.ok) {
          var err = new Error(j.error || ("HTTP " + r.status));
          err.problems = j.problems || [];
          throw err;
        }
        return j;
      });
    });
  }
  function say(box, ok, msg, problems) {
    box.replaceChildren();
    box.className = ok ? "ok" : "error";
    box.appendChild(el("p", msg));
    if (problems && problems.length) {
      var ul = el("ul");
      problems.forEach(function (p) { ul.appendChild(el("li", p)); });
      box.appendChild(ul);
    }
  }
  function signOut(msg) {
    sessionStorage.removeItem("signpost-admin-token");
    token = "";
    $("app").hidden = true;
    $("signin").hidden = false;
    $("signin-error").textContent = msg || "";
  }
  // minutesAhead is how far London's clock is ahead of UTC at instant ms.
  var londonParts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hourCycle: "h23",
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
  function minutesAhead(ms) {
    var p = {};
    londonParts.formatToParts(new Date(ms)).forEach(function (x) { p[x.type] = x.value; });
    return (Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute) - Math.floor(ms / 60000) * 60000) / 60000;
  }
  // ukTime reads a date (dd/mm/yyyy) and a 24-hour time (hh:mm) on London's
  // clock into an ISO instant. Both empty gives undefined; anything else
  // that is not a real date and time throws, with what to type.
  function ukTime(what, date, time) {
    date = date.trim(); time = time.trim();
    if (!date && !time) return undefined;
    var d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date), t = /^(\d{1,2})[:.](\d{2})$/.exec(time || "00:00");
    var bad = new Error(what + ": type the date as dd/mm/yyyy and the time as hh:mm on the 24-hour clock, for example 01/12/2026 and 18:30.");
    if (!d || !t) throw bad;
    var day = +d[1], month = +d[2], year = +d[3], hour = +t[1], minute = +t[2];
    var wall = Date.UTC(year, month - 1, day, hour, minute);
    var check = new Date(wall);
    if (hour > 23 || minute > 59 || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) throw bad;
    var ms = wall - minutesAhead(wall) * 60000;
    ms = wall - minutesAhead(ms) * 60000; // across a clock change
    return new Date(ms).toISOString();
  }
  // ukShow writes an instant as dd/mm/yyyy hh:mm, London time.
  function ukShow(s) {
    var p = {};
    londonParts.formatToParts(new Date(s)).forEach(function (x) { p[x.type] = x.value; });
    return p.day + "/" + p.month + "/" + p.year + " " + p.hour + ":" + p.minute;
  }

  function loadStatus() {
    return api("GET", "status").then(function (s) {
      var line = "Content version " + s.content.version + " · " + s.content.intents + " topics · " + s.content.red_flags + " emergency rules";
      if (s.reload) line += " · content reloaded from " + s.reload.dir + (s.reload.loaded_at ? " at " + when(s.reload.loaded_at) : "");
      $("status-line").textContent = line;
      var re = $("reload-error");
      if (s.reload && s.reload.error) {
        re.hidden = false;
        re.textContent = "The last content edit was refused (" + when(s.reload.failed_at) + "); the previous version is still being served: " + s.reload.error;
      } else { re.hidden = true; }
      var now = $("notice-now");
      now.replaceChildren();
      if (s.notice_showing) {
        now.appendChild(el("p", "Showing now (" + s.notice_showing.severity + (s.notice_showing.from_content ? ", from the content files" : "") + "):", "label"));
        now.appendChild(el("blockquote", s.notice_showing.text, "sev-" + s.notice_showing.severity));
      } else {
        now.appendChild(el("p", "No notice is showing."));
      }
      if (s.state && s.state.note) now.appendChild(el("p", s.state.note, "label"));
      if (s.notice && s.notice.starts_at && new Date(s.notice.starts_at) > new Date()) {
        now.appendChild(el("p", "Scheduled from " + ukShow(s.notice.starts_at) + ": " + s.notice.text));
      }
    });
  }
  function loadIntents() {
    return api("GET", "intents").then(function (j) {
      intents = j.intents;
      var sel = $("intent");
      var keep = sel.value;
      sel.replaceChildren();
      intents.forEach(function (i) {
        var o = el("option", i.title + (i.locked ? " (locked)" : "") + (i.version ? " (changed)" : ""));
        o.value = i.id;
        sel.appendChild(o);
      });
      if (keep) sel.value = keep;
      else {
        // Start on a reply that has been changed, if any: that is what people check first.
        var changed = intents.find(function (i) { return i.version; });
        if (changed) sel.value = changed.id;
      }
      return showIntent();
    });
  }
  function current() { return intents.find(function (i) { return i.id === $("intent").value; }); }
  // showIntent shows the chosen topic. On a new topic the reply box holds
  // that topic's own draft (another topic's text is never published here by
  // mistake) and the last message goes; on a refresh after a change, the
  // confirmation ("Published as version 2") stays until the next action.
  // A change hides the preview, which showed a draft, not what is now live.
  function showIntent() {
    var i = current();
    if (!i) return Promise.resolve();
    var changed = i.id !== shown;
    if (changed) {
      if (shown) drafts[shown] = $("reply-text").value;
      $("reply-text").value = drafts[i.id] || "";
      shown = i.id;
      $("reply-msg").replaceChildren();
      $("preview").hidden = true;
    }
    $("intent-content").textContent = i.reply;
    $("intent-live").textContent = i.version ? "Live now: version " + i.version + ": " + i.override : "Live now: the content file's reply.";
    var locked = !!i.locked;
    ["reply-text", "reply-preview", "reply-publish", "reply-clear"].forEach(function (id) { $(id).disabled = locked; });
    if (locked) say($("reply-msg"), false, i.locked);
    return api("GET", "overrides/" + encodeURIComponent(i.id)).then(function (o) {
      var tb = $("versions").querySelector("tbody");
      tb.replaceChildren();
      o.versions.slice().reverse().forEach(function (v) {
        var tr = el("tr");
        tr.appendChild(el("td", v.version + (v.version === o.active ? " (live)" : "")));
        tr.appendChild(el("td", v.text));
        tr.appendChild(el("td", v.by));
        tr.appendChild(el("td", when(v.at)));
        var td = el("td");
        if (v.version !== o.active && !locked) {
          var b = el("button", "Roll back to " + v.version, "secondary");
          b.type = "button";
          b.addEventListener("click", function () {
            api("POST", "overrides/" + encodeURIComponent(i.id) + "/rollback", { version: v.version })
              .then(function () { say($("reply-msg"), true, "Rolled back: version " + v.version + " is live again."); $("preview").hidden = true; refresh(); })
              .catch(function (e) { say($("reply-msg"), false, e.message, e.problems); });
          });
          td.appendChild(b);
        }
        tr.appendChild(td);
        tb.appendChild(tr);
      });
      if (!o.versions.length) {
        var tr = el("tr"), td = el("td", "No changes yet.");
        td.colSpan = 5; tr.appendChild(td); tb.appendChild(tr);
      }
    });
  }
  function loadStats() {
    return Promise.all([api("GET", "stats"), api("GET", "unmatched"), api("GET", "audit?limit=50")]).then(function (r) {
      var s = r[0], u = r[1], a = r[2];
      $("stats-summary").textContent = s.messages + " messages since " + when(s.since) + " on this server; " +
        s.fallbacks + " (" + Math.round(s.fallback_rate * 100) + "%) matched nothing; " + s.red_flags + " met an emergency rule.";
      var tb = $("stats").querySelector("tbody");
      tb.replaceChildren();
      s.intents.forEach(function (c) {
        var tr = el("tr");
        tr.appendChild(el("td", c.title ? c.title + " (" + c.intent + ")" : c.intent));
        tr.appendChild(el("td", String(c.count)));
        tb.appendChild(tr);
      });
      $("unmatched-note").textContent = u.keep_unmatched
        ? "Personal details are masked. Kept for a limited time only."
        : "Not kept: set SIGNPOST_ADMIN_KEEP_UNMATCHED=true to review them (masked).";
      $("feedback-note").textContent = (s.feedback_shared ? "From every server" : "From this server only") +
        ": how people answered \"Was this helpful?\" under an answer in the website chat. Only the yes or no is kept. Topics with the most \"no\" come first.";
      var fb = $("feedback").querySelector("tbody");
      fb.replaceChildren();
      (s.feedback || []).forEach(function (c) {
        var tr = el("tr");
        tr.appendChild(el("td", c.title ? c.title + " (" + c.intent + ")" : c.intent));
        tr.appendChild(el("td", String(c.helpful)));
        tr.appendChild(el("td", String(c.not_helpful)));
        fb.appendChild(tr);
      });
      if (!(s.feedback || []).length) {
        var none = el("tr"), td = el("td", s.feedback_error || "No answers yet.");
        td.colSpan = 3; none.appendChild(td); fb.appendChild(none);
      }
      var ul = $("unmatched");
      ul.replaceChildren();
      u.messages.forEach(function (m) { ul.appendChild(el("li", when(m.at) + " · " + m.text)); });
      var ab = $("audit").querySelector("tbody");
      ab.replaceChildren();
      a.entries.forEach(function (e) {
        var tr = el("tr");
        [when(e.at), e.editor, e.action + " " + e.target, e.before, e.after].forEach(function (t) { tr.appendChild(el("td", t)); });
        ab.appendChild(tr);
      });
    });
  }
  function refresh() {
    return Promise.all([loadStatus(), loadIntents(), loadStats()]).catch(function (e) {
      $("status-line").textContent = "Could not load: " + e.message;
    });
  }
  function start() {
    $("signin").hidden = true;
    $("app").hidden = false;
    $("who").textContent = "Signed in as " + editor;
    refresh();
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("signin-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      token = $("token").value.trim();
      api("GET", "status").then(function (st) {
        // Each editor has their own token, and it says who they are.
        editor = st.editor;
        sessionStorage.setItem("signpost-admin-token", token);
        sessionStorage.setItem("signpost-admin-editor", editor);
        $("token").value = "";
        start();
      }).catch(function (e) { $("signin-error").textContent = e.message; });
    });
    $("notice-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var starts, expires;
      try {
        starts = ukTime("Show from", $("notice-starts-date").value, $("notice-starts-time").value);
        expires = ukTime("Remove at", $("notice-expires-date").value, $("notice-expires-time").value);
      } catch (e) {
        say($("notice-msg"), false, e.message);
        return;
      }
      api("PUT", "notice", {
        text: $("notice-text").value, severity: $("notice-severity").value, starts_at: starts, expires_at: expires
      }).then(function () { say($("notice-msg"), true, "Notice published."); refresh(); })
        .catch(function (e) { say($("notice-msg"), false, e.message, e.problems); });
    });
    $("notice-clear").addEventListener("click", function () {
      api("DELETE", "notice").then(function () { say($("notice-msg"), true, "Notice cleared."); refresh(); })
        .catch(function (e) { say($("notice-msg"), false, e.message, e.problems); });
    });
    $("intent").addEventListener("change", showIntent);
    $("reply-preview").addEventListener("click", function () {
      var i = current();
      api("POST", "overrides/" + encodeURIComponent(i.id) + "/preview", { text: $("reply-text").value }).then(function (p) {
        var body = $("preview-body");
        body.replaceChildren();
        p.messages.forEach(function (m) {
          var d = el("div", null, "bubble kind-" + m.kind);
          m.text.split("\n\n").forEach(function (para) { d.appendChild(el("p", para)); });
          (m.services || []).forEach(function (s) { d.appendChild(el("p", "→ " + s.name + (s.phone ? ", " + s.phone : ""), "service")); });
          body.appendChild(d);
        });
        $("preview").hidden = false;
        if (p.ok) say($("reply-msg"), true, "Preview only: nothing is published yet.");
        else say($("reply-msg"), false, "This cannot be published yet:", p.problems);
      }).catch(function (e) { say($("reply-msg"), false, e.message, e.problems); });
    });
    $("reply-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var i = current();
      api("PUT", "overrides/" + encodeURIComponent(i.id), { text: $("reply-text").value })
        .then(function (r) { say($("reply-msg"), true, "Published as version " + r.version + "."); $("reply-text").value = ""; delete drafts[i.id]; $("preview").hidden = true; refresh(); })
        .catch(function (e) { say($("reply-msg"), false, e.message, e.problems); });
    });
    $("reply-clear").addEventListener("click", function () {
      var i = current();
      api("DELETE", "overrides/" + encodeURIComponent(i.id))
        .then(function () { say($("reply-msg"), true, "Rolled back to the content file's reply."); $("preview").hidden = true; refresh(); })
        .catch(function (e) { say($("reply-msg"), false, e.message, e.problems); });
    });
    if (token) start();
  });
})();
