// What Atlas sees beside each linked org (#34 item 1), in Chromium against the sandbox: the popup of a linked Cloud
// Manager org whose client has an Atlas key pair says, on demand, that Atlas does not see a link made with another
// Atlas org's token (Cloud Manager says Linked), and after a create-and-link lists the org's projects with each
// deployment's verdict and reasons, in a box that scrolls inside the 600 px popup; "Plan in the Migrations tab"
// opens the settings page's Migrations tab with the org picked and asked; the dashboard row's ⇄ does the same, and
// the table still fits 1280 px. No axe violation in the popup or the tab.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { violations } from './axe';
import { DashboardPage } from './dashboard-page';
import { test } from './fixtures';
import { type ExtensionRun, orgPageUrl, screenshot } from './harness';
import { createVaultWith, keyNamed, orgNamed, sendFromExtensionPage } from './steps';

const CAP = 600;

/** Acme's Cloud Manager key pair and its client's Atlas key pair; Acme linked with a token of no Atlas org of its. */
async function acmeLinkedElsewhere(run: ExtensionRun) {
  await createVaultWith(run, 'owner', 'Acme');
  const atlas = keyNamed(run, 'atlas');
  await sendFromExtensionPage(run, 'profiles/add', {
    profile: { label: 'Acme', publicKey: atlas.publicKey, privateKey: atlas.privateKey, side: 'atlas' },
  });
  const acme = orgNamed(run, 'Acme Retail').id;
  const token = run.sandbox.fixture.linkTokens.find((t) => t.result === 'SYNCED')!.token;
  expect((await sendFromExtensionPage(run, 'link/create', { orgId: acme, linkToken: token })).status).toBe('SYNCED');
  return acme;
}

/** The settings tab the popup opened on the Migrations tab for `orgId`. */
async function openedMigrationsTab(run: ExtensionRun, orgId: string): Promise<Page> {
  let found: Page | undefined;
  await expect
    .poll(() => {
      found = run.context.pages().find((p) => p.url().endsWith(`/src/options/index.html#migrations?org=${orgId}`));
      return found !== undefined;
    })
    .toBe(true);
  return found!;
}

/** The Migrations tab shows the org picked: its card asked Atlas at once and holds the focus. */
async function expectPicked(page: Page, orgId: string) {
  await expect
    .poll(() => page.getByRole('button', { name: 'Migrations', exact: true }).getAttribute('aria-current'))
    .toBe('page');
  const card = page.getByTestId(`migration-org-${orgId}`);
  expect(await card.getAttribute('data-picked')).toBe('true');
  await expect.poll(() => card.getByTestId('available-project').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  expect(
    await card.getByTestId('deployment-orders-rs').getByTestId('deployment-verdict').getAttribute('data-ready'),
  ).toBe('true');
  expect(await page.evaluate(() => document.activeElement?.closest('[data-picked]')?.getAttribute('data-testid'))).toBe(
    `migration-org-${orgId}`,
  );
}

test('the popup of a linked org: what Atlas sees, not seen before the right link, then the verdicts', async ({
  run,
  popupOn,
}) => {
  const acme = await acmeLinkedElsewhere(run);
  let popup = await popupOn(orgPageUrl(acme));
  await popup.page.locator('.status.SYNCED').waitFor({ timeout: 15_000 });
  const sees = popup.page.getByRole('button', { name: 'What Atlas sees' });
  // Asked only on demand: opening the popup sent nothing to Atlas's availableProjects.
  await sees.waitFor();
  expect(run.sandbox.log.filter((e) => e.path.includes('availableProjects'))).toEqual([]);
  await sees.click();
  // Cloud Manager says Linked, but the token was of no Atlas org of Acme's: Atlas lists none of its projects.
  const notSeen = popup.page.getByTestId('atlas-not-seen');
  await notSeen.waitFor();
  expect(await notSeen.textContent()).toContain("Atlas does not see this org's link yet");
  expect(await popup.page.getByTestId('atlas-sees').textContent()).toContain('Acme Retail (Atlas)');
  expect(await popup.statusText()).toContain('Linked');
  await popup.close();

  // Linked again through the client's Atlas org: Atlas lists the org's projects.
  await sendFromExtensionPage(run, 'link/delete', { orgId: acme });
  const atlasOrgId = orgNamed(run, 'Acme Retail (Atlas)').id;
  expect((await sendFromExtensionPage(run, 'atlas/link', { orgId: acme, atlasOrgId })).status).toBe('SYNCED');
  popup = await popupOn(orgPageUrl(acme));
  const page = popup.page;
  // By keyboard: the disclosure takes Enter.
  await page.getByRole('button', { name: 'What Atlas sees' }).focus();
  await page.keyboard.press('Enter');
  // Open, it takes create-and-link's place (the org is linked).
  await expect.poll(() => page.getByTestId('create-and-link').count()).toBe(0);
  const list = page.getByTestId('atlas-sees-projects');
  await expect.poll(() => list.getByTestId('available-project').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  expect(await page.getByRole('button', { name: 'What Atlas sees' }).getAttribute('aria-expanded')).toBe('true');
  const orders = list.getByTestId('deployment-orders-rs').getByTestId('deployment-verdict');
  expect(await orders.getAttribute('data-ready')).toBe('true');
  expect(await orders.textContent()).toContain('Ready to migrate');
  const legacy = list.getByTestId('deployment-legacy-catalog').getByTestId('deployment-verdict');
  expect(await legacy.getAttribute('data-ready')).toBe('false');
  expect(await legacy.textContent()).toContain('Not ready to migrate');
  expect(await legacy.textContent()).toContain('Feature compatibility version 5.0 is below 6.0');
  expect(await page.getByTestId('atlas-not-seen').count()).toBe(0);

  // Within 600 px: the list scrolls in its box, the link to the tab and the org's last action in view.
  const plan = page.getByTestId('plan-in-migrations');
  await screenshot(page, 'popup-atlas-sees');
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const bottoms = await page.evaluate(() =>
    [...document.querySelectorAll('main button')].map((b) => Math.ceil(b.getBoundingClientRect().bottom)),
  );
  console.log(`popup with what Atlas sees open: ${height} px, last button bottom ${Math.max(...bottoms)} px`);
  expect(height).toBeLessThanOrEqual(CAP);
  expect(Math.max(...bottoms)).toBeLessThanOrEqual(CAP);
  expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
  expect([...(await violations(page, 'light')), ...(await violations(page, 'dark'))]).toEqual([]);

  await plan.click();
  const tab = await openedMigrationsTab(run, acme);
  await expectPicked(tab, acme);
  expect(await violations(tab, 'light')).toEqual([]);
  await tab.close();
});

test("the dashboard row's action opens the Migrations tab with the org picked; the table fits 1280 px", async ({
  run,
}) => {
  const acme = orgNamed(run, 'Acme Retail').id;
  const dash = await DashboardPage.open(run);
  await dash.page.setViewportSize({ width: 1280, height: 800 });
  const action = dash.row(acme).getByRole('link', { name: `Plan migrations of Acme Retail in the Migrations tab` });
  await action.waitFor();
  // An org with no Atlas key pair of its client has none.
  expect(await dash.row(orgNamed(run, 'Globex').id).getByTestId('plan-migrations').count()).toBe(0);
  const fit = await dash.tableFit();
  console.log(`dashboard table at 1280 px with the Migrations tab action: ${JSON.stringify(fit)}`);
  expect(fit.tableScrollWidth).toBeLessThanOrEqual(fit.tableClientWidth);
  expect(fit.boxScrollWidth).toBeLessThanOrEqual(fit.boxClientWidth);
  expect(fit.actionsCut).toBe(0);
  expect((await dash.row(acme).boundingBox())!.height).toBeLessThanOrEqual(44);

  await action.focus();
  await dash.page.keyboard.press('Enter');
  await expectPicked(dash.page, acme);
  expect(dash.page.url()).toContain(`#migrations?org=${acme}`);
});
