import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * The WCAG 2.1 A/AA violations axe-core finds on the page as it is now, one line each (rule, help,
 * elements). Injected through the DevTools protocol, which the page's CSP does not govern.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Colours are judged at rest: the pointer off the control it just clicked, and Fluent's colour
  // transitions (at most 200 ms) finished, so a half-way hover colour is not measured.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(250);
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } }).axe;
    // Tabster's focus sentinels (Fluent UI's focus management) are aria-hidden <i tabindex=0>
    // that pass focus on the moment they get it; axe cannot know that.
    const result = (await axe.run(
      { exclude: [['[data-tabster-dummy]']] },
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      },
    )) as { violations: AxeViolation[] };
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes }));
  });
  return violations.map(
    (v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}
