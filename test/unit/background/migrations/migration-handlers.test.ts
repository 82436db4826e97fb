// The migration cockpit's worker (#34) through the real router, handlers, Digest layer and API clients against the
// real sandbox over HTTP: after a link, what Atlas sees with a verdict per deployment; a start is refused without a
// passed validation of the same plan (nothing sent to the start endpoint); validate, start, the watch's rounds
// (lag falls, ready, the window's clock), cutover to COMPLETE, every step in history; the source credential goes
// into one request and nowhere else; the watch sends nothing when nothing runs or the vault is locked.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MIGRATION_TIMELINE } from '../../../../sandbox/migration-store';
import { type Sandbox, startSandbox } from '../../../../sandbox/server';
import type { HistoryEntry } from '../../../../src/shared/domain';
import type { MigrationSourceView } from '../../../../src/shared/migration-messages';
import { sandboxFetch } from '../../../support/sandbox-fetch';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);

const SENDER = { id: 'test-extension', url: 'chrome-extension://test-extension/src/options/index.html' };
const PASSPHRASE = 'a passphrase 123';
const SOURCE_PASSWORD = 'source-pass-Zq81xv';

let sb: Sandbox;
/** Every request body the worker sent, as text. */
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
beforeEach(() => {
  sentBodies.length = 0;
});

const fixtureKey = (name: string) => sb.fixture.keys.find((k) => k.name === name)!;
const orgNamed = (name: string) => sb.fixture.orgs.find((o) => o.name === name)!.id;

// biome-ignore lint/suspicious/noExplicitAny: the answers are read as the pages read them, field by field
type Reply = { ok: boolean; value?: any; error?: { kind: string; params?: Record<string, string> } };

/** A fresh worker with Acme's Cloud Manager and Atlas key pairs, Acme linked to its Atlas org by create-and-link. */
async function worker() {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  fake.alarms.clear();
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const watch = await import('../../../../src/background/migrations/migration-watch');
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
  const linked = await send('atlas/link', { orgId: acme, atlasOrgId: orgNamed('Acme Retail (Atlas)') });
  expect(linked.ok).toBe(true);
  sb.clearLog();
  return { send, watch, acme };
}

/** The plan for orders-rs into the first Atlas project's first cluster, from the lists the worker gives. */
async function planFor(w: Awaited<ReturnType<typeof worker>>, drop = false) {
  const seen = (await w.send('migrations/available-projects', { cloudManagerOrgId: w.acme })).value;
  const targets = (await w.send('migrations/targets', { cloudManagerOrgId: w.acme })).value;
  const project = seen.projects[0];
  return {
    sourceProjectId: project.projectId,
    sourceCluster: 'orders-rs',
    atlasProjectId: targets.projects[0].id,
    destinationCluster: targets.projects[0].clusters[0].name,
    migrationHost: project.migrationHosts[0],
    managedAuthentication: false,
    ssl: true,
    hostnameSchemaType: 'PUBLIC',
    dropDestinationData: drop,
  };
}

const storedText = () => JSON.stringify([...fake.storage.data.local.entries(), ...fake.storage.data.session.entries()]);
const startsSent = () => sb.log.filter((e) => e.method === 'POST' && /\/liveMigrations\/?$/.test(e.path)).length;

describe('the migration cockpit worker', () => {
  it('shows what Atlas sees of the linked org, through the client Atlas key pair, with a verdict per deployment', async () => {
    const w = await worker();
    const reply = await w.send('migrations/available-projects', { cloudManagerOrgId: w.acme });
    expect(reply.error).toBeUndefined();
    expect(reply.value).toMatchObject({
      cloudManagerOrgId: w.acme,
      client: 'Acme',
      atlasOrgId: orgNamed('Acme Retail (Atlas)'),
    });
    const verdicts = (reply.value as MigrationSourceView).projects.flatMap((p) =>
      p.deployments.map((d) => [d.name, d.readiness.ready, d.readiness.reasons.map((r) => r.rule)]),
    );
    expect(verdicts).toEqual([
      ['orders-rs', true, []],
      ['legacy-catalog', false, ['mongodb-version', 'feature-compatibility-version']],
      ['staging-shards', false, ['migration-host']],
    ]);
    // Signed by the Atlas key pair, never the Cloud Manager one.
    const signed = sb.log.filter((e) => e.username).map((e) => e.username);
    expect(new Set(signed)).toEqual(new Set([fixtureKey('atlas').publicKey]));
  });

  it("lists only the org's own projects when Atlas lists another linked org's too, and none before the link", async () => {
    const w = await worker();
    const globex = orgNamed('Globex Logistics');
    const atlasOrgId = orgNamed('Acme Retail (Atlas)');
    const globexKey = {
      label: 'Acme',
      publicKey: fixtureKey('globex').publicKey,
      privateKey: fixtureKey('globex').privateKey,
    };
    expect((await w.send('profiles/add', { profile: globexKey })).error).toBeUndefined();
    // Before Globex's link Atlas lists none of its projects: the popup says the link is not seen from Atlas.
    await w.send('dashboard/set-atlas-target', { orgId: globex, atlasOrgId });
    expect((await w.send('migrations/available-projects', { cloudManagerOrgId: globex })).value.projects).toEqual([]);
    expect((await w.send('atlas/link', { orgId: globex, atlasOrgId })).ok).toBe(true);
    const names = async (orgId: string) =>
      (
        (await w.send('migrations/available-projects', { cloudManagerOrgId: orgId })).value as MigrationSourceView
      ).projects.map((p) => p.name);
    expect(await names(globex)).toEqual(['globex-orders']);
    expect(await names(w.acme)).toEqual(['acme-prod', 'acme-staging']);
  });

  it('an org without an Atlas target is refused before any call', async () => {
    const w = await worker();
    await w.send('dashboard/set-atlas-target', { orgId: w.acme, atlasOrgId: null });
    sb.clearLog();
    const reply = await w.send('migrations/available-projects', { cloudManagerOrgId: w.acme });
    expect(reply.error?.kind).toBe('no-atlas-target');
    expect(sb.log).toEqual([]);
  });

  it('refuses a start without a passed validation of the same plan: nothing reaches the start endpoint', async () => {
    const w = await worker();
    const plan = await planFor(w);
    const unvalidated = await w.send('migrations/start', { cloudManagerOrgId: w.acme, plan });
    expect(unvalidated.error).toMatchObject({ kind: 'not-validated', params: { variant: 'none' } });

    expect((await w.send('migrations/validate', { cloudManagerOrgId: w.acme, plan })).value.outcome).toBe('pending');
    const pending = await w.send('migrations/start', { cloudManagerOrgId: w.acme, plan });
    expect(pending.error).toMatchObject({ kind: 'not-validated', params: { variant: 'pending' } });

    sb.advanceClock(MIGRATION_TIMELINE.validationMs);
    // Passed, but for another plan (destination data dropped): still refused.
    const other = await w.send('migrations/start', {
      cloudManagerOrgId: w.acme,
      plan: { ...plan, dropDestinationData: true },
    });
    expect(other.error).toMatchObject({ kind: 'not-validated', params: { variant: 'none' } });
    expect(startsSent()).toBe(0);

    // A deployment whose validation fails (FCV 5.0): refused after Atlas says so.
    const legacy = { ...plan, sourceCluster: 'legacy-catalog' };
    await w.send('migrations/validate', { cloudManagerOrgId: w.acme, plan: legacy });
    sb.advanceClock(MIGRATION_TIMELINE.validationMs);
    const failed = await w.send('migrations/validation', { cloudManagerOrgId: w.acme, plan: legacy });
    expect(failed.value).toMatchObject({ outcome: 'failed', status: 'FAILED' });
    expect(failed.value.errorMessage).toBeTruthy();
    const refused = await w.send('migrations/start', { cloudManagerOrgId: w.acme, plan: legacy });
    expect(refused.error).toMatchObject({ kind: 'not-validated', params: { variant: 'failed' } });
    expect(startsSent()).toBe(0);
  });

  it('validates, starts once, watches the lag fall to ready, cuts over to COMPLETE; all in history, no secret kept', async () => {
    const w = await worker();
    const plan = await planFor(w);
    const credentials = { username: 'migrator', password: SOURCE_PASSWORD };
    await w.send('migrations/validate', { cloudManagerOrgId: w.acme, plan, credentials });
    sb.advanceClock(MIGRATION_TIMELINE.validationMs);
    expect((await w.send('migrations/validation', { cloudManagerOrgId: w.acme, plan })).value.outcome).toBe('passed');

    const started = await w.send('migrations/start', { cloudManagerOrgId: w.acme, plan, credentials });
    expect(started.error).toBeUndefined();
    expect(started.value).toMatchObject({ status: 'NEW', sourceCluster: 'orders-rs', dropDestinationData: false });
    expect(startsSent()).toBe(1);
    // A second start of the same plan (a double click) needs a new validation.
    expect((await w.send('migrations/start', { cloudManagerOrgId: w.acme, plan, credentials })).error?.kind).toBe(
      'not-validated',
    );
    expect(startsSent()).toBe(1);
    expect(fake.alarms.has(w.watch.MIGRATION_WATCH_ALARM)).toBe(true);

    sb.advanceClock(MIGRATION_TIMELINE.newMs + MIGRATION_TIMELINE.syncMs / 2);
    expect(await w.watch.watchRound()).toBe(1);
    const [half] = (await w.send('migrations/list')).value;
    expect(half.status).toBe('WORKING');
    expect(half.lagTimeSeconds).toBeGreaterThan(MIGRATION_TIMELINE.readyLagSeconds);
    expect(half.readySince).toBeUndefined();
    // Not ready yet: the cutover is refused before the PUT.
    expect((await w.send('migrations/cutover', { migrationId: half.id })).error?.kind).toBe('migration-not-ready');

    sb.advanceClock(MIGRATION_TIMELINE.syncMs / 2);
    await w.watch.watchRound();
    const [ready] = (await w.send('migrations/list')).value;
    expect(ready.readyForCutover).toBe(true);
    expect(ready.lagTimeSeconds).toBeLessThan(half.lagTimeSeconds);
    expect(typeof ready.readySince).toBe('number');

    const cut = await w.send('migrations/cutover', { migrationId: ready.id });
    expect(cut.error).toBeUndefined();
    expect(cut.value.cutoverAt).toBeTypeOf('number');
    sb.advanceClock(MIGRATION_TIMELINE.cutoverMs);
    expect((await w.send('migrations/get', { migrationId: ready.id })).value.status).toBe('COMPLETE');
    // Nothing runs: the alarm is gone and a round sends nothing.
    expect(fake.alarms.has(w.watch.MIGRATION_WATCH_ALARM)).toBe(false);
    sb.clearLog();
    expect(await w.watch.watchRound()).toBe(0);
    expect(sb.log).toEqual([]);

    // Listed newest first.
    const history = (await w.send('history/list', { orgId: w.acme })).value as HistoryEntry[];
    expect(
      history
        .filter((e) => e.operation.startsWith('migration-'))
        .reverse()
        .map((e) => [e.operation, e.ok, e.result]),
    ).toEqual([
      ['migration-validate', true, 'PENDING'],
      ['migration-validate', true, 'SUCCESS'],
      ['migration-start', true, 'NEW'],
      ['migration-cutover', true, 'accepted'],
    ]);
    // The password went in the validate and the start requests, and nowhere else.
    expect(sentBodies.filter((b) => b.includes(SOURCE_PASSWORD))).toHaveLength(2);
    expect(storedText()).not.toContain(SOURCE_PASSWORD);
    expect(storedText()).not.toContain('migrator');
  });

  it('the watch asks nothing while the vault is locked, and follows again after the unlock', async () => {
    const w = await worker();
    const plan = await planFor(w);
    await w.send('migrations/validate', { cloudManagerOrgId: w.acme, plan });
    sb.advanceClock(MIGRATION_TIMELINE.validationMs);
    expect((await w.send('migrations/start', { cloudManagerOrgId: w.acme, plan })).ok).toBe(true);
    await w.send('vault/lock');
    sb.clearLog();
    expect(await w.watch.watchRound()).toBe(0);
    expect(sb.log).toEqual([]);
    await w.send('vault/unlock', { passphrase: PASSPHRASE });
    expect(await w.watch.watchRound()).toBe(1);
    expect(sb.log.some((e) => e.status === 200 && /liveMigrations\/[0-9a-f]{24}$/.test(e.path))).toBe(true);
  });

  it('the watch asks once a minute for each running migration, one GET each, and stops when none runs', async () => {
    const w = await worker();
    const plan = await planFor(w);
    for (let i = 0; i < 3; i++) {
      await w.send('migrations/validate', { cloudManagerOrgId: w.acme, plan });
      sb.advanceClock(MIGRATION_TIMELINE.validationMs);
      expect((await w.send('migrations/start', { cloudManagerOrgId: w.acme, plan })).ok).toBe(true);
    }
    expect(fake.alarms.get(w.watch.MIGRATION_WATCH_ALARM)).toEqual({ periodInMinutes: 1 });
    sb.clearLog();
    expect(await w.watch.watchRound()).toBe(3);
    expect(sb.log.map((e) => [e.method, e.status, /liveMigrations\/[0-9a-f]{24}$/.test(e.path)])).toEqual([
      ['GET', 200, true],
      ['GET', 200, true],
      ['GET', 200, true],
    ]);
    // Expired after the 120-hour window: settled, so the alarm goes and the next round sends nothing.
    sb.advanceClock(MIGRATION_TIMELINE.newMs + MIGRATION_TIMELINE.syncMs + MIGRATION_TIMELINE.cutoverWindowMs);
    await w.watch.watchRound();
    expect(((await w.send('migrations/list')).value as { status: string }[]).map((m) => m.status)).toEqual([
      'EXPIRED',
      'EXPIRED',
      'EXPIRED',
    ]);
    expect(fake.alarms.has(w.watch.MIGRATION_WATCH_ALARM)).toBe(false);
    sb.clearLog();
    expect(await w.watch.watchRound()).toBe(0);
    expect(sb.log).toEqual([]);
  });

  it('a plan with a typed or partial field is refused before any call', async () => {
    const w = await worker();
    const plan = await planFor(w);
    sb.clearLog();
    for (const bad of [
      { ...plan, atlasProjectId: 'not-an-id' },
      { ...plan, hostnameSchemaType: 'PRIVATE_LINK' },
      { ...plan, dropDestinationData: 'yes' },
    ]) {
      const reply = await w.send('migrations/validate', { cloudManagerOrgId: w.acme, plan: bad });
      expect(reply.error).toMatchObject({ kind: 'invalid-input', params: { variant: 'migration-plan' } });
    }
    const half = await w.send('migrations/validate', {
      cloudManagerOrgId: w.acme,
      plan,
      credentials: { username: 'u', password: '' },
    });
    expect(half.error?.kind).toBe('invalid-input');
    expect(sb.log).toEqual([]);
  });
});
