// The popup's kept panel in Chromium: a popup opened on a page it showed before paints that org before its stopped
// worker has even started (the worker keeps each answer in storage.session, without a secret); the lock leaves
// nothing of it. The popup's style is in its page, not a file.
import { describe, expect } from 'vitest';
import { readAndClose, tabTargetOf, triggerAction } from './action-popup';
import { test } from './fixtures';
import { orgPageUrl, stopWorker } from './harness';
import { cmOrgs, createVaultWith, sendFromExtensionPage } from './steps';
import { readStored, storedSecretsOf } from './storage-scan';

describe('the kept panel', () => {
  test('paints a known page before its stopped worker starts, and nothing of it outlives a lock', async ({ run }) => {
    await createVaultWith(run, 'owner', 'Owner key');
    const org = cmOrgs(run)[0]!;
    const tab = await run.openTab(orgPageUrl(org.id));
    const target = await tabTargetOf(run, tab);
    const popupUrl = `chrome-extension://${run.extensionId}/src/popup/index.html`;
    /** Opens the popup from the toolbar: when its org was shown (ms since 1970) and its accent colour. */
    const open = async () => {
      await triggerAction(run, tab, target);
      return readAndClose(run, popupUrl, async (popup) => {
        await popup.getByTestId('org-id').waitFor();
        return popup.evaluate(() => ({
          orgId: document.querySelector('[data-testid="org-id"]')?.textContent,
          shownAt: performance.timeOrigin + performance.getEntriesByName('atlas-link:org-shown')[0]!.startTime,
          accent: getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
          sheets: document.querySelectorAll('link[rel="stylesheet"]').length,
        }));
      });
    };

    // The first popup on this page asks the worker; its answer is kept, under the tab's address, without a secret.
    expect(await open()).toMatchObject({ orgId: org.id, accent: '#00684a', sheets: 0 });
    await expect
      .poll(async () => ((await readStored(await run.worker(), 'popupSnapshots')) as { urls: string[] }[])?.[0]?.urls)
      .toEqual([tab.url()]);
    const stored = JSON.stringify(await readStored(await run.worker(), 'popupSnapshots'));
    for (const secret of storedSecretsOf(run.sandbox.fixture)) expect(stored).not.toContain(secret);

    // Stopped, the worker starts only once the next popup has shown the org.
    await stopWorker(run);
    const shown = await open();
    expect(shown.orgId).toBe(org.id);
    const worker = await run.worker(); // running: that popup's own messages started it
    const workerStartedAt = await worker.evaluate(() => performance.timeOrigin);
    expect(shown.shownAt).toBeLessThan(workerStartedAt);

    // Opened again with the worker running, the kept panel is the worker's answer: the panel renders once (one
    // org-shown mark), not once kept and again when the answer came. The answer is in once the popup's own status
    // check (sent after it) reached Cloud Manager.
    const statusChecks = () =>
      run.sandbox.log.filter((e) => e.method === 'GET' && e.path.endsWith('/migrationLink/status'));
    await expect.poll(() => statusChecks().length).toBeGreaterThan(0);
    const checksBefore = statusChecks().length;
    await triggerAction(run, tab, target);
    const renders = await readAndClose(run, popupUrl, async (popup) => {
      await popup.getByTestId('org-id').waitFor();
      await expect.poll(() => statusChecks().length).toBeGreaterThan(checksBefore);
      await popup.getByTestId('status').waitFor();
      return popup.evaluate(() => performance.getEntriesByName('atlas-link:org-shown').length);
    });
    expect(renders).toBe(1);

    await sendFromExtensionPage(run, 'vault/lock', {});
    expect(await readStored(await run.worker(), 'popupSnapshots')).toBeUndefined();
  });
});
