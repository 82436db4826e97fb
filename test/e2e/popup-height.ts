// The popup inside Chrome's 600 px (#32 item 4), shared by the English and the Korean run: through the real toolbar
// popup, first run on an org page (the setup form names the org), the setup form with an error (IP not on the key's
// access list), an org with create-and-link (a client with an Atlas key pair), the same org linked (and what Atlas
// sees of it, open), the Atlas org's page and the unlock form — each at most 600 px tall with its main action's
// bottom inside the first 600 px, so nothing sits behind a scroll bar. Selectors are ids and test ids, so one suite serves both languages.
import type { Locator } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures';
import { type ExtensionRun, orgPageUrl, screenshot } from './harness';
import type { PopupPage } from './popup-page';
import { createVaultWith, keyNamed, orgNamed, PASSPHRASE, sendFromExtensionPage } from './steps';

const CAP = 600;
const CLIENT = 'Acme Retail';
const atlasOrgOf = (run: ExtensionRun) => run.sandbox.fixture.orgs.find((o) => o.name === 'Acme Retail (Atlas)')!;

/** The popup's full height and where its main action ends, measured unscrolled. */
async function measure(popup: PopupPage, action: Locator) {
  await action.waitFor();
  const height = await popup.page.evaluate(() => document.documentElement.scrollHeight);
  const bottom = await action.evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
  return { height, actionBottom: Math.ceil(bottom) };
}

export function popupHeightSuite(language: 'en' | 'ko') {
  async function fits(state: string, popup: PopupPage, action: Locator) {
    const m = await measure(popup, action);
    await screenshot(popup.page, `popup-height-${language}-${state.replace(/\W+/g, '-')}`);
    console.log(`popup height (${language}) ${state}: ${m.height} px, main action bottom ${m.actionBottom} px`);
    expect(m.height, `${state}: popup height`).toBeLessThanOrEqual(CAP);
    expect(m.actionBottom, `${state}: main action`).toBeLessThanOrEqual(CAP);
  }

  describe(`the popup fits in 600 px (${language})`, () => {
    test('first run on an org page: the org named, then client, keys, passphrase; an error in view', async ({
      run,
      popupOn,
    }) => {
      const globex = orgNamed(run, 'Globex');
      const popup = await popupOn(orgPageUrl(globex.id));
      const page = popup.page;
      const save = page.locator('[data-testid="setup-form"] button[type="submit"]');
      await page.getByTestId('setup-org').waitFor();
      expect(await page.getByTestId('setup-org').textContent()).toContain(globex.id);
      // The rare choices are folded under "More options", its summary saying what is chosen.
      const more = page.getByTestId('more-options');
      expect(await more.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      expect(await more.locator('summary').textContent()).toContain('Cloud Manager');
      // The org comes first, then the client name, the keys and the passphrase, then the button.
      const order = await page.evaluate(() =>
        ['setup-org', 'setup-label', 'setup-public', 'setup-private', 'setup-passphrase', 'setup-confirm'].map(
          (id) =>
            (document.querySelector(`[data-testid="${id}"]`) ?? document.getElementById(id))!.getBoundingClientRect()
              .top,
        ),
      );
      expect(order).toEqual([...order].sort((a, b) => a - b));
      await fits('setup', popup, save);

      // A key refused when saved (IP not on its access list): the error and the button still in view.
      const key = keyNamed(run, 'elsewhere');
      await page.locator('#setup-label').fill('Fenced client');
      await page.locator('#setup-public').fill(key.publicKey);
      await page.locator('#setup-private').fill(key.privateKey);
      await page.locator('#setup-passphrase').fill(PASSPHRASE);
      await page.locator('#setup-confirm').fill(PASSPHRASE);
      await save.click();
      await popup.alert.locator('strong').waitFor();
      expect(await popup.alertKind()).toBe('ip-not-allowed');
      await fits('error', popup, save);
    });

    test('create-and-link, linked, the Atlas org page and unlock', async ({ run, popupOn }) => {
      await createVaultWith(run, 'owner', CLIENT);
      const atlas = keyNamed(run, 'atlas');
      await sendFromExtensionPage(run, 'profiles/add', {
        profile: { label: CLIENT, publicKey: atlas.publicKey, privateKey: atlas.privateKey, side: 'atlas' },
      });
      const acme = orgNamed(run, 'Acme Retail');
      let popup = await popupOn(orgPageUrl(acme.id));
      const createAndLink = popup.createAndLink.locator('button.primary');
      await fits('create-and-link', popup, createAndLink);
      await createAndLink.click();
      await popup.page.locator('.status.SYNCED').waitFor({ timeout: 15_000 });
      // Linked: the last of the org card's actions (link again, unlink).
      await fits('linked', popup, popup.page.locator('main button').last());
      // What Atlas sees, open: the projects scroll in their box, "Plan in the Migrations tab" in view.
      await popup.page.locator('button[aria-controls="atlas-sees"]').click();
      await popup.page.getByTestId('atlas-sees-projects').waitFor({ timeout: 15_000 });
      await fits('what Atlas sees', popup, popup.page.getByTestId('plan-in-migrations'));
      await popup.close();

      popup = await popupOn(orgPageUrl(atlasOrgOf(run).id));
      await popup.atlasOrgPanel.waitFor();
      await fits('Atlas org page', popup, popup.page.locator('main button').last());
      await popup.close();

      await sendFromExtensionPage(run, 'vault/lock', {});
      popup = await popupOn(orgPageUrl(acme.id));
      await fits('unlock', popup, popup.page.locator('[data-testid="unlock-form"] button[type="submit"]'));
    });
  });
}
