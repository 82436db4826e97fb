// Many at once (#34 item 4) through the real router, handlers and the dashboard's run against the real sandbox:
// two plans in the batch validated in one run (each asked again until Atlas answers: one passes, one fails with
// Atlas's reason), the source password given once reaching both validations and never storage; then a start of
// both sends one start, for the passed plan only (the other refused as not validated), and the started plan leaves
// the batch. One run at a time: a second run joins the first.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MIGRATION_TIMELINE } from '../../../../sandbox/migration-store';
import { type Sandbox, startSandbox } from '../../../../sandbox/server';
import type { RefreshProgress } from '../../../../src/shared/dashboard-messages';
import type { BatchPlan } from '../../../../src/shared/migration-batch-messages';
import { sandboxFetch } from '../../../support/sandbox-fetch';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);

const SENDER = { id: 'test-extension', url: 'chrome-extension://test-extension/src/options/index.html' };
const SOURCE_PASSWORD = 'source-pass-Batch7731';

let sb: Sandbox;
const sentBodies: string[] = [];

beforeAll(async () => {
  sb = await startSandbox({ httpsPort: 0, httpPort: 0 });
  const inner = sandboxFetch(() => sb);
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    if (typeof init?.body === 'string') sentBodies.push(init.body);
    return inner(input, init);
  });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await sb.close();
});

// biome-ignore lint/suspicious/noExplicitAny: the answers are read as the pages read them, field by field
type Reply = { ok: boolean; value?: any; error?: { kind: string; params?: Record<string, string> } };

async function worker() {
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const router = createRouter(handlers, () => undefined);
  const send = async (name: string, request: object = {}) => (await router({ name, request }, SENDER)) as Reply;
  const fixtureKey = (name: string) => sb.fixture.keys.find((k) => k.name === name)!;
  const orgNamed = (name: string) => sb.fixture.orgs.find((o) => o.name === name)!.id;
  const key = (name: string, side?: string) => ({
    label: 'Acme',
    publicKey: fixtureKey(name).publicKey,
    privateKey: fixtureKey(name).privateKey,
    ...(side ? { side } : {}),
  });
  expect((await send('vault/create', { passphrase: 'a passphrase 123', profile: key('owner') })).error).toBeUndefined();
  expect((await send('profiles/add', { profile: key('atlas', 'atlas') })).error).toBeUndefined();
  const acme = orgNamed('Acme Retail');
  expect((await send('atlas/link', { orgId: acme, atlasOrgId: orgNamed('Acme Retail (Atlas)') })).ok).toBe(true);
  return { send, acme };
}

/** Waits for the run to end, moving the sandbox's clock past a validation's time once it started. */
async function ended(send: (name: string, request?: object) => Promise<Reply>): Promise<RefreshProgress> {
  for (let i = 0; i < 100; i++) {
    const progress = (await send('dashboard/progress', {})).value as RefreshProgress;
    if (progress.state !== 'running' && progress.state !== 'cancelling') return progress;
    sb.advanceClock(MIGRATION_TIMELINE.validationMs);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the run did not end');
}

describe('the migration batch', () => {
  it('validates two plans in one run and starts only the one Atlas passed', { timeout: 30_000 }, async () => {
    const w = await worker();
    const seen = (await w.send('migrations/available-projects', { cloudManagerOrgId: w.acme })).value;
    const targets = (await w.send('migrations/targets', { cloudManagerOrgId: w.acme })).value;
    const projectOf = (name: string) =>
      seen.projects.find((p: { deployments: { name: string }[] }) => p.deployments.some((d) => d.name === name));
    const add = async (deployment: string) => {
      const project = projectOf(deployment);
      const reply = await w.send('migrations/batch-add', {
        cloudManagerOrgId: w.acme,
        sourceProjectName: project.name,
        atlasProjectName: targets.projects[0].name,
        plan: {
          sourceProjectId: project.projectId,
          sourceCluster: deployment,
          atlasProjectId: targets.projects[0].id,
          destinationCluster: targets.projects[0].clusters[0].name,
          migrationHost: project.migrationHosts[0],
          managedAuthentication: false,
          ssl: true,
          hostnameSchemaType: 'PUBLIC',
          dropDestinationData: false,
        },
      });
      expect(reply.error).toBeUndefined();
      return reply.value as BatchPlan;
    };
    const orders = await add('orders-rs');
    const legacy = await add('legacy-catalog');
    const ids = [orders.id, legacy.id];
    const credentials = { username: 'migrator', password: SOURCE_PASSWORD };

    sentBodies.length = 0;
    const first = await w.send('migrations/batch-validate', { ids, credentials });
    expect(first.value).toMatchObject({ kind: 'validate', total: 2, state: 'running' });
    // One run at a time: a second one joins it.
    expect((await w.send('migrations/batch-start', { ids, credentials })).value.runId).toBe(first.value.runId);
    const validated = await ended(w.send);
    expect(validated).toMatchObject({ kind: 'validate', state: 'finished', succeeded: 2, failed: 0 });
    const outcomes = ((await w.send('migrations/batch', {})).value as BatchPlan[]).map((p) => [
      p.plan.sourceCluster,
      p.validation?.outcome,
    ]);
    expect(outcomes).toEqual([
      ['orders-rs', 'passed'],
      ['legacy-catalog', 'failed'],
    ]);
    // The password asked once went into both validations, and nowhere into storage.
    const validations = sentBodies.filter((b) => b.includes('"migrationHosts"'));
    expect(validations).toHaveLength(2);
    for (const body of validations) expect(body).toContain(SOURCE_PASSWORD);
    const stored = JSON.stringify([...fake.storage.data.local.entries(), ...fake.storage.data.session.entries()]);
    expect(stored).not.toContain(SOURCE_PASSWORD);

    sb.clearLog();
    expect((await w.send('migrations/batch-start', { ids, credentials })).value.kind).toBe('start');
    const started = await ended(w.send);
    expect(started).toMatchObject({ kind: 'start', state: 'finished', succeeded: 1, failed: 1 });
    const refused = started.items.find((i) => i.orgId === legacy.id);
    expect(refused).toMatchObject({ state: 'failed', error: { kind: 'not-validated' } });
    const starts = sb.log.filter((e) => e.method === 'POST' && /\/liveMigrations\/?$/.test(e.path));
    expect(starts).toHaveLength(1);
    const migrations = (await w.send('migrations/list', {})).value;
    expect(migrations.map((m: { sourceCluster: string }) => m.sourceCluster)).toEqual(['orders-rs']);
    // The started plan left the batch; the refused one stays, to be fixed and validated again.
    const left = ((await w.send('migrations/batch', {})).value as BatchPlan[]).map((p) => p.id);
    expect(left).toEqual([legacy.id]);
  });

  it('refuses a list naming a plan not in the batch, before any call', async () => {
    const { send } = await import('../../../../src/background/messaging/router').then(async ({ createRouter }) => {
      const { handlers } = await import('../../../../src/background/messaging/handlers');
      const router = createRouter(handlers, () => undefined);
      return { send: async (name: string, request: object) => (await router({ name, request }, SENDER)) as Reply };
    });
    sb.clearLog();
    const reply = await send('migrations/batch-validate', { ids: ['["nope"]'] });
    expect(reply.error?.kind).toBe('invalid-input');
    expect(sb.log).toEqual([]);
  });
});
