/* The MLOps careers chat widget. No build step, no dependency. Add it to a page with
 *   <script src="https://BOT/widget.js" data-server="wss://BOT/v1/chat" async></script>
 * or load it without data-server and call MlopsBot.init({server: 'wss://BOT/v1/chat'}).
 * Options (init() or data-* attributes): server, css (the stylesheet, default widget.css beside
 * this script), title, greeting, suggestions (init only: the quick-start questions).
 * It speaks the chat protocol of docs/protocol.md, feedback (👍/👎 and a comment) included.
 * Everything the server sends is rendered
 * with textContent or through the small Markdown subset below, never as HTML. */
(() => {
  'use strict';
  // Pasting the snippet twice (or loading the script twice) is harmless.
  if (window.MlopsBot) return;

  const script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  const scriptUrl = script && script.src ? script.src : location.href;
  const SVG = 'http://www.w3.org/2000/svg';
  const MAX_LOG = 60;  // turns kept for a reload: sessionStorage holds about 5 MB per origin
  const MAX_COMMENT_BYTES = 1000;  // a feedback comment's limit in the protocol
  const utf8Length = (text) => new TextEncoder().encode(text).length;
  const ROLE_NAMES = { mlops_engineer: 'MLOps engineer', data_scientist: 'Data scientist',
    devops_engineer: 'DevOps engineer', ml_engineer: 'ML engineer', cloud_engineer: 'Cloud engineer' };
  const DEFAULTS = {
    title: 'MLOps careers in India',
    greeting: 'Hi! I answer questions about MLOps careers in India: salaries by experience, ' +
      'city and role, the skills and tools to learn, and what the job involves.',
    suggestions: ['What does an MLOps engineer with 3 years of experience earn?',
      'Compare MLOps engineer and data scientist salaries', 'Which tools should I learn?',
      'What does an MLOps engineer do?'],
  };

  let instance = null;

  // ---- small DOM helpers -------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child != null) node.append(child);
    return node;
  }
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    if (text != null) node.textContent = text;
    return node;
  }
  const isNumber = (value) => typeof value === 'number' && Number.isFinite(value);
  const lpa = (value) => String(Math.round(value * 10) / 10);
  // Letters and digits only, in lower case: "What is IaaS?" and "what is iaas" ask the same.
  const comparable = (text) => String(text).normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const pretty = (name) => ROLE_NAMES[name] ||
    String(name).replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

  // ---- the Markdown subset: paragraphs, **bold**, `code`, [links](http…), lists, tables -----
  // Salary figures such as "₹10–20 LPA", "₹30+ LPA" or "10-20 LPA" are highlighted.
  const SALARY = /₹\s?\d[\d,]*(?:\.\d+)?\+?(?:\s?(?:–|-|to)\s?₹?\s?\d[\d,]*(?:\.\d+)?\+?)?(?:\s?(?:LPA|lakhs?|crores?))?|\b\d+(?:\.\d+)?\s?(?:–|-|to)\s?\d+(?:\.\d+)?\s?LPA\b/g;
  const INLINE = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;

  function highlighted(text) {
    const out = document.createDocumentFragment();
    let last = 0;
    for (const match of text.matchAll(SALARY)) {
      out.append(text.slice(last, match.index), el('mark', { class: 'salary', text: match[0] }));
      last = match.index + match[0].length;
    }
    out.append(text.slice(last));
    return out;
  }
  function safeHref(href) {
    try {
      const url = new URL(href);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch { return null; }
  }
  function inline(text) {
    const out = document.createDocumentFragment();
    let last = 0;
    for (const match of text.matchAll(INLINE)) {
      out.append(highlighted(text.slice(last, match.index)));
      const [whole, bold, code, label, href] = match;
      const url = label !== undefined ? safeHref(href) : null;
      if (bold !== undefined) out.append(el('strong', {}, inline(bold)));
      else if (code !== undefined) out.append(el('code', { text: code }));
      else if (url) out.append(el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, inline(label)));
      else out.append(highlighted(whole));  // a link to anything but http(s) stays text
      last = match.index + whole.length;
    }
    out.append(highlighted(text.slice(last)));
    return out;
  }
  const cells = (line) => line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim());
  function table(lines) {
    const rows = lines.filter((line) => !/^\s*\|?\s*:?-{2,}/.test(line)).map(cells);
    if (!rows.length) return '';
    const head = el('tr', {}, ...rows[0].map((cell) => el('th', { scope: 'col' }, inline(cell))));
    const body = rows.slice(1).map((row) => el('tr', {}, ...row.map((cell) => el('td', {}, inline(cell)))));
    return el('div', { class: 'table-wrap' }, el('table', {}, el('thead', {}, head), el('tbody', {}, ...body)));
  }
  function markdown(text) {
    const out = document.createDocumentFragment();
    const lines = String(text || '').replace(/\r\n?/g, '\n').split('\n');
    const LIST = /^\s*(?:([-*•])|\d+[.)])\s+(.*)$/;
    for (let i = 0; i < lines.length;) {
      const line = lines[i];
      if (!line.trim()) { i++; continue; }
      const start = i;
      if (line.trim().startsWith('|')) {
        while (i < lines.length && lines[i].trim().startsWith('|')) i++;
        out.append(table(lines.slice(start, i)));
      } else if (LIST.test(line)) {
        const list = el(LIST.exec(line)[1] ? 'ul' : 'ol');
        while (i < lines.length && LIST.test(lines[i])) list.append(el('li', {}, inline(LIST.exec(lines[i++])[2])));
        out.append(list);
      } else {
        const paragraph = el('p');
        while (i < lines.length && lines[i].trim() && !lines[i].trim().startsWith('|') && !LIST.test(lines[i])) {
          if (i > start) paragraph.append(el('br'));
          paragraph.append(inline(lines[i++].replace(/^#+\s*/, '')));
        }
        out.append(paragraph);
      }
    }
    return out;
  }

  // ---- the range chart: salary bands by experience, or roles side by side -------------------
  // Bands come with years_from/years_to (or a years text); open_ended marks a "30+ LPA" top band.
  function rangesOf(data) {
    const bands = data && data.salary && Array.isArray(data.salary.bands) ? data.salary.bands : null;
    const years = (band) => typeof band.years === 'string' ? band.years
      : isNumber(band.years_from) ? `${band.years_from}${isNumber(band.years_to) ? `–${band.years_to}` : '+'} yrs` : '';
    const row = (label, note, item) => ({ label, note, min: item.min_lpa, max: item.max_lpa, open: !!item.open_ended });
    if (bands) {
      return { title: `Salary by experience, ${pretty(data.salary.role || 'mlops_engineer')} (₹ LPA)`, head: 'Level',
        rows: bands.map((band) => row(pretty(band.level || ''), years(band), band)) };
    }
    if (data && Array.isArray(data.comparison)) {
      return { title: 'Salary by role (₹ LPA)', head: 'Role',
        rows: data.comparison.map((item) => row(item.label || pretty(item.role || ''), '', item)) };
    }
    return null;
  }
  const span = (row, to) => (row.max > row.min ? `${lpa(row.min)}${to}${lpa(row.max)}` : lpa(row.min));
  const figures = (row) => `₹${span(row, '–')}${row.open ? '+' : ''}`;
  function chart(data) {
    const ranges = rangesOf(data);
    if (!ranges) return null;
    const rows = ranges.rows.filter((row) => isNumber(row.min) && isNumber(row.max) && row.max >= row.min);
    if (!rows.length) return null;
    // The axis ends at a round number just above the largest figure.
    const step = Math.max(...rows.map((row) => row.max)) > 40 ? 20 : 10;
    const top = Math.ceil(Math.max(...rows.map((row) => row.max)) / step) * step || step;
    const [width, left, right, rowHeight, axis] = [320, 112, 310, 30, 14];
    const x = (value) => left + (value / top) * (right - left);
    const picture = svg('svg', { viewBox: `0 0 ${width} ${rows.length * rowHeight + axis}`, 'aria-hidden': 'true', focusable: 'false' });
    for (let tick = 0; tick <= top; tick += step) {
      picture.append(svg('line', { class: 'grid', x1: x(tick), x2: x(tick), y1: 12, y2: rows.length * rowHeight }),
        svg('text', { class: 'tick', x: x(tick), y: rows.length * rowHeight + 11, 'text-anchor': 'middle' }, String(tick)));
    }
    rows.forEach((row, index) => {
      const y = index * rowHeight;
      const label = row.note ? `${row.label} (${row.note})` : row.label;
      // The figures sit above the bar, from its start, or ending at its end near the right edge.
      const fits = x(row.min) + 45 <= width;
      picture.append(
        svg('text', { class: 'label', x: 0, y: y + 23 }, label.length > 19 ? `${label.slice(0, 18)}…` : label),
        svg('rect', { class: 'track', x: left, y: y + 15, width: right - left, height: 8, rx: 4 }),
        // An open-ended band ("30+ LPA") runs to the end of the axis.
        svg('rect', { class: 'range', x: x(row.min), y: y + 13, width: Math.max((row.open ? right : x(row.max)) - x(row.min), 4), height: 12, rx: 3 }),
        svg('text', { class: 'value', x: fits ? x(row.min) : x(row.max), y: y + 10, 'text-anchor': fits ? 'start' : 'end' },
          figures(row)));
    });
    // The picture is for the eyes; the table says the same to a screen reader.
    const readable = el('table', { class: 'sr-only' }, el('caption', { text: ranges.title }),
      el('tr', {}, el('th', { scope: 'col', text: ranges.head }), el('th', { scope: 'col', text: 'Range (₹ LPA)' })),
      ...rows.map((row) => el('tr', {}, el('th', { scope: 'row', text: row.note ? `${row.label} (${row.note})` : row.label }),
        el('td', { text: `${span(row, ' to ')}${row.open ? ' or more' : ''}` }))));
    return el('figure', { class: 'chart' }, el('figcaption', { 'aria-hidden': 'true', text: ranges.title }), picture, readable);
  }

  function sourcesOf(sources) {
    if (!Array.isArray(sources) || !sources.length) return null;
    const list = el('ol', {}, ...sources.map((source) => el('li', {},
      el('span', { class: 'where', text: [source.section, source.doc].filter(Boolean).join(' · ') }),
      source.snippet ? el('q', { text: source.snippet }) : null)));
    return el('details', { class: 'sources' }, el('summary', { text: `Sources (${sources.length})` }), list);
  }

  // ---- the widget ---------------------------------------------------------------------------
  function socketUrl(value) {
    const url = new URL(value || '/v1/chat', scriptUrl);
    if (url.protocol === 'http:') url.protocol = 'ws:';
    if (url.protocol === 'https:') url.protocol = 'wss:';
    return url.href;
  }

  function create(options) {
    const config = { ...DEFAULTS, ...options };
    const server = socketUrl(config.server);
    const storageKey = `mlops-bot:${server}`;
    const saved = load();
    // What survives a reload: the session to resume, the transcript, the asks not yet answered.
    const state = { session: saved.session || '', log: saved.log || [], pending: saved.pending || [],
      next: saved.next || 1, open: !!saved.open };
    let socket = null;
    let connected = false;
    let attempt = 0;
    let retryTimer = 0;
    // The server closed the chat with 1001 (idle, or going away): no reconnection until the user is back.
    let resting = false;
    // Feedback sent and not yet confirmed, by the message id: {message, entry, view}.
    const feedbackSent = new Map();

    function load() {
      try { return JSON.parse(sessionStorage.getItem(storageKey)) || {}; } catch { return {}; }
    }
    function save() {
      state.log = state.log.slice(-MAX_LOG);
      try { sessionStorage.setItem(storageKey, JSON.stringify(state)); } catch { /* storage off or full: no resume */ }
    }

    // The DOM, in a shadow root so no style crosses between the widget and the page.
    // A tag of its own, so that the page's rules for div and the like do not reach it.
    const host = el('mlops-bot', { id: 'mlops-bot' });
    const root = host.attachShadow({ mode: 'open' });
    const bubble = el('button', { type: 'button', class: 'bubble', 'aria-label': 'Open chat',
      'aria-expanded': 'false', 'aria-controls': 'mb-panel', onclick: () => open(true) });
    bubble.append(svg('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' }));
    bubble.firstChild.append(svg('path', { d: 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z' }));
    const status = el('span', { class: 'status', role: 'status' });
    const log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: '0' });
    const typing = el('div', { class: 'typing', 'aria-hidden': 'true', hidden: '' }, el('span'), el('span'), el('span'));
    const input = el('textarea', { id: 'mb-input', rows: '1', maxlength: '2000', placeholder: 'Ask about MLOps careers…',
      'aria-label': 'Your question', enterkeyhint: 'send' });
    const form = el('form', { onsubmit: (event) => { event.preventDefault(); send(); } },
      input, el('button', { type: 'submit', class: 'send', text: 'Send' }));
    const panel = el('section', { id: 'mb-panel', class: 'panel', role: 'dialog', 'aria-label': config.title, hidden: '' },
      el('header', {}, el('div', { class: 'title' }, el('h2', { text: config.title }), status),
        el('button', { type: 'button', class: 'restart', text: 'Start over', onclick: restart }),
        el('button', { type: 'button', class: 'close', 'aria-label': 'Close chat', text: '×', onclick: () => close() })),
      log, typing, form);
    const frame = el('div', { class: 'frame', hidden: '' }, bubble, panel);
    // Shown once its stylesheet has loaded (or failed to), so the page never sees it unstyled.
    const sheet = el('link', { rel: 'stylesheet', href: new URL(config.css || 'widget.css', scriptUrl).href });
    // Until then nothing has a size, so the transcript is scrolled to its latest turn only now.
    const show = () => { frame.hidden = false; reveal(latest); };
    sheet.addEventListener('load', show);
    sheet.addEventListener('error', show);
    root.append(sheet, frame);

    input.addEventListener('keydown', (event) => {
      // Enter sends, Shift+Enter breaks the line; an IME composing a word keeps its Enter.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); send(); }
    });
    input.addEventListener('input', grow);
    // Someone about to write: reconnect now, so that the answer does not wait for a handshake.
    input.addEventListener('focus', () => { if (resting) connect(); });
    panel.addEventListener('keydown', (event) => { if (event.key === 'Escape') close(); });

    function grow() {
      input.style.height = 'auto';
      input.style.height = `${Math.min(input.scrollHeight + 2, 130)}px`;
    }

    function open(focus) {
      panel.hidden = false;
      bubble.hidden = true;
      bubble.setAttribute('aria-expanded', 'true');
      state.open = true;
      save();
      connect();
      reveal(latest);
      if (focus) input.focus();
    }
    function close() {
      panel.hidden = true;
      bubble.hidden = false;
      bubble.setAttribute('aria-expanded', 'false');
      state.open = false;
      save();
      bubble.focus();
    }

    // ---- the transcript ----
    // Clicking one asks it; the focus goes to the text box, since the clicked button is replaced.
    function chips(questions, kind) {
      if (!Array.isArray(questions) || !questions.length) return null;
      return el('div', { class: `chips ${kind}`, role: 'group', 'aria-label': 'Suggested questions' },
        ...questions.map((question) => el('button', { type: 'button', text: String(question),
          onclick: () => { ask(String(question)); input.focus(); } })));
    }
    // The node of the newest turn in the transcript (null before the first question).
    let latest = null;
    function render(entry) {
      if (entry.who === 'user') return el('div', { class: 'msg user' }, el('span', { class: 'sr-only', text: 'You: ' }), entry.text);
      if (entry.who === 'error') return el('div', { class: 'msg error', text: entry.text });
      const answer = entry.answer || {};
      return el('article', { class: 'msg bot' }, el('span', { class: 'sr-only', text: 'Bot: ' }), markdown(answer.text),
        chart(answer.data), sourcesOf(answer.sources), feedbackControls(entry));
    }

    // ---- feedback: 👍/👎 under each answer, and after 👎 a comment box ----
    // Drawn, not an emoji: a system without an emoji font would show an empty box. 👎 is 👍 turned.
    function thumb() {
      const picture = svg('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' });
      picture.append(svg('path', { d: 'M2 10h4v11H2zM8 10l4.5-6.8c.8-1.2 2.5-.6 2.3.9L14.2 9H20c1.2 0 2.1 1.1 1.8 2.3l-1.6 8c-.2 1-1.1 1.7-2.1 1.7H8z' }));
      return picture;
    }
    // entry.feedback (kept with the transcript): {helpful, state: 'sending'|'recorded'|'unrecorded'|'failed',
    // note, comment: 'open'|'sent'}. A verdict still sending at a reload is offered again.
    function feedbackControls(entry) {
      const answerId = entry.answer && typeof entry.answer.answer_id === 'string' ? entry.answer.answer_id : '';
      if (!answerId) return null;
      if (entry.feedback && entry.feedback.state === 'sending') delete entry.feedback;
      const note = el('span', { class: 'feedback-note', role: 'status' });
      const good = el('button', { type: 'button', class: 'vote good', 'aria-label': 'Helpful', title: 'Helpful',
        'aria-pressed': 'false', onclick: () => vote(true) }, thumb());
      const bad = el('button', { type: 'button', class: 'vote bad', 'aria-label': 'Not helpful', title: 'Not helpful',
        'aria-pressed': 'false', onclick: () => vote(false) }, thumb());
      const comment = el('textarea', { rows: '2', 'aria-label': 'What was wrong with this answer? (optional)',
        placeholder: 'What was wrong? (optional)' });
      const count = el('span', { class: 'comment-count', 'aria-live': 'polite' });
      const commentForm = el('form', { class: 'comment', hidden: '', onsubmit: (event) => { event.preventDefault(); sendComment(); } },
        comment, el('div', { class: 'comment-actions' }, count,
          el('button', { type: 'button', class: 'skip', text: 'Skip', onclick: () => { closeComment(); bad.focus(); } }),
          el('button', { type: 'submit', class: 'send-comment', text: 'Send comment' })));
      const view = el('div', { class: 'feedback' },
        el('div', { class: 'votes', role: 'group', 'aria-label': 'Was this answer helpful?' }, good, bad, note), commentForm);

      function commentBytes() { return utf8Length(comment.value.trim()); }
      function showCount() {
        const bytes = commentBytes();
        count.textContent = bytes > MAX_COMMENT_BYTES ? `Too long: ${bytes} of ${MAX_COMMENT_BYTES} bytes` : '';
        commentForm.classList.toggle('too-long', bytes > MAX_COMMENT_BYTES);
      }
      comment.addEventListener('input', showCount);
      comment.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); sendComment(); }
        // Escape closes the comment box, not the whole chat.
        if (event.key === 'Escape') { event.stopPropagation(); closeComment(); bad.focus(); }
      });

      function show() {
        const feedback = entry.feedback;
        good.setAttribute('aria-pressed', String(!!feedback && feedback.helpful === true));
        bad.setAttribute('aria-pressed', String(!!feedback && feedback.helpful === false));
        note.textContent = feedback ? feedback.note || '' : '';
        note.classList.toggle('failed', !!feedback && feedback.state === 'failed');
        commentForm.hidden = !feedback || feedback.comment !== 'open';
      }
      function closeComment() {
        if (entry.feedback && entry.feedback.comment === 'open') delete entry.feedback.comment;
        save();
        show();
      }
      function vote(helpful) {
        const before = entry.feedback;
        // The same verdict again changes nothing; the other one replaces it on the server.
        if (before && before.helpful === helpful && before.state !== 'failed') {
          if (!helpful && before.comment !== 'sent') { before.comment = 'open'; show(); comment.focus(); }
          return;
        }
        entry.feedback = { helpful, state: 'sending', note: 'Sending…', comment: helpful ? undefined : 'open' };
        submit({ type: 'feedback', answer_id: answerId, helpful });
        show();
        if (!helpful) comment.focus();
      }
      function sendComment() {
        const text = comment.value.trim();
        if (!text) { closeComment(); bad.focus(); return; }
        if (utf8Length(text) > MAX_COMMENT_BYTES) { showCount(); comment.focus(); return; }
        entry.feedback = { helpful: false, state: 'sending', note: 'Sending your comment…', comment: 'sent' };
        submit({ type: 'feedback', answer_id: answerId, helpful: false, comment: text });
        comment.value = '';
        show();
        bad.focus();
      }
      function submit(message) {
        const id = `f${state.next++}`;
        feedbackSent.set(id, { message: { ...message, id }, entry, show });
        save();
        transmit({ ...message, id });
        if (!connected) connect();  // sent with the hello, as an ask is
      }
      show();
      return view;
    }
    // The server's reply to feedback: recorded, not recorded (learning off), or an error.
    function feedbackReply(message) {
      const sent = feedbackSent.get(message.id);
      if (!sent) return;
      feedbackSent.delete(message.id);
      const feedback = sent.entry.feedback;
      if (!feedback) return;
      const withComment = typeof sent.message.comment === 'string';
      if (message.type === 'feedback') {
        feedback.state = message.recorded ? 'recorded' : 'unrecorded';
        feedback.note = message.recorded ? (withComment ? 'Thanks, your comment was recorded.' : 'Thanks, recorded.')
          : 'Thanks (this server keeps no feedback).';
      } else {
        feedback.state = 'failed';
        feedback.note = message.code === 'unknown_answer'
          ? 'This answer can no longer be rated (the server has forgotten it).'
          : message.code === 'rate_limited' ? 'Too many messages: try again in a moment.'
            : `Not recorded: ${String(message.message || 'something went wrong')}`;
        if (feedback.comment === 'open') delete feedback.comment;
      }
      save();
      sent.show();
    }
    // The suggestions of the latest answer only: older ones would ask out of context.
    function renderSuggestions() {
      for (const old of log.querySelectorAll('.chips.follow-up')) old.remove();
      const last = state.log[state.log.length - 1];
      if (!last || last.who !== 'bot' || !Array.isArray(last.answer.suggestions)) return;
      // A suggestion that only repeats the question just asked would get the same answer again.
      const asked = comparable(last.question || '');
      const group = chips(last.answer.suggestions.filter((question) => comparable(question) !== asked), 'follow-up');
      if (group) log.append(group);
    }
    function renderAll() {
      log.replaceChildren(el('div', { class: 'msg bot' }, markdown(config.greeting)), chips(config.suggestions, 'quick-start') || '');
      latest = null;
      for (const entry of state.log) log.append(latest = render(entry));
      renderSuggestions();
      typing.hidden = !state.pending.length;
      reveal(latest);
    }
    function add(entry) {
      state.log.push(entry);
      save();
      log.append(latest = render(entry));
      renderSuggestions();
      reveal(latest);
    }
    // Scrolls to the end of the transcript (the latest suggestions), but never past the first
    // line of the newest turn: a long answer is then read from its top rather than found by
    // scrolling back up, and a short one stays whole in view.
    function reveal(node) {
      if (!log.clientHeight) return;  // the panel is closed or not styled yet: open() and show() come back
      if (!node) { log.scrollTop = 0; return; }
      const start = log.scrollTop + node.getBoundingClientRect().top - log.getBoundingClientRect().top -
        parseFloat(getComputedStyle(log).paddingTop);
      log.scrollTop = Math.min(log.scrollHeight - log.clientHeight, start);
    }

    // ---- asking ----
    function send() {
      const text = input.value.trim();
      if (!text) return;
      input.value = '';
      grow();
      ask(text);
    }
    function ask(text) {
      const id = `c${state.next++}`;
      state.pending.push({ id, text });
      typing.hidden = false;  // before add(), which scrolls the log within the room the dots leave
      add({ who: 'user', text });
      transmit({ type: 'ask', id, text });
      if (resting) connect();  // the ask waits in state.pending until the hello
      showStatus();
    }
    function transmit(message) {
      // Typed while disconnected: it stays in state.pending and goes out on reconnection.
      if (connected) socket.send(JSON.stringify(message));
    }
    function restart() {
      state.log = [];
      state.pending = [];
      if (connected) transmit({ type: 'reset' });
      else state.session = '';  // nothing to reset on the server: start a new session on connecting
      save();
      renderAll();
      input.focus();
    }

    // ---- the connection ----
    function showStatus() {
      status.textContent = connected ? '' : resting ? 'Idle: reconnects when you write' : attempt === 0 ? 'Connecting…'
        : state.pending.length ? 'Reconnecting… your message will be sent once back' : 'Reconnecting…';
    }
    function connect() {
      if (socket || retryTimer) return;
      resting = false;
      const url = state.session ? `${server}${server.includes('?') ? '&' : '?'}session=${encodeURIComponent(state.session)}` : server;
      showStatus();
      socket = new WebSocket(url);
      socket.addEventListener('message', (event) => receive(event.data));
      socket.addEventListener('close', (event) => {
        socket = null;
        connected = false;
        // 1001 is the server going away: idle (docs/protocol.md), or shutting down. Reconnecting
        // at once would undo the server's idle limit, an open tab coming back every few minutes
        // for good; the next message or focus on the text box reconnects instead. An ask still
        // unanswered is retried as after any other drop.
        if (event.code === 1001 && !state.pending.length) {
          resting = true;
          attempt = 0;
          showStatus();
          return;
        }
        // RFC 6455 §7.2.3: truncated exponential backoff from a random first delay, so that
        // clients dropped together do not all come back at the same moment.
        const delay = Math.min(10000, 1000 * 1.3 ** attempt) + Math.random() * 1000;
        attempt++;
        showStatus();
        retryTimer = setTimeout(() => { retryTimer = 0; connect(); }, delay);
      });
    }
    // Coming back online is worth a try at once rather than at the end of a long backoff.
    window.addEventListener('online', () => {
      if (!retryTimer) return;
      clearTimeout(retryTimer);
      retryTimer = 0;
      connect();
    });

    function receive(raw) {
      let message;
      try { message = JSON.parse(raw); } catch { return; }
      if (!message || typeof message !== 'object') return;
      if (message.type === 'hello') {
        connected = true;
        attempt = 0;
        state.session = String(message.session || '');
        save();
        showStatus();
        for (const { id, text } of state.pending) transmit({ type: 'ask', id, text });
        for (const { message: feedback } of feedbackSent.values()) transmit(feedback);
        return;
      }
      if (feedbackSent.has(message.id) && (message.type === 'feedback' || message.type === 'error'))
        return feedbackReply(message);
      const waiting = state.pending.findIndex((ask) => ask.id === message.id);
      if (message.type === 'answer' || message.type === 'error') {
        if (waiting < 0) return;  // an answer already shown, to an ask sent again after a drop
        const [{ text: question }] = state.pending.splice(waiting, 1);
        typing.hidden = !state.pending.length;
        if (message.type === 'answer') add({ who: 'bot', answer: message, question });
        else add({ who: 'error', text: String(message.message || 'Something went wrong; please try again.') });
        showStatus();
      }
    }

    renderAll();
    showStatus();
    const mount = () => {
      document.body.append(host);
      // A conversation open before a reload comes back open, without taking the page's focus.
      if (state.open) open(false);
    };
    if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);
    return { open: () => open(true), close };
  }

  window.MlopsBot = {
    // Creates the widget once; later calls return the same one.
    init(options) {
      if (!instance) instance = create(options || {});
      return instance;
    },
    open() { if (instance) instance.open(); },
    close() { if (instance) instance.close(); },
  };
  if (script && script.dataset.server !== undefined) {
    const { server, css, title, greeting } = script.dataset;
    window.MlopsBot.init(Object.fromEntries(Object.entries({ server, css, title, greeting }).filter(([, v]) => v)));
  }
})();
