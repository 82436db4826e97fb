// Many at once and the migration badges (#34 items 3 and 4) in Chromium against the sandbox: two deployments put in
// the batch from their plans and validated in one run (one passes, one fails with Atlas's reason); Start selected
// asks first, naming the plan it starts (source, destination, the destination's data kept) and the one it refuses
// with the reason, and starts only the first; then the org's badges follow the migration: the dashboard row, the
// popup on the org's tab and the toolbar badge once it is ready for cutover, the window's warning with the page's
// time moved forward, and "Migration expired" after the sandbox's clock passes the 120 hours.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { MIGRATION_TIMELINE } from '../../sandbox/migration-store';
import { DashboardPage } from './dashboard-page';
import { test } from './fixtures';
import { badgeOf, type ExtensionRun, orgPageUrl } from './harness';
import { PopupPage } from './popup-page';
import { createVaultWith, keyNamed, openSettings, orgNamed, sendFromExtensionPage } from './steps';

const H = 3_600_000;

async function linkedAcme(run: ExtensionRun) {
  await createVaultWith(run, 'owner', 'Acme');
  const atlas = keyNamed(run, 'atlas');
  await sendFromExtensionPage(run, 'profiles/add', {
    profile: { label: 'Acme', publicKey: atlas.publicKey, privateKey: atlas.privateKey, side: 'atlas' },
  });
  const acme = orgNamed(run, 'Acme Retail').id;
  const atlasOrgId = run.sandbox.fixture.orgs.find((o) => o.name === 'Acme Retail (Atlas)')!.id;
  expect((await sendFromExtensionPage(run, 'atlas/link', { orgId: acme, atlasOrgId })).status).toBe('SYNCED');
  return acme;
}

async function putInBatch(page: Page, acme: string, deployment: string) {
  const item = page.getByTestId(`migration-org-${acme}`).getByTestId(`deployment-${deployment}`);
  await item.getByRole('button', { name: 'Plan a migration' }).click();
  const plan = item.getByTestId('migration-plan');
  await expect.poll(() => plan.getByLabel('Destination cluster', { exact: true }).inputValue()).toBe('Cluster0');
  await plan.getByRole('button', { name: 'Add to the batch' }).click();
  await plan.getByRole('button', { name: 'In the batch' }).waitFor();
  await plan.getByRole('button', { name: 'Cancel' }).click();
}

const outcomeOf = (page: Page, deployment: string) =>
  page.locator(`[data-testid="batch-row"][data-deployment="${deployment}"]`).getByTestId('batch-validation');

test('validate two plans at once, start only the passed one, and the badges follow it', async ({ run }) => {
  const acme = await linkedAcme(run);
  const page = await openSettings(run);
  await page.getByRole('button', { name: 'Migrations', exact: true }).click();
  await page.getByTestId(`migration-org-${acme}`).getByRole('button', { name: 'Show what Atlas sees' }).click();
  await putInBatch(page, acme, 'orders-rs');
  await putInBatch(page, acme, 'legacy-catalog');

  // Both validated in one run, each asked again until Atlas answers.
  const batch = page.getByTestId('migration-batch');
  await expect.poll(() => batch.getByTestId('batch-row').count()).toBe(2);
  await batch.getByRole('checkbox', { name: 'Select every plan in the batch' }).check();
  run.sandbox.clearLog();
  await batch.getByRole('button', { name: 'Validate selected (2)' }).click();
  await expect.poll(() => batch.getByTestId('batch-run-status').textContent()).toBe('Validating the selected plans…');
  run.sandbox.advanceClock(MIGRATION_TIMELINE.validationMs);
  await expect
    .poll(() => outcomeOf(page, 'orders-rs').getAttribute('data-outcome'), { timeout: 15_000 })
    .toBe('passed');
  await expect.poll(() => outcomeOf(page, 'legacy-catalog').getAttribute('data-outcome')).toBe('failed');
  expect(await outcomeOf(page, 'legacy-catalog').textContent()).toContain('Atlas did not pass the plan');
  expect(run.sandbox.log.filter((e) => e.method === 'POST' && /liveMigrations\/validate/.test(e.path))).toHaveLength(2);
  await expect.poll(() => batch.getByTestId('batch-run-counts').textContent()).toBe('Done: 2 of 2 · failed: 0');

  // The start asks first: the passed plan by source and destination, the failed one refused with its reason.
  await batch.getByRole('button', { name: 'Start selected (2)…' }).click();
  const dialog = page.getByTestId('batch-start-dialog');
  const toStart = dialog.getByTestId('batch-start-item');
  expect(await toStart.count()).toBe(1);
  expect(await toStart.textContent()).toMatch(/orders-rs.*Cluster0.*existing data is kept/);
  const refused = dialog.getByTestId('batch-refused-item');
  expect(await refused.count()).toBe(1);
  expect(await refused.textContent()).toMatch(/legacy-catalog: Atlas did not pass the plan: .*too old/);
  await dialog.getByRole('button', { name: 'Start migration' }).click();
  const row = page.getByTestId('migration-row');
  await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
  expect(await row.getByTestId('migration-source').textContent()).toContain('orders-rs');
  expect(run.sandbox.log.filter((e) => e.method === 'POST' && /liveMigrations\/?$/.test(e.path))).toHaveLength(1);
  // The started plan left the batch; the refused one stays.
  await expect.poll(() => batch.getByTestId('batch-row').count()).toBe(1);

  // The dashboard row's badge after the start.
  const dashboard = await DashboardPage.open(run);
  const badge = () => dashboard.row(acme).getByTestId('migration-badge');
  await expect.poll(() => badge().textContent()).toBe('Migration starting');

  // Ready for cutover: the row, the popup on the org's tab and the toolbar badge say so.
  run.sandbox.advanceClock(MIGRATION_TIMELINE.newMs + MIGRATION_TIMELINE.syncMs);
  await row.getByRole('button', { name: 'Check now' }).click();
  await expect.poll(() => row.getByTestId('migration-status').textContent()).toBe('Ready for cutover');
  await dashboard.goto();
  await expect.poll(() => badge().textContent()).toMatch(/^Ready for cutover · 11[89] h left$/);
  expect(await badge().getAttribute('data-level')).toBe('none');
  const tab = await run.openTab(orgPageUrl(acme));
  await expect.poll(async () => (await badgeOf(run, tab)).text).toBe('⇄');
  expect((await badgeOf(run, tab)).title).toMatch(/Ready for cutover · 11[89] h left$/);
  const popup = await PopupPage.open(run, tab);
  await expect
    .poll(() => popup.page.getByTestId('popup-migration').textContent())
    .toMatch(/^Ready for cutover · 11[89] h left$/);
  await popup.close();

  // The page's time 100 hours on: under 24 hours left, warned on the row.
  const later = await run.context.newPage();
  await later.clock.install({ time: Date.now() + 100 * H });
  await later.goto(`chrome-extension://${run.extensionId}/src/options/index.html`);
  await later.getByRole('button', { name: 'All orgs' }).click();
  const laterBadge = later.locator(`tr[data-org-id="${acme}"]`).getByTestId('migration-badge');
  await expect.poll(() => laterBadge.getAttribute('data-level')).toBe('soon');
  expect(await laterBadge.textContent()).toMatch(/^Ready for cutover · under 24 h left: 1[89] h$/);
  await later.close();

  // The sandbox's clock past the 120 hours: Atlas says EXPIRED, and the row says so.
  run.sandbox.advanceClock(MIGRATION_TIMELINE.cutoverWindowMs);
  await row.getByRole('button', { name: 'Check now' }).click();
  await expect.poll(() => row.getAttribute('data-status')).toBe('EXPIRED');
  await dashboard.goto();
  await expect.poll(() => badge().textContent()).toBe('Migration expired');
  expect(await badge().getAttribute('data-level')).toBe('closed');
  await expect.poll(async () => (await badgeOf(run, tab)).text).toBe('✓');
});
