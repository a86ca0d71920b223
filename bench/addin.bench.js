// The Outlook task pane: its JavaScript size (gzip) and its first render in headless Chromium
// (navigation start to the classification picker on screen, against the real server).
// Needs addin/dist and server/dist (`npm run bench` builds both). Prints figures; asserts nothing.
'use strict';
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');
const { chromium } = require('playwright-core');
const { FAKE_OFFICE, startServer } = require('./support/pages-server');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'addin', 'dist');
const RUNS = 7;

/** The scripts taskpane.html loads at start: its entry and the chunks it preloads. */
function taskpaneScripts() {
  const html = readFileSync(join(DIST, 'taskpane.html'), 'utf8');
  const urls = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return [...new Set(urls)];
}

function sizes() {
  let raw = 0;
  let gzip = 0;
  for (const url of taskpaneScripts()) {
    const data = readFileSync(join(DIST, url));
    raw += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }
  const commands = readFileSync(join(DIST, 'commands.js'));
  return { raw, gzip, commands: commands.length, commandsGzip: gzipSync(commands).length };
}

// A minimal Outlook compose item: enough for the pane to sign in and show the picker.

async function firstRenders(url) {
  const browser = await chromium.launch({
    executablePath: process.env.ZEGEL_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const times = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      // A fresh context each time: a cold cache, as when Outlook opens the pane the first time.
      const context = await browser.newContext({ viewport: { width: 350, height: 800 } });
      const page = await context.newPage();
      await page.route('https://appsforoffice.microsoft.com/**', (route) =>
        route.fulfill({ contentType: 'text/javascript', body: FAKE_OFFICE }),
      );
      await page.goto(`${url}/taskpane.html`);
      await page.getByRole('radiogroup').waitFor();
      times.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return times.sort((a, b) => a - b);
}

async function main() {
  const s = sizes();
  const kb = (n) => (n / 1024).toFixed(1);
  console.log(`task pane JavaScript at start: ${kb(s.raw)} KB, ${kb(s.gzip)} KB gzip`);
  console.log(`send check (commands.js): ${kb(s.commands)} KB, ${kb(s.commandsGzip)} KB gzip`);
  const root = mkdtempSync(join(tmpdir(), 'zegel-addin-bench-'));
  const server = await startServer(root);
  try {
    const times = await firstRenders(server.url);
    const median = times[Math.floor(times.length / 2)];
    console.log(
      `task pane first render (navigation to picker, cold cache, ${RUNS} runs): median ${median.toFixed(0)} ms, best ${times[0].toFixed(0)} ms, worst ${times[times.length - 1].toFixed(0)} ms`,
    );
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
