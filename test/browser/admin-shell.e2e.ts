import { axeViolations } from '../support/browser-axe';
import { pageProblems, screenshot, VIEWPORTS } from '../support/browser-page';
import { useBrowserSession } from '../support/browser-session';

jest.setTimeout(120_000);

describe('the admin shell in Chromium', () => {
  const session = useBrowserSession();

  it('says "not found" for an unknown admin path, in English and in Dutch, and leads back', async () => {
    const page = await session.newPage('en-GB');
    const problems = pageProblems(page);
    await page.goto('/admin/no-such-section');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await expect(
      page.getByText('There is no admin page at /admin/no-such-section.').count(),
    ).resolves.toBe(1);
    await expect(page.title()).resolves.toBe('Page not found – Zegel admin');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-not-found-phone');

    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('nl');
    await page.getByRole('link', { name: 'Naar het eerste onderdeel' }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/overview');
    expect(problems).toEqual([]);
  });

  it('a Dutch browser gets the Dutch console; keyboard alone moves between sections', async () => {
    const page = await session.newPage('nl-NL');
    await page.setViewportSize(VIEWPORTS.desktop);
    const problems = pageProblems(page);
    await page.goto('/admin');
    await page.getByRole('navigation', { name: 'Onderdelen' }).waitFor();
    // Tab to the selected section in the nav, then the arrow keys move between sections.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      const onTab = await page.evaluate(() => document.activeElement?.getAttribute('role'));
      if (onTab === 'tab') break;
    }
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      'Overzicht',
    );
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/admin/outbox');
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-shell-dark-desktop');
    expect(problems).toEqual([]);
  });
});
