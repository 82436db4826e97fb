// The migration cockpit in Chromium against the sandbox (#34): after a create-and-link, the Migrations tab shows
// what Atlas sees of the org (projects, deployments, a verdict with its reasons); a start without a passed
// validation is refused (the button waits, the worker refuses the message); validate, start behind a confirmation
// naming source, destination and the destination's data, the lag falling as the sandbox's clock moves, ready for
// cutover with the 120-hour window's time left, its warnings at 24 h and 2 h with the page's time moved forward,
// cutover confirmed once, COMPLETE, and every step in the history.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { MIGRATION_TIMELINE } from '../../sandbox/migration-store';
import { test } from './fixtures';
import type { ExtensionRun } from './harness';
import { createVaultWith, failureOf, keyNamed, openSettings, orgNamed, sendFromExtensionPage } from './steps';

const H = 3_600_000;

async function linkedAcme(run: ExtensionRun) {
  await createVaultWith(run, 'owner', 'Acme');
  const atlas = keyNamed(run, 'atlas');
  await sendFromExtensionPage(run, 'profiles/add', {
    profile: { label: 'Acme', publicKey: atlas.publicKey, privateKey: atlas.privateKey, side: 'atlas' },
  });
  const acme = orgNamed(run, 'Acme Retail').id;
  const atlasOrgId = run.sandbox.fixture.orgs.find((o) => o.name === 'Acme Retail (Atlas)')!.id;
  const linked = await sendFromExtensionPage(run, 'atlas/link', { orgId: acme, atlasOrgId });
  expect(linked.status).toBe('SYNCED');
  return acme;
}

async function migrationsTab(run: ExtensionRun, page?: Page): Promise<Page> {
  const settings = page ?? (await openSettings(run));
  if (page) await settings.goto(`chrome-extension://${run.extensionId}/src/options/index.html`);
  await settings.getByRole('button', { name: 'Migrations', exact: true }).click();
  return settings;
}

const row = (page: Page) => page.getByTestId('migration-row').first();

test('from link to COMPLETE in the Migrations tab, with the cutover window and the history', async ({ run }) => {
  const acme = await linkedAcme(run);
  const page = await migrationsTab(run);
  const org = page.getByTestId(`migration-org-${acme}`);
  await org.getByRole('button', { name: 'Show what Atlas sees' }).click();

  // What Atlas sees: the ready replica set, and the legacy one with its reasons in words.
  await expect.poll(() => org.getByTestId('available-project').count()).toBeGreaterThan(0);
  const orders = org.getByTestId('deployment-orders-rs');
  await expect.poll(() => orders.getByTestId('deployment-verdict').getAttribute('data-ready')).toBe('true');
  const legacy = org.getByTestId('deployment-legacy-catalog').getByTestId('deployment-verdict');
  await expect.poll(() => legacy.getAttribute('data-ready')).toBe('false');
  expect(await legacy.textContent()).toContain('Feature compatibility version 5.0 is below 6.0');

  // The plan: destination and host from lists, never typed.
  await orders.getByRole('button', { name: 'Plan a migration' }).click();
  const plan = orders.getByTestId('migration-plan');
  await expect.poll(() => plan.getByLabel('Destination cluster', { exact: true }).inputValue()).toBe('Cluster0');
  const start = plan.getByRole('button', { name: 'Start migration' });
  // No start before a passed validation: the button waits, and the worker refuses the message itself.
  expect(await start.isDisabled()).toBe(true);
  const seen = await sendFromExtensionPage(run, 'migrations/available-projects', { cloudManagerOrgId: acme });
  const targets = await sendFromExtensionPage(run, 'migrations/targets', { cloudManagerOrgId: acme });
  const refused = await failureOf(run, 'migrations/start', {
    cloudManagerOrgId: acme,
    plan: {
      sourceProjectId: seen.projects[0]!.projectId,
      sourceCluster: 'orders-rs',
      atlasProjectId: targets.projects[0]!.id,
      destinationCluster: 'Cluster0',
      migrationHost: seen.projects[0]!.migrationHosts[0]!,
      managedAuthentication: true,
      ssl: true,
      hostnameSchemaType: 'PUBLIC',
      dropDestinationData: false,
    },
  });
  expect(refused.kind).toBe('not-validated');
  expect(run.sandbox.log.filter((e) => e.method === 'POST' && /liveMigrations\/?$/.test(e.path))).toEqual([]);

  await plan.getByRole('button', { name: 'Validate' }).click();
  const result = plan.getByTestId('validation-result');
  await expect.poll(() => result.getAttribute('data-outcome')).toBe('pending');
  run.sandbox.advanceClock(MIGRATION_TIMELINE.validationMs);
  await expect.poll(() => result.getAttribute('data-outcome'), { timeout: 10_000 }).toBe('passed');
  expect(await result.textContent()).toContain('Atlas passed the plan');

  await start.click();
  const dialog = page.getByTestId('start-dialog');
  expect(await dialog.textContent()).toContain('orders-rs');
  expect(await dialog.textContent()).toContain('Cluster0');
  expect(await dialog.getByTestId('start-drop').textContent()).toContain('existing data is kept');
  await dialog.getByRole('button', { name: 'Start migration' }).click();
  await expect.poll(() => row(page).getByTestId('migration-status').textContent()).toBe('Starting');

  // The lag falls as Atlas's clock moves; Check now asks Atlas at once.
  const check = () => row(page).getByRole('button', { name: 'Check now' }).click();
  run.sandbox.advanceClock(MIGRATION_TIMELINE.newMs + MIGRATION_TIMELINE.syncMs / 2);
  await check();
  await expect.poll(() => row(page).getByTestId('migration-status').textContent()).toBe('Syncing');
  const lagOf = async () => Number.parseInt((await row(page).getByTestId('migration-lag').textContent()) ?? '', 10);
  const halfway = await lagOf();
  expect(halfway).toBeGreaterThan(MIGRATION_TIMELINE.readyLagSeconds);
  run.sandbox.advanceClock(MIGRATION_TIMELINE.syncMs / 2);
  await check();
  await expect.poll(() => row(page).getByTestId('migration-status').textContent()).toBe('Ready for cutover');
  expect(await lagOf()).toBeLessThan(halfway);
  const windowCell = row(page).getByTestId('migration-window');
  expect(await windowCell.getAttribute('data-level')).toBe('none');
  expect(await windowCell.textContent()).toMatch(/^11[89] h \d+ min left to cut over$/);

  // The page's time moved forward: under 24 hours left, then under 2.
  for (const [hours, level, words] of [
    [100, 'soon', 'Less than 24 hours left'],
    [118.5, 'urgent', 'Less than 2 hours left'],
  ] as const) {
    const later = await run.context.newPage();
    await later.clock.install({ time: Date.now() + hours * H });
    await migrationsTab(run, later);
    const cell = row(later).getByTestId('migration-window');
    await expect.poll(() => cell.getAttribute('data-level')).toBe(level);
    expect(await cell.textContent()).toContain(words);
    await later.close();
  }

  // Cutover: one confirmed action.
  await row(page).getByRole('button', { name: 'Cut over' }).click();
  const confirm = page.getByTestId('cutover-dialog');
  expect(await confirm.textContent()).toContain('orders-rs');
  await confirm.getByRole('button', { name: 'Cut over' }).click();
  await expect.poll(() => row(page).getByTestId('migration-status').textContent()).toBe('Cutting over');
  run.sandbox.advanceClock(MIGRATION_TIMELINE.cutoverMs);
  await check();
  await expect.poll(() => row(page).getByTestId('migration-status').textContent()).toBe('Complete');
  expect(await row(page).getAttribute('data-status')).toBe('COMPLETE');

  // History: the validation (asked and passed), the start and the cutover.
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const history = page.locator('table');
  await expect.poll(() => history.textContent()).toContain('Cut over migration');
  const text = await history.textContent();
  for (const words of ['Validate migration', 'Start migration', 'Cut over migration']) expect(text).toContain(words);
  await page.close();
});
