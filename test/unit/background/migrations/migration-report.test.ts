// The hand-over's worker side (#34 items 2 and 5) through the real router, handlers and clients against the real
// sandbox over HTTP: a validated plan is kept per deployment with its verdict and the destination's names; the plan
// export lists it; one client's report follows the migration from start to COMPLETE (status, lag, the cutover
// window's time left, the cutover, the history); no source credential anywhere; another client sees none of it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MIGRATION_TIMELINE } from '../../../../sandbox/migration-store';
import { type Sandbox, startSandbox } from '../../../../sandbox/server';
import { CUTOVER_WINDOW_MS } from '../../../../src/core/atlas/cutover-window';
import { buildClientReport, type KeptDeployment, keptPlans } from '../../../../src/core/atlas/migration-report';
import type { ClientReportData } from '../../../../src/shared/migration-report-messages';
import { sandboxFetch } from '../../../support/sandbox-fetch';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);

const SENDER = { id: 'test-extension', url: 'chrome-extension://test-extension/src/options/index.html' };
const PASSPHRASE = 'a passphrase 123';
const SOURCE_PASSWORD = 'source-pass-Rk20qa';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ httpsPort: 0, httpPort: 0 });
  vi.stubGlobal(
    'fetch',
    sandboxFetch(() => sb),
  );
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await sb.close();
});

const fixtureKey = (name: string) => sb.fixture.keys.find((k) => k.name === name)!;
const orgNamed = (name: string) => sb.fixture.orgs.find((o) => o.name === name)!.id;

// biome-ignore lint/suspicious/noExplicitAny: the answers are read as the pages read them, field by field
type Reply = { ok: boolean; value?: any; error?: { kind: string; params?: Record<string, string> } };

async function worker() {
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const router = createRouter(handlers, () => undefined);
  const send = async (name: string, request: object = {}) => (await router({ name, request }, SENDER)) as Reply;
  const key = (name: string, side?: string) => ({
    label: 'Acme',
    publicKey: fixtureKey(name).publicKey,
    privateKey: fixtureKey(name).privateKey,
    ...(side ? { side } : {}),
  });
  expect((await send('vault/create', { passphrase: PASSPHRASE, profile: key('owner') })).error).toBeUndefined();
  expect((await send('profiles/add', { profile: key('atlas', 'atlas') })).error).toBeUndefined();
  const acme = orgNamed('Acme Retail');
  expect((await send('atlas/link', { orgId: acme, atlasOrgId: orgNamed('Acme Retail (Atlas)') })).ok).toBe(true);
  return { send, acme };
}

describe('the plan export and the client report', () => {
  it('drops a malformed kept deployment and keeps the others', async () => {
    fake.storage.data.local.set('migrationPlans', {
      deployments: {
        broken: 5,
        noName: { cloudManagerOrgId: 'a' },
        fine: { cloudManagerOrgId: 'a', deployment: 'rs' },
      },
      atlasProjectNames: {},
    });
    vi.resetModules();
    const { migrationReportHandlers } = await import('../../../../src/background/migrations/report-handlers');
    expect(await migrationReportHandlers['migrations/plans']({})).toEqual([
      { cloudManagerOrgId: 'a', deployment: 'rs' },
    ]);
    fake.storage.data.local.set('migrationPlans', 'not a table');
    expect(await migrationReportHandlers['migrations/plans']({})).toEqual([]);
    fake.storage.data.local.clear();
  });

  it('keeps the validated plan per deployment and reports the client migration from start to COMPLETE', async () => {
    const w = await worker();
    const data = async (client = 'Acme') => (await w.send('migrations/report', { client })).value as ClientReportData;
    // The page builds the report from the worker's data with core's builder: so does this test.
    const report = async () => buildClientReport(await data(), Date.now());
    // Before anything is seen: the org, its link and target, no deployment.
    const before = await report();
    expect(before.orgs.map((o) => [o.org.name, o.org.status, o.org.atlasOrgName, o.deployments])).toEqual([
      ['Acme Retail', 'SYNCED', 'Acme Retail (Atlas)', []],
    ]);

    const seen = (await w.send('migrations/available-projects', { cloudManagerOrgId: w.acme })).value;
    const targets = (await w.send('migrations/targets', { cloudManagerOrgId: w.acme })).value;
    const project = seen.projects[0];
    const plan = {
      sourceProjectId: project.projectId,
      sourceCluster: 'orders-rs',
      atlasProjectId: targets.projects[0].id,
      destinationCluster: targets.projects[0].clusters[0].name,
      migrationHost: project.migrationHosts[0],
      managedAuthentication: false,
      ssl: true,
      hostnameSchemaType: 'VPC_PEERING',
      dropDestinationData: true,
    };
    const credentials = { username: 'migrator', password: SOURCE_PASSWORD };
    await w.send('migrations/validate', { cloudManagerOrgId: w.acme, plan, credentials });
    sb.advanceClock(MIGRATION_TIMELINE.validationMs);
    await w.send('migrations/validation', { cloudManagerOrgId: w.acme, plan });

    // The export: the one deployment with a plan, its names, options, verdict and passed validation.
    const kept = (await w.send('migrations/plans')).value as KeptDeployment[];
    // Every deployment Atlas listed is kept with its verdict; the export lists the one with a plan.
    expect(kept.map((d) => [d.deployment, d.readiness?.ready]).sort()).toEqual([
      ['legacy-catalog', false],
      ['orders-rs', true],
      ['staging-shards', false],
    ]);
    const plans = keptPlans(kept);
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({
      client: 'Acme',
      cloudManagerOrgId: w.acme,
      orgName: 'Acme Retail',
      atlasOrgId: orgNamed('Acme Retail (Atlas)'),
      atlasOrgName: 'Acme Retail (Atlas)',
      sourceProjectId: project.projectId,
      sourceProjectName: project.name,
      deployment: 'orders-rs',
      readiness: { ready: true, reasons: [] },
      plan: {
        atlasProjectId: targets.projects[0].id,
        atlasProjectName: targets.projects[0].name,
        destinationCluster: plan.destinationCluster,
        migrationHost: plan.migrationHost,
        managedAuthentication: false,
        ssl: true,
        hostnameSchemaType: 'VPC_PEERING',
        dropDestinationData: true,
      },
      validation: { outcome: 'passed', status: 'SUCCESS' },
    });

    expect((await w.send('migrations/start', { cloudManagerOrgId: w.acme, plan, credentials })).ok).toBe(true);
    const [started] = (await w.send('migrations/list')).value;
    sb.advanceClock(MIGRATION_TIMELINE.newMs + MIGRATION_TIMELINE.syncMs);
    await w.send('migrations/get', { migrationId: started.id });

    // Ready: the report's deployment has the plan, the validation, the migration and the window's time left.
    const ready = await report();
    const deployments = ready.orgs[0]!.deployments;
    // Every deployment Atlas listed, by name; the legacy one with its reasons.
    expect(deployments.map((d) => [d.deployment, d.kept?.readiness?.ready])).toEqual([
      ['legacy-catalog', false],
      ['orders-rs', true],
      ['staging-shards', false],
    ]);
    const orders = deployments.find((d) => d.deployment === 'orders-rs')!;
    expect(orders.kept?.plan?.dropDestinationData).toBe(true);
    expect(orders.migration).toMatchObject({ id: started.id, status: 'WORKING', readyForCutover: true });
    expect(orders.migration?.lagTimeSeconds).toBeLessThanOrEqual(MIGRATION_TIMELINE.readyLagSeconds);
    expect(orders.window?.level).toBe('none');
    expect(orders.window!.leftMs).toBeGreaterThan(CUTOVER_WINDOW_MS - 60_000);

    expect((await w.send('migrations/cutover', { migrationId: started.id })).ok).toBe(true);
    sb.advanceClock(MIGRATION_TIMELINE.cutoverMs);
    await w.send('migrations/get', { migrationId: started.id });
    const done = (await report()).orgs[0]!.deployments.find((d) => d.deployment === 'orders-rs')!;
    expect(done.migration?.status).toBe('COMPLETE');
    expect(done.migration?.cutoverAt).toBeTypeOf('number');
    expect(done.window).toBeUndefined();
    const final = await report();
    expect(final.history.map((e) => [e.operation, e.ok, e.result])).toEqual([
      ['migration-validate', true, 'PENDING'],
      ['migration-validate', true, 'SUCCESS'],
      ['migration-start', true, 'NEW'],
      ['migration-cutover', true, 'accepted'],
    ]);
    // No credential in either answer or in storage.
    const everything = JSON.stringify([final, plans, [...fake.storage.data.local.entries()]]);
    expect(everything).not.toContain(SOURCE_PASSWORD);
    expect(everything).not.toContain('migrator');

    // Another client's report holds none of Acme's; a locked vault gives no report.
    expect(JSON.stringify(await data())).not.toContain(SOURCE_PASSWORD);
    expect(await data('Globex')).toEqual({ client: 'Globex', orgs: [], kept: [], migrations: [], history: [] });
    expect((await w.send('migrations/report', { client: ' ' })).error?.kind).toBe('invalid-input');
    await w.send('vault/lock');
    expect((await w.send('migrations/report', { client: 'Acme' })).ok).toBe(false);
  });
});
