// Firefox (Debian's ESR through WebDriver BiDi): every console view loads, goes live over the WebSocket,
// and shows pushed updates without a reload. Usage: node check.mjs http://127.0.0.1:8080 outdir
import puppeteer from 'puppeteer-core';
const base = process.argv[2], out = process.argv[3] || '/tmp/ff';
const browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true,
  args: ['--width=1280', '--height=800'] });
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 800 });
const errors = [];
page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', e => errors.push(String(e)));
const results = {};
for (const view of ['index', 'tasks', 'workers', 'events', 'charts', 'create', 'scenarios']) {
  await page.goto(base + '/console/' + view + '.xhtml', { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('connection')?.textContent.trim() === 'live', { timeout: 15000 });
  await new Promise(r => setTimeout(r, 700));
  await page.screenshot({ path: `${out}/firefox-${view}.png` });
  results[view] = 'live';
}
// live updates without a reload: the events page gains rows from pushes only
await page.goto(base + '/console/events.xhtml', { waitUntil: 'load' });
await page.waitForFunction(() => document.getElementById('connection')?.textContent.trim() === 'live', { timeout: 15000 });
await page.evaluate(() => { window.__marker = 1; });
const before = await page.evaluate(() => document.querySelectorAll('#events-body tr').length);
const pushesBefore = await page.evaluate(() => window.Baton && Baton.pushes);
await fetch(base + '/api/tasks/batch', { method: 'POST', headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ tasks: Array.from({ length: 5 }, () => ({ type: 'noop' })) }) });
const t0 = Date.now();
await page.waitForFunction(n => document.querySelectorAll('#events-body tr').length >= n + 5, { timeout: 10000 }, before);
results.eventsLiveMs = Date.now() - t0;
results.sameDocument = await page.evaluate(() => window.__marker === 1);
results.pushes = (await page.evaluate(() => Baton.pushes)) - pushesBefore;
await page.screenshot({ path: `${out}/firefox-events-live.png` });
results.errors = errors;
console.log(JSON.stringify(results));
await browser.close();
