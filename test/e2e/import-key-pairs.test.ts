// #31 item 1 at a consultant's scale, in real Chromium against `npm run sandbox -- --clients 30 --atlas-orgs 3`:
// the sandbox's printed CSV pasted once into Settings → "Import many key pairs…", each line's org named by its
// server in the preview, one confirm, and the settings list shows all 33 key pairs. No private key is left on the
// page, in storage in plain text, or in any console line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv, scaledFixture } from '../../sandbox/fixture.ts';
import { type ExtensionRun, launchExtension } from './harness';
import { openSettings, PASSPHRASE, sendFromExtensionPage } from './steps';
import { storedEverything } from './storage-scan';

const fixture = scaledFixture({ clients: 30, atlasOrgs: 3 });
const csv = importCsv(fixture);
let run: ExtensionRun;

beforeAll(async () => {
  run = await launchExtension({ fixture });
  // A vault holds one key pair already (the first line of the paste): the import skips it, never duplicates it.
  const [first] = fixture.keys;
  await sendFromExtensionPage(run, 'vault/create', {
    passphrase: PASSPHRASE,
    profile: { label: 'Client A', side: 'cloud-manager', publicKey: first!.publicKey, privateKey: first!.privateKey },
  });
}, 120_000);

afterAll(async () => {
  await run?.close();
});

describe('importing 33 key pairs from the scaled sandbox', () => {
  it('previews every line with its org, saves the 32 new ones in one confirm, and lists all 33', async () => {
    const page = await openSettings(run);
    await page.getByRole('button', { name: 'Import many key pairs…' }).click();
    await page.getByLabel('Key pairs to import').fill(csv);
    run.sandbox.clearLog();
    const started = Date.now();
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect
      .poll(() => page.getByTestId('import-progress').textContent(), { timeout: 60_000 })
      .toBe('All 33 checked.');
    const previewMs = Date.now() - started;
    const rows = page.locator('[data-testid^="import-line-"]');
    expect(await rows.count()).toBe(33);
    await expect
      .poll(() => page.getByTestId('import-line-2').textContent())
      .toContain('Already saved as "Client A": skipped');
    // Every other org as its server named it: 29 Cloud Manager orgs and the 3 Atlas orgs, each by name and id.
    const preview = await page.locator('table.import-preview').textContent();
    for (const org of fixture.orgs.slice(1)) expect(preview).toContain(`${org.name} (${org.id})`);
    expect(await page.content()).not.toContain(fixture.keys[5]!.privateKey);
    const previewCalls = run.sandbox.log.length;
    const answered = run.sandbox.log.filter((e) => e.status === 200).length;
    run.sandbox.clearLog();
    await page.getByRole('button', { name: 'Save 32 key pairs' }).click();
    await expect.poll(() => page.getByText('Saved 32 key pairs; 1 skipped.').count()).toBe(1);
    await expect.poll(() => page.getByTestId('profile-side').count()).toBe(33);
    await expect.poll(() => page.getByTestId('profile-side').filter({ hasText: 'Atlas' }).count()).toBe(3);
    // Nothing of the paste is left on the page.
    expect(await page.getByLabel('Key pairs to import').inputValue()).toBe('');
    const html = await page.content();
    const stored = (await storedEverything(await run.worker())).text;
    for (const key of fixture.keys) {
      expect(html).not.toContain(key.privateKey);
      expect(stored).not.toContain(key.privateKey);
      expect(run.consoleLines.join('\n')).not.toContain(key.privateKey);
    }
    // The confirm asks no server again: the preview's answers are the ones saved.
    expect(run.sandbox.log.filter((e) => e.username)).toEqual([]);
    console.log(
      `Import 33 key pairs in Chromium: preview ${previewMs} ms, ${previewCalls} requests (${answered} answered 200) for 32 new key pairs; confirm: none`,
    );
  }, 120_000);
});
