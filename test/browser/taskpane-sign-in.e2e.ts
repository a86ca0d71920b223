import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  generateProviderKeys,
  startOidcProvider,
  type TestOidcProvider,
} from '../support/auth-oidc-provider';
import { ensureAddinBuild } from '../support/browser-build';
import { launchChromium } from '../support/browser-chromium';
import { installFakeOffice, type FakeDraft } from '../support/browser-office-fake';
import { pageProblems } from '../support/browser-page';
import { startZegel, type RunningZegel } from '../support/server';

// The task pane against a server that wants tokens (OIDC mode, a real OpenID provider on
// loopback): without NAA configured it falls back to Office SSO, and the server validates the
// token it gets.
jest.setTimeout(240_000);

let provider: TestOidcProvider | undefined;
let zegel: RunningZegel | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await ensureAddinBuild();
  provider = await startOidcProvider(generateProviderKeys());
  zegel = await startZegel({
    env: {
      ZEGEL_AUTH_MODE: 'oidc',
      ZEGEL_OIDC_ISSUER: provider.issuer,
      ZEGEL_OIDC_AUDIENCE: 'api://zegel',
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await Promise.allSettled([zegel?.close(), provider?.stop()]);
});

async function openPane(seed: FakeDraft): Promise<[Page, string[]]> {
  const context = await browser!.newContext({ baseURL: zegel!.url, locale: 'en-GB' });
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  const page = await context.newPage();
  const problems = pageProblems(page);
  await installFakeOffice(page, seed);
  await page.goto('/taskpane.html');
  return [page, problems];
}

const DRAFT: FakeDraft = {
  subject: 'Uitslag',
  to: ['patient@recipient.example'],
  html: '<p>x</p>',
  headers: { 'X-Zegel-Classification': 'registered' },
};

describe('task pane sign-in against an OIDC server', () => {
  it('signs in with the Office SSO token, which the server accepts for every call', async () => {
    const token = await provider!.token('sender');
    const [page, problems] = await openPane({ ...DRAFT, ssoToken: token });
    await page.getByText('Signed in as Anne de Vries').waitFor();
    // The preflight is an authenticated call too.
    await page.getByText('Pickup on the Zegel page with a CE-ID').waitFor();
    await expect(
      page.evaluate(() => (window as unknown as { __zegelSsoCalls: number }).__zegelSsoCalls),
    ).resolves.toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('says so when the client can neither use NAA nor SSO', async () => {
    const [page] = await openPane(DRAFT);
    await page
      .getByRole('alert')
      .getByText(/cannot sign in to Zegel/)
      .waitFor();
  });

  it('shows the refusal when the token is not one the server accepts', async () => {
    const token = await provider!.token('sender', { resource: 'api://other' });
    const [page] = await openPane({ ...DRAFT, ssoToken: token });
    await page
      .getByRole('alert')
      .getByText(/Signing in to Zegel failed/)
      .waitFor();
  });
});
