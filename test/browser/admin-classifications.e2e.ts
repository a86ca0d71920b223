import type { ClassificationInfo } from '@zegel/shared';
import { axeViolations } from '../support/browser-axe';
import { pageProblems, screenshot, VIEWPORTS } from '../support/browser-page';
import { useBrowserSession } from '../support/browser-session';
import { http } from '../support/http';

jest.setTimeout(120_000);

describe('classifications in the admin console (Chromium)', () => {
  const session = useBrowserSession();

  it('adds a classification in Dutch; the task pane API offers it; errors are per field', async () => {
    const page = await session.newPage('nl-NL');
    await page.setViewportSize(VIEWPORTS.desktop);
    const problems = pageProblems(page);
    await page.goto('/admin/classifications');
    await page.getByRole('heading', { level: 1, name: 'Classificaties' }).waitFor();
    await page.getByRole('row', { name: /Aangetekend/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Nieuwe classificatie' }).click();
    await page.getByRole('textbox', { name: 'Headerwaarde' }).fill('Lab Results');
    await page.getByRole('button', { name: 'Classificatie opslaan' }).click();
    // The server's field problem, in the form's language.
    await page.getByText('moet 2 tot 63 kleine letters', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-classifications-errors-desktop');

    await page.getByRole('textbox', { name: 'Headerwaarde' }).fill('lab-results');
    await page.getByRole('textbox', { name: 'Naam in het Nederlands' }).fill('Labuitslagen');
    await page.getByRole('textbox', { name: 'Naam in het Engels' }).fill('Lab results');
    await page.getByRole('textbox', { name: 'Beschrijving in het Nederlands' }).fill('Uitslagen.');
    await page.getByRole('textbox', { name: 'Beschrijving in het Engels' }).fill('Results.');
    await page.getByRole('combobox', { name: 'Route' }).selectOption('registered');
    await page.getByRole('button', { name: 'Classificatie opslaan' }).click();
    await page.getByText('“Labuitslagen” opgeslagen.').waitFor();
    await page.getByRole('row', { name: /Labuitslagen/ }).waitFor();

    const pane = (await http(`${session.zegel.url}/api/v1/classifications`)).json<
      ClassificationInfo[]
    >();
    expect(pane.find((c) => c.id === 'lab-results')).toMatchObject({
      label: { nl: 'Labuitslagen', en: 'Lab results' },
      routeAs: 'registered',
      protected: true,
    });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize(VIEWPORTS.phone);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-classifications-nl-phone-dark');
    expect(problems).toEqual([]);
  });
});
