// A backup is the whole workspace (#31 item 4), in real Chromium against the sandbox: a vault with four key pairs of
// two clients (one of them an Atlas key pair), an org added without a key pair, an Atlas target, a note and history,
// backed up from the settings page (history ticked) as a download; then a fresh browser profile (a new
// user-data-dir, no vault) restores it from the settings page without setting a vault up first, reached from the
// popup's first-run setup; every key pair, org, target, note and history entry is there, under the backup's
// passphrase; and a merge of the same file adds nothing twice and names the key pairs it skipped.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { generateFixture } from '../../sandbox/fixture';
import { DashboardPage } from './dashboard-page';
import { test } from './fixtures';
import { type ExtensionRun, launchExtension, orgPageUrl } from './harness';
import { PopupPage } from './popup-page';
import { addProfilesFor, createVaultWith, openSettings, PASSPHRASE, sendFromExtensionPage, sendIn } from './steps';

const fixture = generateFixture({ orgs: 4, seed: 31, atlasOrgs: 1 });
test.override('launch', { sandbox: { fixture } });

const cmOrgs = fixture.orgs.filter((o) => o.kind === 'cloud-manager');
const atlasOrg = fixture.orgs.find((o) => o.kind === 'atlas')!;
const NOTE = 'Ticket 4711: handover to Jane';

/** What the user sees of the workspace: key pairs, dashboard rows (target, note), notes, history. */
async function workspaceOf(page: Page) {
  const profiles = (await sendIn(page, 'profiles/list', {})).map((p) => `${p.label} ${p.side} ${p.publicKey}`).sort();
  const rows = (await sendIn(page, 'dashboard/view', {})).rows
    .map((r) => ({ orgId: r.orgId, name: r.name, profileId: r.profileId, atlasOrgId: r.atlasOrgId, note: r.note }))
    .sort((a, b) => a.orgId.localeCompare(b.orgId));
  const history = (await sendIn(page, 'history/list', {})).map(
    (e) => `${e.time} ${e.orgId} ${e.operation} ${e.result}`,
  );
  return { profiles, rows, notes: await sendIn(page, 'org/notes', {}), history };
}

describe('a backup is the whole workspace', () => {
  let file: string;
  let before: Awaited<ReturnType<typeof workspaceOf>>;
  let fresh: ExtensionRun;

  test.afterAll(async () => {
    await fresh?.close();
  });

  test('backs up key pairs, clients, orgs added and bound, an Atlas target, a note and history', async ({ run }) => {
    await createVaultWith(run, 'key1', 'Client A');
    await addProfilesFor(run, [
      { keyName: 'key2', label: 'Client A' },
      { keyName: 'key3', label: 'Client B' },
    ]);
    await DashboardPage.addAtlasKeyPair(run, 'atlas1', 'Client A');
    await sendFromExtensionPage(run, 'dashboard/add-org', { input: cmOrgs[3]!.id }); // added, no key pair
    await sendFromExtensionPage(run, 'dashboard/set-atlas-target', { orgId: cmOrgs[0]!.id, atlasOrgId: atlasOrg.id });
    await sendFromExtensionPage(run, 'org/set-note', { orgId: cmOrgs[1]!.id, note: NOTE });
    // History: a link and a status check.
    await sendFromExtensionPage(run, 'link/create', { orgId: cmOrgs[2]!.id, linkToken: fixture.linkTokens[0]!.token });
    await sendFromExtensionPage(run, 'link/status', { orgId: cmOrgs[2]!.id });

    const page = await openSettings(run);
    before = await workspaceOf(page);
    expect(before.profiles).toHaveLength(4);
    expect(before.rows.map((r) => r.orgId)).toEqual(cmOrgs.map((o) => o.id).sort());
    expect(before.rows.find((r) => r.orgId === cmOrgs[0]!.id)?.atlasOrgId).toBe(atlasOrg.id);
    expect(before.notes).toEqual({ [cmOrgs[1]!.id]: NOTE });
    expect(before.history.length).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Backup', exact: true }).click();
    await page.getByLabel(/Include the history/).check();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export backup' }).click();
    file = (await (await download).path()) as string;
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'cm-atlas-link-vault-backup', version: 2 });
    // Encrypted: no secret, no note, no name, no target in the file.
    for (const key of ['key1', 'key2', 'key3', 'atlas1']) {
      const { privateKey } = run.sandbox.fixture.keys.find((k) => k.name === key)!;
      expect(text).not.toContain(privateKey);
    }
    for (const clear of [NOTE, 'Client A', atlasOrg.id, cmOrgs[3]!.id]) expect(text).not.toContain(clear);
    await page.close();
  });

  test('restores it on a fresh profile from the settings page, reached from the popup, with no vault set up first', async () => {
    fresh = await launchExtension({ fixture });
    // The popup's first-run setup offers the restore beside the setup form; it opens the settings page's restore.
    const popup = await PopupPage.open(fresh, orgPageUrl(cmOrgs[0]!.id));
    await popup.page.getByTestId('setup-form').waitFor();
    const opened = fresh.context.waitForEvent('page');
    await popup.page.getByRole('button', { name: 'Restore it instead' }).click();
    const page = await opened;
    await page.waitForLoadState();
    expect(new URL(page.url()).hash).toBe('#restore');
    await popup.close();

    await page.getByRole('heading', { name: 'Restore from a backup' }).waitFor();
    // The file field has the focus: the keyboard starts there.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('backup-file');
    await page.getByLabel('Backup file to import').setInputFiles(file);
    await page.getByLabel("The backup's passphrase").fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Show what it holds' }).click();
    await expect
      .poll(() => page.getByTestId('backup-workspace').textContent())
      .toBe(`Beside them — orgs: 4, Atlas targets: 1, notes: 1. History entries: ${before.history.length}.`);
    // Nothing to merge into: restoring is the one choice.
    expect(await page.getByRole('button', { name: 'Merge into this vault' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Restore this backup' }).click();
    await page.getByRole('button', { name: 'Backup', exact: true }).waitFor();

    expect(await workspaceOf(page)).toEqual(before);
    // The vault took the backup's passphrase.
    await sendIn(page, 'vault/lock', {});
    await sendIn(page, 'vault/unlock', { passphrase: PASSPHRASE });
    expect((await workspaceOf(page)).profiles).toEqual(before.profiles);
    await page.close();
  });

  test('a merge of the same file adds no duplicate, and says which key pairs it skipped', async () => {
    const page = await openSettings(fresh);
    await page.getByRole('button', { name: 'Backup', exact: true }).click();
    await page.getByLabel('Backup file to import').setInputFiles(file);
    await page.getByLabel("The backup's passphrase").fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Show what it holds' }).click();
    const identical = page.getByTestId('backup-identical');
    await identical.waitFor();
    expect((await identical.locator('li').allTextContents()).sort()).toEqual([
      'Client A',
      'Client A',
      'Client A',
      'Client B',
    ]);
    await page.getByRole('button', { name: 'Merge into this vault' }).click();
    await expect.poll(() => page.getByTestId('import-backup').textContent()).toContain('Skipped as already saved');
    const outcome = (await page.getByTestId('import-backup').textContent()) ?? '';
    expect(outcome).toContain('holds 4 key pairs');
    expect(outcome).toContain('Added — orgs: 0, Atlas targets: 0, notes: 0, history entries: 0.');
    expect(await workspaceOf(page)).toEqual(before);
    await page.close();
  });
});
