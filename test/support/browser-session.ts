import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureAddinBuild } from './browser-build';
import { launchChromium } from './browser-chromium';
import { VIEWPORTS } from './browser-page';
import { startRelay, type TcpRelay } from './browser-relay';
import { startZegel, type RunningZegel, type StartOptions } from './server';

export interface BrowserSession {
  zegel: RunningZegel;
  browser: Browser;
  /** A fresh context (own cookies) on a phone-sized viewport, opened at `base`. */
  newPage(locale: string, base?: string): Promise<Page>;
  /** Another client address for the server: a relay on 127.0.0.1 that connects from `localAddress`. */
  relayFrom(localAddress: string): Promise<TcpRelay>;
}

/**
 * Registers beforeAll/afterAll for a browser test file: builds the pages if needed, starts the real
 * server and Chromium, and closes everything (contexts, relays, browser, server) afterwards.
 */
export function useBrowserSession(options: () => StartOptions = () => ({})): BrowserSession {
  const contexts: BrowserContext[] = [];
  const relays: TcpRelay[] = [];
  const session = {} as BrowserSession;

  beforeAll(async () => {
    await ensureAddinBuild();
    session.zegel = await startZegel(options());
    session.browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await session.browser?.close();
    for (const relay of relays) await relay.close();
    await session.zegel?.close();
  });

  session.relayFrom = async (localAddress) => {
    const { port } = new URL(session.zegel.url);
    const relay = await startRelay({ host: '127.0.0.1', port: Number(port) }, localAddress);
    relays.push(relay);
    return relay;
  };

  session.newPage = async (locale, base) => {
    const context = await session.browser.newContext({
      locale,
      viewport: VIEWPORTS.phone,
      baseURL: base ?? session.zegel.url,
      acceptDownloads: true,
    });
    // A page's first load in a file's first test (server, Chromium and the other suites busy on
    // the CI machine's two cores) once took longer than 10 s; a wait that fails still fails.
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    return context.newPage();
  };

  return session;
}
