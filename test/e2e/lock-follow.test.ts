// Every open page follows the vault (#32 item 6): with the settings page, the dashboard and the popup open, a lock
// from the popup, the auto-lock alarm, or the settings page's Lock now replaces every page's key pairs and table with
// the unlock form within a second, without a reload; an unlock on one page brings back the others' content.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { DashboardPage } from './dashboard-page';
import { test } from './fixtures';
import { orgPageUrl } from './harness';
import { cmOrgs, createVaultWith, fireAutoLock, openSettings, PASSPHRASE, sendIn } from './steps';

const LABEL = 'Acme owner';
/** The key pairs' list and the dashboard's table are gone, the unlock form is there: polled for one second at most. */
const FOLLOWS_WITHIN = { timeout: 1000, interval: 50 };

const showsUnlockForm = (page: Page) => page.getByTestId('unlock-form').isVisible();
const showsKeyPairs = (page: Page) => page.getByTestId(`profile-${LABEL}`).isVisible();
const showsTable = (page: Page) => page.getByTestId('org-table').isVisible();

async function unlockIn(page: Page) {
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByLabel('Passphrase').press('Enter');
}

describe('every open page follows the lock', () => {
  let settings: Page;
  let dash: DashboardPage;

  test.beforeAll(async ({ run }) => {
    await createVaultWith(run, 'owner', LABEL);
    settings = await openSettings(run);
    await settings.getByTestId(`profile-${LABEL}`).waitFor();
    dash = await DashboardPage.open(run);
  });

  test('a lock from the popup: the settings page and the dashboard show the unlock form at once', async ({
    run,
    popupOn,
  }) => {
    const popup = await popupOn(orgPageUrl(cmOrgs(run)[0]!.id));
    await popup.orgIdField.waitFor();
    await popup.page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect.poll(() => showsUnlockForm(settings), FOLLOWS_WITHIN).toBe(true);
    await expect.poll(() => showsUnlockForm(dash.page), FOLLOWS_WITHIN).toBe(true);
    expect(await showsKeyPairs(settings)).toBe(false);
    expect(await showsTable(dash.page)).toBe(false);
    await expect.poll(() => showsUnlockForm(popup.page)).toBe(true);

    // Unlocked on the settings page: the dashboard and the popup show their content again, nobody reloads them.
    await unlockIn(settings);
    await expect.poll(() => showsKeyPairs(settings)).toBe(true);
    await expect.poll(() => showsTable(dash.page), FOLLOWS_WITHIN).toBe(true);
    await expect.poll(() => popup.orgId(), FOLLOWS_WITHIN).toBe(cmOrgs(run)[0]!.id);
  });

  test('the auto-lock: the settings page shows the unlock form within a second; an unlock on the dashboard unlocks it', async ({
    run,
  }) => {
    // The shortest delay the settings page offers, chosen there.
    await settings.getByRole('button', { name: 'Security' }).click();
    await settings.locator('#auto-lock').selectOption('1');
    await expect.poll(async () => (await sendIn(settings, 'settings/get', {})).autoLockMinutes).toBe(1);
    await fireAutoLock(run);
    await expect.poll(() => showsUnlockForm(settings), FOLLOWS_WITHIN).toBe(true);
    await expect.poll(() => showsUnlockForm(dash.page), FOLLOWS_WITHIN).toBe(true);
    expect(await settings.locator('#auto-lock').count()).toBe(0);

    await unlockIn(dash.page);
    await expect.poll(() => showsTable(dash.page)).toBe(true);
    await expect.poll(() => settings.locator('#auto-lock').isVisible(), FOLLOWS_WITHIN).toBe(true);
  });

  test("the settings page's Lock now: the dashboard follows", async () => {
    await settings.getByRole('button', { name: 'Lock now' }).click();
    await expect.poll(() => showsUnlockForm(dash.page), FOLLOWS_WITHIN).toBe(true);
    await unlockIn(settings);
    await expect.poll(() => showsTable(dash.page), FOLLOWS_WITHIN).toBe(true);
  });
});
