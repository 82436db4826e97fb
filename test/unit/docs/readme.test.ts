// README.md is the consultant's page (#33 item 3): at most 12 KB, the two commands a newcomer runs, and every page
// or picture it links to exists (the internals it no longer holds live under docs/).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const pages = [
  'README.md',
  ...['development', 'sandbox', 'figures', 'firefox-and-stores', 'admin-policies', 'errors'].map((p) => `docs/${p}.md`),
];

describe('README.md', () => {
  const readme = readFileSync('README.md', 'utf8');

  it('is at most 12 KB', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(12 * 1024);
  });

  it('gives the two commands: one installs and starts the product, one runs every test', () => {
    expect(readme).toMatch(/^npm install && npm start\b/m);
    expect(readme).toMatch(/^npm test\b/m);
  });

  it('shows the product before it speaks of internals', () => {
    const picture = readme.indexOf('![');
    expect(picture).toBeGreaterThan(0);
    expect(picture).toBeLessThan(readme.indexOf('## For developers'));
    expect(readme).not.toMatch(/PBKDF2[^\n]*\n[^\n]*\n[^\n]*## Install/); // no crypto parameters on the first screen
  });
});

describe.each(pages)('%s links', (page) => {
  it('only to files that exist', () => {
    const text = readFileSync(page, 'utf8');
    const targets = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map(([, target]) => target ?? '')
      .filter((target) => !/^[a-z]+:/.test(target));
    for (const target of targets) expect(existsSync(join(dirname(page), target)), `${page} → ${target}`).toBe(true);
  });
});
