// Accessibility: axe-core reports no violation on the popup (setup, org panel, an error, an org with no key pair of
// its own, a project page asking which client) and on every section of the settings page (and the dashboard's row
// dialogs), in light and dark colour schemes.

import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { violations } from './axe';
import { test } from './fixtures';
import { orgPageUrl, projectPageUrl } from './harness';
import { createVaultWith, openSettings, orgNamed } from './steps';

/** Violations in both colour schemes. */
const bothSchemes = async (page: Page) => [...(await violations(page, 'light')), ...(await violations(page, 'dark'))];

describe('accessibility', () => {
  test('popup: setup form, org panel and an error', async ({ run, popupOn }) => {
    let popup = await popupOn(orgPageUrl(run.sandbox.fixture.orgs[0]!.id));
    await popup.page.getByTestId('setup-form').waitFor();
    const found = await bothSchemes(popup.page);
    await popup.close();
    await createVaultWith(run, 'owner', 'Owner key');
    popup = await popupOn(popup.tab);
    await popup.orgIdField.waitFor();
    await popup.link('not-a-valid-token');
    await popup.alert.waitFor();
    found.push(...(await bothSchemes(popup.page)));
    await popup.close();
    expect(found).toEqual([]);
  });

  test('popup: an org with no key pair of its own, and a project page asking which client', async ({
    run,
    popupOn,
  }) => {
    const found: string[] = [];
    let popup = await popupOn(orgPageUrl(orgNamed(run, 'Globex').id));
    await popup.noKeyPair.waitFor();
    found.push(...(await bothSchemes(popup.page)));
    await popup.close();
    // A project no saved key pair knows (Hooli's).
    const group = run.sandbox.fixture.groups.find((g) => g.name === 'hooli-web')!;
    popup = await popupOn(projectPageUrl(group.id));
    await popup.projectQuestion.waitFor();
    found.push(...(await bothSchemes(popup.page)));
    await popup.close();
    expect(found).toEqual([]);
  });

  test('settings page: every section', async ({ run }) => {
    const page = await openSettings(run);
    const found: string[] = [];
    for (const section of ['Key pairs', 'Security', 'Backup', 'History', 'All orgs']) {
      await page.getByRole('button', { name: section, exact: true }).click();
      await page.waitForTimeout(300);
      found.push(...(await bothSchemes(page)));
    }
    // The dashboard's dialogs: a row's Edit… and Link… (the org visited in the popup test is a row).
    for (const name of [/^Edit .*: client or removal…$/, /^Link .* to Atlas…$/]) {
      await page.getByRole('button', { name }).first().click();
      await page.locator('dialog[open]').waitFor();
      found.push(...(await bothSchemes(page)));
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
    }
    expect(found).toEqual([]);
  });
});
