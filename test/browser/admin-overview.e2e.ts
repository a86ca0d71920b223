import type { SubmitMessageResponse } from '@zegel/shared';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { axeViolations } from '../support/browser-axe';
import { submitMessage, waitForMail } from '../support/browser-fixtures';
import { pageProblems, screenshot, VIEWPORTS } from '../support/browser-page';
import { useBrowserSession } from '../support/browser-session';
import { LAB_PRIVATE_TARGETS, startSmartTlsLab, type SmartTlsLab } from '../support/lab-smarttls';

jest.setTimeout(300_000);

// The lab's DNS and mail servers on loopback, so the readiness list grades real servers.
let lab: SmartTlsLab;
beforeAll(async () => {
  lab = await startSmartTlsLab();
});
afterAll(async () => {
  await lab?.close();
});

/** axe at both widths, colours judged at rest. */
async function expectAccessible(page: Page, state: string): Promise<void> {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    const violations = await axeViolations(page);
    expect({ state, width, violations }).toEqual({ state, width, violations: [] });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

/** Polls until `read` gives what `ok` accepts (the page reloads after each filter change). */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 100 && !ok(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  expect(ok(value)).toBe(true);
  return value;
}

describe('admin console: overview, SmartTLS readiness and event log filters in Chromium', () => {
  const session = useBrowserSession(() => ({
    env: {
      ZEGEL_DNS_RESOLVER: lab.dns.address,
      ZEGEL_CA_FILE: lab.ca.rootFile,
      ZEGEL_PRIVATE_TARGETS_ALLOWED: LAB_PRIVATE_TARGETS,
      ZEGEL_MX_PORT: String(lab.port),
      ZEGEL_MTA_STS_PORT: String(lab.port),
    },
  }));
  const sent: SubmitMessageResponse[] = [];
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    const { url } = session.zegel;
    for (const recipient of ['a@dane.mail.test', 'b@dane.mail.test', 'c@nostarttls.plain.test'])
      sent.push(await submitMessage(url, { recipient, subject: 'Overzicht', text: 'x' }, []));
    await waitForMail(url, 'notification', 'c@nostarttls.plain.test');
  });

  it('an admin opens the console on the overview and reads the messages in the chart', async () => {
    const page = await session.newPage('en-GB');
    const problems = pageProblems(page);
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto('/admin');
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin');
    // The chart's figures, as a screen reader gets them: today's row of the table.
    const table = page.getByRole('table', { name: 'Messages per day by route' });
    await table.waitFor({ state: 'attached' });
    await expect(table.getByRole('row').count()).resolves.toBe(15);
    const row = table.locator(`tr[data-day="${today}"]`);
    await expect(row.getByRole('cell').allTextContents()).resolves.toEqual(['3', '0']);
    await expect(page.getByTestId('route-chart').locator('svg rect').count()).resolves.toBe(1);
    await page.getByText('3 through the pickup portal', { exact: false }).waitFor();
    await page.getByText('0 of 3 copies sent for pickup were opened').waitFor();
    await expect(page.getByTestId('certificate-expiry').textContent()).resolves.toMatch(
      /^Expires in \d+ days$/,
    );
    await expectAccessible(page, 'overview en');
    await screenshot(page, 'admin-overview-desktop-light');
    await page.setViewportSize(VIEWPORTS.phone);
    await screenshot(page, 'admin-overview-phone-light');

    // A shorter period: the chart has one row per day.
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.getByRole('combobox', { name: 'Period' }).selectOption('7');
    await until(
      () => table.getByRole('row').count(),
      (n) => n === 8,
    );

    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page, 'overview en dark');
    await screenshot(page, 'admin-overview-desktop-dark');
    await page.setViewportSize(VIEWPORTS.phone);
    await screenshot(page, 'admin-overview-phone-dark');

    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overzicht' }).waitFor();
    await page.getByText('0 van 3 exemplaren voor het portaal zijn geopend').waitFor();
    await page.emulateMedia({ colorScheme: 'light' });
    await expectAccessible(page, 'overview nl');
    expect(problems).toEqual([]);
  });

  it('the readiness list says per domain what its admin could fix', async () => {
    const page = await session.newPage('en-GB');
    const problems = pageProblems(page);
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto('/admin/smarttls');
    await page.getByRole('list', { name: 'Recipient domains' }).waitFor({ timeout: 60_000 });
    const dane = page.locator('li[data-domain="dane.mail.test"]');
    const weak = page.locator('li[data-domain="nostarttls.plain.test"]');
    // Checks that outlast the server's budget show "being checked" and the list asks again.
    await dane
      .getByTestId('verdict')
      .getByText('Safe for direct delivery')
      .waitFor({ timeout: 150_000 });
    await weak.getByTestId('verdict').getByText('Not safe enough').waitFor({ timeout: 150_000 });
    await dane
      .getByText('2 copies sent: 0 direct, 2 through the portal', { exact: false })
      .waitFor();
    await dane.getByText('Nothing: the mail servers of this domain meet the policy.').waitFor();
    await expect(weak.getByTestId('advice').textContent()).resolves.toContain(
      'Enable STARTTLS with a certificate on every mail server.',
    );
    await weak.getByText('NO_STARTTLS').first().waitFor();
    // Captured mail never goes direct in this installation, and the list says so.
    await weak.getByText(/does not deliver directly in this installation/).waitFor();
    await expectAccessible(page, 'readiness en');
    await screenshot(page, 'admin-readiness-desktop-light');

    // The full report of a listed domain, from the list.
    await weak.getByRole('button', { name: 'Full report for nostarttls.plain.test' }).click();
    await page
      .getByTestId('smarttls-report')
      .getByRole('heading', { name: 'nostarttls.plain.test' })
      .waitFor({ timeout: 120_000 });

    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { level: 2, name: /^Gereedheid/ }).waitFor();
    await screenshot(page, 'admin-readiness-nl-desktop-light');
    await until(
      () => weak.getByTestId('advice').textContent(),
      (text) => !!text?.includes('Zet STARTTLS met een certificaat aan op elke mailserver.'),
    );
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page, 'readiness nl dark');
    await page.setViewportSize(VIEWPORTS.phone);
    await screenshot(page, 'admin-readiness-phone-dark');
    expect(problems).toEqual([]);
  });

  it('the event log filters on the server, and the export holds what the filters match', async () => {
    const page = await session.newPage('en-GB');
    const problems = pageProblems(page);
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto('/admin/events');
    await page.getByTestId('chain-verified').waitFor();
    const rows = page.getByRole('table', { name: 'Events' }).getByRole('row');

    await page.getByRole('textbox', { name: 'Message id' }).fill(sent[2].id);
    await page.getByRole('textbox', { name: 'Message id' }).press('Enter');
    await page
      .getByRole('status')
      .getByText(/^\d+ of \d+ events shown\.$/)
      .waitFor();
    await until(
      () => rows.locator('td:nth-child(5)').allTextContents(),
      (concerns) => concerns.length > 1 && concerns.every((c) => c.startsWith(sent[2].id)),
    );

    await page.getByRole('combobox', { name: 'Kind' }).selectOption('SubmissionAcceptance');
    await until(
      () => rows.count(),
      (n) => n === 2,
    );
    await rows.nth(1).getByText('SubmissionAcceptance').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const lines = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(sent[2].id);

    // By actor and date: everything the development sender did today, nothing before.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('textbox', { name: 'By (part of the actor)' }).fill('SENDER:developer');
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('SubmissionAcceptance');
    await until(
      () => rows.count(),
      (n) => n === 4,
    );
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('To date').fill(yesterday);
    await page.getByRole('button', { name: 'Show events' }).click();
    await page.getByText('No events match.').waitFor();
    // A range that ends before it starts: the server's field error, next to the field.
    await page.getByLabel('From date').fill(today);
    await page.getByRole('button', { name: 'Show events' }).click();
    await page.getByText('on or after the from date').waitFor();
    await expectAccessible(page, 'event log field error');
    await page.getByLabel('To date').fill(today);
    await page.getByRole('button', { name: 'Show events' }).click();
    await until(
      () => rows.count(),
      (n) => n === 4,
    );
    await expectAccessible(page, 'event log filtered');
    await screenshot(page, 'admin-events-filtered-desktop-light');

    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gebeurtenissenlog' }).waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page, 'event log nl dark');
    await page.setViewportSize(VIEWPORTS.phone);
    await screenshot(page, 'admin-events-filtered-phone-dark');
    expect(problems).toEqual([]);
  });
});
