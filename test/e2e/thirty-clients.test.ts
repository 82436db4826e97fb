// #31 "Measured", as a new user meets it in real Chromium against `npm run sandbox -- --clients 30 --atlas-orgs 3`:
// from a fresh profile, the first popup offers the import; one paste of the sandbox's 33 key pairs, preview,
// passphrase twice, confirm; the dashboard shows the 30 client orgs each with its client's one Atlas org as the
// default target; select all, create and link: 30 linked. Every click is counted and printed (target: at most 8).
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv, scaledFixture } from '../../sandbox/fixture.ts';
import { type ExtensionRun, launchExtension, orgPageUrl } from './harness';
import { PASSPHRASE } from './steps';

const fixture = scaledFixture({ clients: 30, atlasOrgs: 3 });
const csv = importCsv(fixture);
const cmOrgs = fixture.orgs.filter((o) => o.kind === 'cloud-manager');
const atlasOrgs = fixture.orgs.filter((o) => o.kind === 'atlas');
let run: ExtensionRun;

beforeAll(async () => {
  run = await launchExtension({ fixture });
}, 120_000);

afterAll(async () => {
  await run?.close();
});

/** The settings tab the popup opened, once it is there. */
async function openedSettings(): Promise<Page> {
  let found: Page | undefined;
  await expect
    .poll(() => {
      found = run.context.pages().find((p) => p.url().includes('/src/options/index.html#import'));
      return found !== undefined;
    })
    .toBe(true);
  return found!;
}

describe('thirty clients from a fresh install', () => {
  it('one paste, the passphrase twice and at most 8 clicks link all 30 client orgs', async () => {
    let clicks = 0;
    const click = async (target: Locator | (() => Promise<unknown>)) => {
      clicks += 1;
      await (typeof target === 'function' ? target() : target.click());
    };
    const tab = await run.openTab(orgPageUrl(cmOrgs[0]!.id));

    // 1: the toolbar icon. The first-run popup offers the import beside its one-key-pair form.
    let popup: Awaited<ReturnType<ExtensionRun['openPopup']>> | undefined;
    await click(async () => {
      popup = await run.openPopup(tab);
    });
    // 2: "Import their key pairs at once" opens the settings page on the import, its paste field focused.
    await click(popup!.page.getByTestId('import-key-pairs-link'));
    const page = await openedSettings();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('import-text');
    // The one paste.
    await page.keyboard.insertText(csv);
    // 3: Preview: each key's server names its org.
    await click(page.getByRole('button', { name: 'Preview' }));
    await expect
      .poll(() => page.getByTestId('import-progress').textContent(), { timeout: 90_000 })
      .toBe('All 33 checked.');
    // The passphrase, twice.
    await page.getByLabel('Passphrase for the new vault').fill(PASSPHRASE);
    await page.getByLabel('Passphrase, again').fill(PASSPHRASE);
    // 4: Save: the vault is created with all 33.
    await click(page.getByRole('button', { name: 'Save 33 key pairs' }));
    // 5: All orgs.
    const allOrgs = page.getByRole('button', { name: 'All orgs' });
    await allOrgs.waitFor({ timeout: 60_000 });
    await click(allOrgs);
    await expect.poll(() => page.locator('tbody tr:not([hidden])').count(), { timeout: 30_000 }).toBe(30);
    // Each row's default target: its client's one Atlas org, with nothing chosen.
    for (const [i, org] of cmOrgs.entries()) {
      const atlas = atlasOrgs[i % atlasOrgs.length]!;
      const select = page.locator(`tr[data-org-id="${org.id}"] select[data-target]`);
      await expect.poll(() => select.inputValue()).toBe(atlas.id);
    }
    // 6: select all shown; 7: create and link.
    await click(page.getByTestId('select-shown'));
    await expect
      .poll(() => page.getByTestId('link-run-selection').textContent())
      .toBe('30 selected, 30 of them with an Atlas target.');
    await click(page.getByTestId('link-run-start'));
    await expect
      .poll(() => page.getByTestId('link-run-status').textContent(), { timeout: 120_000 })
      .toBe('Create and link finished: 30 linked, 0 failed, 0 skipped.');
    for (const [i, org] of cmOrgs.entries()) {
      expect(run.sandbox.links.get(org.id)?.atlasOrgId).toBe(atlasOrgs[i % atlasOrgs.length]!.id);
    }
    console.log(`From install to 30 linked: ${clicks} clicks, one paste, the passphrase twice`);
    expect(clicks).toBeLessThanOrEqual(8);
    // No private key left on the page or in any console line.
    const html = await page.content();
    for (const key of fixture.keys) {
      expect(html).not.toContain(key.privateKey);
      expect(run.consoleLines.join('\n')).not.toContain(key.privateKey);
    }
  }, 300_000);
});
