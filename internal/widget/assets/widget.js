/* Signpost chat widget. One tag adds it to a page:
 *   <script src="https://signpost.example.nhs.uk/widget.js" defer></script>
 * The API address comes from the script's own src. No framework, no eval,
 * no inline styles or scripts, every piece of text set with textContent, so
 * the host page can keep a strict Content-Security-Policy. */
(function () {
  'use strict';
  if (window.__signpostWidget) return;
  window.__signpostWidget = true;

  var script = document.currentScript || document.querySelector('script[src$="widget.js"]');
  var src = script ? script.src : location.href;
  var api = function (p) { return new URL('api/v1/' + p, src).href; };
  var cssHref = new URL('widget.css', src).href;
  var storeKey = 'signpost:v1:' + new URL(src).origin;
  var TIMEOUT_MS = 20000;
  var MAX_LOG = 60;
  var smallScreen = window.matchMedia ? window.matchMedia('(max-width: 40em)') : { matches: false };

  // The words around the replies are content (messages "widget_*" in
  // intents/messages.yaml), fetched once at start-up. This English copy is
  // shown until they arrive, and for good if Signpost cannot be reached, so
  // the page always says how to get help in an emergency.
  var words = {
    widget_launcher: 'Ask for help',
    widget_title: 'Ask for help',
    widget_start_again: 'Start again',
    widget_close: 'Close chat',
    widget_intro: 'In an emergency call 999. This chat points you to the right service. It does not give medical advice. Please do not type personal details.',
    widget_conversation: 'Conversation',
    widget_you_said: 'You said:',
    widget_bot_said: 'Signpost said:',
    widget_typing: 'Signpost is typing',
    widget_suggestions: 'Suggested replies',
    widget_input_label: 'Your message',
    widget_placeholder: 'Type your question',
    widget_send: 'Send',
    widget_emergency: 'Emergency',
    widget_crisis: 'Urgent help',
    widget_open_now: 'Open now',
    widget_closed_now: 'Closed now',
    widget_call: 'Call {phone}',
    widget_website: 'Website: {host}',
    widget_new_tab: '(opens in a new tab)',
    widget_example_data: 'Example details: check before you travel.',
    widget_cleared: 'Conversation cleared. You can start again.',
    widget_unreachable: 'Sorry, we could not reach the chat service. In an emergency call 999. If you need help fast, call NHS 111.',
    widget_notice_label: 'Important notice',
    widget_notice_title: 'Important',
    widget_notice_updated: 'Updated {date}',
    widget_feedback_question: 'Was this helpful?',
    widget_feedback_yes: 'Yes',
    widget_feedback_no: 'No',
    widget_feedback_thanks: 'Thank you for telling us.'
  };
  function w(key, vars) {
    return String(words[key]).replace(/\{(\w+)\}/g, function (all, name) {
      return vars && vars[name] != null ? String(vars[name]) : all;
    });
  }
  // Words that sit in the page from the start, re-set when the content's
  // words arrive: [element, key, attribute or '' for the text].
  var labels = [];
  function label(node, key, attr) {
    labels.push([node, key, attr || '']);
    setLabel(node, key, attr);
    return node;
  }
  function setLabel(node, key, attr) {
    if (attr) node.setAttribute(attr, w(key));
    else node.textContent = w(key);
  }

  var defaultIntro = words.widget_intro;

  var state = load();
  var busy = false;
  var ui = {};

  // --- helpers -----------------------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function svg(path, cls) {
    var ns = 'http://www.w3.org/2000/svg';
    var s = document.createElementNS(ns, 'svg');
    s.setAttribute('viewBox', '0 0 24 24');
    s.setAttribute('aria-hidden', 'true');
    s.setAttribute('focusable', 'false');
    s.setAttribute('class', cls || 'sp-icon');
    var p = document.createElementNS(ns, 'path');
    p.setAttribute('d', path);
    s.appendChild(p);
    return s;
  }
  var ICON_CHAT = 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z';
  var ICON_CLOSE = 'M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 0 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z';
  var ICON_WARN = 'M12 2 1 21h22L12 2zm1 15h-2v-2h2v2zm0-4h-2V9h2v4z';

  // smsHref opens the phone's messages app with the word already typed
  // (the ?&body= form works on both Android and iOS).
  function smsHref(number, text) {
    var digits = String(number).replace(/[^0-9+]/g, '');
    return digits ? 'sms:' + digits + '?&body=' + encodeURIComponent(text || '') : '';
  }
  function telHref(phone) {
    var digits = String(phone).replace(/[^0-9+]/g, '');
    return digits ? 'tel:' + digits : '';
  }
  function safeURL(u) {
    try {
      var x = new URL(u);
      return x.protocol === 'https:' || x.protocol === 'http:' ? x.href : '';
    } catch (e) { return ''; }
  }
  function isEmergency(kind) { return kind === 'emergency' || kind === 'crisis'; }
  // An answer that sends the person to 999, A&E or crisis help: nothing
  // else is offered under it but a way to start again.
  var URGENT = { '999': true, ae: true, mental_health_crisis: true };
  function urgentReply(body, msgs) {
    return URGENT[body.disposition] === true || msgs.some(function (m) { return isEmergency(m.kind); });
  }

  // --- storage: the conversation lives only as long as the tab -------------
  // urgent: the last answer was an emergency, so the only button is Start again.
  function blank() { return { sid: '', log: [], quick: [], urgent: false, open: false }; }
  function load() {
    try {
      var s = JSON.parse(window.sessionStorage.getItem(storeKey) || 'null');
      if (s && Array.isArray(s.log) && Array.isArray(s.quick)) return s;
    } catch (e) { /* storage off or corrupt: start afresh */ }
    return blank();
  }
  function save() {
    if (state.log.length > MAX_LOG) state.log = state.log.slice(-MAX_LOG);
    try { window.sessionStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  // --- building the widget -------------------------------------------------
  function build() {
    var link = el('link');
    link.rel = 'stylesheet';
    link.href = cssHref;
    document.head.appendChild(link);

    var root = el('div', 'sp-root');
    root.id = 'signpost-widget';

    var launcher = el('button', 'sp-launcher');
    launcher.type = 'button';
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-controls', 'sp-panel');
    launcher.appendChild(svg(ICON_CHAT));
    launcher.appendChild(label(el('span', 'sp-launcher-text'), 'widget_launcher'));

    var panel = el('section', 'sp-panel');
    panel.id = 'sp-panel';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-labelledby', 'sp-title');
    panel.hidden = true;

    var head = el('div', 'sp-header');
    var title = label(el('h2', 'sp-title'), 'widget_title');
    title.id = 'sp-title';
    var restart = label(el('button', 'sp-restart'), 'widget_start_again');
    restart.type = 'button';
    var close = el('button', 'sp-close');
    close.type = 'button';
    label(close, 'widget_close', 'aria-label');
    close.appendChild(svg(ICON_CLOSE));
    head.appendChild(title);
    head.appendChild(restart);
    head.appendChild(close);

    var intro = el('p', 'sp-intro');
    renderIntro(intro);

    var log = el('div', 'sp-log');
    log.setAttribute('role', 'region');
    label(log, 'widget_conversation', 'aria-label');
    log.tabIndex = 0;
    var list = el('ol', 'sp-messages');
    log.appendChild(list);

    var typing = el('div', 'sp-typing');
    typing.hidden = true;
    typing.appendChild(label(el('span', 'sp-vh'), 'widget_typing'));
    var dots = el('span', 'sp-dots');
    dots.setAttribute('aria-hidden', 'true');
    dots.appendChild(el('span'));
    dots.appendChild(el('span'));
    dots.appendChild(el('span'));
    typing.appendChild(dots);

    // The buttons sit in the log, right under the message they answer.
    var quick = el('div', 'sp-quick');
    quick.setAttribute('role', 'group');
    label(quick, 'widget_suggestions', 'aria-label');
    log.appendChild(quick);

    var form = el('form', 'sp-form');
    form.noValidate = true;
    var inputLabel = label(el('label', 'sp-vh'), 'widget_input_label');
    inputLabel.htmlFor = 'sp-input';
    var input = el('input', 'sp-input');
    input.id = 'sp-input';
    input.type = 'text';
    input.autocomplete = 'off';
    input.maxLength = 2000;
    label(input, 'widget_placeholder', 'placeholder');
    var send = label(el('button', 'sp-send'), 'widget_send');
    send.type = 'submit';
    form.appendChild(inputLabel);
    form.appendChild(input);
    form.appendChild(send);

    panel.appendChild(head);
    panel.appendChild(intro);
    panel.appendChild(log);
    panel.appendChild(typing);
    panel.appendChild(form);

    // Live regions sit outside the panel and exist from the start, so screen
    // readers already watch them when the first message arrives.
    var polite = el('div', 'sp-vh sp-live');
    polite.setAttribute('aria-live', 'polite');
    polite.setAttribute('aria-atomic', 'true');
    var urgent = el('div', 'sp-vh sp-alert');
    urgent.setAttribute('role', 'alert');
    urgent.setAttribute('aria-live', 'assertive');
    urgent.setAttribute('aria-atomic', 'true');

    root.appendChild(panel);
    root.appendChild(launcher);
    root.appendChild(polite);
    root.appendChild(urgent);
    document.body.appendChild(root);

    ui = { root: root, launcher: launcher, panel: panel, restart: restart, close: close, intro: intro, log: log, list: list,
      typing: typing, quick: quick, form: form, input: input, send: send, polite: polite, urgent: urgent };

    launcher.addEventListener('click', function () { setOpen(!state.open, true); });
    close.addEventListener('click', function () { setOpen(false, true); });
    restart.addEventListener('click', startAgain);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var text = input.value.trim();
      if (!text || busy) return;
      input.value = '';
      ask({ text: text }, text);
    });
    panel.addEventListener('keydown', onKey);

    state.log.forEach(function (m) { ui.list.appendChild(render(m)); });
    renderQuick(state.quick, state.urgent);
    if (state.open) setOpen(true, false);
  }

  // The intro's first "999" becomes a link that calls it. Content without
  // "999" in the intro is not shown: the English copy, which has it, stays.
  function renderIntro(intro) {
    var text = w('widget_intro');
    var at = text.indexOf('999');
    if (at < 0) {
      text = defaultIntro;
      at = text.indexOf('999');
    }
    intro.textContent = '';
    intro.appendChild(document.createTextNode(text.slice(0, at)));
    var call = el('a', 'sp-intro-tel', '999');
    call.href = 'tel:999';
    intro.appendChild(call);
    intro.appendChild(document.createTextNode(text.slice(at + 3)));
  }

  // useWords takes the content's words and puts them everywhere they show.
  function useWords(got) {
    Object.keys(got || {}).forEach(function (k) {
      if (Object.prototype.hasOwnProperty.call(words, k) && typeof got[k] === 'string' && got[k].trim()) words[k] = got[k];
    });
    labels.forEach(function (l) { setLabel(l[0], l[1], l[2]); });
    renderIntro(ui.intro);
    ui.list.textContent = '';
    state.log.forEach(function (m) { ui.list.appendChild(render(m)); });
    renderQuick(state.quick, state.urgent);
  }

  function onKey(ev) {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      setOpen(false, true);
      return;
    }
    // Full screen on a phone the page behind is covered, so keep focus in
    // the panel there (WCAG 2.4.11: focus not obscured).
    if (ev.key === 'Tab' && smallScreen.matches) {
      var f = focusables();
      if (!f.length) return;
      var first = f[0], last = f[f.length - 1];
      if (ev.shiftKey && document.activeElement === first) { ev.preventDefault(); last.focus(); }
      else if (!ev.shiftKey && document.activeElement === last) { ev.preventDefault(); first.focus(); }
    }
  }
  function focusables() {
    var all = ui.panel.querySelectorAll('button, a[href], input, [tabindex="0"]');
    return Array.prototype.filter.call(all, function (e) { return !e.disabled && e.offsetParent !== null; });
  }

  function setOpen(open, moveFocus) {
    state.open = open;
    save();
    ui.panel.hidden = !open;
    ui.launcher.setAttribute('aria-expanded', open ? 'true' : 'false');
    ui.root.classList.toggle('sp-open', open);
    if (open) {
      revealLastAnswer();
      if (moveFocus) ui.input.focus();
      welcome();
    } else if (moveFocus) {
      ui.launcher.focus();
    }
  }

  function scrollDown() { ui.log.scrollTop = ui.log.scrollHeight; }

  // reveal scrolls so that node's first line is at the top of the view: a
  // long answer is read from its start, not from its last service card. The
  // log scrolls; in a short window (landscape phone, high zoom) the panel does.
  function reveal(node) {
    var box = window.getComputedStyle(ui.panel).overflowY === 'auto' ? ui.panel : ui.log;
    var gap = 8;
    box.scrollTop = Math.max(0, node.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop - gap);
  }
  // revealLastAnswer shows the start of the latest answer (after a reload or
  // on reopening), or the bottom if the person spoke last.
  function revealLastAnswer() {
    var items = ui.list.children, i = items.length - 1;
    while (i >= 0 && !items[i].classList.contains('sp-msg--user')) i--;
    var first = items[i + 1];
    if (first) reveal(first);
    else scrollDown();
  }

  // --- rendering (text only, always textContent) -----------------------------
  function render(m) {
    var li = el('li', 'sp-msg sp-msg--' + (m.from === 'user' ? 'user' : 'bot'));
    if (m.from === 'user') {
      li.appendChild(el('span', 'sp-vh', w('widget_you_said') + ' '));
      li.appendChild(el('p', 'sp-text', m.text));
      return li;
    }
    var kind = String(m.kind || 'info');
    li.classList.add('sp-kind-' + kind.replace(/[^a-z_]/g, ''));
    if (isEmergency(kind)) {
      li.classList.add('sp-emergency');
      var h = el('p', 'sp-emergency-title');
      h.appendChild(svg(ICON_WARN, 'sp-icon sp-icon-warn'));
      h.appendChild(document.createTextNode(w(kind === 'crisis' ? 'widget_crisis' : 'widget_emergency')));
      li.appendChild(h);
    } else {
      li.appendChild(el('span', 'sp-vh', w('widget_bot_said') + ' '));
    }
    li.appendChild(el('p', 'sp-text', m.text));
    (m.services || []).forEach(function (s) { li.appendChild(card(s, isEmergency(kind))); });
    if (m.feedback) li.appendChild(feedback(m));
    return li;
  }

  // feedback asks "Was this helpful?" under an answer. Only the yes or no is
  // sent, with the answer's intent; the person types nothing.
  var feedbackSeq = 0;
  function feedback(m) {
    var box = el('div', 'sp-feedback');
    if (m.feedback.given) {
      box.appendChild(el('p', 'sp-feedback-thanks', w('widget_feedback_thanks')));
      return box;
    }
    var q = el('p', 'sp-feedback-question', w('widget_feedback_question'));
    q.id = 'sp-feedback-' + (++feedbackSeq);
    box.setAttribute('role', 'group');
    box.setAttribute('aria-labelledby', q.id);
    box.appendChild(q);
    [true, false].forEach(function (helpful) {
      var b = el('button', 'sp-feedback-button', w(helpful ? 'widget_feedback_yes' : 'widget_feedback_no'));
      b.type = 'button';
      b.addEventListener('click', function () {
        if (m.feedback.given) return;
        m.feedback.given = helpful ? 'yes' : 'no';
        save();
        var body = { intent: m.feedback.intent, helpful: helpful };
        if (state.sid) body.session_id = state.sid;
        post(api('feedback'), body).catch(function () { /* a lost vote changes nothing for the person */ });
        box.replaceWith(feedback(m));
        // The pressed button is gone: focus goes back to the message box and
        // the thanks is read out.
        ui.input.focus();
        say(ui.polite, w('widget_feedback_thanks'));
      });
      box.appendChild(b);
    });
    return box;
  }

  function card(s, urgent) {
    var c = el('div', 'sp-card');
    c.appendChild(el('p', 'sp-card-name', s.name));
    if (s.open_now != null || s.status) {
      var st = el('p', 'sp-card-status ' + (s.open_now === true ? 'sp-open-now' : s.open_now === false ? 'sp-closed-now' : ''));
      var parts = [];
      if (s.open_now === true) parts.push(w('widget_open_now'));
      if (s.open_now === false) parts.push(w('widget_closed_now'));
      if (s.status) parts.push(s.status);
      st.textContent = parts.join(' – ');
      c.appendChild(st);
    }
    if (s.address) c.appendChild(el('p', 'sp-card-address', s.address));
    var tel = s.phone ? telHref(s.phone) : '';
    if (tel) {
      var a = el('a', 'sp-call' + (urgent ? ' sp-call--urgent' : ''), w('widget_call', { phone: s.phone }));
      a.href = tel;
      c.appendChild(a);
    }
    var sms = s.sms ? smsHref(s.sms, s.sms_text) : '';
    if (sms) {
      // A text-only service (such as Shout) is texted, never called.
      var t = el('a', 'sp-call' + (urgent ? ' sp-call--urgent' : ''), s.sms_label || s.sms);
      t.href = sms;
      c.appendChild(t);
    }
    var url = s.url ? safeURL(s.url) : '';
    if (url) {
      var site = el('a', 'sp-link', w('widget_website', { host: new URL(url).host }));
      site.href = url;
      site.target = '_blank';
      site.rel = 'noopener noreferrer';
      site.appendChild(el('span', 'sp-vh', ' ' + w('widget_new_tab')));
      c.appendChild(site);
    }
    if (s.example_data) c.appendChild(el('p', 'sp-card-note', w('widget_example_data')));
    return c;
  }

  // renderQuick shows the quick replies; after an emergency, only Start again.
  function renderQuick(items, urgent) {
    ui.quick.textContent = '';
    if (urgent) {
      var again = el('button', 'sp-chip sp-chip--again', w('widget_start_again'));
      again.type = 'button';
      again.addEventListener('click', startAgain);
      ui.quick.appendChild(again);
      ui.quick.hidden = false;
      return;
    }
    ui.quick.hidden = !items.length;
    items.forEach(function (q) {
      var b = el('button', 'sp-chip', q.title);
      b.type = 'button';
      b.addEventListener('click', function () {
        if (busy) return;
        ui.input.focus();
        ask({ payload: q.payload }, q.title);
      });
      ui.quick.appendChild(b);
    });
  }

  // add shows a message and returns its element.
  function add(m) {
    state.log.push(m);
    var li = render(m);
    ui.list.appendChild(li);
    return li;
  }

  // say puts text in a live region, emptied first so that the same words
  // twice are announced twice.
  function say(region, text) {
    region.textContent = '';
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function announce(msgs) {
    var calm = [], loud = [];
    msgs.forEach(function (m) { (isEmergency(m.kind) ? loud : calm).push(m.text); });
    if (loud.length) say(ui.urgent, loud.join(' '));
    if (calm.length) say(ui.polite, calm.join(' '));
  }

  function setBusy(on) {
    busy = on;
    ui.typing.hidden = !on;
    ui.send.setAttribute('aria-disabled', on ? 'true' : 'false');
    ui.panel.setAttribute('aria-busy', on ? 'true' : 'false');
    if (on) scrollDown();
  }

  // --- talking to the API ----------------------------------------------------
  function post(url, body) {
    var ctl = window.AbortController ? new AbortController() : null;
    var timer = ctl ? window.setTimeout(function () { ctl.abort(); }, TIMEOUT_MS) : 0;
    return fetch(url, {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      signal: ctl ? ctl.signal : undefined
    }).finally(function () { window.clearTimeout(timer); });
  }

  function ask(req, shown) {
    add({ from: 'user', text: shown });
    state.quick = [];
    state.urgent = false;
    renderQuick([]);
    scrollDown();
    save();
    setBusy(true);
    if (state.sid) req.session_id = state.sid;
    post(api('messages'), req).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (!res.ok) throw new Error(body && typeof body.error === 'string' ? body.error : '');
        return body;
      });
    }).then(function (body) {
      if (typeof body.session_id === 'string') state.sid = body.session_id;
      var msgs = Array.isArray(body.messages) ? body.messages : [];
      var urgent = urgentReply(body, msgs);
      var shown = msgs.map(function (m) {
        return { from: 'bot', text: String(m.text || ''), kind: m.kind, services: Array.isArray(m.services) ? m.services : [] };
      });
      // An answer (not an emergency) asks whether it helped, under the
      // message that carries it (not the notice after it).
      if (shown.length && !urgent && typeof body.disposition === 'string' && typeof body.intent === 'string') {
        var at = shown.length - 1;
        while (at > 0 && shown[at].kind !== 'answer') at--;
        shown[at].feedback = { intent: body.intent, given: '' };
      }
      var first = null;
      shown.forEach(function (m) { var li = add(m); first = first || li; });
      state.quick = urgent || !Array.isArray(body.quick_replies) ? [] : body.quick_replies;
      state.urgent = urgent;
      renderQuick(state.quick, state.urgent);
      if (first) reveal(first);
      announce(msgs);
    }).catch(function (err) {
      var text = (err && err.message) || w('widget_unreachable');
      var m = { from: 'bot', kind: 'error', text: text, services: [] };
      reveal(add(m));
      announce([m]);
    }).finally(function () {
      setBusy(false);
      save();
    });
  }

  function startAgain() {
    var sid = state.sid;
    if (sid) post(api('sessions/' + encodeURIComponent(sid) + '/restart')).catch(function () { /* forgotten anyway */ });
    state = blank();
    state.open = true;
    save();
    ui.list.textContent = '';
    renderQuick([]);
    ui.urgent.textContent = '';
    ui.polite.textContent = w('widget_cleared');
    ui.input.value = '';
    ui.input.focus();
    welcome();
  }

  // welcome opens an empty conversation with the content's welcome and its
  // topics (GET /api/v1/welcome). Nothing is shown if the person has already
  // typed, or if Signpost cannot be reached (the intro still says 999).
  var welcoming = false;
  function welcome() {
    if (state.log.length || welcoming) return;
    welcoming = true;
    getJSON(api('welcome')).then(function (body) {
      welcoming = false;
      var msgs = body && Array.isArray(body.messages) ? body.messages : [];
      if (state.log.length || !msgs.length) return;
      msgs.forEach(function (m) { add({ from: 'bot', kind: 'welcome', text: String(m.text || ''), services: [] }); });
      state.quick = Array.isArray(body.quick_replies) ? body.quick_replies : [];
      state.urgent = false;
      renderQuick(state.quick);
      ui.log.scrollTop = 0;
      save();
      announce(msgs);
    });
  }

  // --- the incident notice banner ----------------------------------------------
  // A page can show the live notice by holding <div data-signpost-notice></div>.
  function notice(wordsReady) {
    var slot = document.querySelector('[data-signpost-notice]');
    if (!slot) return;
    var got = getJSON(api('notice'));
    wordsReady.then(function () { return got; }).then(function (body) {
      var n = body && body.notice;
      if (!n || !n.text) return;
      var sev = String(n.severity || 'info').replace(/[^a-z]/g, '');
      var box = el('div', 'sp-notice sp-notice--' + sev);
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', w('widget_notice_label'));
      box.appendChild(el('p', 'sp-notice-title', w('widget_notice_title')));
      box.appendChild(el('p', 'sp-notice-text', n.text));
      if (n.updated) {
        var d = new Date(n.updated);
        var when = isNaN(d) ? n.updated : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
        box.appendChild(el('p', 'sp-notice-updated', w('widget_notice_updated', { date: when })));
      }
      slot.textContent = '';
      slot.appendChild(box);
    }).catch(function () { /* the page still works without the banner */ });
  }

  // getJSON fetches a JSON body; an error or a bad answer gives {}.
  function getJSON(url) {
    var ctl = window.AbortController ? new AbortController() : null;
    var timer = ctl ? window.setTimeout(function () { ctl.abort(); }, TIMEOUT_MS) : 0;
    return fetch(url, { mode: 'cors', credentials: 'omit', signal: ctl ? ctl.signal : undefined })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .catch(function () { return {}; })
      .finally(function () { window.clearTimeout(timer); });
  }

  function start() {
    build();
    var wordsReady = getJSON(api('widget/strings')).then(function (body) {
      if (body && body.strings && typeof body.strings === 'object') useWords(body.strings);
    }).catch(function () { /* keep the English copy */ });
    notice(wordsReady);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
