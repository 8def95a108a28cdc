// The web widget end to end: Debian's chromium, driven by playwright-core, on the demo page of
// the real `mlops-bot serve` on a loopback port. Run by run.sh; each test saves a screenshot.
//   MLOPS_BOT_BINARY      the server binary (default ../../build/mlops-bot)
//   MLOPS_BOT_SCREENSHOTS where the screenshots go (default ./screenshots)
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { launchChromium } = require('./chromium');
const { startServer } = require('./server');

const binary = path.resolve(process.env.MLOPS_BOT_BINARY || path.join(__dirname, '../../build/mlops-bot'));
const shots = path.resolve(process.env.MLOPS_BOT_SCREENSHOTS || path.join(__dirname, 'screenshots'));
const SALARY_QUESTION = 'What does an MLOps engineer with 3 years of experience earn?';
// An answer long enough to need scrolling in a short window.
const LONG_QUESTION = 'Which tools should I learn?';
const TEN_TO_TWENTY = /₹\s?10\s?(?:LPA\s?)?(?:–|-|to)\s?(?:₹\s?)?20\s?LPA/;
// The senior band, where 8 years of experience fall.
const TWENTY_TO_FORTY = /₹\s?20\s?(?:LPA\s?)?(?:–|-|to)\s?(?:₹\s?)?40\+?\s?LPA/;
const ANSWER_MS = 15000;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

let browser;
let server;

before(async () => {
  fs.mkdirSync(shots, { recursive: true });
  server = await startServer(binary);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// A page in a fresh context (its own sessionStorage), with its script errors collected.
// prepare(page), if given, runs before the page loads (to route its WebSocket, say).
// url: the page to load, by default the demo page of the shared server.
async function openPage(t, viewport = DESKTOP, prepare = null, url = server.url) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (prepare) await prepare(page);
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  t.after(async () => {
    await context.close();
    assert.deepEqual(errors, [], 'the page had script errors');
  });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

// Locators into the widget's (open) shadow root: Playwright's CSS and role locators pierce it.
const bubble = (page) => page.getByRole('button', { name: 'Open chat' });
const input = (page) => page.getByRole('textbox', { name: 'Your question' });
const answers = (page) => page.locator('#mlops-bot article.msg.bot, #mlops-bot .msg.error');
const status = (page) => page.locator('#mlops-bot .status');

async function openWidget(page) {
  await bubble(page).click();
  await input(page).waitFor();
}

// Types a question, sends it with Enter, and returns the locator of its answer once shown.
async function ask(page, text) {
  const before = await answers(page).count();
  await input(page).fill(text);
  await input(page).press('Enter');
  const answer = answers(page).nth(before);
  await answer.waitFor({ timeout: ANSWER_MS });
  return answer;
}

// The answer objects the widget keeps in sessionStorage to restore the transcript.
async function stored(page) {
  return page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((name) => name.startsWith('mlops-bot:'));
    return key ? JSON.parse(sessionStorage.getItem(key)) : null;
  });
}
async function lastAnswer(page) {
  const { log } = await stored(page);
  return log.filter((entry) => entry.who === 'bot').at(-1).answer;
}

// Where the newest answer is in the transcript's scrolled view, in CSS pixels: `top` is its
// first line's distance below the top of the view's content box (negative: scrolled past).
async function latestAnswerInView(page) {
  return page.evaluate(() => {
    const log = document.querySelector('#mlops-bot').shadowRoot.querySelector('.log');
    const answer = [...log.querySelectorAll('article.msg.bot')].at(-1).getBoundingClientRect();
    const view = log.getBoundingClientRect();
    const top = answer.top - view.top - parseFloat(getComputedStyle(log).paddingTop);
    return { top, bottom: answer.bottom - view.top, height: answer.height, view: log.clientHeight,
      scrollTop: log.scrollTop, inContent: log.scrollTop + top };
  });
}

const shoot = (page, name) => page.screenshot({ path: path.join(shots, `${name}.png`) });

test('the demo page has a CSP, the widget validators and gzip; the snippet twice makes one widget', async (t) => {
  const page = await fetch(server.url);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html; charset=utf-8/);
  assert.match(page.headers.get('content-security-policy'), /script-src 'self'/);
  const script = await fetch(`${server.url}widget.js`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(script.status, 200);
  assert.match(script.headers.get('content-type'), /^text\/javascript; charset=utf-8/);
  assert.equal(script.headers.get('content-encoding'), 'gzip');
  assert.ok((await script.text()).length < 30 * 1024, 'widget.js is under 30 KB');
  const again = await fetch(`${server.url}widget.js`, { headers: { 'if-none-match': script.headers.get('etag'), 'accept-encoding': 'gzip' } });
  assert.equal(again.status, 304);

  const browserPage = await openPage(t);
  // Pasting the snippet a second time adds no second widget.
  await browserPage.evaluate(() => new Promise((resolve) => {
    const again = Object.assign(document.createElement('script'), { src: '/widget.js', onload: resolve });
    again.dataset.server = '/v1/chat';
    document.body.append(again);
  }));
  assert.equal(await browserPage.locator('#mlops-bot').count(), 1);
  await openWidget(browserPage);
  await browserPage.getByText('Hi! I answer questions about MLOps careers').waitFor();
  const focused = await browserPage.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id);
  assert.equal(focused, 'mb-input', 'opening the panel moves the focus into its text box');
  await shoot(browserPage, 'open');
});

test('a salary question shows ₹10–20 LPA, highlighted, with its sources', async (t) => {
  const page = await openPage(t);
  await openWidget(page);
  const answer = await ask(page, SALARY_QUESTION);
  assert.match(await answer.innerText(), TEN_TO_TWENTY);
  assert.ok(await answer.locator('mark.salary').count() > 0, 'the salary figure is highlighted');
  const sources = answer.locator('details.sources');
  assert.equal(await sources.count(), 1, 'the answer cites its sources');
  await sources.locator('summary').click();
  await shoot(page, 'salary');
});

test('a suggestion button asks its question and its answer is shown', async (t) => {
  const page = await openPage(t);
  await openWidget(page);
  await ask(page, SALARY_QUESTION);
  const suggestion = page.locator('#mlops-bot .chips.follow-up button').first();
  const question = await suggestion.innerText();
  const before = await answers(page).count();
  await suggestion.click();
  await page.locator('#mlops-bot .msg.user').filter({ hasText: question }).waitFor();
  await answers(page).nth(before).waitFor({ timeout: ANSWER_MS });
  const answer = await lastAnswer(page);
  assert.notEqual(answer.intent.name, 'out_of_scope', `"${question}" got an answer`);
  await shoot(page, 'suggestion');
});

test('the role comparison is drawn as a range chart, with a table for screen readers', async (t) => {
  const page = await openPage(t);
  await openWidget(page);
  const answer = await ask(page, 'Compare MLOps engineer and data scientist salaries');
  const chart = answer.locator('figure.chart');
  await chart.waitFor();
  assert.ok(await chart.locator('svg rect.range').count() >= 2, 'a bar per role');
  const rows = await chart.locator('table.sr-only tr').allInnerTexts();
  assert.ok(rows.some((row) => /MLOps engineer/i.test(row)) && rows.some((row) => /Data scientist/i.test(row)));
  await shoot(page, 'comparison');
});

test('a follow-up continues the conversation', async (t) => {
  const page = await openPage(t);
  await openWidget(page);
  await ask(page, SALARY_QUESTION);
  const followUp = await ask(page, 'and with 8 years?');
  assert.match(await followUp.innerText(), /LPA/);
  const answer = await lastAnswer(page);
  assert.equal(answer.intent.name, 'salary.estimate');
  assert.equal(answer.entities.experience_years, 8);
  assert.deepEqual(answer.entities.role, ['mlops_engineer'], 'the role is carried over from the first question');
  await shoot(page, 'follow-up');
});

test('a reload keeps the transcript and resumes the conversation', async (t) => {
  const page = await openPage(t);
  await openWidget(page);
  await ask(page, SALARY_QUESTION);
  const { session } = await stored(page);
  assert.ok(session, 'the session id is kept in sessionStorage');
  await page.reload({ waitUntil: 'load' });
  // The panel comes back open with the answer, and the connection resumes the same session.
  await page.locator('#mlops-bot article.msg.bot').filter({ hasText: TEN_TO_TWENTY }).waitFor();
  await page.waitForFunction(() => document.querySelector('#mlops-bot').shadowRoot.querySelector('.status').textContent === '');
  assert.equal((await stored(page)).session, session);
  await ask(page, 'and with 8 years?');
  const answer = await lastAnswer(page);
  assert.equal(answer.entities.experience_years, 8);
  assert.deepEqual(answer.entities.role, ['mlops_engineer'], 'the server resumed the conversation');
  await shoot(page, 'reload');
});

test('an XSS attempt is shown as text and never runs', async (t) => {
  const page = await openPage(t);
  await openWidget(page);
  const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> [click](javascript:window.__xss=3) **bold**';
  await ask(page, payload);
  await page.locator('#mlops-bot .msg.user').filter({ hasText: '<img src=x onerror=' }).waitFor();
  const found = await page.evaluate(() => {
    const root = document.querySelector('#mlops-bot').shadowRoot;
    return { xss: window.__xss, elements: root.querySelectorAll('.log img, .log script, .log a[href^="javascript"]').length,
      text: root.querySelector('.msg.user').textContent };
  });
  assert.equal(found.xss, undefined);
  assert.equal(found.elements, 0, 'no element was made from the payload');
  assert.ok(found.text.endsWith(payload), 'the question is shown exactly as typed');
  await shoot(page, 'xss');
});

test('a 360 px wide phone screen fits the panel and the answer', async (t) => {
  const page = await openPage(t, PHONE);
  await openWidget(page);
  const answer = await ask(page, SALARY_QUESTION);
  assert.match(await answer.innerText(), TEN_TO_TWENTY);
  const panel = await page.locator('#mlops-bot .panel').boundingBox();
  assert.ok(panel.x >= 0 && panel.x + panel.width <= PHONE.width, 'the panel fits the width');
  const send = await page.getByRole('button', { name: 'Send' }).boundingBox();
  assert.ok(send.x + send.width <= PHONE.width && send.y + send.height <= PHONE.height, 'the send button is on screen');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= PHONE.width, 'nothing scrolls sideways');
  await shoot(page, 'phone');
});

test('keyboard only: open, type, Shift+Enter, send, pick a suggestion, Escape', async (t) => {
  const page = await openPage(t);
  const focusedName = () => page.evaluate(() => {
    const element = document.activeElement?.shadowRoot?.activeElement;
    return element ? element.getAttribute('aria-label') || element.textContent : '';
  });
  // The demo page has nothing else to focus: the first Tab reaches the bubble.
  await page.keyboard.press('Tab');
  assert.equal(await focusedName(), 'Open chat');
  await page.keyboard.press('Enter');
  assert.equal(await focusedName(), 'Your question', 'the focus moved into the panel');

  await page.keyboard.type('What does an MLOps engineer');
  await page.keyboard.press('Shift+Enter');
  assert.equal(await input(page).inputValue(), 'What does an MLOps engineer\n', 'Shift+Enter breaks the line');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(' with 3 years of experience earn?');
  await page.keyboard.press('Enter');
  await answers(page).first().waitFor({ timeout: ANSWER_MS });

  // Shift+Tab back from the text box reaches the newest suggestion.
  const suggestions = await page.locator('#mlops-bot .chips.follow-up button').allInnerTexts();
  assert.ok(suggestions.length > 0, 'the answer has suggestions');
  for (let i = 0; i < 10 && !suggestions.includes(await focusedName()); i++) await page.keyboard.press('Shift+Tab');
  const chosen = await focusedName();
  assert.ok(suggestions.includes(chosen), 'a suggestion is reachable by keyboard');
  await shoot(page, 'keyboard');
  await page.keyboard.press('Enter');
  await answers(page).nth(1).waitFor({ timeout: ANSWER_MS });
  assert.equal(await focusedName(), 'Your question', 'after a suggestion the focus is back in the text box');

  await page.keyboard.press('Escape');
  assert.equal(await focusedName(), 'Open chat', 'closing returns the focus to the bubble');
});

test('a long answer is shown from its first line, a short one whole', async (t) => {
  // A short window, so that the tools answer (a list with its sources) is taller than the view.
  const page = await openPage(t, { width: 1280, height: 520 });
  await openWidget(page);
  await ask(page, LONG_QUESTION);
  const long = await latestAnswerInView(page);
  assert.ok(long.height > long.view, `the answer (${long.height} px) is taller than the view (${long.view} px)`);
  assert.ok(Math.abs(long.top) <= 1, `the answer's first line is at the top of the view (${long.top} px from it)`);
  await shoot(page, 'long-answer');

  await ask(page, 'Hi');
  const short = await latestAnswerInView(page);
  assert.ok(short.top >= -1 && short.bottom <= short.view + 1,
    `the short answer is wholly in view (${short.top} to ${short.bottom} of ${short.view} px)`);
});

test('a reload comes back scrolled to the latest turn', async (t) => {
  const page = await openPage(t);
  await openWidget(page);
  await ask(page, SALARY_QUESTION);
  await ask(page, 'Compare MLOps engineer and data scientist salaries');
  await ask(page, 'and with 8 years?');
  await page.reload({ waitUntil: 'load' });
  await page.locator('#mlops-bot article.msg.bot').nth(2).waitFor();
  // The transcript has a size once the widget's stylesheet is in.
  await page.waitForFunction(() => document.querySelector('#mlops-bot').shadowRoot.querySelector('.log').clientHeight > 0);
  const latest = await latestAnswerInView(page);
  assert.ok(latest.inContent > latest.view, 'the transcript is longer than the view (the premise of this test)');
  assert.ok(latest.top >= -1 && latest.top < latest.view - 40,
    `the latest answer's start is in view (${latest.top} px below its top, of ${latest.view} px)`);
  await shoot(page, 'reload-scrolled');
});

// The error colours are reds (hue 0–45° or 330–360°); a focus ring in one reads as an error.
function parseRgb(css) {
  const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map(Number);
  return { r, g, b };
}
function hueAndSaturation({ r, g, b }) {
  const [max, min] = [Math.max(r, g, b), Math.min(r, g, b)];
  const delta = max - min;
  if (delta === 0) return { hue: 0, saturation: 0 };
  const hue = max === r ? 60 * (((g - b) / delta + 6) % 6) : max === g ? 60 * ((b - r) / delta + 2) : 60 * ((r - g) / delta + 4);
  return { hue, saturation: delta / max };
}
function contrast(first, second) {
  const luminance = ({ r, g, b }) => {
    const [R, G, B] = [r, g, b].map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}

test('the focus ring is clearly visible and is not the error red', async (t) => {
  const page = await openPage(t);
  await openWidget(page);  // the text box has the focus
  const ringOf = (selector) => page.evaluate((selector) => {
    const root = document.querySelector('#mlops-bot').shadowRoot;
    const style = getComputedStyle(root.querySelector(selector));
    // The ring lies on the panel's background (the form has none of its own).
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor,
      surface: getComputedStyle(root.querySelector('.panel')).backgroundColor };
  }, selector);
  const textBox = await ringOf('textarea');
  await page.keyboard.press('Tab');
  const send = await ringOf('form .send');
  for (const [name, ring] of Object.entries({ 'text box': textBox, 'send button': send })) {
    assert.equal(ring.style, 'solid', `the ${name} shows a focus ring`);
    // WCAG 2.2 focus appearance: at least 2 px thick, at least 3:1 against what it replaces.
    assert.ok(ring.width >= 2, `the ${name}'s ring is ${ring.width} px thick`);
    const color = parseRgb(ring.color);
    const ratio = contrast(color, parseRgb(ring.surface));
    assert.ok(ratio >= 3, `the ${name}'s ring ${ring.color} has ${ratio.toFixed(2)}:1 against ${ring.surface}`);
    const { hue, saturation } = hueAndSaturation(color);
    assert.ok(saturation < 0.25 || (hue > 45 && hue < 330), `the ${name}'s ring ${ring.color} (hue ${Math.round(hue)}°) is no error red`);
  }
  await shoot(page, 'focus');
});

// Each answer's suggestions get a copy of the question just asked, differently cased and
// punctuated, as the engine has been seen to send ("What is IaaS?" suggested "What is IaaS?").
async function echoQuestionInSuggestions(page) {
  await page.routeWebSocket((url) => url.pathname === '/v1/chat', (ws) => {
    const asked = new Map();
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const parsed = JSON.parse(message);
      if (parsed.type === 'ask') asked.set(parsed.id, parsed.text);
      server.send(message);
    });
    server.onMessage((message) => {
      const parsed = JSON.parse(message);
      if (parsed.type === 'answer' && asked.has(parsed.id)) {
        const echo = ` ${asked.get(parsed.id).toUpperCase().replace(/\?$/, '')} !`;
        ws.send(JSON.stringify({ ...parsed, suggestions: [echo, ...parsed.suggestions] }));
      } else {
        ws.send(message);
      }
    });
  });
}

test('no suggestion repeats the question just asked, also after a reload', async (t) => {
  const page = await openPage(t, DESKTOP, echoQuestionInSuggestions);
  await openWidget(page);
  const same = (a, b) => a.toLowerCase().replace(/[^a-z0-9]/g, '') === b.toLowerCase().replace(/[^a-z0-9]/g, '');
  const shown = () => page.locator('#mlops-bot .chips.follow-up button').allInnerTexts();
  for (const question of ['What is IaaS?', 'Which tools are used for model serving?']) {
    await ask(page, question);
    const sent = (await lastAnswer(page)).suggestions;
    assert.ok(sent.some((suggestion) => same(suggestion, question)), 'the server sent the question as a suggestion');
    assert.deepEqual(await shown(), sent.filter((suggestion) => !same(suggestion, question)),
      `"${question}" is not suggested, the other suggestions are, in their order`);
  }
  const before = await shown();
  await page.reload({ waitUntil: 'load' });
  await page.locator('#mlops-bot .chips.follow-up').waitFor();
  assert.deepEqual(await shown(), before, 'the restored transcript shows the same suggestions');
});

// Resolves true if the page opens a WebSocket within `ms`, false if it does not.
async function opensWebSocket(page, ms) {
  return page.waitForEvent('websocket', { timeout: ms }).then(() => true, (error) => {
    if (error.name !== 'TimeoutError') throw error;
    return false;
  });
}

// The server's idle limit (here 2 s) would be undone if the widget came straight back: an open
// tab would then reconnect every few minutes for good. After a 1001 it waits for its user.
test('an idle chat closed with 1001 reconnects only when its user writes or focuses the text box', async (t) => {
  const idleServer = await startServer(binary, 0, ['--chat-idle-timeout', '2']);
  t.after(() => idleServer.stop());
  const sockets = [];
  const page = await openPage(t, DESKTOP, (page) => page.on('websocket', (socket) => sockets.push(socket)), idleServer.url);
  await openWidget(page);
  await ask(page, SALARY_QUESTION);
  const { session } = await stored(page);
  assert.equal(sockets.length, 1);

  // The server closes the chat 2 s after the answer.
  if (!sockets[0].isClosed()) await sockets[0].waitForEvent('close', { timeout: 10000 });
  const metrics = await (await fetch(`${idleServer.url}metrics`)).text();
  assert.match(metrics, /mlops_bot_rejected_messages_total\{reason="idle_timeout"\} [1-9]/, 'the server closed it as idle');
  // Any other close is retried after 1 to 2 s.
  assert.equal(await opensWebSocket(page, 3500), false, 'no reconnection without the user');
  assert.equal(sockets.length, 1);
  // A normal end: a quiet status, no error in the transcript.
  assert.match(await status(page).innerText(), /^Idle/);
  assert.equal(await page.locator('#mlops-bot .msg.error').count(), 0, 'an idle close is no error');
  await shoot(page, 'idle');

  // The text box still has the focus: sending, not focusing, brings the connection back, and the
  // question waits for it. The same session goes on: "8 years" keeps the role of the first question.
  assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id), 'mb-input');
  const followUp = await ask(page, 'and with 8 years?');
  assert.match(await followUp.innerText(), TWENTY_TO_FORTY);
  const answer = await lastAnswer(page);
  assert.equal(answer.intent.name, 'salary.estimate');
  assert.equal(answer.entities.experience_years, 8);
  assert.deepEqual(answer.entities.role, ['mlops_engineer'], 'the server resumed the conversation');
  assert.equal((await stored(page)).session, session);
  assert.equal(sockets.length, 2, 'one new connection for the follow-up');

  // Idle again; this time focusing the text box reconnects, before anything is typed.
  await status(page).filter({ hasText: 'Idle' }).waitFor({ timeout: 10000 });
  await page.locator('#mlops-bot .log').focus();
  const reopened = page.waitForEvent('websocket', { timeout: 5000 });
  await input(page).focus();
  await reopened;
  await page.waitForFunction(() => document.querySelector('#mlops-bot').shadowRoot.querySelector('.status').textContent === '');
  assert.equal(sockets.length, 3);
  assert.equal((await stored(page)).session, session);
});

// Last, since it replaces the server: a drop without a close frame (a crash, a lost network)
// shows "Reconnecting" and is retried on its own; what is typed meanwhile waits, and goes out
// once the server is back on the same port.
test('a server crash shows reconnecting, then the queued question is answered', async (t) => {
  const page = await openPage(t);
  await openWidget(page);
  await ask(page, SALARY_QUESTION);
  const { port } = server;
  await server.kill();
  await status(page).filter({ hasText: 'Reconnecting' }).waitFor();

  await input(page).fill('Which tools should I learn?');
  await input(page).press('Enter');
  await status(page).filter({ hasText: 'will be sent once back' }).waitFor();
  await shoot(page, 'reconnecting');

  server = await startServer(binary, port);
  // The backoff is capped at 10 s plus up to 1 s of jitter.
  await answers(page).nth(1).waitFor({ timeout: 15000 });
  await page.waitForFunction(() => document.querySelector('#mlops-bot').shadowRoot.querySelector('.status').textContent === '');
  assert.notEqual((await lastAnswer(page)).intent.name, 'out_of_scope');
  await shoot(page, 'reconnected');
});
