import type { ErrorBody, OrgPolicyView } from '@zegel/shared';
import type { Page } from 'playwright-core';
import { axeViolations } from '../support/browser-axe';
import { submitMessage } from '../support/browser-fixtures';
import { pageProblems, screenshot, VIEWPORTS } from '../support/browser-page';
import { useBrowserSession } from '../support/browser-session';
import { http, jsonRequest } from '../support/http';

jest.setTimeout(180_000);

async function expectAccessible(page: Page, state: string): Promise<void> {
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    const violations = await axeViolations(page);
    expect({ state, width, violations }).toEqual({ state, width, violations: [] });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

const days = (m: { createdAt: string; expiresAt: string }) =>
  (Date.parse(m.expiresAt) - Date.parse(m.createdAt)) / 86_400_000;

describe('admin console: policy in Chromium', () => {
  const session = useBrowserSession();

  it('an admin changes the policy in Dutch, sees the effect, saves it, and the next message follows it', async () => {
    const { url } = session.zegel;
    await submitMessage(url, { recipient: 'jan@recent.example', subject: 'Eerder', text: 'x' }, []);

    const page = await session.newPage('nl-NL');
    const problems = pageProblems(page);
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto('/admin/policy');
    await page.getByRole('heading', { level: 1, name: 'Beleid' }).waitFor();
    const perCopy = page.getByRole('textbox', {
      name: 'Foute codes voordat een kopie wordt geblokkeerd',
    });
    await expect(perCopy.inputValue()).resolves.toBe('10');
    await expectAccessible(page, 'loaded');

    // A bad number is named beside its field, in Dutch, and nothing is saved.
    await perCopy.fill('0');
    await page.getByRole('button', { name: 'Effect bekijken' }).click();
    await page.getByText('Vul een heel getal in van 1 tot en met 1000.').waitFor();
    await expectAccessible(page, 'field error');
    await screenshot(page, 'admin-policy-nl-error-desktop');

    await perCopy.fill('5');
    await page
      .getByRole('textbox', { name: /^Geblokkeerde domeinen/ })
      .fill('recent.example\nelders.example');
    await page.getByRole('textbox', { name: 'Bewaartermijn voor Aangetekend (dagen)' }).fill('3');
    // Saving needs the effect of exactly this change first.
    await page.getByRole('button', { name: 'Beleid opslaan' }).click();
    await page.getByText('Bekijk eerst het effect van uw wijziging').waitFor();
    await page.getByRole('button', { name: 'Effect bekijken' }).click();
    const effect = page.getByRole('table', { name: 'Routes of redenen die veranderen' });
    await effect.waitFor();
    await page
      .getByText('2 routes of redenen veranderen bij het ene recent gebruikte domein.')
      .waitFor();
    const row = effect.getByRole('row', { name: /Aangetekend/ });
    await expect(row.getAttribute('data-change')).resolves.toBe('pickup→hold');
    await expect(row.textContent()).resolves.toContain('niet verstuurd (geblokkeerd domein)');
    await expectAccessible(page, 'effect');
    await screenshot(page, 'admin-policy-nl-effect-desktop');
    await page.setViewportSize(VIEWPORTS.phone);
    await screenshot(page, 'admin-policy-nl-effect-phone');
    await page.setViewportSize(VIEWPORTS.desktop);

    await page.getByRole('button', { name: 'Beleid opslaan' }).click();
    await page.getByText('Beleid opgeslagen (versie 2).').waitFor();
    const saved = (await http(`${url}/api/v1/admin/policy`)).json<OrgPolicyView>();
    expect(saved).toMatchObject({
      version: 2,
      holdDomains: ['recent.example', 'elders.example'],
      pickup: { wrongCodesPerCopy: 5 },
      retentionDays: { registered: 3 },
      updatedBy: 'developer@zegel.test',
    });

    // The next message follows it: nothing to the held domain, three days for registered mail.
    const held = await http(
      `${url}/api/v1/messages`,
      jsonRequest({
        classification: 'registered',
        subject: 'Nieuw',
        text: 'x',
        recipients: [{ address: 'jan@recent.example' }],
      }),
    );
    expect(held.status).toBe(400);
    expect(held.json<ErrorBody>().error.details?.[0].message).toContain('sends nothing to');
    const next = await submitMessage(
      url,
      { recipient: 'piet@zorg.example', subject: 'Nieuw', text: 'x' },
      [],
    );
    expect(days(next)).toBeCloseTo(3, 3);
    expect(problems).toEqual([]);
  });

  it('speaks English, on a phone and in dark mode, with the same field errors', async () => {
    const { url } = session.zegel;
    await submitMessage(url, { recipient: 'an@zorg.example', subject: 'Earlier', text: 'x' }, []);
    const page = await session.newPage('en-GB');
    const problems = pageProblems(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/admin/policy');
    await page.getByRole('heading', { level: 1, name: 'Policy' }).waitFor();
    await page.getByRole('textbox', { name: /^Internal domains/ }).fill('not a domain');
    await page.getByRole('textbox', { name: /^Days to collect and answer/ }).fill('400');
    await page.getByRole('button', { name: 'Check the effect' }).click();
    await page.getByText('Enter domain names such as zorg.nl, one a line.').waitFor();
    await page.getByText('Enter a whole number from 1 to 365.').waitFor();
    await expectAccessible(page, 'english errors dark');
    await page.setViewportSize(VIEWPORTS.phone);
    await screenshot(page, 'admin-policy-en-errors-phone-dark');
    await page.setViewportSize(VIEWPORTS.desktop);
    await screenshot(page, 'admin-policy-en-errors-desktop-dark');

    // Corrected, with a forced-pickup domain: the effect names the reason that changes.
    await page.getByRole('textbox', { name: /^Internal domains/ }).fill('');
    await page.getByRole('textbox', { name: /^Days to collect and answer/ }).fill('14');
    await page.getByRole('textbox', { name: /^Always pickup/ }).fill('zorg.example');
    await page.getByRole('button', { name: 'Check the effect' }).click();
    const row = page
      .getByRole('table', { name: 'Routes or reasons that change' })
      .getByRole('row', { name: /zorg\.example.*Confidential/ });
    await expect(row.textContent()).resolves.toContain('pickup (forced pickup)');
    await page.emulateMedia({ colorScheme: 'light' });
    await expectAccessible(page, 'english effect light');
    await screenshot(page, 'admin-policy-en-effect-desktop');
    expect(problems).toEqual([]);
  });
});
