import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  generateProviderKeys,
  startOidcProvider,
  type TestOidcProvider,
} from '../support/auth-oidc-provider';
import { axeViolations } from '../support/browser-axe';
import { ensureAddinBuild } from '../support/browser-build';
import { launchChromium } from '../support/browser-chromium';
import { pageProblems, screenshot, VIEWPORTS } from '../support/browser-page';
import { createLabCa } from '../support/lab-ca';
import { startZegel, type RunningZegel } from '../support/server';

// The admin console outside development mode: it signs in at a real OpenID provider
// (oidc-provider over HTTPS on loopback, as MSAL requires) with authorization code + PKCE, and
// sends the access token with every API call. The app role decides what it shows: Zegel.Admin
// everything, Zegel.Soc the event log alone, neither a no-access page.
jest.setTimeout(240_000);

let caDir: string | undefined;
let provider: TestOidcProvider | undefined;
let zegel: RunningZegel | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await ensureAddinBuild();
  caDir = mkdtempSync(join(tmpdir(), 'zegel-signin-'));
  const ca = createLabCa(caDir);
  const server = ca.issue('provider', { names: ['127.0.0.1'] });
  provider = await startOidcProvider(generateProviderKeys(), {
    https: { key: server.key, cert: server.chain, ca: ca.rootPem },
    console: true,
  });
  zegel = await startZegel({
    env: {
      ZEGEL_AUTH_MODE: 'oidc',
      ZEGEL_OIDC_ISSUER: provider.issuer,
      ZEGEL_OIDC_AUDIENCE: 'api://zegel',
      ZEGEL_CA_FILE: ca.rootFile,
      ZEGEL_ADMIN_CLIENT_ID: 'zegel-admin',
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await Promise.allSettled([zegel?.close(), provider?.stop()]);
  if (caDir) rmSync(caDir, { recursive: true, force: true });
});

/** A fresh browser profile; the provider's certificate is from the test CA. */
async function openConsole(locale = 'en-GB'): Promise<{ page: Page; problems: string[] }> {
  const context = await browser!.newContext({
    baseURL: zegel!.url,
    locale,
    ignoreHTTPSErrors: true,
  });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  const problems = pageProblems(page);
  await page.setViewportSize(VIEWPORTS.desktop);
  await page.goto('/admin');
  return { page, problems };
}

/** The provider's own login and consent forms, as a person fills them in. */
async function signIn(page: Page, login: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.origin === new URL(provider!.issuer).origin);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => url.origin === zegel!.url);
}

/** The bearer tokens the page sends to the Zegel API, as they leave the browser. */
function bearerTokens(page: Page): string[] {
  const tokens: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(`${zegel!.url}/api/`)) return;
    tokens.push(request.headers().authorization ?? 'none');
  });
  return tokens;
}

async function expectAccessible(page: Page, state: string): Promise<void> {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    const violations = await axeViolations(page);
    expect({ state, width, violations }).toEqual({ state, width, violations: [] });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

describe('admin console sign-in (OIDC, authorization code + PKCE)', () => {
  it('an admin signs in, sees every section, every call carries the token, and signs out', async () => {
    const { page, problems } = await openConsole();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Zegel admin' }).waitFor();
    await expect(page.title()).resolves.toBe('Sign in – Zegel admin');
    await expectAccessible(page, 'sign-in en');
    await screenshot(page, 'admin-sign-in-desktop-en');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aanmelden bij Zegel beheer' }).waitFor();
    await expectAccessible(page, 'sign-in nl');
    await page.getByRole('button', { name: 'English' }).click();

    const tokens = bearerTokens(page);
    await signIn(page, 'anne');
    await page.getByText('Signed in as Anne de Vries (anne@example.nl)').waitFor();
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await expect(nav.getByRole('tab').allInnerTexts()).resolves.toEqual([
      'Overview',
      'Outbox',
      'SMS outbox',
      'Mail-flow rules',
      'Policy',
      'Classifications',
      'Message tracking',
      'Event log',
      'SmartTLS',
      'Branding',
    ]);
    await nav.getByRole('tab', { name: 'Branding' }).click();
    await page.getByRole('heading', { level: 1, name: 'Branding' }).waitFor();
    await page.getByLabel('Organisation name').waitFor();
    await screenshot(page, 'admin-signed-in-desktop-en');
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.filter((t) => !/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(t))).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Zegel admin' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('a refused token leads back to sign-in with a clear message', async () => {
    const { page } = await openConsole();
    await signIn(page, 'anne');
    await page.getByText('Signed in as Anne de Vries (anne@example.nl)').waitFor();
    // From now on the server sees a token it cannot accept, as with one that has expired.
    await page.route('**/api/v1/**', (route) =>
      route.continue({
        headers: { ...route.request().headers(), authorization: 'Bearer not.a.token' },
      }),
    );
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('tab', { name: 'Event log' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Zegel admin' }).waitFor();
    await page
      .getByRole('alert')
      .getByText(/Your sign-in has expired or the server did not accept it/)
      .waitFor();
  });

  it('a sign-in cancelled at the provider says so and offers to sign in again', async () => {
    const { page, problems } = await openConsole();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.origin === new URL(provider!.issuer).origin);
    await page.getByRole('link', { name: /Cancel/ }).click();
    await page.waitForURL((url) => url.origin === zegel!.url);
    await page.getByRole('alert').getByText('Sign-in failed').waitFor();
    await page
      .getByRole('alert')
      .getByText(/access_denied/)
      .waitFor();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await expectAccessible(page, 'sign-in failed');
    await screenshot(page, 'admin-sign-in-failed-desktop-en');
    expect(problems).toEqual([]);
  });

  it('a SOC user sees the event log alone, read-only, and a write with their token gets 403', async () => {
    // Something in the log: a message sent by a signed-in user.
    const sent = await fetch(`${zegel!.url}/api/v1/messages`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await provider!.token('sender')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        classification: 'registered',
        subject: 'Uitslag',
        recipients: [{ address: 'patient@example.nl' }],
        text: 'body',
      }),
    });
    expect(sent.status).toBe(201);
    const { page, problems } = await openConsole();
    const tokens = bearerTokens(page);
    await signIn(page, 'sam');
    await page.getByText('Signed in as Sam Bakker (sam@example.nl)').waitFor();
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await expect(nav.getByRole('tab').allInnerTexts()).resolves.toEqual(['Event log']);
    await page.getByRole('heading', { level: 1, name: 'Event log' }).waitFor();
    await page.getByText('Event log only').waitFor();
    await page.getByTestId('chain-verified').waitFor();
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    expect(exported.suggestedFilename()).toMatch(/^zegel-events-.*\.json$/);
    await expectAccessible(page, 'soc event log');
    await screenshot(page, 'admin-soc-desktop-en');
    await page.setViewportSize(VIEWPORTS.phone);
    await screenshot(page, 'admin-soc-phone-en');
    await page.setViewportSize(VIEWPORTS.desktop);

    const bearer = tokens.find((t) => t.startsWith('Bearer '));
    expect(bearer).toBeDefined();
    const write = await fetch(`${zegel!.url}/api/v1/admin/branding`, {
      method: 'PUT',
      headers: { Authorization: bearer!, 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, organisationName: 'SOC was here' }),
    });
    expect(write.status).toBe(403);
    expect(((await write.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');

    await page.goto('/admin/rules');
    await page.getByText('This section needs the Zegel.Admin role.').waitFor();
    await expect(nav.getByRole('tab').count()).resolves.toBe(1);
    expect(problems).toEqual([]);
  });

  it('a user without either role sees a no-access page, in English and Dutch', async () => {
    const { page, problems } = await openConsole('nl-NL');
    await page.getByRole('heading', { level: 1, name: 'Aanmelden bij Zegel beheer' }).waitFor();
    await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await page.locator('input[name="login"]').fill('noor');
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
    await page
      .getByText(/U bent aangemeld als Noor Jansen \(noor@example\.nl\), maar uw account heeft/)
      .waitFor();
    await expect(page.getByRole('navigation', { name: 'Onderdelen' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'no access nl');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'No access' }).waitFor();
    await page.getByText(/neither the Zegel\.Admin nor the Zegel\.Soc app role/).waitFor();
    await expectAccessible(page, 'no access en');
    await screenshot(page, 'admin-no-access-desktop-en');
    expect(problems).toEqual([]);
  });
});
