import { createHash, randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { axeViolations } from '../support/browser-axe';
import { messageStatus, pickupPathFromOutbox } from '../support/browser-fixtures';
import { draftState, installFakeOffice, type FakeDraft } from '../support/browser-office-fake';
import { pageProblems, screenshot } from '../support/browser-page';
import { useBrowserSession } from '../support/browser-session';
import { cookieFrom, http, jsonRequest } from '../support/http';
import type { PickupMessageView, SmsOutboxEntry } from '@zegel/shared';

jest.setTimeout(240_000);

const RECIPIENT = 'patient@recipient.example';
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function draft(change: Partial<FakeDraft> = {}): FakeDraft {
  return {
    subject: 'Uitslag onderzoek',
    to: [RECIPIENT],
    html: '<p>Beste patiënt, zie de bijlagen.</p>',
    ...change,
  };
}

describe('Outlook task pane in Chromium (fake Office.js, real server)', () => {
  const session = useBrowserSession();

  async function openPane(
    seed: FakeDraft,
    signedIn = 'Signed in as Development User',
  ): Promise<[Page, string[]]> {
    const page = await session.newPage('en-GB');
    const problems = pageProblems(page);
    await installFakeOffice(page, seed);
    await page.goto('/taskpane.html');
    await page.getByText(signedIn).waitFor();
    return [page, problems];
  }

  it('picking a label writes the header, saves the draft and previews each recipient', async () => {
    const [page, problems] = await openPane(draft({ cc: ['collega@zegel.test'] }));
    await page.getByRole('radio', { name: 'Registered' }).check();
    await page.getByText(/Label saved: Registered/).waitFor();
    const state = await draftState(page);
    expect(state.headers?.['X-Zegel-Classification']).toBe('registered');
    expect(state.properties?.zegelClassification).toBe('registered');
    expect(state.saves).toBeGreaterThanOrEqual(1);
    // The fake master list is empty, as in a mailbox nobody prepared: the pane says so.
    await page.getByText(/category for this label could not be added/).waitFor();

    const preview = page.getByRole('list', { name: 'What happens per recipient' });
    const patient = preview.locator(`li[data-route]`, { hasText: RECIPIENT });
    await patient.getByText('Pickup on the Zegel page with a CE-ID').waitFor();
    await expect(preview.locator('li[data-route]').count()).resolves.toBe(2);

    // Recipients change: the preview follows.
    await page.evaluate(() => {
      const w = window as unknown as {
        __zegelDraft: FakeDraft;
        __zegelRecipientsChanged: () => void;
      };
      w.__zegelDraft.to = ['ander@recipient.example'];
      w.__zegelDraft.cc = [];
      w.__zegelRecipientsChanged();
    });
    await preview.locator('li', { hasText: 'ander@recipient.example' }).waitFor();
    await expect(preview.locator('li[data-route]').count()).resolves.toBe(1);
    await screenshot(page, 'taskpane-light');
    expect(problems).toEqual([]);
  });

  it('reads the current label back when the pane opens, in Dutch for a Dutch Outlook', async () => {
    const [page] = await openPane(
      draft({
        headers: { 'X-Zegel-Classification': 'confidential' },
        displayLanguage: 'nl-NL',
      }),
      'Aangemeld als Development User',
    );
    await expect(
      page.getByRole('radio', { name: 'Vertrouwelijk (NTA 7516)' }).isChecked(),
    ).resolves.toBe(true);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
    // The preflight's reason in Dutch (capture mode: no direct delivery from this installation).
    await page.getByText(/Waarom: Deze installatie levert niet zelf af/).waitFor();
  });

  it('Send registered with two attachments stores them with matching digests and marks the draft', async () => {
    const files = [
      { name: 'uitslag.pdf', data: randomBytes(300_000) },
      { name: 'toelichting.txt', data: Buffer.from('Toelichting bij de uitslag — € 0,00\r\n') },
    ];
    const [page, problems] = await openPane(
      draft({
        attachments: files.map((f, i) => ({
          id: `att${i}`,
          name: f.name,
          type: 'file' as const,
          base64: f.data.toString('base64'),
        })),
        background: '#1f1f1f',
      }),
    );
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await page.getByRole('radio', { name: 'Registered' }).check();
    await page.getByText(/Label saved/).waitFor();
    await page.getByText('Pickup on the Zegel page with a CE-ID').waitFor();
    await screenshot(page, 'taskpane-dark');

    const send = page.getByRole('button', { name: 'Send registered' });
    await send.click();
    const result = page.locator('section[data-message-id]');
    await result.getByText('Sent registered').waitFor();
    const id = (await result.getAttribute('data-message-id'))!;
    // The CE-ID is shown once, to pass on by another channel: on top, and focused.
    const ceId = (await result.locator(`[data-ceid-for="${RECIPIENT}"]`).textContent())!;
    expect(ceId).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    await expect(
      page.evaluate(() => document.activeElement?.hasAttribute('data-zegel-codes')),
    ).resolves.toBe(true);
    await expect(
      page.evaluate(() => {
        const codes = document.querySelector('[data-zegel-codes]')!.getBoundingClientRect();
        const title = document.getElementById('zegel-sent-title')!.getBoundingClientRect();
        return codes.top < title.top && codes.bottom <= window.innerHeight;
      }),
    ).resolves.toBe(true);
    await result.getByRole('button', { name: `Copy: CE-ID for ${RECIPIENT}` }).waitFor();
    await expect(axeViolations(page)).resolves.toEqual([]);
    await screenshot(page, 'taskpane-sent-dark');

    const stored = await messageStatus(session.zegel.url, id);
    expect(stored.classification).toBe('registered');
    expect(stored.recipients.map((r) => r.address)).toEqual([RECIPIENT]);
    expect(stored.attachments.map((a) => a.sha256)).toEqual(files.map((f) => sha256(f.data)));
    expect(stored.attachments.map((a) => a.size)).toEqual(files.map((f) => f.data.length));

    // No double sending: the draft carries the message id and the button is gone.
    const state = await draftState(page);
    expect(state.properties?.zegelSentMessageId).toBe(id);
    expect(state.headers?.['X-Zegel-Sent']).toBe(id);
    await expect(send.count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Close this draft' }).click();
    await expect(draftState(page).then((d) => d.closed)).resolves.toBe(true);

    // Reopened, the pane says the draft was sent and offers no second send.
    const [again] = await openPane(draft({ properties: { zegelSentMessageId: id } }));
    await again
      .getByText(new RegExp(`already sent registered with Zegel \\(message ${id}\\)`))
      .waitFor();
    await expect(again.getByRole('button', { name: 'Send registered' }).count()).resolves.toBe(0);

    // The sent view lists it with its state.
    await again.getByRole('tab', { name: 'Sent with Zegel' }).click();
    const entry = again.locator(`li[data-message-id="${id}"]`);
    await entry.getByText(RECIPIENT).waitFor();
    await entry.getByText('Uitslag onderzoek').waitFor();
    await entry
      .getByText('Waiting for the recipient')
      .or(entry.getByText('notified'))
      .first()
      .waitFor();
    await entry.getByRole('button', { name: 'Receipts' }).click();
    // Plain words, not ETSI names.
    await entry.getByText(`${RECIPIENT} was registered as a recipient of the message`).waitFor();
    await expect(entry.getByText(/SubmissionAcceptance/).count()).resolves.toBe(0);

    // A new code: shown once, different from the old one.
    await entry.getByRole('button', { name: `Issue a new code for ${RECIPIENT}` }).click();
    const fresh = entry.locator(`[data-ceid-for="${RECIPIENT}"]`);
    await fresh.waitFor();
    expect(await fresh.textContent()).not.toBe(ceId);
    await entry.getByText(/The old code no longer works/).waitFor();
    await screenshot(again, 'taskpane-sent-new-code');
    await expect(axeViolations(again)).resolves.toEqual([]);

    // Withdraw asks first; Cancel changes nothing, confirming withdraws.
    await entry.getByRole('button', { name: 'Withdraw' }).click();
    const dialog = again.getByRole('dialog', { name: 'Withdraw this message?' });
    await dialog.waitFor();
    await screenshot(again, 'taskpane-sent-revoke-dialog');
    await expect(axeViolations(again)).resolves.toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await messageStatus(session.zegel.url, id)).recipients[0].state).toBe('notified');
    await entry.getByRole('button', { name: 'Withdraw' }).click();
    await dialog.getByRole('button', { name: 'Withdraw the message' }).click();
    await entry.getByText('revoked').waitFor();
    expect((await messageStatus(session.zegel.url, id)).recipients[0].state).toBe('revoked');
    expect(problems).toEqual([]);
  });

  it('sends the pictures in the body as inline images the pickup page shows in place', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
      'base64',
    );
    // A recipient of its own: the outbox is shared with the other tests of this file.
    const recipient = 'grafiek@recipient.example';
    const [page, problems] = await openPane(
      draft({
        to: [recipient],
        html: '<p>Zie de grafiek:</p><img src="cid:grafiek@zorg.example" alt="Grafiek">',
        attachments: [
          {
            id: 'att0',
            name: 'uitslag.pdf',
            type: 'file',
            base64: randomBytes(50).toString('base64'),
          },
          {
            id: 'att1',
            name: 'image001.png',
            type: 'file',
            base64: png.toString('base64'),
            inline: true,
            contentId: 'grafiek@zorg.example',
          },
        ],
      }),
    );
    await page.getByRole('radio', { name: 'Registered' }).check();
    await page.getByText(/Label saved/).waitFor();
    await page.getByRole('button', { name: 'Send registered' }).click();
    const result = page.locator('section[data-message-id]');
    await result.getByText('Sent registered').waitFor();
    const ceId = (await result.locator(`[data-ceid-for="${recipient}"]`).textContent())!;

    const token = (await pickupPathFromOutbox(session.zegel.url, recipient)).slice(3);
    const unlocked = await http(
      `${session.zegel.url}/api/v1/pickup/${token}/unlock`,
      jsonRequest({ ceId }),
    );
    expect(unlocked.status).toBe(200);
    const view = unlocked.json<PickupMessageView>();
    expect(view.html).toBe('<p>Zie de grafiek:</p><img alt="Grafiek" data-zegel-part="1" />');
    expect(view.attachments.map((a) => [a.name, a.contentType])).toEqual([
      ['uitslag.pdf', 'application/octet-stream'],
      ['image001.png', 'image/png'],
    ]);
    const image = await http(`${session.zegel.url}/api/v1/pickup/${token}/inline/1`, {
      headers: { cookie: cookieFrom(unlocked) },
    });
    expect(image.status).toBe(200);
    expect(image.body.equals(png)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('works by keyboard alone, and in high contrast', async () => {
    const context = await session.browser.newContext({
      baseURL: session.zegel.url,
      locale: 'en-GB',
      forcedColors: 'active',
      viewport: { width: 350, height: 800 },
    });
    try {
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      await installFakeOffice(page, draft());
      await page.goto('/taskpane.html');
      await page.getByText('Signed in as Development User').waitFor();
      await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('contrast');
      // Into the radio group (one tab stop), then arrow keys move the choice.
      const publicLabel = page.getByRole('radio', { name: 'Public' });
      for (
        let i = 0;
        i < 10 && !(await publicLabel.evaluate((el) => el === document.activeElement));
        i++
      )
        await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.getByText(/Label saved: Registered/).waitFor();
      await expect(
        draftState(page).then((d) => d.headers?.['X-Zegel-Classification']),
      ).resolves.toBe('registered');
      await page.getByText('Pickup on the Zegel page with a CE-ID').waitFor();
      await screenshot(page, 'taskpane-contrast');
    } finally {
      await context.close();
    }
  });

  it('does not send and keeps the draft unchanged when an attachment is a cloud link', async () => {
    const [page] = await openPane(
      draft({
        headers: { 'X-Zegel-Classification': 'registered' },
        attachments: [{ id: 'c', name: 'dossier.docx', type: 'cloud', base64: 'aHR0cHM6Ly94' }],
      }),
    );
    await page.getByText('Pickup on the Zegel page with a CE-ID').waitFor();
    await page.getByRole('button', { name: 'Send registered' }).click();
    await page
      .getByRole('alert')
      .getByText(/dossier.docx is a link to a file in the cloud/)
      .waitFor();
    const state = await draftState(page);
    expect(state.properties?.zegelSentMessageId).toBeUndefined();
    await expect(page.getByRole('button', { name: 'Send registered' }).isEnabled()).resolves.toBe(
      true,
    );
  });
  it('asks a mobile number per pickup recipient, texts the code to it and remembers it for the next mail', async () => {
    const [page, problems] = await openPane(draft());
    await page.getByRole('radio', { name: 'Registered' }).check();
    const phone = page.getByRole('textbox', {
      name: `Mobile number for the code to ${RECIPIENT} (SMS)`,
    });
    await phone.waitFor();
    await page.getByText('Optional. Without one, you pass the code on yourself.').waitFor();

    // A national number is pointed out once the field is left, and stops the send.
    await phone.fill('06 1234 5678');
    await page.keyboard.press('Tab');
    await page.getByText('Start with the country code, for example +31 6 1234 5678.').waitFor();
    await page.getByRole('button', { name: 'Send registered' }).click();
    await page.getByText('Check the mobile numbers marked below.').waitFor();
    await expect(phone.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(axeViolations(page)).resolves.toEqual([]);

    await phone.fill('+31 6 1234 5678');
    await page.getByRole('button', { name: 'Send registered' }).click();
    const result = page.locator('section[data-message-id]');
    await result.getByText('Sent registered').waitFor();
    const id = (await result.getAttribute('data-message-id'))!;
    // The code went by SMS: the pane does not show it to the sender.
    await result.getByText('(CE-ID by SMS)').waitFor();
    await expect(result.locator(`[data-ceid-for="${RECIPIENT}"]`).count()).resolves.toBe(0);
    const stored = await messageStatus(session.zegel.url, id);
    expect(stored.recipients[0].ceIdChannel).toBe('sms');
    // The text goes out from the notification job, after the send was answered: wait for it.
    const texted = async () =>
      (await http(`${session.zegel.url}/api/v1/admin/sms-outbox`))
        .json<SmsOutboxEntry[]>()
        .some((t) => t.to === '+31612345678' && /[A-Z0-9]{3}-[A-Z0-9]{3}/.test(t.text));
    const deadline = Date.now() + 15_000;
    while (!(await texted()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await texted()).toBe(true);

    // The number roams with the mailbox: the next mail to this contact has it filled in.
    const roaming = (await draftState(page)).roaming;
    expect(roaming?.zegelContactPhones).toEqual({ [RECIPIENT]: '+31612345678' });
    const [next] = await openPane(draft({ subject: 'Vervolg', roaming }));
    await next.getByRole('radio', { name: 'Registered' }).check();
    const filled = next.getByRole('textbox', {
      name: `Mobile number for the code to ${RECIPIENT} (SMS)`,
    });
    await filled.waitFor();
    await expect(filled.inputValue()).resolves.toBe('+31612345678');
    await next.getByText('Remembered from an earlier mail.').waitFor();
    await screenshot(next, 'taskpane-phone-remembered');
    expect(problems).toEqual([]);
  });
});
