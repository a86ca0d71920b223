import { formatCeId, normaliseCeId, CE_ID_ALPHABET } from '@zegel/shared';
import type { Page } from 'playwright-core';
import { RetentionService } from '../../server/src/messages/retention.service';
import { pickupPathFromOutbox, submitMessage } from '../support/browser-fixtures';
import { axeViolations } from '../support/browser-axe';
import { pageProblems, screenshot, VIEWPORTS } from '../support/browser-page';
import { useBrowserSession } from '../support/browser-session';

jest.setTimeout(300_000);

type Language = 'en' | 'nl';
type Texts = Record<Language, string>;

const SWITCH_TO: Record<Language, string> = { en: 'English', nl: 'Nederlands' };
const CODE_LABEL = 'Enter the CE-ID you received by SMS or from the sender';

// A 1×1 PNG, shown at 120×40 by the mail's own attributes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const REMOTE_IMAGE = 'https://images.example/banner.png';
// The sender's layout: a bordered table, colours, fonts, an inline logo and a remote banner; and
// what must not survive: fixed positioning over the page and a background from elsewhere.
const STYLED_HTML =
  '<p style="color:rgb(0, 51, 102);font-family:Georgia, serif;font-size:18px;position:fixed;top:0">Geachte mevrouw De Vries,</p>' +
  '<p><img src="cid:logo@gemeente.example" alt="Logo Gemeente Voorbeeld" width="120" height="40" style="border:2px solid #c00"></p>' +
  '<table border="1" cellpadding="6" style="border-collapse:collapse;background:url(https://tracker.example/bg.gif)">' +
  '<tr><th style="background-color:#fffbe6;text-align:left">Onderdeel</th><th>Bedrag</th></tr>' +
  '<tr><td style="border:1px solid #999">Leges</td><td style="text-align:right">€ 12,50</td></tr></table>' +
  `<p><img src="${REMOTE_IMAGE}" alt="Banner"></p>`;

/** A well-formed CE-ID that differs from the real one in its first symbol. */
function wrongCode(right: string, n: number): string {
  const symbols = normaliseCeId(right)!;
  const others = [...CE_ID_ALPHABET].filter((c) => c !== symbols[0]);
  return formatCeId(others[n] + symbols.slice(1));
}

async function switchLanguage(page: Page, language: Language): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) === language) return;
  await page.getByRole('button', { name: SWITCH_TO[language] }).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

/**
 * One state of the page, judged in both languages at phone and desktop width: the state's text is
 * there, axe finds nothing, and a screenshot is written for looking at.
 */
async function checkState(page: Page, name: string, text: Texts | null): Promise<void> {
  for (const language of ['en', 'nl'] as const) {
    await switchLanguage(page, language);
    if (text) await page.getByText(text[language]).first().waitFor();
    for (const [viewport, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `pickup-state-${name}-${viewport}-${language}`);
    }
  }
  await switchLanguage(page, 'en');
  await page.setViewportSize(VIEWPORTS.phone);
}

describe('every state of the pickup page, in Dutch and English, on a phone and a desktop', () => {
  const session = useBrowserSession(() => ({ env: { ZEGEL_ORG_NAME: 'Gemeente Voorbeeld' } }));

  async function openMessage(page: Page, path: string, ceId: string, subject: string) {
    await page.goto(path);
    await page.getByLabel(CODE_LABEL).fill(ceId);
    await page.getByLabel(CODE_LABEL).press('Enter');
    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
  }

  async function send(recipient: string, subject: string, html: string, files = [] as never[]) {
    const sent = await submitMessage(session.zegel.url, { recipient, subject, html }, files);
    return {
      ceId: sent.recipients[0].ceId!,
      path: await pickupPathFromOutbox(session.zegel.url, recipient),
    };
  }

  it('code form, wrong code and a blocked network', async () => {
    const { ceId, path } = await send('code@recipient.example', 'Code', '<p>x</p>');
    const relay = await session.relayFrom('127.0.0.11');
    const page = await session.newPage('en-GB', relay.url);
    const problems = pageProblems(page);
    await page.goto(path);
    await checkState(page, 'code', { en: 'Open your message', nl: 'Open uw bericht' });

    const field = page.getByLabel(CODE_LABEL);
    await field.fill(wrongCode(ceId, 0));
    await field.press('Enter');
    await checkState(page, 'wrong-code', {
      en: 'This code does not open this message',
      nl: 'Deze code opent dit bericht niet',
    });
    for (let n = 1; n < 3; n++) {
      await field.fill(wrongCode(ceId, n));
      await field.press('Enter');
      await page.locator('input[name="ceId"]:enabled').waitFor();
    }
    await field.fill(ceId);
    await field.press('Enter');
    await checkState(page, 'blocked', {
      en: 'Too many wrong codes from this network',
      nl: 'Te veel onjuiste codes vanaf dit netwerk',
    });
    expect(problems).toEqual([]);
  });

  it('the message with the sender’s layout and inline image, remote images on request, the reply form, accepted', async () => {
    const subject = 'Uw aanvraag';
    const sent = await submitMessage(
      session.zegel.url,
      { recipient: 'styled@recipient.example', subject, html: STYLED_HTML },
      [{ name: 'logo.png', type: 'image/png', data: PNG, contentId: 'logo@gemeente.example' }],
    );
    const path = await pickupPathFromOutbox(session.zegel.url, 'styled@recipient.example');
    const relay = await session.relayFrom('127.0.0.13');
    const page = await session.newPage('en-GB', relay.url);
    const problems = pageProblems(page);
    const remote: string[] = [];
    // Stands in for the image server; it also records whether anything asked it.
    await page.route('https://*.example/**', (route) => {
      remote.push(route.request().url());
      return route.fulfill({ contentType: 'image/png', body: PNG });
    });
    await openMessage(page, path, sent.recipients[0].ceId!, subject);

    const frame = page.frameLocator('iframe');
    const logo = frame.getByRole('img', { name: 'Logo Gemeente Voorbeeld' });
    await logo.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector('iframe')?.contentDocument?.querySelector('img');
      return Boolean(img?.complete && img.naturalWidth > 0);
    });
    const styles = await page.locator('iframe').evaluate((f: HTMLIFrameElement) => {
      const doc = f.contentDocument!;
      const style = (selector: string) => getComputedStyle(doc.querySelector(selector)!);
      return {
        colour: style('p').color,
        font: style('p').fontFamily,
        position: style('p').position,
        collapse: style('table').borderCollapse,
        background: style('table').backgroundImage,
        heading: style('th').backgroundColor,
        cell: style('td').borderTopStyle,
        logo: style('img').borderTopColor,
      };
    });
    expect(styles).toEqual({
      colour: 'rgb(0, 51, 102)',
      font: 'Georgia, serif',
      position: 'static',
      collapse: 'collapse',
      background: 'none',
      heading: 'rgb(255, 251, 230)',
      cell: 'solid',
      logo: 'rgb(204, 0, 0)',
    });
    expect(remote).toEqual([]);
    await checkState(page, 'message', {
      en: 'This message referred to 1 remote image, which was not loaded.',
      nl: 'Dit bericht verwees naar 1 externe afbeelding; die is niet geladen.',
    });

    await page.getByRole('button', { name: 'Show remote images' }).click();
    await page.getByText('Remote images are shown.').waitFor();
    await frame.getByRole('img', { name: 'Banner' }).waitFor();
    for (let i = 0; i < 50 && !remote.length; i++) await page.waitForTimeout(100);
    // Only the banner was fetched: not the background the sanitiser removed.
    expect(remote).toEqual([REMOTE_IMAGE]);
    const csp = await page
      .locator('iframe')
      .evaluate((f: HTMLIFrameElement) =>
        f
          .contentDocument!.querySelector('meta[http-equiv="Content-Security-Policy"]')!
          .getAttribute('content'),
      );
    expect(csp).toBe(
      `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: ${REMOTE_IMAGE}`,
    );
    await checkState(page, 'message-remote-images', {
      en: 'Remote images are shown.',
      nl: 'De externe afbeeldingen worden getoond.',
    });

    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Write your reply first.').waitFor();
    await checkState(page, 'reply-form', null);

    await page.getByRole('button', { name: 'Accept' }).click();
    await checkState(page, 'accepted', {
      en: 'Accepted. The sender receives a receipt.',
      nl: 'Geaccepteerd. De afzender krijgt een ontvangstbewijs.',
    });
    expect(problems).toEqual([]);
  });

  it('declined, and no longer available after the retrieval period', async () => {
    const declined = await send('declined@recipient.example', 'Te weigeren', '<p>Weg ermee.</p>');
    const relay = await session.relayFrom('127.0.0.14');
    const page = await session.newPage('en-GB', relay.url);
    const problems = pageProblems(page);
    await openMessage(page, declined.path, declined.ceId, 'Te weigeren');
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Decline the message' }).click();
    await checkState(page, 'declined', {
      en: 'You declined the message.',
      nl: 'U hebt het bericht geweigerd.',
    });

    const expired = await send('expired@recipient.example', 'Verlopen', '<p>Te laat.</p>');
    await openMessage(page, expired.path, expired.ceId, 'Verlopen');
    // Weeks later: the copy expired and its content is gone; the session ended long ago too, so
    // the recipient enters the code again and hears that the message is no longer available.
    await session.zegel.app.get(RetentionService).sweep(new Date(Date.now() + 60 * 86_400_000));
    await page.reload();
    await page.getByLabel(CODE_LABEL).fill(expired.ceId);
    await page.getByLabel(CODE_LABEL).press('Enter');
    await checkState(page, 'expired', {
      en: 'This message is no longer available.',
      nl: 'Dit bericht is niet meer beschikbaar.',
    });
    await expect(page.locator('iframe').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });
});
