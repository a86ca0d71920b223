import type { BrandingSettingsView } from '@zegel/shared';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { submitMessage } from '../support/browser-fixtures';
import { axeViolations } from '../support/browser-axe';
import { pageProblems, screenshot, VIEWPORTS } from '../support/browser-page';
import { useBrowserSession } from '../support/browser-session';

jest.setTimeout(180_000);

async function expectAccessible(page: Page, state: string): Promise<void> {
  // Colours are judged at rest: no button left hovered by the last click, no colour transition
  // half-way after switching to dark.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.mouse.move(0, 0);
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    const violations = await axeViolations(page);
    expect({ state, width, violations }).toEqual({ state, width, violations: [] });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

describe('admin console: event log in Chromium', () => {
  const session = useBrowserSession();

  it('an admin finds a branding change, sees the chain verified, and exports it', async () => {
    const { url } = session.zegel;
    await submitMessage(url, { recipient: 'log@recipient.example', subject: 'Log', text: 'x' }, []);
    const current = (await (
      await fetch(`${url}/api/v1/admin/branding`)
    ).json()) as BrandingSettingsView;
    const saved = await fetch(`${url}/api/v1/admin/branding`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        version: current.version,
        organisationName: 'Waterschap Log',
        primaryColour: current.primaryColour,
        supportPhone: null,
        supportUrl: null,
        texts: current.texts,
      }),
    });
    expect(saved.status).toBe(200);

    const page = await session.newPage('en-GB');
    const problems = pageProblems(page);
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto('/admin/events');
    await page.getByRole('heading', { level: 1, name: 'Event log' }).waitFor();
    await page.getByTestId('chain-verified').waitFor();
    await expect(page.getByTestId('chain-verified').textContent()).resolves.toMatch(
      /checked each of the \d+ events shown/,
    );
    await page.getByRole('combobox', { name: 'Kind' }).selectOption('admin');
    // The server filters: the table follows once its answer is in.
    await page.getByRole('status').getByText('1 of 1 events shown.').waitFor();
    const rows = page.getByRole('table', { name: 'Events' }).getByRole('row');
    await expect(rows.count()).resolves.toBe(2);
    await rows.nth(1).getByText('branding.update').waitFor();
    await expectAccessible(page, 'admin changes');
    await screenshot(page, 'admin-events-desktop-light');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('ConfigurationChange');
    expect(lines[1]).toContain('Waterschap Log');
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const exported = JSON.parse(await readFile(await json.path(), 'utf8')) as { hash: string }[];
    expect(exported).toHaveLength(1);
    expect(exported[0].hash).toMatch(/^[0-9a-f]{64}$/);

    await page.getByRole('combobox', { name: 'Kind' }).selectOption('evidence');
    await page.getByRole('table', { name: 'Events' }).getByText('SubmissionAcceptance').waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page, 'dark');
    await page.setViewportSize(VIEWPORTS.phone);
    await screenshot(page, 'admin-events-phone-dark');
    expect(problems).toEqual([]);
  });
});
