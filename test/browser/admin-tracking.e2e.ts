import type { Page } from 'playwright-core';
import { messageStatus, submitMessage, waitForMail } from '../support/browser-fixtures';
import { axeViolations } from '../support/browser-axe';
import { pageProblems, screenshot, VIEWPORTS } from '../support/browser-page';
import { useBrowserSession } from '../support/browser-session';

jest.setTimeout(180_000);

async function expectAccessible(page: Page, state: string): Promise<void> {
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    const violations = await axeViolations(page);
    expect({ state, width, violations }).toEqual({ state, width, violations: [] });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

describe('admin console: message tracking in Chromium', () => {
  const session = useBrowserSession();

  it('an admin finds a message and revokes it with a reason, and sees the evidence', async () => {
    const { url } = session.zegel;
    const recipient = 'terugtrekken@recipient.example';
    await submitMessage(url, { recipient, subject: 'Verkeerd', text: 'x' }, []);
    await submitMessage(
      url,
      { recipient: 'ander@recipient.example', subject: 'Goed', text: 'y' },
      [],
    );
    await waitForMail(url, 'notification', recipient);

    const page = await session.newPage('en-GB');
    const problems = pageProblems(page);
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto('/admin/messages');
    await page.getByRole('heading', { level: 1, name: 'Message tracking' }).waitFor();
    await expectAccessible(page, 'empty');

    // A bad filter is named beside its field.
    await page.getByRole('textbox', { name: 'Sender (whole address)' }).fill('nobody');
    await page.getByRole('textbox', { name: 'Sender (whole address)' }).press('Enter');
    await page.getByText('must be a whole e-mail address').waitFor();
    await expectAccessible(page, 'filter error');
    await page.getByRole('textbox', { name: 'Sender (whole address)' }).fill('');

    // Keyboard only: type the recipient, Enter searches, Tab reaches the row's button.
    await page.getByRole('textbox', { name: 'Recipient (whole address)' }).fill(recipient);
    await page.getByRole('textbox', { name: 'Recipient (whole address)' }).press('Enter');
    const rows = page.getByRole('table', { name: 'Messages found' }).getByRole('row');
    await rows.nth(1).waitFor();
    await expect(rows.count()).resolves.toBe(2);
    await rows.nth(1).getByRole('button').focus();
    await page.keyboard.press('Enter');
    const detail = page.getByRole('region', { name: /Message — developer@zegel.test/ });
    await detail.waitFor();
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H2');
    await detail.getByRole('cell', { name: 'Notified', exact: true }).waitFor();
    await expectAccessible(page, 'detail');

    // No reason, no action.
    await detail.getByRole('button', { name: 'Revoke the message' }).click();
    await detail.getByText('Give a reason first.').waitFor();
    await detail
      .getByRole('textbox', { name: /Reason for the action/ })
      .fill('Sent to the wrong person');
    await detail.getByRole('button', { name: 'Revoke the message' }).click();
    await detail.getByText('The message is revoked').waitFor();
    await detail.getByRole('cell', { name: 'Revoked', exact: true }).waitFor();
    const evidence = detail.getByRole('table', { name: 'Evidence' });
    await evidence.getByRole('cell', { name: /Sent to the wrong person/ }).waitFor();
    await expectAccessible(page, 'revoked');
    await screenshot(page, 'admin-tracking-desktop-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page, 'dark');
    await screenshot(page, 'admin-tracking-desktop-dark');
    await page.setViewportSize(VIEWPORTS.phone);
    await screenshot(page, 'admin-tracking-phone-dark');

    // The state filter finds it among the revoked ones.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('textbox', { name: 'Recipient (whole address)' }).fill('');
    await page.getByRole('combobox', { name: 'A recipient in state' }).selectOption('revoked');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('table', { name: 'Messages found' }).getByText(recipient).waitFor();
    expect(problems).toEqual([]);
  });

  it('an admin resends the notification in Dutch with a reason; it goes out once with a new link', async () => {
    const { url } = session.zegel;
    const recipient = 'opnieuw@recipient.example';
    const sent = await submitMessage(url, { recipient, subject: 'Kwijt', text: 'x' }, []);
    await waitForMail(url, 'notification', recipient);

    const page = await session.newPage('nl-NL');
    const problems = pageProblems(page);
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto('/admin/messages');
    await page
      .getByRole('textbox', { name: /Ontvanger/ })
      .first()
      .fill(recipient);
    await page
      .getByRole('textbox', { name: /Ontvanger/ })
      .first()
      .press('Enter');
    const rows = page.getByRole('table', { name: 'Gevonden berichten' }).getByRole('row');
    await rows.nth(1).waitFor();
    await rows.nth(1).getByRole('button').click();
    const detail = page.getByRole('region', { name: /Bericht — developer@zegel.test/ });
    await detail.waitFor();
    const resend = detail.getByRole('button', { name: `Melding opnieuw sturen naar ${recipient}` });
    await resend.click();
    await detail.getByText('Geef eerst een reden.').waitFor();
    await detail.getByRole('textbox', { name: /Reden voor de actie/ }).fill('Mail kwam niet aan');
    await resend.click();
    await detail.getByText('De melding gaat opnieuw uit met een nieuwe link').waitFor();
    await detail.locator('[data-event-type="NotificationResend"]').waitFor();
    await expectAccessible(page, 'resent');
    await screenshot(page, 'admin-tracking-resend-nl-desktop');

    // Exactly one more notification, through the queue.
    for (let i = 0; i < 100; i++) {
      const status = await messageStatus(url, sent.id);
      if (status.events.some((e) => /sent again/.test(e.reason ?? ''))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const outbox = (await (await fetch(`${url}/api/v1/admin/outbox`)).json()) as {
      kind: string;
      to: string[];
    }[];
    expect(
      outbox.filter((m) => m.kind === 'notification' && m.to.includes(recipient)),
    ).toHaveLength(2);
    expect(problems).toEqual([]);
  });
});
