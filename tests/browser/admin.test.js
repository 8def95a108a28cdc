// The learning loop in the browser: the widget's 👍/👎 (and the comment after 👎) recorded by the
// real server, and the admin page (GET /admin/) that shows what was recorded. Debian's chromium,
// driven by playwright-core, against `mlops-bot serve` on a loopback port with an admin token and
// a learning file of the test's own. Run by run.sh; screenshots go to MLOPS_BOT_SCREENSHOTS.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { launchChromium } = require('./chromium');
const { startServer } = require('./server');

const binary = path.resolve(process.env.MLOPS_BOT_BINARY || path.join(__dirname, '../../build/mlops-bot'));
const shots = path.resolve(process.env.MLOPS_BOT_SCREENSHOTS || path.join(__dirname, 'screenshots'));
const TOKEN = 'browser-test-admin-token-0123456789';
const SALARY_QUESTION = 'What does an MLOps engineer with 3 years of experience earn?';
const OUT_OF_SCOPE = 'How do I bake sourdough bread?';
const COMMENT = 'I wanted a recipe, not careers';
const ANSWER_MS = 15000;
const RECORDED_MS = 10000;  // the learning writer flushes every half second

let browser;
let server;
let folder;

before(async () => {
  fs.mkdirSync(shots, { recursive: true });
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-bot-admin-test-'));
  server = await startServer(binary, 0, ['--learning-db', path.join(folder, 'learning.db')],
    { MLOPS_BOT_ADMIN_TOKEN: TOKEN });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

// A page in a fresh context, with its script errors and console errors (a CSP violation is
// one) collected and checked when the test ends.
async function openPage(t, url, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    // A refused token is a 401 the page expects and explains; anything else is a fault.
    if (message.type() === 'error' && !/status of 401/.test(message.text())) errors.push(message.text());
  });
  t.after(async () => {
    await context.close();
    assert.deepEqual(errors, [], 'the page had script or console errors');
  });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

const admin = (route) => fetch(`${server.url}${route.replace(/^\//, '')}`, { headers: { Authorization: `Bearer ${TOKEN}` } });

// Polls GET /admin/feedback until `ready(list)` holds: the server writes records in batches.
async function feedbackUntil(ready) {
  const deadline = Date.now() + RECORDED_MS;
  for (;;) {
    const list = (await (await admin('/admin/feedback')).json()).feedback;
    if (ready(list)) return list;
    if (Date.now() > deadline) throw new Error(`feedback not recorded in time: ${JSON.stringify(list)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const answers = (page) => page.locator('#mlops-bot article.msg.bot');
async function ask(page, text) {
  const before = await answers(page).count();
  const input = page.getByRole('textbox', { name: 'Your question' });
  await input.fill(text);
  await input.press('Enter');
  const answer = answers(page).nth(before);
  await answer.waitFor({ timeout: ANSWER_MS });
  return answer;
}
async function openWidget(page) {
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.getByRole('textbox', { name: 'Your question' }).waitFor();
}
const shoot = (page, name, options = {}) => page.screenshot({ path: path.join(shots, `${name}.png`), ...options });

test('the widget: 👍 and 👎 with a comment are recorded, and say so', async (t) => {
  const page = await openPage(t, server.url);
  await openWidget(page);
  const salary = await ask(page, SALARY_QUESTION);
  const good = salary.getByRole('button', { name: 'Helpful', exact: true });
  assert.equal(await good.getAttribute('aria-pressed'), 'false');
  await good.click();
  await salary.getByText('Thanks, recorded.').waitFor();
  assert.equal(await good.getAttribute('aria-pressed'), 'true');
  // 👍 opens no comment box.
  assert.equal(await salary.locator('form.comment').isVisible(), false);

  const outOfScope = await ask(page, OUT_OF_SCOPE);
  // By keyboard: the focus on 👎 and Enter, then the comment box has the focus.
  const bad = outOfScope.getByRole('button', { name: 'Not helpful', exact: true });
  await bad.focus();
  await page.keyboard.press('Enter');
  const comment = outOfScope.getByRole('textbox', { name: /What was wrong/ });
  await comment.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName), 'TEXTAREA');
  await outOfScope.getByText('Thanks, recorded.').waitFor();
  // Over the protocol's 1000 bytes (2 bytes a letter): refused here, with why, and not sent.
  await comment.fill('é'.repeat(501));
  await comment.press('Enter');
  await outOfScope.getByText('Too long: 1002 of 1000 bytes').waitFor();
  assert.equal(await comment.isVisible(), true, 'the comment box stays open to shorten it');
  await comment.fill(COMMENT);
  await shoot(page, 'feedback');
  await comment.press('Enter');
  await outOfScope.getByText('Thanks, your comment was recorded.').waitFor();
  assert.equal(await comment.isVisible(), false, 'the comment box closes once sent');
  assert.equal(await bad.getAttribute('aria-pressed'), 'true');

  const stored = await page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((name) => name.startsWith('mlops-bot:'));
    return JSON.parse(sessionStorage.getItem(key)).log.filter((entry) => entry.who === 'bot').map((entry) => entry.answer.answer_id);
  });
  // The 👎 alone is written first, then replaced by the 👎 with its comment.
  const list = await feedbackUntil((entries) => entries.length >= 2 && entries.some((entry) => entry.comment === COMMENT));
  const byId = Object.fromEntries(list.map((entry) => [entry.answer_id, entry]));
  assert.equal(byId[stored[0]]?.helpful, true, 'the 👍 is recorded for the salary answer');
  assert.equal(byId[stored[1]]?.helpful, false, 'the 👎 is recorded for the out-of-scope answer');
  assert.equal(byId[stored[1]]?.comment, COMMENT);
  assert.equal(byId[stored[1]]?.question, OUT_OF_SCOPE);
  assert.equal(byId[stored[1]]?.channel, 'ws');

  // The verdicts survive a reload of the page.
  await page.reload({ waitUntil: 'load' });
  await answers(page).nth(1).getByText('Thanks, your comment was recorded.').waitFor();
});

test('the widget: feedback on an answer the server has forgotten says so', async (t) => {
  const page = await openPage(t, server.url);
  await openWidget(page);
  await ask(page, 'Which tools should I learn?');
  // The transcript as a reload finds it, with an answer id the server never gave.
  await page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((name) => name.startsWith('mlops-bot:'));
    const saved = JSON.parse(sessionStorage.getItem(key));
    saved.log.filter((entry) => entry.who === 'bot').at(-1).answer.answer_id = `a-${'0'.repeat(32)}`;
    sessionStorage.setItem(key, JSON.stringify(saved));
  });
  await page.reload({ waitUntil: 'load' });
  const answer = answers(page).last();
  await answer.getByRole('button', { name: 'Helpful', exact: true }).click();
  await answer.getByText('This answer can no longer be rated').waitFor();
  // The chat goes on: the connection stays open after the error.
  await ask(page, SALARY_QUESTION);
});

test('the admin page: asks for the token, refuses a wrong one, then shows charts and tables', async (t) => {
  // Traffic for the views: the first test's feedback, and a few more questions.
  for (const text of [OUT_OF_SCOPE, 'Who won the cricket world cup?', SALARY_QUESTION, 'What does an MLOps engineer do?']) {
    const response = await fetch(`${server.url}v1/ask`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }) });
    assert.equal(response.status, 200);
  }
  const page = await openPage(t, `${server.url}admin/`, { width: 1280, height: 900 });
  const csp = (await page.request.get(`${server.url}admin/`)).headers()['content-security-policy'];
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);

  const tokenBox = page.getByLabel('Admin token');
  await tokenBox.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'token', 'the token box has the focus');
  await tokenBox.fill('not-the-token-at-all-0000');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('alert').filter({ hasText: 'did not accept that token' }).waitFor();
  assert.equal(await tokenBox.inputValue(), '', 'asked again, with an empty box');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('mlops-bot:admin-token')), null, 'a refused token is not kept');
  assert.equal(await page.locator('#dashboard').isVisible(), false);

  await tokenBox.fill(TOKEN);
  await tokenBox.press('Enter');
  await page.locator('#dashboard').waitFor();
  assert.equal(await page.getByRole('alert').isVisible(), false, 'the message is gone');
  // The charts: a bar per day, one per intent, the two rates; each with a text alternative.
  assert.ok(await page.locator('#chart-questions svg rect.bar').count() >= 1);
  assert.ok(await page.locator('#chart-intents svg rect.bar').count() >= 3, 'several intents');
  assert.ok(await page.locator('#chart-rates svg rect.bar.out').count() >= 1);
  assert.ok(await page.locator('#chart-rates svg rect.bar.helpful').count() >= 1);
  assert.match(await page.locator('#chart-intents svg').getAttribute('aria-label'), /out of scope/);
  // The tables: the day with its questions, the unanswered groups, the feedback with its comment.
  const stats = (await (await admin('/admin/stats')).json()).days;
  const today = page.locator('#days-table tbody tr').first();
  assert.equal(await today.locator('td').nth(0).innerText(), stats.at(-1).day);
  assert.equal(await today.locator('td').nth(1).innerText(), String(stats.at(-1).questions));
  const bread = page.locator('#unanswered-table tbody tr').filter({ hasText: OUT_OF_SCOPE });
  await bread.waitFor();
  const groups = (await (await admin('/admin/unanswered?since=7d')).json()).unanswered;
  const breadGroup = groups.find((group) => group.example === OUT_OF_SCOPE);
  assert.ok(breadGroup.count >= 2, 'asked twice: in the widget and over HTTP');
  assert.equal(await bread.locator('td').first().innerText(), String(breadGroup.count));
  await page.locator('#unanswered-table tbody tr').filter({ hasText: 'Who won the cricket world cup?' }).waitFor();
  await page.locator('#feedback-table tbody tr').filter({ hasText: COMMENT }).waitFor();
  await shoot(page, 'admin', { fullPage: true });

  // The token is kept for the tab: a reload goes straight to the views.
  await page.reload({ waitUntil: 'load' });
  await page.locator('#dashboard').waitFor();
  assert.equal(await tokenBox.isVisible(), false);

  // The download: the question set the server writes for review --export's format.
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', { name: /Download unanswered questions/ }).click()]);
  assert.match(download.suggestedFilename(), /\.jsonl$/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  assert.equal(text, await (await admin('/admin/unanswered?format=jsonl&since=7d&limit=1000')).text());
  const lines = text.trimEnd().split('\n').map((line) => JSON.parse(line));
  const line = lines.find((entry) => entry.text === OUT_OF_SCOPE);
  assert.ok(line, 'the out-of-scope question is in the set');
  assert.equal(line.intent, null, 'left for a person to label');
  assert.deepEqual(line.entities, {});
  assert.deepEqual(line.expect, {});
  assert.equal(line.suggestion.intent, 'out_of_scope');
  assert.equal(line.count, breadGroup.count);
  await page.getByRole('status').filter({ hasText: `Downloaded ${lines.length} questions` }).waitFor();

  // Forgetting the token asks for it again.
  await page.getByRole('button', { name: 'Forget the token' }).click();
  await tokenBox.waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('mlops-bot:admin-token')), null);
});
