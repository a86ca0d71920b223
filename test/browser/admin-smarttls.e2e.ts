import type { Page } from 'playwright-core';
import { axeViolations } from '../support/browser-axe';
import { pageProblems, screenshot, VIEWPORTS } from '../support/browser-page';
import { useBrowserSession } from '../support/browser-session';
import { LAB_PRIVATE_TARGETS, startSmartTlsLab, type SmartTlsLab } from '../support/lab-smarttls';

jest.setTimeout(240_000);

// The lab's DNS (signed and unsigned zones) and mail servers on loopback: a real check, nothing faked.
let lab: SmartTlsLab;
beforeAll(async () => {
  lab = await startSmartTlsLab();
});
afterAll(async () => {
  await lab?.close();
});

async function expectAccessible(page: Page, state: string): Promise<void> {
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    const violations = await axeViolations(page);
    expect({ state, width, violations }).toEqual({ state, width, violations: [] });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

describe('admin console: SmartTLS in Chromium', () => {
  const session = useBrowserSession(() => ({
    env: {
      ZEGEL_DNS_RESOLVER: lab.dns.address,
      ZEGEL_CA_FILE: lab.ca.rootFile,
      ZEGEL_PRIVATE_TARGETS_ALLOWED: LAB_PRIVATE_TARGETS,
      ZEGEL_MX_PORT: String(lab.port),
      ZEGEL_MTA_STS_PORT: String(lab.port),
    },
  }));

  it('an admin checks a DANE domain by keyboard and reads the whole report', async () => {
    const page = await session.newPage('en-GB');
    const problems = pageProblems(page);
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto('/admin/smarttls');
    await page.getByRole('heading', { level: 1, name: 'SmartTLS' }).waitFor();
    await expectAccessible(page, 'empty');

    // Keyboard only: type the domain, Tab to the policy and the button, Enter.
    await page.getByRole('textbox', { name: /Domain/ }).focus();
    await page.keyboard.type('dane.mail.test');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('SELECT');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const report = page.getByTestId('smarttls-report');
    await report.waitFor({ timeout: 120_000 });
    await report.getByRole('heading', { name: 'dane.mail.test' }).waitFor();
    await report.getByText('Secure: delivered straight to the inbox').waitFor();
    await report.getByText('AUTHENTICATED_BY_DANE').first().waitFor();
    await expect(report.getByText(/^Valid until 2099-12/).count()).resolves.toBe(1);
    const mx = report.getByTestId('smarttls-mx');
    await expect(mx.count()).resolves.toBeGreaterThan(0);
    await mx
      .first()
      .getByRole('heading', { name: /^good\.mx\.test \(127\./ })
      .waitFor();
    await mx.first().getByText('Usable TLSA records, the certificate matches').waitFor();
    const versions = mx.first().getByRole('table', { name: /^TLS versions/ });
    await versions.getByRole('row', { name: /TLSv1\.3 Yes Good/ }).waitFor();
    await mx
      .first()
      .getByRole('table', { name: /^Cipher suites/ })
      .getByText('TLS_AES_256_GCM_SHA384')
      .waitFor();
    await mx.first().getByText('Trusted, name matches').waitFor();
    await expectAccessible(page, 'dane report');
    await screenshot(page, 'admin-smarttls-desktop-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize(VIEWPORTS.phone);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-smarttls-phone-dark');
    expect(problems).toEqual([]);
  });

  it('in Dutch: a server without STARTTLS gets the pickup verdict with its reason; bad input is refused', async () => {
    const page = await session.newPage('nl-NL');
    const problems = pageProblems(page);
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto('/admin/smarttls');
    const domain = page.getByRole('textbox', { name: /Domein/ });
    await domain.fill('not a domain');
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByText('Vul een domeinnaam in, zoals voorbeeld.nl.').waitFor();
    await expect(page.getByTestId('smarttls-report').count()).resolves.toBe(0);
    // Passes the page's first look, refused by the server: the same message, nothing lost.
    await domain.fill(`${'a'.repeat(64)}.nl`);
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByText('Vul een domeinnaam in, zoals voorbeeld.nl.').waitFor();
    await expect(domain.inputValue()).resolves.toBe(`${'a'.repeat(64)}.nl`);
    await expectAccessible(page, 'invalid');

    await domain.fill('nostarttls.plain.test');
    await page.getByRole('button', { name: 'Controleren' }).click();
    const report = page.getByTestId('smarttls-report');
    await report.waitFor({ timeout: 120_000 });
    await report.getByText('Niet veilig genoeg: ontvangers halen het bericht op').waitFor();
    await report.getByText('NO_STARTTLS').first().waitFor();
    await report
      .getByText('nostarttls.mx.test biedt geen STARTTLS aan', { exact: false })
      .first()
      .waitFor();
    await report
      .getByTestId('smarttls-mx')
      .first()
      .getByText(/^Niet aangeboden/)
      .waitFor();
    await report.getByText('Er is geen certificaat ontvangen.').first().waitFor();
    await expectAccessible(page, 'pickup report');
    await screenshot(page, 'admin-smarttls-nl-pickup');
    expect(problems).toEqual([]);
  });
});
