import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; the tests drive it through playwright-core (no downloaded browsers). */
export const CHROMIUM_PATH = process.env.ZEGEL_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium; close it in afterAll. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
