// The organization's policy in real Chromium, through a real policy file: /etc/chromium/policies/managed/<file>.json
// with the extension's 3rdparty section, read by Chromium at start into storage.managed. The build is copied to a
// directory of this test's own, so the policy names an extension id no other test loads (an unpacked extension's
// id is made from its path), and the file is removed after. The settings page shows each managed setting as set by
// the organization, with the longer auto-lock choices off and the vault's alarm within the limit; the export is
// refused; a key pair of an Ops Manager server the policy does not list is refused, naming the allowed servers.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures';
import { DIST, screenshot } from './harness';
import { createVaultWith, failureOf, keyNamed, openSettings, sendFromExtensionPage } from './steps';

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_PREFIX = 'cm-atlas-link-managed-e2e-';
const ALLOWED = 'https://opsmanager.example.com:8443';
const REFUSED = 'https://opsmanager.elsewhere.example';

/** Chromium's id of an unpacked extension: SHA-256 of its real path, 32 hex digits written with the letters a-p. */
function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((d) => String.fromCharCode(97 + Number.parseInt(d, 16))).join('');
}

function policyDirWritable(): boolean {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    const probe = join(POLICY_DIR, `${POLICY_PREFIX}probe.json`);
    writeFileSync(probe, '{}');
    rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

// A run that died before its cleanup left its file behind: gone after ten minutes, so a run going on now keeps its.
function removeStalePolicies(): void {
  for (const name of readdirSync(POLICY_DIR)) {
    const path = join(POLICY_DIR, name);
    if (name.startsWith(POLICY_PREFIX) && Date.now() - statSync(path).mtimeMs > 10 * 60_000) rmSync(path);
  }
}

const writable = policyDirWritable();
if (!writable && process.env.CI) {
  throw new Error(`${POLICY_DIR} is not writable: the managed-settings test needs root to install a Chromium policy`);
}
if (!writable) console.warn(`managed settings e2e skipped: ${POLICY_DIR} is not writable (run as root, or in CI)`);

// Set up at import, before the file's browser starts: Chromium reads policies once, at start.
const extensionDir = writable ? mkdtempSync(join(tmpdir(), 'cm-atlas-link-managed-')) : DIST;
const extensionId = unpackedExtensionId(extensionDir);
const policyFile = join(POLICY_DIR, `${POLICY_PREFIX}${extensionId}.json`);
if (writable) {
  removeStalePolicies();
  cpSync(DIST, extensionDir, { recursive: true });
  const policy = { allowedOpsManagerServers: [ALLOWED], maxAutoLockMinutes: 5, backupExportAllowed: false };
  writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: policy } } }, null, 2));
}
const cleanUp = () => {
  rmSync(policyFile, { force: true });
  if (extensionDir !== DIST) rmSync(extensionDir, { recursive: true, force: true });
};

test.override('launch', { browser: { extensionDir } });

describe.skipIf(!writable)('settings managed by an organization (Chromium policy file)', () => {
  let page: Page;

  test.beforeAll(async ({ run }) => {
    // The policy names this id: the browser must have loaded the copy, not another build.
    expect(run.extensionId).toBe(extensionId);
    await createVaultWith(run, 'owner', 'Acme owner');
    // The user's own choice is longer than the organization allows.
    await sendFromExtensionPage(run, 'settings/set', { autoLockMinutes: 60 });
    page = await openSettings(run);
  });
  test.afterAll(cleanUp);

  test('the worker reads the policy file: effective settings within it, each managed field named', async ({ run }) => {
    expect(await sendFromExtensionPage(run, 'settings/get', {})).toEqual({
      autoLockMinutes: 5,
      managed: { allowedOpsManagerServers: [ALLOWED], maxAutoLockMinutes: 5, backupExportAllowed: false },
    });
    // What Chromium itself delivered (the schema let each value through as it is).
    const worker = await run.worker();
    expect(await worker.evaluate(() => chrome.storage.managed.get(null))).toEqual({
      allowedOpsManagerServers: [ALLOWED],
      maxAutoLockMinutes: 5,
      backupExportAllowed: false,
    });
  });

  test('security: auto-lock capped at 5 minutes, longer choices off, the alarm within the limit', async ({ run }) => {
    await page.getByRole('button', { name: 'Security', exact: true }).click();
    const select = page.locator('#auto-lock');
    await expect.poll(() => select.inputValue()).toBe('5');
    const note = page.getByTestId('managed-auto-lock');
    await expect
      .poll(() => note.textContent())
      .toBe(
        'Set by your organizationYour organization allows at most 5 minutes of inactivity before the vault locks; ' +
          'longer choices are turned off.',
      );
    await expect.poll(() => select.getAttribute('aria-describedby')).toBe('auto-lock-managed');
    const options = await select
      .locator('option')
      .evaluateAll((all) => all.map((o) => [(o as HTMLOptionElement).value, (o as HTMLOptionElement).disabled]));
    expect(options).toEqual([
      ['1', false],
      ['5', false],
      ['15', true],
      ['60', true],
      ['0', true],
    ]);
    await expect
      .poll(() => page.getByTestId('managed-servers').textContent())
      .toBe(
        `Set by your organizationOps Manager servers your organization allows: ${ALLOWED}. Cloud Manager and Atlas are always allowed.`,
      );
    await screenshot(page, 'options-managed-security');
    // The vault locks after 5 minutes of inactivity, not after the user's 60.
    await sendFromExtensionPage(run, 'profiles/list', {}); // activity: the alarm is set again
    const worker = await run.worker();
    // The worker notes the activity after it answers: waited for, not read once.
    await expect.poll(() => worker.evaluate(() => chrome.alarms.get('auto-lock'))).toBeDefined();
    const alarm = await worker.evaluate(() => chrome.alarms.get('auto-lock'));
    expect(alarm!.scheduledTime - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect(alarm!.scheduledTime - Date.now()).toBeGreaterThan(4 * 60_000);
  });

  test('backup: the export button is off and says why; the worker refuses the export', async ({ run }) => {
    await page.getByRole('button', { name: 'Backup', exact: true }).click();
    const exportButton = page.getByRole('button', { name: 'Export backup' });
    await expect.poll(() => exportButton.isDisabled()).toBe(true);
    await expect
      .poll(() => page.getByTestId('managed-backup-export').textContent())
      .toBe('Set by your organizationYour organization turned off backup export.');
    await screenshot(page, 'options-managed-backup');
    expect(await failureOf(run, 'backup/export', {})).toMatchObject({ kind: 'backup-export-off' });
  });

  test("a policy changed while the browser runs applies at once: the open vault's alarm within the new limit", async ({
    run,
  }) => {
    const policy = { allowedOpsManagerServers: [ALLOWED], maxAutoLockMinutes: 1, backupExportAllowed: true };
    writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: policy } } }));
    // What an admin's push does (Chromium also reloads on its own, every few minutes): storage.onChanged fires.
    const policies = await run.context.newPage();
    await policies.goto('chrome://policy');
    await policies.locator('#reload-policies').click();
    await policies.close();
    // Watched without sending the worker a message: a message is activity, which would set the alarm anyway.
    const worker = await run.worker();
    await expect
      .poll(async () => {
        const alarm = await worker.evaluate(() => chrome.alarms.get('auto-lock'));
        return alarm ? alarm.scheduledTime - Date.now() : undefined;
      })
      .toBeLessThanOrEqual(60_000);
    expect((await sendFromExtensionPage(run, 'settings/get', {})).managed).toEqual(policy);
    await page.reload();
    await page.getByRole('button', { name: 'Backup', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Export backup' }).isDisabled()).toBe(false);
  });

  test('key pairs: an Ops Manager server the organization does not list is refused, naming the allowed one', async ({
    run,
  }) => {
    const key = keyNamed(run, 'owner');
    await page.getByRole('button', { name: 'Key pairs', exact: true }).click();
    const form = page.getByTestId('add-profile');
    await form.getByText(/^More options/).click();
    await form.getByLabel('Ops Manager').check();
    await form.getByLabel('Client name').fill('Elsewhere');
    await form.getByLabel('Public key (username)').fill(key.publicKey);
    await form.getByLabel('Private key (password)').fill(key.privateKey);
    // The form says which servers the organization allows, under the server field.
    await expect
      .poll(() => form.getByTestId('managed-servers-hint').textContent())
      .toBe(`Ops Manager servers your organization allows: ${ALLOWED}. Cloud Manager and Atlas are always allowed.`);
    await form.locator('#options-base-url').fill(REFUSED);
    await form.getByRole('button', { name: 'Save key pair' }).click();
    const alert = form.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toContain(
        `Your organization allows key pairs only for these Ops Manager servers: ${ALLOWED}. ${REFUSED} is not one of them.`,
      );
    await screenshot(page, 'options-managed-server-refused');
    expect((await sendFromExtensionPage(run, 'profiles/list', {})).map((p) => p.label)).toEqual(['Acme owner']);
    // The worker refuses it too, whatever page asks: by kind, naming the refused and the allowed servers.
    const refusal = await failureOf(run, 'profiles/add', {
      profile: {
        label: 'Elsewhere',
        publicKey: key.publicKey,
        privateKey: key.privateKey,
        side: 'ops-manager',
        baseUrl: REFUSED,
      },
    });
    expect(refusal).toMatchObject({ kind: 'server-not-allowed', params: { server: REFUSED, servers: ALLOWED } });
  });
});
