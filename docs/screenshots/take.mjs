// Screenshots of the main pages with headless Chromium over the DevTools protocol.
// Usage: node --experimental-websocket docs/screenshots/take.mjs [baseUrl]
// The app must be running with the seed data; signed-in pages sign in through the real form.
// Each page is taken at 1366 px (name.png) and at phone width, 390 px (name-390.png); DT_WIDTHS=1366 takes one.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = process.argv[2] ?? 'http://127.0.0.1:5080';
const out = new URL('.', import.meta.url).pathname;
const password = 'DrugTrace-demo-2025';
const sleep = ms => new Promise(r => setTimeout(r, ms));

function cookiesOf(response) {
  return response.headers.getSetCookie().map(c => c.split(';')[0]);
}

async function signIn(user) {
  const page = await fetch(`${base}/signin`);
  const jar = cookiesOf(page);
  const token = (await page.text()).match(/name="__RequestVerificationToken" value="([^"]+)"/)[1];
  const body = new URLSearchParams({ _handler: 'signin', __RequestVerificationToken: token, 'Input.UserName': user, 'Input.Password': password });
  const res = await fetch(`${base}/signin`, { method: 'POST', body, redirect: 'manual', headers: { cookie: jar.join('; ') } });
  const auth = cookiesOf(res).find(c => c.startsWith('DrugTrace.SignIn='));
  if (!auth) throw new Error(`sign-in as ${user} failed: ${res.status}`);
  return auth.slice('DrugTrace.SignIn='.length);
}

const chrome = spawn('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--remote-debugging-port=9333',
  `--user-data-dir=${mkdtempSync(join(tmpdir(), 'dt-shots-'))}`, '--window-size=1280,900', 'about:blank'], { stdio: 'ignore' });
let targets;
for (let i = 0; i < 50 && !targets; i++) {
  await sleep(200);
  try { targets = await (await fetch('http://127.0.0.1:9333/json')).json(); } catch { /* not up yet */ }
}
const ws = new WebSocket(targets.find(t => t.type === 'page').webSocketDebuggerUrl);
await new Promise(r => ws.addEventListener('open', r));
let id = 0;
const pending = new Map();
ws.addEventListener('message', e => {
  const m = JSON.parse(e.data);
  if (m.id && pending.has(m.id)) { pending.get(m.id)(m.result); pending.delete(m.id); }
});
const cdp = (method, params = {}) => new Promise(r => { const n = ++id; pending.set(n, r); ws.send(JSON.stringify({ id: n, method, params })); });

await cdp('Network.enable');
await cdp('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
const host = new URL(base).hostname;

const only = process.env.DT_SHOTS?.split(','); // e.g. DT_SHOTS=alert-feed,dashboard retakes just those

const widths = (process.env.DT_WIDTHS ?? '1366,390').split(',').map(Number);

async function shot(name, path, options = {}) {
  if (only && !only.includes(name)) return;
  for (const width of widths) {
    await cdp('Emulation.setDeviceMetricsOverride', { width, height: 900, deviceScaleFactor: 1, mobile: width < 600 });
    await shotAt(width === 1366 ? name : `${name}-${width}`, path, options);
  }
}

async function shotAt(name, path, { user, wait = 2500, then } = {}) {
  await cdp('Network.clearBrowserCookies');
  if (user) await cdp('Network.setCookie', { name: 'DrugTrace.SignIn', value: await signIn(user), domain: host, path: '/' });
  await cdp('Page.navigate', { url: base + path });
  await sleep(wait);
  if (then) await then();
  const { data } = await cdp('Page.captureScreenshot', { format: 'png' });
  writeFileSync(join(out, `${name}.png`), Buffer.from(data, 'base64'));
  console.log(`${name}.png  ${path}`);
}

const js = expression => cdp('Runtime.evaluate', { expression, awaitPromise: true });
const firstPack = process.env.DT_PACK; // "gtin/serial/lot/yymmdd", printed by the caller

await shot('signin', '/signin');
if (firstPack) {
  const [gtin, serial, lot, expiry] = firstPack.split('/');
  await shot('public-verify', `/01/${gtin}/21/${serial}?17=${expiry}&10=${lot}`);
  await shot('scan', '/scan', {
    user: 'linden', wait: 3000, then: async () => {
      await js(`document.querySelector('.scan-input input').focus()`);
      await cdp('Input.insertText', { text: `(01)${gtin}(17)${expiry}(10)${lot}(21)${serial}` });
      await sleep(300);
      await cdp('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
      await sleep(1500);
    },
  });
  await shot('pack-history', `/packs/${gtin}/${serial}`, { user: 'nmva', wait: 3000 });
}
await shot('stock', '/stock', { user: 'linden', wait: 3000 });
// A case the caller packed at Atlas (DT_CASE = its SSCC), and the packs Atlas quarantined.
if (process.env.DT_CASE) {
  await shot('cases', `/cases/${process.env.DT_CASE}`, { user: 'atlas', wait: 3500 });
  // The same case scrolled to the list of what is inside (below the label).
  await shot('case-packs', `/cases/${process.env.DT_CASE}`, {
    user: 'atlas', wait: 3500, then: async () => {
      await js(`document.querySelector('[data-testid=case-packs]')?.scrollIntoView()`);
      await sleep(300);
    },
  });
}
// Shipments on their way: to Linden-Apotheke (with "receive all") and from Helvetia.
await shot('shipments-incoming', '/shipments/incoming', { user: 'linden', wait: 3000 });
await shot('shipments-outgoing', '/shipments/outgoing', { user: 'helvetia', wait: 3000 });
await shot('investigations', '/investigations', { user: 'atlas', wait: 3000 });
await shot('products', '/manufacturer/products', { user: 'helvetia', wait: 3000 });
await shot('audit', '/regulator/audit', {
  user: 'nmva', wait: 3000, then: async () => {
    await js(`document.querySelector('[data-testid=run]').click()`);
    await sleep(2500);
  },
});
// The alert pages need some alerts: the caller raises a few (DT_ALERT names one of them).
await shot('alert-feed', '/regulator/alerts', { user: 'nmva', wait: 3500 });
if (process.env.DT_ALERT) await shot('alert-detail', `/alerts/${process.env.DT_ALERT}`, { user: 'nmva', wait: 3000 });
await shot('dashboard', '/regulator/dashboard', { user: 'nmva', wait: 3500 });
ws.close();
chrome.kill();
