import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pickupPathFromOutbox, submitMessage } from '../support/browser-fixtures';
import { pageProblems, screenshot, VIEWPORTS } from '../support/browser-page';
import { useBrowserSession } from '../support/browser-session';

jest.setTimeout(180_000);

const RECIPIENT = 'anna.bakker@recipient.example';
const PHONE = '+31612345678';

describe('admin outbox pages in Chromium', () => {
  const session = useBrowserSession();

  it('the built pages load only same-origin script files (the CSP allows nothing else)', async () => {
    for (const page of ['pickup.html', 'admin.html']) {
      const html = await readFile(join(__dirname, '..', '..', 'addin', 'dist', page), 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        expect(attributes).toMatch(/\ssrc="\/assets\/[^"]+\.js"/);
        expect(body.trim()).toBe('');
      }
      expect(html).not.toMatch(/\son[a-z]+=/i);
    }
  });

  it('the outbox shows the notification with its pickup link as a link', async () => {
    const { url } = session.zegel;
    await submitMessage(
      url,
      { recipient: RECIPIENT, subject: 'Uitslag', text: 'Zie bijlage.' },
      [],
    );
    const pickupPath = await pickupPathFromOutbox(url, RECIPIENT);
    const page = await session.newPage('en-GB');
    await page.setViewportSize(VIEWPORTS.desktop);
    const problems = pageProblems(page);
    await page.goto('/admin/outbox');
    const row = page.locator('tr[data-kind="notification"]', { hasText: RECIPIENT });
    await row.getByRole('button').click();
    const link = page.getByTestId('mail-text').locator('a[href*="/p/"]').first();
    await expect(link.getAttribute('href')).resolves.toBe(`${url}${pickupPath}`);
    await screenshot(page, 'admin-outbox-desktop');
    await page.setViewportSize(VIEWPORTS.phone);
    await screenshot(page, 'admin-outbox-phone');

    // The link opens the pickup page (in a new tab), so a newcomer can follow the whole flow.
    const [pickup] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await pickup.getByLabel('Enter the CE-ID you received by SMS or from the sender').waitFor();
    await pickup.close();
    expect(problems).toEqual([]);
  });

  it('the SMS outbox shows the CE-ID texts; each section has its own URL', async () => {
    const { url } = session.zegel;
    const sent = await submitMessage(
      url,
      { recipient: 'sms.ontvanger@recipient.example', phone: PHONE, subject: 'Per sms', text: 'x' },
      [],
    );
    // With a phone number the CE-ID goes by SMS and is not handed back to the sender.
    expect(sent.recipients[0]).toMatchObject({ ceIdChannel: 'sms' });
    expect(sent.recipients[0].ceId).toBeUndefined();

    const page = await session.newPage('en-GB');
    const problems = pageProblems(page);
    await page.goto('/admin/outbox');
    await page.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
    await page.getByRole('tab', { name: 'SMS outbox' }).click();
    await page.getByRole('heading', { level: 1, name: 'SMS outbox' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/sms');
    for (let i = 0; i < 50 && !(await page.getByRole('cell', { name: PHONE }).count()); i++) {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(200);
    }
    const sms = page.getByRole('row', { name: /\+31612345678/ });
    await expect(sms.textContent()).resolves.toMatch(/[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}/);
    await screenshot(page, 'admin-sms-phone');

    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
    await page.goto('/admin/sms');
    await page.getByRole('heading', { level: 1, name: 'SMS outbox' }).waitFor();
    expect(problems).toEqual([]);
  });
});
