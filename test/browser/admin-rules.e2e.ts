import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { SmtpConnector } from '../../server/src/connector/smtp-connector.service';
import { DatabaseService } from '../../server/src/database/database.service';
import { MessageEntity } from '../../server/src/messages/message.entity';
import { axeViolations } from '../support/browser-axe';
import { pageProblems, screenshot, VIEWPORTS } from '../support/browser-page';
import { useBrowserSession } from '../support/browser-session';
import { makeConnectorCerts, type ConnectorCerts } from '../support/connector-certs';
import { mimeMessage, RawSmtpClient } from '../support/connector-smtp-client';
import { http, jsonRequest } from '../support/http';

jest.setTimeout(180_000);

describe('mail-flow rules in the admin console (Chromium)', () => {
  let certs: ConnectorCerts;
  const session = useBrowserSession(() => {
    certs = makeConnectorCerts();
    return {
      env: {
        ZEGEL_SMTP_TLS_CERT_FILE: certs.serverCertFile,
        ZEGEL_SMTP_TLS_KEY_FILE: certs.serverKeyFile,
        ZEGEL_SMTP_ALLOWED_IPS: '127.0.0.2',
      },
    };
  });
  afterAll(() => certs?.cleanup());

  /** Relays one message as Exchange would; the id Zegel stored it under. */
  async function sendThroughConnector(subject: string): Promise<string> {
    const port = session.zegel.app.get(SmtpConnector).port;
    const { client } = await RawSmtpClient.open(port, '127.0.0.2');
    try {
      await client.command('EHLO exchange.test');
      await client.starttls({ ca: readFileSync(certs.caFile) });
      await client.command('EHLO exchange.test');
      expect((await client.command('MAIL FROM:<jan@zorg.example>')).code).toBe(250);
      expect((await client.command('RCPT TO:<patient@example.nl>')).code).toBe(250);
      const reply = await client.data(mimeMessage({ subject, text: 'Zie bijlage.' }));
      expect(reply.code).toBe(250);
      return /stored by Zegel as ([0-9a-f-]{36})/.exec(reply.text)![1];
    } finally {
      await client.quit();
    }
  }
  const classificationOf = async (id: string) =>
    (await session.zegel.app.get(DatabaseService).manager.findOneByOrFail(MessageEntity, { id }))
      .classification;

  async function fillRule(page: Page, name: string, words: string) {
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await page.getByLabel('Classification').selectOption('registered');
    await page.getByLabel('Subject contains one of these words').fill(words);
  }

  it('creates a rule, previews it, and the connector applies it to the next mail', async () => {
    const page = await session.newPage('en-GB');
    await page.setViewportSize(VIEWPORTS.desktop);
    const problems = pageProblems(page);
    await page.goto('/admin/rules');
    await page.getByRole('heading', { level: 1, name: 'Mail-flow rules' }).waitFor();
    await page.getByText('There are no rules yet.', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A bad rule first: the form says which field is wrong and nothing is stored.
    await page.getByRole('button', { name: 'New rule' }).click();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      'New rule',
    );
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Bad');
    await page.getByLabel('Sender domain is one of').fill('not a domain');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByText('is not a domain name').waitFor();
    await page.getByText('Correct the fields marked below', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-rules-form-errors-desktop');
    await page.getByLabel('Sender domain is one of').fill('');
    await fillRule(page, 'Lab results', 'uitslag');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByText('Saved “Lab results”.').waitFor();
    await page.getByRole('row', { name: /Lab results/ }).waitFor();

    // The preview says which rule matched and why.
    await page.getByLabel('Sender').fill('jan@zorg.example');
    await page.getByLabel('Recipients').fill('patient@example.nl');
    await page.getByLabel('Subject', { exact: true }).fill('Uw uitslag');
    await page.getByRole('button', { name: 'Run the rules' }).click();
    const result = page.getByTestId('preview-result');
    await result
      .getByText('Rule “Lab results” matches: the message is classified Registered.')
      .waitFor();
    await result.getByText('Subject contains one of these words: uitslag').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-rules-preview-desktop');

    // The connector applies it: unlabelled mail with the word is registered, other mail is not.
    const matched = await sendThroughConnector('Uw uitslag van vandaag');
    const other = await sendThroughConnector('Vergadering');
    await expect(classificationOf(matched)).resolves.toBe('registered');
    await expect(classificationOf(other)).resolves.not.toBe('registered');

    // The export shows the PowerShell with the rule mirrored.
    await page.getByRole('button', { name: 'Show for Exchange Online' }).click();
    await expect(page.getByTestId('exchange-script').textContent()).resolves.toContain(
      'Zegel rule: Lab results',
    );
    expect(problems).toEqual([]);
  });

  it('a second admin saving the same rule is refused and sees the current rules', async () => {
    const created = await http(
      `${session.zegel.url}/api/v1/admin/mail-flow-rules`,
      jsonRequest({
        name: 'Contracts',
        conditions: { bodyKeywords: ['contract'] },
        classification: 'confidential',
      }),
    );
    expect(created.status).toBe(201);
    const first = await session.newPage('en-GB');
    const second = await session.newPage('en-GB');
    for (const page of [first, second]) {
      await page.setViewportSize(VIEWPORTS.desktop);
      await page.goto('/admin/rules');
      await page.getByRole('button', { name: 'Edit Contracts' }).click();
    }
    await first.getByRole('textbox', { name: 'Name', exact: true }).fill('Contracts (legal)');
    await first.getByRole('button', { name: 'Save rule' }).click();
    await first.getByText('Saved “Contracts (legal)”.').waitFor();

    await second.getByRole('textbox', { name: 'Name', exact: true }).fill('Contracts (sales)');
    await second.getByRole('button', { name: 'Save rule' }).click();
    await second.getByText('Someone else changed the rules', { exact: false }).waitFor();
    await second.getByRole('row', { name: /Contracts \(legal\)/ }).waitFor();
    const names = (await http(`${session.zegel.url}/api/v1/admin/mail-flow-rules`)).json<
      { name: string }[]
    >();
    expect(names.map((r) => r.name)).toContain('Contracts (legal)');
    expect(names.map((r) => r.name)).not.toContain('Contracts (sales)');
  });

  it('keyboard only: reorder, disable, in Dutch, at phone width, light and dark', async () => {
    for (const name of ['Eerste', 'Tweede'])
      await http(
        `${session.zegel.url}/api/v1/admin/mail-flow-rules`,
        jsonRequest({ name, conditions: { hasAttachment: true }, classification: 'registered' }),
      );
    const page = await session.newPage('nl-NL');
    const problems = pageProblems(page);
    await page.goto('/admin/rules');
    await page.getByRole('heading', { level: 1, name: 'Mailstroomregels' }).waitFor();
    const rows = page.getByRole('row').filter({ has: page.getByRole('switch') });
    await rows.first().waitFor();
    const first = (await rows.first().getAttribute('data-rule'))!;
    // Move the first rule down with the keyboard.
    await page.getByRole('button', { name: `${first} omlaag` }).focus();
    await page.keyboard.press('Enter');
    for (let i = 0; i < 50 && (await rows.first().getAttribute('data-rule')) === first; i++)
      await page.waitForTimeout(100);
    expect(await rows.nth(1).getAttribute('data-rule')).toBe(first);
    // Switch it off with the space bar.
    await page.getByRole('switch', { name: `${first} ingeschakeld` }).focus();
    await page.keyboard.press('Space');
    const list = async () =>
      (await http(`${session.zegel.url}/api/v1/admin/mail-flow-rules`)).json<
        { name: string; enabled: boolean }[]
      >();
    for (let i = 0; i < 50 && (await list()).find((r) => r.name === first)?.enabled; i++)
      await page.waitForTimeout(100);
    expect((await list()).find((r) => r.name === first)?.enabled).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-rules-nl-phone');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-rules-nl-phone-dark');
    expect(problems).toEqual([]);
  });
});
