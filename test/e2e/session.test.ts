// The unlocked session: it survives the service worker being stopped (and the next link is still one round trip,
// the nonce cache lives in storage.session), auto-lock fires, an extension reload locks, a wrong passphrase
// says so and changes nothing (the locked popup names the tab's org); a tab's visits check only an org with a key
// pair of its own; no private key or passphrase is ever in storage or console output.
import { chromium } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { StorageKey } from '../../src/background/storage/keys';
import { test } from './fixtures';
import { type ExtensionRun, orgPageUrl, stopWorker } from './harness';
import {
  addProfileFor,
  cmOrgs,
  createVaultWith,
  fireAutoLock,
  keyNamed,
  PASSPHRASE,
  sendFromExtensionPage,
} from './steps';
import { readStored, storedEverything } from './storage-scan';

const vaultState = async (run: ExtensionRun) => (await sendFromExtensionPage(run, 'context/get', {})).vault;

describe('vault session', () => {
  let owner: { id: string };

  test.beforeAll(async ({ run }) => {
    owner = await createVaultWith(run, 'owner', 'Owner key');
    await addProfileFor(run, 'listed', 'Listed key', run.sandbox.fixture.orgs.find((o) => o.requiresAccessList)!.id);
  });

  test('stays unlocked when the worker is stopped, and the next call is still one round trip', async ({ run }) => {
    const org = cmOrgs(run)[0]!;
    await sendFromExtensionPage(run, 'link/status', { orgId: org.id, profileId: owner.id });
    await stopWorker(run);
    run.sandbox.clearLog();
    expect(await vaultState(run)).toBe('unlocked');
    const record = await sendFromExtensionPage(run, 'link/create', {
      orgId: org.id,
      linkToken: run.sandbox.fixture.linkTokens[0]!.token,
    });
    expect(record.status).toBe('SYNCED');
    const calls = run.sandbox.log.filter((e) => e.path.includes('/migrationLink'));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'POST', status: 201, authorized: true });
  });

  test('loads its extras when first asked, not at its start, and again after it was stopped', async ({ run }) => {
    // Asked of the running worker through a fresh CDP connection: run.worker() may open the settings page to wake
    // it, and that page's first message would load the extras.
    const extrasRun = async () => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const viewer = await chromium.connectOverCDP(run.cdpEndpoint);
        try {
          const worker = viewer
            .contexts()
            .flatMap((c) => c.serviceWorkers())
            .find((w) => w.url().startsWith(`chrome-extension://${run.extensionId}/`));
          if (worker) return await worker.evaluate(() => '__cmExtras' in globalThis);
        } finally {
          await viewer.close();
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('no running worker');
    };
    // The popup's page, on a worker just started, asks what it shows without the extras. (Opened as a tab: the popup
    // fixture and run.worker() may wake a stopped worker through the settings page, whose first message would load
    // them.)
    await stopWorker(run);
    const popup = await run.context.newPage();
    await popup.goto(`chrome-extension://${run.extensionId}/src/popup/index.html`);
    const answer = await popup.evaluate(() => chrome.runtime.sendMessage({ name: 'context/get', request: {} }));
    expect(answer).toMatchObject({ ok: true, value: { vault: 'unlocked' } });
    await popup.close();
    expect(await extrasRun()).toBe(false);
    // The settings page's first message loads them: in Chromium, from the copy stored with the worker at its install.
    const profiles = await sendFromExtensionPage(run, 'profiles/list', {});
    expect(profiles.map((p: { label: string }) => p.label)).toContain('Owner key');
    expect(await extrasRun()).toBe(true);
    await stopWorker(run);
    expect((await sendFromExtensionPage(run, 'profiles/list', {})).length).toBe(profiles.length);
    expect(await extrasRun()).toBe(true);
  });

  test('refuses a wrong passphrase and leaves the vault as it was', async ({ run, popupOn }) => {
    await sendFromExtensionPage(run, 'vault/lock', {});
    const before = await readStored(await run.worker(), 'vault');
    const acme = cmOrgs(run)[0]!;
    const popup = await popupOn(orgPageUrl(acme.id));
    // The locked popup says which org the unlock is for.
    await expect
      .poll(() => popup.unlockOrg.textContent())
      .toBe(`This tab shows the organization ${acme.name} (${acme.id}).`);
    await popup.unlock('not the passphrase');
    await expect.poll(() => popup.alertKind()).toBe('wrong-passphrase');
    await popup.unlock(PASSPHRASE);
    await popup.orgIdField.waitFor();
    await popup.close();
    // Checked after the popup closed: reaching the worker may open a page, which would close the popup.
    expect(await readStored(await run.worker(), 'vault')).toEqual(before);
  });

  test('locks itself when the auto-lock alarm fires', async ({ run }) => {
    await sendFromExtensionPage(run, 'settings/set', { autoLockMinutes: 1 });
    const worker = await run.worker();
    // The worker notes the activity after it answers: waited for, not read once.
    await expect
      .poll(() => worker.evaluate(async () => (await chrome.alarms.get('auto-lock'))?.name))
      .toBe('auto-lock');
    // Brought forward instead of waiting a minute, and again whenever activity pushes it back: the settings page that
    // sent 'settings/set' loads its own data, and those calls, ending after ours, count as activity.
    await fireAutoLock(run);
    expect(await vaultState(run)).toBe('locked');
  });

  test('is locked after what an extension reload or update does: session storage wiped, worker restarted', async ({
    run,
  }) => {
    // chrome.runtime.reload() leaves a --load-extension extension disabled in headless Chromium here, so the test
    // reproduces its two effects on the extension instead: storage.session emptied and a fresh worker.
    await sendFromExtensionPage(run, 'vault/unlock', { passphrase: PASSPHRASE });
    expect(await vaultState(run)).toBe('unlocked');
    await (await run.worker()).evaluate(() => chrome.storage.session.clear());
    await stopWorker(run);
    expect(await vaultState(run)).toBe('locked');
    await sendFromExtensionPage(run, 'vault/unlock', { passphrase: PASSPHRASE });
    expect(await vaultState(run)).toBe('unlocked');
  });

  test('sends no request at all while locked, even for a stale org as the tab navigates', async ({ run }) => {
    const cm = cmOrgs(run);
    await sendFromExtensionPage(run, 'vault/lock', {});
    const worker = await run.worker();
    // Make every known status stale (older than the 10-minute refresh age).
    await worker.evaluate(async (key) => {
      const table = ((await chrome.storage.local.get(key))[key] ?? {}) as Record<string, { checkedAt?: number }>;
      for (const record of Object.values(table)) record.checkedAt = 1;
      await chrome.storage.local.set({ [key]: table });
    }, 'orgStatus' satisfies StorageKey);
    run.sandbox.clearLog();
    const tab = await run.openTab(orgPageUrl(cm[0]!.id));
    await tab.goto(orgPageUrl(cm[1]!.id));
    await new Promise((r) => setTimeout(r, 1500));
    expect(run.sandbox.log.filter((e) => e.path.startsWith('/api/'))).toEqual([]);
    await sendFromExtensionPage(run, 'vault/unlock', { passphrase: PASSPHRASE });
    // Unlocked, a visit to an org with no key pair of its own still makes no call: the saved key pairs are for
    // other orgs and never serve this one.
    await tab.goto(orgPageUrl(cm[2]!.id));
    await new Promise((r) => setTimeout(r, 1500));
    expect(run.sandbox.log.filter((e) => e.path.startsWith('/api/'))).toEqual([]);
    // A visit to a stale org of a saved key pair refreshes it, with that org's own key pair.
    await tab.goto(orgPageUrl(cm[0]!.id));
    await expect
      .poll(() => run.sandbox.log.filter((e) => e.path.includes('/migrationLink/status')).length)
      .toBeGreaterThan(0);
    const signed = run.sandbox.log.filter((e) => e.username !== undefined);
    expect(signed.every((e) => e.username === keyNamed(run, 'owner').publicKey && e.orgId === cm[0]!.id)).toBe(true);
  });

  test('a page that drives a tab through 50 unknown org ids makes no API call and adds no row', async ({ run }) => {
    expect(await vaultState(run)).toBe('unlocked');
    const rowsBefore = Object.keys(((await readStored(await run.worker(), 'orgStatus')) ?? {}) as object).sort();
    run.sandbox.clearLog();
    const tab = await run.openTab(orgPageUrl(cmOrgs(run)[0]!.id));
    await new Promise((r) => setTimeout(r, 500));
    run.sandbox.clearLog();
    for (let i = 0; i < 50; i++) {
      const orgId = Array.from({ length: 24 }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');
      // A hash change, as a page that opened this window could make it.
      await tab.evaluate((id) => {
        location.hash = `#/org/${id}/projects`;
      }, orgId);
    }
    await new Promise((r) => setTimeout(r, 1500));
    expect(run.sandbox.log.filter((e) => e.path.startsWith('/api/'))).toEqual([]);
    const rowsAfter = Object.keys(((await readStored(await run.worker(), 'orgStatus')) ?? {}) as object).sort();
    expect(rowsAfter).toEqual(rowsBefore);
    await tab.close();
  });

  test('keeps no private key or passphrase in storage or console output', async ({ run }) => {
    const { text: stored, keys } = await storedEverything(await run.worker());
    const secrets = [keyNamed(run, 'owner').privateKey, keyNamed(run, 'listed').privateKey, PASSPHRASE];
    for (const secret of secrets) {
      expect(stored).not.toContain(secret);
      expect(run.consoleLines.join('\n')).not.toContain(secret);
    }
    expect(keys).toContain('vault' satisfies StorageKey);
  });
});
