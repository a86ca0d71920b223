import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

let source: string | undefined;

/**
 * Runs axe-core (WCAG 2.1 A and AA) in the page and returns its violations as readable lines:
 * an empty list is a clean page.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol: the page's CSP allows no inline script, rightly.
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as {
      violations: { id: string; help: string; nodes: { target: string[]; html: string }[] }[];
    };
    // Fluent UI's focus manager (tabster) puts aria-hidden focusable sentinels around arrow-key
    // groups (a tab list); focusing one moves focus on at once, and hiding them from screen
    // readers is intended (microsoft/tabster#288, Fluent v9's known issues). Only those nodes of
    // that one rule are left out; every other finding counts.
    return result.violations
      .map((v) => ({
        ...v,
        nodes: v.nodes.filter(
          (n) => !(v.id === 'aria-hidden-focus' && n.html.includes('data-tabster-dummy')),
        ),
      }))
      .filter((v) => v.nodes.length)
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  return violations;
}
