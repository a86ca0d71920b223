import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { submitMessage, waitForMail } from '../support/browser-fixtures';
import { axeViolations } from '../support/browser-axe';
import { pageProblems, screenshot, VIEWPORTS } from '../support/browser-page';
import { useBrowserSession } from '../support/browser-session';

jest.setTimeout(180_000);

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

async function expectAccessible(page: Page, state: string): Promise<void> {
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    const violations = await axeViolations(page);
    expect({ state, width, violations }).toEqual({ state, width, violations: [] });
  }
}

describe('admin console: branding in Chromium', () => {
  const session = useBrowserSession();

  it('an admin changes the branding and sees it in the next notification', async () => {
    const { url } = session.zegel;
    const page = await session.newPage('en-GB');
    const problems = pageProblems(page);
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto('/admin/branding');
    await page.getByRole('heading', { level: 1, name: 'Branding' }).waitFor();
    await expectAccessible(page, 'loaded');
    await page.setViewportSize(VIEWPORTS.desktop);

    // A colour too light for white text is refused beside its field, and nothing is saved.
    await page.getByRole('textbox', { name: 'Main colour', exact: true }).fill('#ffff00');
    await page.getByRole('button', { name: 'Save branding' }).click();
    await page.getByText('is too light').waitFor();
    await expectAccessible(page, 'field error');
    await page.setViewportSize(VIEWPORTS.desktop);

    await page.getByRole('textbox', { name: 'Main colour', exact: true }).fill('#7a1f5c');
    await page.getByRole('textbox', { name: 'Organisation name' }).fill('Gemeente Zegelstad');
    await page
      .getByLabel('Notification (the mail with the pickup link) — Dutch')
      .fill('Bel ons gerust.');
    await page
      .getByLabel('Notification (the mail with the pickup link) — English')
      .fill('Feel free to call us.');
    await page.getByRole('textbox', { name: 'Support phone number' }).fill('+31 20 123 4567');
    await page.locator('input[type=file]').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    const preview = page.getByTestId('branding-preview');
    await expect(preview.textContent()).resolves.toContain('Gemeente Zegelstad');
    await expect(preview.textContent()).resolves.toContain('Feel free to call us.');
    await preview.getByRole('img', { name: 'Gemeente Zegelstad logo' }).waitFor();

    // Keyboard only: Enter in a field submits the form.
    await page.getByRole('textbox', { name: 'Organisation name' }).press('Enter');
    await page.getByText(/Saved \(version 2\)/).waitFor();
    await expectAccessible(page, 'saved');
    await page.setViewportSize(VIEWPORTS.desktop);
    await screenshot(page, 'admin-branding-desktop-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page, 'dark');
    await screenshot(page, 'admin-branding-desktop-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    const recipient = 'huisstijl@recipient.example';
    await submitMessage(url, { recipient, subject: 'Brief', text: 'x' }, []);
    const mail = await waitForMail(url, 'notification', recipient);
    const raw = await (await fetch(`${url}/api/v1/admin/outbox/${mail.id}`)).text();
    const text = (await simpleParser(raw)).text ?? '';
    expect(text).toContain('van Gemeente Zegelstad heeft u een beveiligd bericht gestuurd');
    expect(text).toContain('Bel ons gerust.');
    expect(text).toContain('+31 20 123 4567');
    const logo = await fetch(`${url}/api/v1/branding/logo`);
    expect(Buffer.from(await logo.arrayBuffer()).equals(PNG)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('a second admin saving the same version is told, not merged', async () => {
    const first = await session.newPage('en-GB');
    const second = await session.newPage('en-GB');
    for (const page of [first, second]) {
      await page.goto('/admin/branding');
      await page.getByRole('heading', { level: 1, name: 'Branding' }).waitFor();
    }
    await first.getByRole('textbox', { name: 'Organisation name' }).fill('Eerste');
    await first.getByRole('button', { name: 'Save branding' }).click();
    await first.getByText(/Saved \(version/).waitFor();
    await second.getByRole('textbox', { name: 'Organisation name' }).fill('Tweede');
    await second.getByRole('button', { name: 'Save branding' }).click();
    await second.getByText('Changed by someone else').waitFor();
    await expectAccessible(second, 'conflict');
    await second.getByRole('button', { name: 'Reload' }).click();
    // The reloaded form shows the first admin's save.
    await second.getByText(/Last changed by admin:developer@zegel.test/).waitFor();
    await second.waitForFunction(() =>
      Array.from(document.querySelectorAll('input')).some((input) => input.value === 'Eerste'),
    );
  });

  it('speaks Dutch when the console does', async () => {
    const page = await session.newPage('nl-NL');
    await page.goto('/admin/branding');
    // The console follows the browser's language (nl-NL here).
    await page.getByRole('heading', { level: 1, name: 'Huisstijl' }).waitFor();
    await page.getByRole('button', { name: 'Huisstijl opslaan' }).waitFor();
    await expectAccessible(page, 'Dutch');
    await screenshot(page, 'admin-branding-phone-nl');
  });
});
