// How fast the pages are usable in headless Chromium against the real server, on a phone profile
// (4x CPU slowdown, 1.6 Mbit/s down, 150 ms round trip) and on a desktop, cold cache each run:
// - pickup page usable: navigation start to the code field on screen and enabled (goal <= 2.5 s);
// - task pane usable: navigation start to the classification picker (goal <= 3 s);
// - desktop first render: first contentful paint of each page, unthrottled (goal <= 300 ms);
// - JavaScript before the pickup page's code field works (goal <= 100 KB gzipped): the scripts the
//   browser fetched by then, counted both as they came over the wire (brotli, which Chromium asks
//   for) and as their gzip copies in addin/dist (what a gzip-only client gets).
// Needs addin/dist and server/dist (`npm run bench` builds both). Prints figures; asserts nothing.
'use strict';
const { existsSync, mkdtempSync, readFileSync, rmSync, statSync } = require('node:fs');
const { gzipSync } = require('node:zlib');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { chromium } = require('playwright-core');
const { FAKE_OFFICE, startServer } = require('./support/pages-server');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'addin', 'dist');

/** The gzip size of a built file, from the .gz the build wrote next to it (else gzipped here). */
function gzipBytes(pathname) {
  const file = join(DIST, pathname);
  if (existsSync(`${file}.gz`)) return statSync(`${file}.gz`).size;
  return gzipSync(readFileSync(file), { level: 9 }).length;
}
const RUNS = 5;
const PHONE = {
  cpu: 4,
  network: { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 },
  viewport: { width: 390, height: 844 },
};

/** One cold load: the time until `ready` resolves, FCP, and the script bytes on the wire by then. */
async function load(browser, url, { phone, ready }) {
  const context = await browser.newContext({
    viewport: phone ? PHONE.viewport : { width: 1280, height: 900 },
    isMobile: Boolean(phone),
    hasTouch: Boolean(phone),
  });
  const page = await context.newPage();
  await page.route('https://appsforoffice.microsoft.com/**', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: FAKE_OFFICE }),
  );
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (phone) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpu });
    await cdp.send('Network.emulateNetworkConditions', PHONE.network);
  }
  const scripts = new Map();
  const loaded = new Set();
  let scriptBytes = 0;
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Script') scripts.set(e.requestId, new URL(e.response.url).pathname);
  });
  cdp.on('Network.loadingFinished', (e) => {
    if (!scripts.has(e.requestId)) return;
    scriptBytes += e.encodedDataLength;
    loaded.add(scripts.get(e.requestId));
  });
  await page.goto(url, { waitUntil: 'commit' });
  await ready(page);
  const usable = await page.evaluate(() => performance.now());
  const wire = scriptBytes;
  const gzip = [...loaded]
    .filter((pathname) => existsSync(join(DIST, pathname)))
    .reduce((sum, pathname) => sum + gzipBytes(pathname), 0);
  const files = [...loaded];
  const fcp = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  );
  await context.close();
  return { usable, fcp, wire, gzip, files };
}

async function runs(browser, url, options) {
  const out = [];
  for (let i = 0; i < RUNS; i++) out.push(await load(browser, url, options));
  return out;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const ms = (n) => `${Math.round(n)} ms`;
const row = (what, figure, goal) =>
  console.log(`${what.padEnd(52)} ${figure.padStart(10)}   goal ${goal}`);

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'zegel-page-bench-'));
  const server = await startServer(root);
  const browser = await chromium.launch({
    executablePath: process.env.ZEGEL_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    // Any well-formed link shows the code field: an unknown one looks the same as a real one.
    const pickupUrl = `${server.url}/p/AAAAAAAAAAAAAAAAAAAAAA`;
    const codeField = async (page) => {
      const field = page.locator('input').first();
      await field.waitFor({ state: 'visible', timeout: 60_000 });
      await page.waitForFunction(() => {
        const input = document.querySelector('input');
        return input && !input.disabled;
      });
    };
    const picker = (page) => page.getByRole('radiogroup').waitFor({ timeout: 60_000 });
    const pane = `${server.url}/taskpane.html`;

    const pickupPhone = await runs(browser, pickupUrl, { phone: true, ready: codeField });
    const panePhone = await runs(browser, pane, { phone: true, ready: picker });
    const pickupDesktop = await runs(browser, pickupUrl, { phone: false, ready: codeField });
    const paneDesktop = await runs(browser, pane, { phone: false, ready: picker });

    console.log(`median of ${RUNS} cold loads each; phone = 4x CPU, 1.6 Mbit/s, 150 ms RTT`);
    row('pickup page usable, phone', ms(median(pickupPhone.map((r) => r.usable))), '<= 2500 ms');
    row('task pane usable, phone', ms(median(panePhone.map((r) => r.usable))), '<= 3000 ms');
    row(
      'pickup page first render, desktop',
      ms(median(pickupDesktop.map((r) => r.fcp))),
      '<= 300 ms',
    );
    row('task pane first render, desktop', ms(median(paneDesktop.map((r) => r.fcp))), '<= 300 ms');
    row('pickup page usable, desktop', ms(median(pickupDesktop.map((r) => r.usable))), '-');
    row(
      'pickup JavaScript on the wire before the code field',
      `${(median(pickupPhone.map((r) => r.wire)) / 1024).toFixed(1)} KB`,
      '-',
    );
    row(
      'pickup JavaScript gzipped before the code field',
      `${(median(pickupPhone.map((r) => r.gzip)) / 1024).toFixed(1)} KB`,
      '<= 100 KB',
    );
    console.log(`  scripts before the code field: ${pickupPhone[0].files.join(', ')}`);
    row(
      'task pane JavaScript on the wire',
      `${(median(panePhone.map((r) => r.wire)) / 1024).toFixed(1)} KB`,
      '-',
    );
  } finally {
    await browser.close();
    server.child.kill();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
