// Accessibility: axe-core reports no violation on the popup (setup, org panel, an error, an org with no key pair of
// its own, a project page asking which client) and on every section of the settings page (and the dashboard's row
// dialogs), in light and dark colour schemes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { violations } from './axe';
import { type ExtensionRun, launchExtension, orgPageUrl, projectPageUrl } from './harness';
import { createVaultWith } from './steps';

describe('accessibility', () => {
  let run: ExtensionRun;
  beforeAll(async () => {
    run = await launchExtension();
  });
  afterAll(async () => {
    await run?.close();
  });

  it('popup: setup form, org panel and an error', async () => {
    const tab = await run.openTab(orgPageUrl(run.sandbox.fixture.orgs[0]!.id));
    let popup = await run.openPopup(tab);
    await popup.page.getByTestId('setup-form').waitFor();
    const found = [...(await violations(popup.page, 'light')), ...(await violations(popup.page, 'dark'))];
    await popup.close();
    await createVaultWith(run, 'owner', 'Owner key');
    popup = await run.openPopup(tab);
    await popup.page.getByTestId('org-id').waitFor();
    await popup.page.getByLabel('Atlas link token').fill('not-a-valid-token');
    await popup.page.getByRole('button', { name: 'Link to Atlas' }).click();
    await popup.page.getByRole('alert').waitFor();
    found.push(...(await violations(popup.page, 'light')), ...(await violations(popup.page, 'dark')));
    await popup.close();
    expect(found).toEqual([]);
  });

  it('popup: an org with no key pair of its own, and a project page asking which client', async () => {
    const found: string[] = [];
    const globex = run.sandbox.fixture.orgs.find((o) => o.name.startsWith('Globex'))!;
    let popup = await run.openPopup(await run.openTab(orgPageUrl(globex.id)));
    await popup.page.getByTestId('no-key-pair').waitFor();
    found.push(...(await violations(popup.page, 'light')), ...(await violations(popup.page, 'dark')));
    await popup.close();
    // A project no saved key pair knows (Hooli's).
    const group = run.sandbox.fixture.groups.find((g) => g.name === 'hooli-web')!;
    popup = await run.openPopup(await run.openTab(projectPageUrl(group.id)));
    await popup.page.getByRole('heading', { name: 'Which client is this project of?' }).waitFor();
    found.push(...(await violations(popup.page, 'light')), ...(await violations(popup.page, 'dark')));
    await popup.close();
    expect(found).toEqual([]);
  });

  it('settings page: every section', async () => {
    const page = await run.context.newPage();
    await page.goto(`chrome-extension://${run.extensionId}/src/options/index.html`);
    const found: string[] = [];
    for (const section of ['Key pairs', 'Security', 'Backup', 'History', 'All orgs']) {
      await page.getByRole('button', { name: section, exact: true }).click();
      await page.waitForTimeout(300);
      found.push(...(await violations(page, 'light')), ...(await violations(page, 'dark')));
    }
    // The dashboard's dialogs: a row's Edit… and Link… (the org visited in the popup test is a row).
    for (const name of [/^Edit .*: client or removal…$/, /^Link .* to Atlas…$/]) {
      await page.getByRole('button', { name }).first().click();
      await page.locator('dialog[open]').waitFor();
      found.push(...(await violations(page, 'light')), ...(await violations(page, 'dark')));
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
    }
    expect(found).toEqual([]);
  });
});
