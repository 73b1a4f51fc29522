// Accessibility scans for the e2e tests: axe-core (through @axe-core/playwright) against the WCAG 2
// A and AA rules (2.0, 2.1 and 2.2), failing on serious or critical violations with a list a person
// can act on: the rule, the element, what is wrong.
//
// Every test is scanned at its end (the `accessibilityScan` fixture in fixtures.ts, while its web
// host still runs); specs call `expectAccessible` at the states they pass through on the way
// (a dialog, the detail of a task, the overview).
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING = new Set(['serious', 'critical']);

const shorten = (html: string) => (html.length > 140 ? `${html.slice(0, 140)}…` : html);

/** One line per element: `color-contrast (serious) at .badge: Elements must meet … — Fix any of …`. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_A_AA).analyze();
  return results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.id} (${violation.impact}) at ${node.target.join(' ')} ${shorten(node.html)}: ` +
          `${violation.help}` +
          (node.failureSummary ? ` — ${node.failureSummary.replace(/\s+/g, ' ')}` : ''),
      ),
    );
}

/** Fails the test when axe finds serious or critical violations in the page as it is now. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  expect(await accessibilityViolations(page), `accessibility violations in ${state}`).toEqual([]);
}
