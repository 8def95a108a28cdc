/* The admin page (GET /admin/): asks for the admin token once (kept in sessionStorage for the
 * tab), reads GET /admin/stats, /admin/unanswered and /admin/feedback with it, and draws their
 * charts as plain SVG and their tables. No framework, no inline script or style (the page's
 * Content-Security-Policy allows neither); everything the server sends goes in as text. */
(() => {
  'use strict';
  const TOKEN_KEY = 'mlops-bot:admin-token';
  const SVG = 'http://www.w3.org/2000/svg';
  const LIMIT = 200;  // rows of each list shown; the download takes up to the server's 1000
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
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
  const percent = (rate) => (typeof rate === 'number' ? `${Math.round(rate * 100)}%` : '–');
  const number = (value) => (typeof value === 'number' ? String(value) : '–');
  const pretty = (name) => String(name || '').replace(/_/g, ' ');

  // ---- the token ------------------------------------------------------------------------
  const token = {
    get() { try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch { return ''; } },
    set(value) { try { sessionStorage.setItem(TOKEN_KEY, value); } catch { /* storage off: asked again next time */ } },
    clear() { try { sessionStorage.removeItem(TOKEN_KEY); } catch { /* nothing kept */ } },
  };

  class HttpError extends Error {
    constructor(status, code, message) { super(message); this.status = status; this.code = code; }
  }
  async function call(path, secret) {
    const response = await fetch(path, { headers: { Authorization: `Bearer ${secret}` }, cache: 'no-store' });
    if (!response.ok) {
      let body = {};
      try { body = await response.json(); } catch { /* not JSON */ }
      const error = body.error || {};
      throw new HttpError(response.status, error.code || '', error.message || response.statusText);
    }
    return response;
  }

  function showMessage(text) {
    $('message').textContent = text;
    $('message').hidden = !text;
  }
  function askForToken(message) {
    $('dashboard').hidden = true;
    $('controls').hidden = true;
    $('sign-in').hidden = false;
    $('status').textContent = '';
    showMessage(message || '');
    $('token').value = '';
    $('token').focus();
  }
  // Why a call failed, in words an admin can act on; a refused token asks for it again.
  function explain(error) {
    if (error instanceof HttpError && error.status === 401) {
      token.clear();
      askForToken('The server did not accept that token (401). Enter the admin token again.');
      return;
    }
    if (error instanceof HttpError && error.code === 'learning_off')
      showMessage('The server records nothing: it runs with --learning off.');
    else if (error instanceof HttpError) showMessage(`The server answered ${error.status}: ${error.message}`);
    else showMessage('The server cannot be reached. Try Refresh in a moment.');
    $('status').textContent = '';
  }

  // ---- loading --------------------------------------------------------------------------
  function query(extra) {
    const since = $('since').value;
    const parameters = new URLSearchParams(extra);
    if (since) parameters.set('since', since);
    return parameters.toString();
  }
  async function load() {
    const secret = token.get();
    if (!secret) return askForToken();
    $('status').textContent = 'Loading…';
    try {
      const [stats, unanswered, feedback] = await Promise.all([
        call(`/admin/stats?${query({})}`, secret).then((r) => r.json()),
        call(`/admin/unanswered?${query({ limit: LIMIT })}`, secret).then((r) => r.json()),
        call(`/admin/feedback?${query({ limit: LIMIT })}`, secret).then((r) => r.json()),
      ]);
      showMessage('');
      $('sign-in').hidden = true;
      $('controls').hidden = false;
      $('dashboard').hidden = false;
      render(stats.days || [], unanswered.unanswered || [], feedback.feedback || []);
      $('status').textContent = `Updated ${new Date().toLocaleTimeString()}.`;
    } catch (error) {
      explain(error);
    }
  }

  async function download() {
    const secret = token.get();
    if (!secret) return askForToken();
    try {
      const response = await call(`/admin/unanswered?${query({ format: 'jsonl', limit: 1000 })}`, secret);
      const text = await response.text();
      const lines = text ? text.trimEnd().split('\n').length : 0;
      const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
      const link = el('a', { href: url, download: `unanswered-${$('since').value || 'all'}.jsonl` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      $('status').textContent = `Downloaded ${lines} question${lines === 1 ? '' : 's'} to label.`;
    } catch (error) {
      explain(error);
    }
  }

  // ---- charts: plain SVG ----------------------------------------------------------------
  // Each has a text alternative (role=img, aria-label); the tables below hold every figure.
  function chartBox(id, label, picture) {
    const figure = $(id);
    for (const old of figure.querySelectorAll('svg, .empty')) old.remove();
    if (!picture) { figure.append(el('p', { class: 'empty', text: 'Nothing recorded in this period.' })); return; }
    picture.setAttribute('role', 'img');
    picture.setAttribute('aria-label', label);
    figure.append(picture);
  }
  // A round number at or above `value`, for the end of an axis.
  function axisTop(value) {
    if (value <= 0) return 1;
    const magnitude = 10 ** Math.floor(Math.log10(value));
    return [1, 2, 5, 10].map((step) => step * magnitude).find((top) => top >= value);
  }

  // Vertical bars, one per day (oldest left).
  function questionsChart(days) {
    if (!days.length) return null;
    const [width, height, left, bottom, top] = [360, 190, 38, 30, 14];
    const largest = axisTop(Math.max(...days.map((day) => day.questions || 0)));
    const slot = (width - left - 8) / days.length;
    const y = (value) => height - bottom - (value / largest) * (height - bottom - top);
    const picture = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart' });
    for (const tick of [0, largest / 2, largest]) {
      picture.append(svg('line', { class: 'grid', x1: left, x2: width - 8, y1: y(tick), y2: y(tick) }),
        svg('text', { class: 'tick', x: left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, String(tick)));
    }
    const labelEvery = Math.ceil(days.length / 10);
    days.forEach((day, index) => {
      // A few days would make wide slabs: a bar is at most 48 wide, centred in its day's slot.
      const barWidth = Math.min(Math.max(slot * 0.7, 2), 48);
      const x = left + index * slot + (slot - barWidth) / 2;
      picture.append(svg('rect', { class: 'bar', x, y: y(day.questions || 0), width: barWidth,
        height: Math.max(y(0) - y(day.questions || 0), 0) }));
      if (slot > 28) picture.append(svg('text', { class: 'value', x: x + barWidth / 2, y: y(day.questions || 0) - 3,
        'text-anchor': 'middle' }, String(day.questions || 0)));
      if (index % labelEvery === 0)
        picture.append(svg('text', { class: 'tick', x: x + barWidth / 2, y: height - bottom + 16, 'text-anchor': 'middle' },
          String(day.day).slice(5)));
    });
    return picture;
  }

  // Horizontal bars: each intent's answers over the period, largest first.
  function intentTotals(days) {
    const totals = new Map();
    for (const day of days)
      for (const [intent, count] of Object.entries(day.intents || {})) totals.set(intent, (totals.get(intent) || 0) + count);
    return [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }
  function intentsChart(totals) {
    const rows = totals.slice(0, 12);
    if (!rows.length) return null;
    const [width, rowHeight, left] = [400, 24, 150];
    const all = totals.reduce((sum, [, count]) => sum + count, 0);
    const largest = rows[0][1];
    const picture = svg('svg', { viewBox: `0 0 ${width} ${rows.length * rowHeight + 6}`, class: 'chart' });
    rows.forEach(([intent, count], index) => {
      const y = index * rowHeight + 4;
      const length = Math.max((count / largest) * (width - left - 70), 2);
      const name = pretty(intent);
      picture.append(svg('text', { class: 'label', x: left - 8, y: y + 14, 'text-anchor': 'end' },
        name.length > 22 ? `${name.slice(0, 21)}…` : name),
      svg('rect', { class: intent === 'out_of_scope' ? 'bar out' : 'bar', x: left, y: y + 3, width: length, height: 15, rx: 2 }),
      svg('text', { class: 'value', x: left + length + 6, y: y + 15 }, `${count} (${Math.round((count / all) * 100)}%)`));
    });
    return picture;
  }

  // Two bars a day, 0–100%: the out-of-scope rate and the helpful rate (none without feedback).
  function ratesChart(days) {
    if (!days.length) return null;
    const [width, height, left, bottom, top] = [360, 200, 42, 46, 10];
    const slot = (width - left - 8) / days.length;
    const y = (rate) => height - bottom - rate * (height - bottom - top);
    const picture = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart' });
    for (const tick of [0, 0.5, 1]) {
      picture.append(svg('line', { class: 'grid', x1: left, x2: width - 8, y1: y(tick), y2: y(tick) }),
        svg('text', { class: 'tick', x: left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, `${tick * 100}%`));
    }
    const labelEvery = Math.ceil(days.length / 10);
    days.forEach((day, index) => {
      const barWidth = Math.min(Math.max(slot * 0.35, 2), 28);
      const x = left + index * slot + slot / 2 - barWidth;
      const bars = [[day.out_of_scope_rate, 'bar out', 0], [day.helpful_rate, 'bar helpful', barWidth]];
      for (const [rate, kind, offset] of bars) {
        if (typeof rate !== 'number') continue;
        picture.append(svg('rect', { class: kind, x: x + offset, y: y(rate), width: barWidth, height: Math.max(y(0) - y(rate), 1) }));
      }
      if (index % labelEvery === 0)
        picture.append(svg('text', { class: 'tick', x: x + barWidth, y: height - bottom + 16, 'text-anchor': 'middle' },
          String(day.day).slice(5)));
    });
    const legendY = height - 12;
    picture.append(svg('rect', { class: 'bar out', x: left, y: legendY - 9, width: 10, height: 10 }),
      svg('text', { class: 'label', x: left + 15, y: legendY }, 'out of scope'),
      svg('rect', { class: 'bar helpful', x: left + 105, y: legendY - 9, width: 10, height: 10 }),
      svg('text', { class: 'label', x: left + 120, y: legendY }, 'helpful (of the rated answers)'));
    return picture;
  }

  // ---- tables ---------------------------------------------------------------------------
  function fill(tableId, rows, columns, empty) {
    const body = $(tableId).tBodies[0];
    body.replaceChildren(...rows.map((row) => el('tr', {}, ...columns.map((cell) => el('td', {}, cell(row))))));
    if (!rows.length) body.append(el('tr', {}, el('td', { colspan: String(columns.length), class: 'empty', text: empty })));
  }
  const when = (text) => el('time', { datetime: String(text), text: String(text).replace('T', ' ').replace('Z', ' UTC') });

  function render(days, unanswered, feedback) {
    const questions = days.reduce((sum, day) => sum + (day.questions || 0), 0);
    chartBox('chart-questions', `Questions per day: ${questions} in ${days.length} day${days.length === 1 ? '' : 's'}` +
      (days.length ? `, ${days.map((day) => `${day.day}: ${day.questions}`).join(', ')}` : ''), questionsChart(days));
    const totals = intentTotals(days);
    chartBox('chart-intents', `Intent mix: ${totals.map(([intent, count]) => `${pretty(intent)} ${count}`).join(', ')}`,
      intentsChart(totals));
    chartBox('chart-rates', `Out-of-scope and helpful rates: ${days.map((day) =>
      `${day.day}: out of scope ${percent(day.out_of_scope_rate)}, helpful ${percent(day.helpful_rate)}`).join('; ')}`,
    ratesChart(days));

    fill('days-table', days.slice().reverse(), [
      (day) => day.day, (day) => number(day.questions),
      (day) => `${number(day.out_of_scope)} (${percent(day.out_of_scope_rate)})`, (day) => number(day.feedback),
      (day) => percent(day.helpful_rate), (day) => number(day.latency_ms && day.latency_ms.p50),
      (day) => number(day.latency_ms && day.latency_ms.p90), (day) => number(day.latency_ms && day.latency_ms.p99),
    ], 'Nothing recorded in this period.');
    fill('unanswered-table', unanswered, [
      (group) => number(group.count), (group) => group.example, (group) => pretty(group.miss),
      (group) => (group.guess ? `${pretty(group.guess.intent)} (${number(group.guess.confidence)})` : ''),
      (group) => when(group.first_seen), (group) => when(group.last_seen),
    ], 'Every question in this period was answered.');
    fill('feedback-table', feedback, [
      (entry) => when(entry.at),
      (entry) => el('span', { class: entry.helpful ? 'verdict good' : 'verdict bad', text: entry.helpful ? 'helpful' : 'not helpful' }),
      (entry) => entry.question, (entry) => pretty(entry.intent), (entry) => entry.channel, (entry) => entry.comment,
    ], 'No feedback in this period.');
  }

  // ---- wiring ---------------------------------------------------------------------------
  function start() {
    $('sign-in').addEventListener('submit', (event) => {
      event.preventDefault();
      const value = $('token').value.trim();
      if (!value) return;
      token.set(value);
      load();
    });
    $('refresh').addEventListener('click', load);
    $('since').addEventListener('change', load);
    $('download').addEventListener('click', download);
    $('sign-out').addEventListener('click', () => { token.clear(); askForToken('The token is forgotten in this tab.'); });
    load();
  }
  start();
})();
