// The settings page in Chromium: add a second key pair (its org named by the server), test it, delete one behind a
// confirmation; a read-only key tests as such; a key the server refuses or the vault already holds is not saved;
// change the passphrase (then lock and unlock with the new one), export a backup → wipe → import restores the key
// pairs, the history lists the links made; and no private key or passphrase ever reaches storage or a console line.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures';
import { screenshot } from './harness';
import { createVaultWith, keyNamed, openSettings, PASSPHRASE, sendFromExtensionPage } from './steps';
import { storedEverything } from './storage-scan';

const NEW_PASSPHRASE = 'a brand new passphrase 42';

describe('settings page', () => {
  let page: Page;
  test.beforeAll(async ({ run }) => {
    await createVaultWith(run, 'owner', 'Acme owner');
    const org = run.sandbox.fixture.orgs[0]!; // Acme Retail, the owner key's org
    await sendFromExtensionPage(run, 'link/create', {
      orgId: org.id,
      linkToken: run.sandbox.fixture.linkTokens[0]!.token,
    });
    page = await openSettings(run);
  });

  /** Fills the add-key-pair form and saves. */
  const save = async (key: { publicKey: string; privateKey: string }, label: string) => {
    await page.getByLabel('Client name').fill(label);
    await page.getByLabel('Public key (username)').fill(key.publicKey);
    await page.getByLabel('Private key (password)').fill(key.privateKey);
    await page.getByRole('button', { name: 'Save key pair' }).click();
  };

  test('adds a key pair, shows it masked, tests it, edits it, and deletes it only after confirming', async ({
    run,
  }) => {
    const listed = keyNamed(run, 'listed');
    const umbrella = run.sandbox.fixture.orgs.find((o) => o.requiresAccessList)!;
    await save(listed, 'Umbrella');
    const row = page.getByTestId('profile-Umbrella');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(listed.privateKey.split('-').at(-1));
    expect(await page.content()).not.toContain(listed.privateKey);
    // The server said which org the key belongs to: the card names it, and Test needs no org id (global keys only).
    await expect
      .poll(() => row.getByTestId('key-org').textContent())
      .toBe(`Organization: ${umbrella.name} (${umbrella.id})`);
    await expect.poll(() => row.getByLabel('Org id to test against').count()).toBe(0);
    await row.getByRole('button', { name: 'Test' }).click();
    await expect
      .poll(() => row.getByRole('status').first().textContent())
      .toContain(`Can link: Organization Owner of ${umbrella.name}`);
    await screenshot(page, 'options-profiles');
    // Edit: rename; the private key field starts empty and an empty one keeps the saved key.
    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = row.getByTestId('edit-profile');
    await expect.poll(() => edit.getByLabel(/Private key/).inputValue()).toBe('');
    await edit.getByLabel('Client name').fill('Umbrella Corp');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByTestId('profile-Umbrella Corp').waitFor();
    const renamed = page.getByTestId('profile-Umbrella Corp');
    await expect
      .poll(() => renamed.getByTestId('key-org').textContent())
      .toBe(`Organization: ${umbrella.name} (${umbrella.id})`);
    await renamed.getByRole('button', { name: 'Test' }).click();
    await expect
      .poll(() => renamed.getByRole('status').first().textContent())
      .toContain(`Can link: Organization Owner of ${umbrella.name}`);
    await renamed.getByRole('button', { name: 'Delete…' }).click();
    await renamed.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByTestId('profile-Umbrella Corp').count()).toBe(1);
    await renamed.getByRole('button', { name: 'Delete…' }).click();
    await renamed.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => page.getByTestId('profile-Umbrella Corp').count()).toBe(0);
  });

  test('tells a read-only key, and saves no key the server refuses or the vault already holds', async ({ run }) => {
    const form = page.getByTestId('add-profile');
    const kindShown = () => form.getByRole('alert').locator('strong').getAttribute('data-kind');

    // A key the server refuses (an org that requires an access list, and this key has none) is not saved.
    await save(keyNamed(run, 'unlisted'), 'Umbrella, no list');
    await expect.poll(kindShown).toBe('access-list-required');
    expect(await page.getByTestId('profile-Umbrella, no list').count()).toBe(0);
    // A public key already saved is refused, naming the key pair that has it.
    await save(keyNamed(run, 'owner'), 'Acme again');
    await expect.poll(kindShown).toBe('duplicate-key');
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Acme owner');
    await expect.poll(() => page.getByTestId('profile-Acme again').count()).toBe(0);

    // A read-only key reads its org but cannot link, and Test says so.
    await save(keyNamed(run, 'readonly'), 'Hooli');
    const row = page.getByTestId('profile-Hooli');
    await row.waitFor();
    await expect
      .poll(() => row.getByTestId('key-org').textContent())
      .toBe('Organization: Hooli Media (64e5f60718293a4b5c6d7e8f)');
    await row.getByRole('button', { name: 'Test' }).click();
    await expect
      .poll(() => row.getByRole('status').first().textContent())
      .toContain('Can read Hooli Media, cannot link: needs the Organization Owner role');
    await row.getByRole('button', { name: 'Delete…' }).click();
    await row.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => page.getByTestId('profile-Hooli').count()).toBe(0);
    const labels = (await sendFromExtensionPage(run, 'profiles/list', {})).map((p) => p.label);
    expect(labels).toEqual(['Acme owner']);
  });

  test('changes the passphrase; the new one unlocks, the old one does not', async () => {
    await page.getByRole('button', { name: 'Security', exact: true }).click();
    await page.getByLabel('Current passphrase').fill(PASSPHRASE);
    await page.getByLabel('New passphrase').fill(NEW_PASSPHRASE);
    await page.getByLabel('Passphrase, again').fill(NEW_PASSPHRASE);
    await page.getByRole('button', { name: 'Change passphrase' }).click();
    await expect.poll(() => page.getByTestId('change-passphrase').textContent()).toContain('Passphrase changed');
    await page.getByRole('button', { name: 'Lock now' }).click();
    await page.getByTestId('unlock-form').waitFor();
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect
      .poll(() => page.getByRole('alert').locator('strong').getAttribute('data-kind'))
      .toBe('wrong-passphrase');
    await page.getByLabel('Passphrase').fill(NEW_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: 'Backup', exact: true }).waitFor();
  });

  test('exports a backup, and importing it into a wiped vault restores the key pairs', async ({ run }) => {
    await page.getByRole('button', { name: 'Backup', exact: true }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export backup' }).click();
    const file = await (await download).path();
    const backupText = readFileSync(file, 'utf8');
    expect(backupText).not.toContain(keyNamed(run, 'owner').privateKey);
    // Wipe, as a new browser profile would be.
    await (await run.worker()).evaluate(async () => {
      await chrome.storage.local.clear();
      await chrome.storage.session.clear();
    });
    // A new vault on this "machine" (another client's key pair), then import the backup into it (merge keeps both).
    await createVaultWith(run, 'globex', 'Fresh start');
    await page.reload();
    await page.getByRole('button', { name: 'Backup', exact: true }).click();
    await page.getByLabel('Backup file to import').setInputFiles(file);
    await page.getByLabel("The backup's passphrase").fill('wrong passphrase!!');
    await page.getByRole('button', { name: 'Show what it holds' }).click();
    await expect
      .poll(() => page.getByRole('alert').locator('strong').getAttribute('data-kind'))
      .toBe('wrong-passphrase');
    await page.getByLabel("The backup's passphrase").fill(NEW_PASSPHRASE);
    await page.getByRole('button', { name: 'Show what it holds' }).click();
    await expect.poll(() => page.getByTestId('backup-labels').textContent()).toBe('Acme owner');
    await page.getByRole('button', { name: 'Merge into this vault' }).click();
    await expect.poll(() => page.getByTestId('import-backup').textContent()).toContain('holds 2 key pairs');
    const labels = (await sendFromExtensionPage(run, 'profiles/list', {})).map((p) => p.label);
    expect(labels.sort()).toEqual(['Acme owner', 'Fresh start']);
  });

  test('lists the history of links and exports it as CSV', async ({ run }) => {
    // Each org linked with its own key pair: the restored one (Acme) and the new vault's (Globex).
    const profiles = await sendFromExtensionPage(run, 'profiles/list', {});
    const [acme, globex] = run.sandbox.fixture.orgs;
    await sendFromExtensionPage(run, 'link/create', {
      orgId: globex!.id,
      linkToken: run.sandbox.fixture.linkTokens[1]!.token,
      profileId: profiles.find((p) => p.label === 'Fresh start')!.id,
    });
    await sendFromExtensionPage(run, 'link/create', {
      orgId: acme!.id,
      linkToken: run.sandbox.fixture.linkTokens[2]!.token,
      profileId: profiles.find((p) => p.label === 'Acme owner')!.id,
    });
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const table = page.getByTestId('history');
    await expect.poll(() => table.textContent()).toContain(acme!.id);
    await expect.poll(() => table.textContent()).toContain(globex!.id);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    expect(csv).toContain('time,orgId,orgName,operation,result,ok,client');
    expect(csv).toContain('link,SYNCED,yes,Acme owner');
    expect(csv).toContain('link,SYNCED,yes,Fresh start');
  });

  test('keeps no private key or passphrase in storage or console output', async ({ run }) => {
    const { text: stored } = await storedEverything(await run.worker());
    for (const secret of [
      keyNamed(run, 'owner').privateKey,
      keyNamed(run, 'listed').privateKey,
      keyNamed(run, 'readonly').privateKey,
      keyNamed(run, 'globex').privateKey,
      PASSPHRASE,
      NEW_PASSPHRASE,
    ]) {
      expect(stored).not.toContain(secret);
      expect(run.consoleLines.join('\n')).not.toContain(secret);
    }
  });
});
