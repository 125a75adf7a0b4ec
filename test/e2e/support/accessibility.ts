import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = { id: string; impact: string | null; help: string; targets: string[] };

/**
 * Runs axe-core (WCAG 2.x A and AA rules) in the page and returns its serious and critical
 * findings. The script is evaluated over the DevTools protocol, which the page's strict CSP
 * does not govern, so the app is checked exactly as it runs.
 */
export async function seriousAccessibilityViolations(page: Page, scope?: string): Promise<AxeViolation[]> {
  // A dialog still fading in has its text at partial opacity, which axe rightly calls low
  // contrast: judge the settled page.
  for (let tries = 0; tries < 50; tries += 1) {
    const settled = await page.evaluate(() =>
      (globalThis as unknown as { document: { getAnimations(): { playState: string }[] } }).document.getAnimations().every((animation) => animation.playState !== 'running'),
    );
    if (settled) break;
    await page.waitForTimeout(100);
  }
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (context) => {
    type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResult> } }).axe;
    const target = context ?? (globalThis as unknown as { document: unknown }).document;
    const result = await axe.run(target, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  }, scope ?? null);
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
