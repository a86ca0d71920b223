import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { simpleParser } from 'mailparser';
import type { Download } from 'playwright-core';
import {
  CE_ID_ALPHABET,
  formatCeId,
  normaliseCeId,
  type SubmitMessageResponse,
} from '@zegel/shared';
import {
  messageStatus,
  pickupPathFromOutbox,
  submitMessage,
  waitForMail,
} from '../support/browser-fixtures';
import type { TcpRelay } from '../support/browser-relay';
import { axeViolations } from '../support/browser-axe';
import { pageProblems, screenshot, VIEWPORTS } from '../support/browser-page';
import { useBrowserSession } from '../support/browser-session';
import type { RunningZegel } from '../support/server';

jest.setTimeout(240_000);

const DENIED =
  'This code does not open this message, or the link is no longer valid. Check the code, or contact the sender.';
const BLOCKED = 'Too many wrong codes from this network. Try again later.';
const ACCEPTED = 'Accepted. The sender receives a receipt.';
const NO_LONGER_AVAILABLE = 'This message is no longer available.';
const CE_ID_LABEL = 'Enter the CE-ID you received by SMS or from the sender';

const RECIPIENT = 'jan.jansen@recipient.example';
const ORGANISATION = 'Gemeente Voorbeeld';
const SUBJECT = 'Beschikking 2026-0042';
// A script the server must strip; if it ran anyway, the empty sandbox must still stop it.
const HTML =
  '<h2>Geachte heer Jansen,</h2><p>Zie de <b>bijlagen</b>.</p>' +
  '<script>document.title = "pwned"; parent.postMessage("script-ran", "*");</script>' +
  '<img src="x" onerror="parent.postMessage(\'handler-ran\', \'*\')">';
const FILES = [
  { name: 'beschikking.pdf', type: 'application/pdf', data: randomBytes(180_000) },
  {
    name: 'overzicht-een.csv',
    type: 'text/csv',
    data: Buffer.from('kolom;waarde\r\nbedrag;€ 12,50\r\n', 'utf8'),
  },
];

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A well-formed CE-ID that differs from the real one in its first symbol. */
function wrongCode(right: string, n: number): string {
  const symbols = normaliseCeId(right)!;
  const others = [...CE_ID_ALPHABET].filter((c) => c !== symbols[0]);
  return formatCeId(others[n] + symbols.slice(1));
}

async function downloadBytes(download: Download): Promise<Buffer> {
  return readFile(await download.path());
}

describe('pickup page in Chromium', () => {
  const session = useBrowserSession(() => ({
    env: {
      ZEGEL_ORG_NAME: ORGANISATION,
      ZEGEL_ORG_SUPPORT_PHONE: '+31 20 123 4567',
      ZEGEL_ORG_SUPPORT_URL: 'https://www.voorbeeld.example/contact',
    },
  }));
  let zegel: RunningZegel;
  let relay: TcpRelay;
  let submitted: SubmitMessageResponse;
  let ceId: string;
  let pickupPath: string;
  const newPage = (locale: string, base: string) => session.newPage(locale, base);
  const relayFrom = (localAddress: string) => session.relayFrom(localAddress);

  beforeAll(async () => {
    zegel = session.zegel;
    relay = await relayFrom('127.0.0.2');
    submitted = await submitMessage(
      zegel.url,
      {
        recipient: RECIPIENT,
        subject: SUBJECT,
        html: HTML,
        text: 'Geachte heer Jansen, zie de bijlagen.',
      },
      FILES,
    );
    ceId = submitted.recipients[0].ceId!;
    expect(normaliseCeId(ceId)).not.toBeNull();
    pickupPath = await pickupPathFromOutbox(zegel.url, RECIPIENT);
  });

  it('three wrong codes from one address block it, also for the right code', async () => {
    const page = await newPage('en-GB', zegel.url);
    const problems = pageProblems(page);
    const unlocks: string[] = [];
    page.on('request', (r) => r.url().endsWith('/unlock') && unlocks.push(r.postData() ?? ''));
    await page.goto(pickupPath);
    const field = page.getByLabel(CE_ID_LABEL);
    await expect(field.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    for (const [name, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, `pickup-code-${name}-${scheme}`);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(VIEWPORTS.phone);

    // Not a CE-ID at all: answered on the page, nothing sent.
    await field.fill('abc-de');
    await field.press('Enter');
    await page.getByText('A CE-ID has 9 letters and digits').waitFor();
    expect(unlocks).toHaveLength(0);

    const liveRegion = page.locator('[aria-live="assertive"]');
    const attempt = async (code: string) => {
      await field.fill(code);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/unlock')),
        page.getByRole('button', { name: 'Open message' }).click(),
      ]);
      await page.locator('input[name="ceId"]:enabled').waitFor();
      return response.status();
    };
    for (let n = 0; n < 2; n++) {
      expect(await attempt(wrongCode(ceId, n))).toBe(401);
      await liveRegion.getByText(DENIED).waitFor();
    }
    // The third wrong code: refused, and from now on this address is blocked.
    expect([401, 429]).toContain(await attempt(wrongCode(ceId, 2)));
    expect(await attempt(ceId)).toBe(429);
    await liveRegion.getByText(BLOCKED).waitFor();
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(unlocks).toHaveLength(4);
    await screenshot(page, 'pickup-code-phone-blocked');
    expect(problems).toEqual([]);
  });

  it('the right code from another address opens the message in Dutch, script-free', async () => {
    const page = await newPage('nl-NL', relay.url);
    const problems = pageProblems(page);
    const posted: string[] = [];
    await page.exposeFunction('recordMessage', (data: string) => posted.push(data));
    await page.addInitScript(() =>
      window.addEventListener('message', (event) =>
        (window as unknown as { recordMessage(d: string): void }).recordMessage(String(event.data)),
      ),
    );
    await page.goto(pickupPath);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    const field = page.getByLabel('Vul de CE-ID in die u per sms of van de afzender hebt gekregen');
    // Lower case and without dashes is the same code.
    await field.fill(normaliseCeId(ceId)!.toLowerCase());
    await field.press('Enter');
    await page.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    // Focus follows the page: from the code field to the message heading.
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');

    const frameElement = page.locator('iframe');
    await expect(frameElement.getAttribute('sandbox')).resolves.not.toContain('allow-scripts');
    const frame = page.frameLocator('iframe');
    await expect(frame.locator('h2').textContent()).resolves.toBe('Geachte heer Jansen,');
    await expect(frame.locator('script').count()).resolves.toBe(0);
    await page.waitForTimeout(300);
    expect(posted).toEqual([]);
    expect(await page.title()).not.toContain('pwned');

    for (const [name, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, `pickup-message-${name}-${scheme}`);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // Switch to English; the rest of the test reads the English texts.
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    for (const [i, file] of FILES.entries()) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: `Download ${file.name}` }).click(),
      ]);
      const bytes = await downloadBytes(download);
      expect(bytes.equals(file.data)).toBe(true);
      expect(sha256(bytes)).toBe(submitted.attachments[i].sha256);
      const shown = await page.locator('code[data-digest]').nth(i).getAttribute('data-digest');
      expect(shown).toBe(sha256(file.data));
    }

    const [eml] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the whole message (.eml)' }).click(),
    ]);
    const parsed = await simpleParser(await downloadBytes(eml));
    expect(parsed.subject).toBe(SUBJECT);
    expect(parsed.attachments.map((a) => a.filename)).toEqual(FILES.map((f) => f.name));
    for (const [i, file] of FILES.entries())
      expect(parsed.attachments[i].content.equals(file.data)).toBe(true);

    await page.getByRole('button', { name: 'Proof of integrity' }).click();
    const proof = page.getByRole('definition');
    for (const digest of [
      submitted.body.html!,
      submitted.body.text!,
      submitted.attachments[0].sha256,
    ])
      await proof.filter({ hasText: digest }).waitFor();

    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText(ACCEPTED).waitFor();
    await expect(page.getByRole('button', { name: 'Accept' }).count()).resolves.toBe(0);
    // Accepted, not deleted: the content stays readable while the retrieval period lasts.
    await expect(frame.locator('h2').textContent()).resolves.toBe('Geachte heer Jansen,');
    await page.setViewportSize(VIEWPORTS.phone);
    await screenshot(page, 'pickup-accepted-phone-light');

    // The receipt goes to the sender (the signed-in user; in dev auth mode the developer).
    const { sender } = await messageStatus(zegel.url, submitted.id);
    await waitForMail(zegel.url, 'receipt', sender);
    expect(problems).toEqual([]);
  });

  it('Decline asks first; afterwards the content is gone and the code opens nothing', async () => {
    const recipient = 'piet.de.vries@recipient.example';
    const sent = await submitMessage(
      zegel.url,
      { recipient, subject: 'Te weigeren', html: '<p>Inhoud die weg moet.</p>' },
      [],
    );
    const path = await pickupPathFromOutbox(zegel.url, recipient);
    const fourth = await relayFrom('127.0.0.4');
    const page = await newPage('en-GB', fourth.url);
    const problems = pageProblems(page);
    await page.goto(path);
    await page.getByLabel(CE_ID_LABEL).fill(sent.recipients[0].ceId!);
    await page.getByLabel(CE_ID_LABEL).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Te weigeren' }).waitFor();

    await page.getByRole('button', { name: 'Decline' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Declining deletes the message for you. The sender is told.').waitFor();
    // Escape closes the dialog and gives focus back to Decline; Cancel closes it too.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Decline');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Decline' }).click();
    await dialog.getByRole('button', { name: 'Decline the message' }).click();
    await page.getByText('You declined the message.').waitFor();
    await expect(page.locator('iframe').count()).resolves.toBe(0);
    await screenshot(page, 'pickup-declined-phone-light');

    // A declined copy cannot be opened again. This browser still holds its session: the page says
    // the message is no longer available, as docs/pickup.md promises, and offers no code field.
    await page.reload();
    await page.getByText(NO_LONGER_AVAILABLE).waitFor();
    await expect(page.getByLabel(CE_ID_LABEL).count()).resolves.toBe(0);
    await expect(page.evaluate(() => document.body.innerText)).resolves.not.toContain(
      'Inhoud die weg moet.',
    );
    // Another browser with the right code hears the same; a wrong code gets the single refusal.
    const other = await newPage('en-GB', fourth.url);
    await other.goto(path);
    await other.getByLabel(CE_ID_LABEL).fill(wrongCode(sent.recipients[0].ceId!, 0));
    await other.getByLabel(CE_ID_LABEL).press('Enter');
    await other.getByText(DENIED).waitFor();
    await other.getByLabel(CE_ID_LABEL).fill(sent.recipients[0].ceId!);
    await other.getByLabel(CE_ID_LABEL).press('Enter');
    await other.getByText(NO_LONGER_AVAILABLE).waitFor();
    await expect(other.locator('iframe').count()).resolves.toBe(0);
    await waitForMail(zegel.url, 'receipt', (await messageStatus(zegel.url, sent.id)).sender);
    expect(problems).toEqual([]);
  });

  it('says what Accept means, explains the proof, and sends a secure reply; axe-clean in both languages', async () => {
    const recipient = 'anna.smit@recipient.example';
    const sent = await submitMessage(
      zegel.url,
      { recipient, subject: 'Vraag over uw dossier', html: '<p>Kunt u reageren?</p>' },
      [],
    );
    const path = await pickupPathFromOutbox(zegel.url, recipient);
    const fifth = await relayFrom('127.0.0.5');
    const page = await newPage('en-GB', fifth.url);
    const problems = pageProblems(page);
    await page.goto(path);
    await page.getByLabel(CE_ID_LABEL).fill(sent.recipients[0].ceId!);
    await page.getByLabel(CE_ID_LABEL).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Vraag over uw dossier' }).waitFor();

    // Accept's consequence is said before it is pressed, with a time zone on the deadline.
    const accept = page.getByRole('button', { name: 'Accept' });
    const meaning = await page
      .locator(`#${await accept.getAttribute('aria-describedby')}`)
      .innerText();
    expect(meaning).toMatch(/downloads stay available until .+ (UTC|GMT|[A-Z]{3,4})/);
    await page.getByRole('button', { name: 'Proof of integrity' }).click();
    await page.getByText('certutil -hashfile "file name" SHA256').waitFor();
    await page.getByText('shasum -a 256 "file name"').waitFor();
    await page.getByText(/Forwarding is not offered/).waitFor();

    for (const language of ['en', 'nl'] as const) {
      if (language === 'nl') await page.getByRole('button', { name: 'Nederlands' }).click();
      for (const [name, size] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(size);
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `pickup-reply-${name}-${language}`);
      }
    }
    await page.getByRole('button', { name: 'English' }).click();

    // An empty reply is answered on the page; a real one goes to the sender's mailbox.
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Write your reply first.').waitFor();
    await page.getByLabel('Your reply').fill('Ja, zie bijlage.');
    await page.getByLabel('Attach files (optional)').setInputFiles({
      name: 'antwoord.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('mijn antwoord\n'),
    });
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Your reply was sent securely to the sender.').waitFor();
    // The pointer rests on the button it clicked; axe would judge its hover colours.
    await page.mouse.move(0, 0);
    expect(await axeViolations(page)).toEqual([]);
    const { sender } = await messageStatus(zegel.url, sent.id);
    await waitForMail(zegel.url, 'other', sender);
    let types: string[] = [];
    for (let i = 0; i < 50 && !types.includes('ReplyConsignment'); i++) {
      await page.waitForTimeout(100);
      types = (await messageStatus(zegel.url, sent.id)).events.map((e) => e.type);
    }
    expect(types).toEqual(expect.arrayContaining(['ReplySubmission', 'ReplyConsignment']));
    expect(problems).toEqual([]);
  });

  it('keeps a non-ASCII attachment name from upload to download', async () => {
    const recipient = 'els.de.boer@recipient.example';
    const file = {
      name: 'overzicht één – 2026.csv',
      type: 'text/csv',
      data: Buffer.from('kolom;waarde\r\nbedrag;€ 12,50\r\n', 'utf8'),
    };
    const sent = await submitMessage(
      zegel.url,
      { recipient, subject: 'Overzicht', text: 'Zie de bijlage.' },
      [file],
    );
    const path = await pickupPathFromOutbox(zegel.url, recipient);
    // Each test opens its copy from its own address, so no IP block from another test gets in.
    const third = await relayFrom('127.0.0.3');
    const page = await newPage('en-GB', third.url);
    await page.goto(path);
    const field = page.getByLabel(CE_ID_LABEL);
    await field.fill(sent.recipients[0].ceId!);
    await field.press('Enter');
    await page.getByText('Zie de bijlage.').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: `Download ${file.name}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(file.name);
    expect((await downloadBytes(download)).equals(file.data)).toBe(true);
  });
  it('the message frame is as tall as its content, scrolls sideways by keyboard, opens links in a new tab', async () => {
    const recipient = 'kees.bakker@recipient.example';
    const target = `${zegel.url}/favicon.svg`;
    const paragraphs = Array.from({ length: 40 }, (_, i) => `<p>Alinea ${i + 1}.</p>`).join('');
    const html =
      `<p>Zie <a href="${target}" target="_self" rel="opener">de regeling</a>.</p>` +
      paragraphs +
      '<table width="2400"><tr><td>Een brede tabel.</td></tr></table>';
    const sent = await submitMessage(zegel.url, { recipient, subject: 'Lang bericht', html }, []);
    const path = await pickupPathFromOutbox(zegel.url, recipient);
    const sixth = await relayFrom('127.0.0.6');
    const page = await newPage('en-GB', sixth.url);
    const problems = pageProblems(page);
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto(path);
    await page.getByLabel(CE_ID_LABEL).fill(sent.recipients[0].ceId!);
    await page.getByLabel(CE_ID_LABEL).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Lang bericht' }).waitFor();
    const frameElement = page.locator('iframe');
    const sandbox = (await frameElement.getAttribute('sandbox'))!.split(' ');
    expect(sandbox).not.toContain('allow-scripts');
    expect(sandbox).toEqual(
      expect.arrayContaining(['allow-popups', 'allow-popups-to-escape-sandbox']),
    );
    const frame = page.frameLocator('iframe');
    await frame.getByText('Alinea 40.').waitFor();

    // No fixed height: the whole text is in view without scrolling inside the frame.
    const measure = () =>
      frameElement.evaluate((f: HTMLIFrameElement) => {
        const root = f.contentDocument!.documentElement;
        return { frame: f.clientHeight, content: root.scrollHeight, x: f.contentWindow!.scrollX };
      });
    const fits = async () => {
      const m = await measure();
      return m.frame >= m.content && m.content > 900;
    };
    for (let i = 0; i < 50 && !(await fits()); i++) await page.waitForTimeout(100);
    expect(await fits()).toBe(true);
    await screenshot(page, 'pickup-tall-message-desktop');

    // The wide table scrolls inside the frame; Tab reaches the frame and the arrow keys scroll it.
    await page.getByRole('heading', { level: 1, name: 'Lang bericht' }).focus();
    for (let i = 0; i < 20; i++) {
      if (await page.evaluate(() => document.activeElement?.tagName === 'IFRAME')) break;
      await page.keyboard.press('Tab');
    }
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('IFRAME');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 20 && (await measure()).x === 0; i++) await page.waitForTimeout(100);
    expect((await measure()).x).toBeGreaterThan(0);

    // The link: a new tab with no opener, whatever target and rel the mail gave it.
    const link = frame.getByRole('link', { name: 'de regeling' });
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    const [popup] = await Promise.all([page.waitForEvent('popup'), link.click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(target);
    await expect(popup.evaluate(() => window.opener)).resolves.toBeNull();
    expect(page.url()).toContain(path);
    await page.mouse.move(0, 0);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("shows the sender's organisation and support contact before asking for the code", async () => {
    for (const [locale, sentBy, supportIntro] of [
      ['nl-NL', `Een beveiligd bericht van ${ORGANISATION}`, 'Vragen over dit bericht?'],
      ['en-GB', `A secure message from ${ORGANISATION}`, 'Questions about this message?'],
    ] as const) {
      const page = await newPage(locale, zegel.url);
      const problems = pageProblems(page);
      await page.goto(pickupPath);
      const card = page.getByRole('region', { name: locale === 'nl-NL' ? 'Afzender' : 'Sender' });
      await card.getByText(sentBy).waitFor();
      await card.getByText(supportIntro).waitFor();
      await expect(
        card.getByRole('link', { name: '+31 20 123 4567' }).getAttribute('href'),
      ).resolves.toBe('tel:+31201234567');
      const site = card.getByRole('link', { name: 'https://www.voorbeeld.example/contact' });
      await expect(site.getAttribute('rel')).resolves.toBe('noopener noreferrer');
      // The card comes before the code field.
      const cardTop = (await card.boundingBox())!.y;
      const fieldTop = (await page.locator('input[name="ceId"]').boundingBox())!.y;
      expect(cardTop).toBeLessThan(fieldTop);
      await expect(page.title()).resolves.toContain(ORGANISATION);
      for (const [name, size] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(size);
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `pickup-organisation-${name}-${locale}`);
      }
      expect(problems).toEqual([]);
    }
  });

  it('an incomplete pickup link gets a bilingual 404 page, not JSON; every page has an icon', async () => {
    for (const [locale, path, heading] of [
      ['nl-NL', '/p', 'Deze link is niet compleet'],
      ['en-GB', '/p/', 'This link is incomplete'],
      ['en-GB', '/p/abc/def', 'This link is incomplete'],
    ] as const) {
      const page = await newPage(locale, zegel.url);
      const response = await page.goto(path);
      expect(response!.status()).toBe(404);
      expect(response!.headers()['content-type']).toMatch(/^text\/html/);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      // Both languages are on the page, each marked as such.
      await page.locator('section[lang="nl"]').getByText('Open de link opnieuw').waitFor();
      await page.locator('section[lang="en"]').getByText('Open the link again').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale.slice(0, 2));
      for (const [name, size] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(size);
        expect(await axeViolations(page)).toEqual([]);
        if (path === '/p') await screenshot(page, `pickup-broken-link-${name}`);
      }
    }
    const page = await newPage('en-GB', zegel.url);
    await page.goto(pickupPath);
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    const svg = await page.request.get(icon!);
    expect(svg.status()).toBe(200);
    expect(svg.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    const ico = await page.request.get('/favicon.ico', { maxRedirects: 0 });
    expect(ico.status()).toBe(301);
    expect(ico.headers()['location']).toBe('/favicon.svg');
  });
});
