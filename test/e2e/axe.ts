// axe-core run inside an extension page, in a given colour scheme: the violations, as "scheme rule: targets".
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function violations(page: Page, scheme: 'light' | 'dark'): Promise<string[]> {
  await page.emulateMedia({ colorScheme: scheme });
  // Evaluated through DevTools, so the extension's CSP (script-src 'self') does not apply to the checker.
  await page.evaluate(axeSource);
  const result = (await page.evaluate(
    `axe.run(document).then(r => ({ passes: r.passes.length, violations: r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')) }))`,
  )) as { passes: number; violations: string[] };
  // The checker really ran: it found rules that pass (labels, contrast, names...).
  expect(result.passes).toBeGreaterThan(5);
  return result.violations.map((v) => `${scheme} ${v}`);
}
