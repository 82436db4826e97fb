// The hand-over in Chromium against the sandbox (#34 items 2 and 5): after a migration of Acme's orders-rs reaches
// COMPLETE, the Migrations tab exports the kept plan as a CSV, opens Acme's printable report in a tab of its own
// (the org's link and target, a row per deployment with readiness, plan, validation, status, cutover; the history of
// validate, start and cutover; no buttons and a white page when printed) and downloads the same report as a CSV.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { MIGRATION_TIMELINE } from '../../sandbox/migration-store';
import { violations } from './axe';
import { test } from './fixtures';
import { type ExtensionRun, screenshot } from './harness';
import { createVaultWith, keyNamed, openSettings, orgNamed, sendFromExtensionPage } from './steps';

/** Acme's key pairs, Acme Retail linked, and orders-rs migrated through validate, start and cutover to COMPLETE. */
async function completedMigration(run: ExtensionRun) {
  await createVaultWith(run, 'owner', 'Acme');
  const atlas = keyNamed(run, 'atlas');
  await sendFromExtensionPage(run, 'profiles/add', {
    profile: { label: 'Acme', publicKey: atlas.publicKey, privateKey: atlas.privateKey, side: 'atlas' },
  });
  const acme = orgNamed(run, 'Acme Retail').id;
  const atlasOrgId = run.sandbox.fixture.orgs.find((o) => o.name === 'Acme Retail (Atlas)')!.id;
  expect((await sendFromExtensionPage(run, 'atlas/link', { orgId: acme, atlasOrgId })).status).toBe('SYNCED');
  const seen = await sendFromExtensionPage(run, 'migrations/available-projects', { cloudManagerOrgId: acme });
  const targets = await sendFromExtensionPage(run, 'migrations/targets', { cloudManagerOrgId: acme });
  const plan = {
    sourceProjectId: seen.projects[0]!.projectId,
    sourceCluster: 'orders-rs',
    atlasProjectId: targets.projects[0]!.id,
    destinationCluster: 'Cluster0',
    migrationHost: seen.projects[0]!.migrationHosts[0]!,
    managedAuthentication: true,
    ssl: true,
    hostnameSchemaType: 'PUBLIC' as const,
    dropDestinationData: false,
  };
  await sendFromExtensionPage(run, 'migrations/validate', { cloudManagerOrgId: acme, plan });
  run.sandbox.advanceClock(MIGRATION_TIMELINE.validationMs);
  const passed = await sendFromExtensionPage(run, 'migrations/validation', { cloudManagerOrgId: acme, plan });
  expect(passed?.outcome).toBe('passed');
  const started = await sendFromExtensionPage(run, 'migrations/start', { cloudManagerOrgId: acme, plan });
  run.sandbox.advanceClock(MIGRATION_TIMELINE.newMs + MIGRATION_TIMELINE.syncMs);
  expect((await sendFromExtensionPage(run, 'migrations/get', { migrationId: started.id })).readyForCutover).toBe(true);
  await sendFromExtensionPage(run, 'migrations/cutover', { migrationId: started.id });
  run.sandbox.advanceClock(MIGRATION_TIMELINE.cutoverMs);
  expect((await sendFromExtensionPage(run, 'migrations/get', { migrationId: started.id })).status).toBe('COMPLETE');
  return { acme, atlasProjectId: plan.atlasProjectId, atlasProjectName: targets.projects[0]!.name };
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; lines: string[] }> {
  const download = page.waitForEvent('download');
  await click();
  const file = await download;
  const text = readFileSync((await file.path()) as string, 'utf8');
  return {
    name: file.suggestedFilename(),
    lines: text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n'),
  };
}

test('after COMPLETE: the plan export, the printable client report and its CSV', async ({ run }) => {
  const { acme, atlasProjectId, atlasProjectName } = await completedMigration(run);
  const settings = await openSettings(run);
  await settings.getByRole('button', { name: 'Migrations', exact: true }).click();
  const handOver = settings.getByTestId('migration-hand-over');

  // The plan export: one kept plan, every part named.
  const plans = await downloaded(settings, () => handOver.getByRole('button', { name: 'Export plans (CSV)' }).click());
  expect(plans.name).toMatch(/^atlas-migration-plans-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(plans.lines[0]).toMatch(/^Client,Organization,Org ID,Source project,Source project ID,Deployment,/);
  expect(plans.lines).toHaveLength(2);
  const plan = plans.lines[1]!.split(',');
  expect(plan.slice(0, 3)).toEqual(['Acme', 'Acme Retail', acme]);
  expect(plan).toContain('orders-rs');
  expect(plan).toContain(atlasProjectName);
  expect(plan).toContain(atlasProjectId);
  expect(plan).toContain('Cluster0');
  expect(plan).toContain('Ready to migrate');
  expect(plan).toContain('Passed');

  // The printable report, in a tab of its own.
  expect(await handOver.getByLabel('Client').inputValue()).toBe('Acme');
  const opened = run.context.waitForEvent('page');
  await handOver.getByRole('link', { name: 'Open printable report' }).click();
  const report = await opened;
  await report.getByTestId('report-org').first().waitFor();
  expect(await report.getByRole('heading', { level: 1 }).textContent()).toBe('Migration report: Acme');
  const org = report.getByTestId('report-org');
  expect(await org.count()).toBe(1);
  const facts = (await org.locator('dl').textContent()) ?? '';
  expect(facts).toContain('Linked, synced');
  expect(facts).toContain('Acme Retail (Atlas)');
  const rows = org.getByTestId('report-deployments-row');
  const texts = await rows.allTextContents();
  expect(texts).toHaveLength(3);
  const orders = texts.find((text) => text.includes('orders-rs'))!;
  for (const words of ['Ready to migrate', atlasProjectName, 'Cluster0', 'Passed', 'Complete', ' UTC']) {
    expect(orders).toContain(words);
  }
  expect(texts.find((text) => text.includes('legacy-catalog'))).toContain('Not ready to migrate');
  const history = await report.getByTestId('report-history-row').allTextContents();
  expect(history.map((h) => h.replace(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/, ''))).toEqual([
    'Acme RetailValidate migrationDone (PENDING)',
    'Acme RetailValidate migrationDone (SUCCESS)',
    'Acme RetailStart migrationDone (NEW)',
    'Acme RetailCut over migrationDone (accepted)',
  ]);

  // Readable by assistive technology and in contrast, whatever the browser's colour scheme.
  expect([...(await violations(report, 'light')), ...(await violations(report, 'dark'))]).toEqual([]);

  // Printed: no button, a white page.
  await report.emulateMedia({ media: 'print', colorScheme: 'dark' });
  expect(await report.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
  expect(await report.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
  await report.setViewportSize({ width: 1280, height: 900 });
  await screenshot(report, 'client-report-print');
  await report.emulateMedia({ media: 'screen' });

  // The same report as a CSV: the three deployments, then the history.
  const csv = await downloaded(report, () => report.getByRole('button', { name: 'Download report (CSV)' }).click());
  expect(csv.name).toMatch(/^atlas-migration-report-Acme-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.lines[0]).toMatch(/^Organization,Org ID,Link status,Atlas target,Atlas target ID,Source project,/);
  const ordersLine = csv.lines.find((line) => line.includes(',orders-rs,'))!;
  expect(ordersLine).toMatch(/^Acme Retail,[0-9a-f]{24},"Linked, synced",Acme Retail \(Atlas\),/);
  expect(ordersLine).toContain(',Complete,');
  expect(ordersLine).toMatch(/,\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
  expect(csv.lines.slice(4, 6)).toEqual(['', 'Time (UTC),Organization,Action,Result']);
  expect(csv.lines.slice(6).map((line) => line.split(',').slice(2).join(','))).toEqual([
    'Validate migration,Done (PENDING)',
    'Validate migration,Done (SUCCESS)',
    'Start migration,Done (NEW)',
    'Cut over migration,Done (accepted)',
  ]);
  await report.close();
  await settings.close();
});
