// The worker with running migrations, for the watch's unit test and its benchmark: a new vault with Acme's Cloud
// Manager and Atlas key pairs, Acme linked to its Atlas org by create-and-link, then migrations started through the
// worker's own messages, each after a validation that passed (on the sandbox clock), all into the first Atlas
// project. The caller provides the browser seam first (a mocked webextension-polyfill in a test, globalThis.browser
// in the bench) and a fresh module graph.
import { MIGRATION_TIMELINE } from '../../sandbox/migration-store';
import type { Sandbox } from '../../sandbox/server';

const SENDER = { id: 'test-extension', url: 'chrome-extension://test-extension/src/options/index.html' };

// biome-ignore lint/suspicious/noExplicitAny: the answers are read as the pages read them, field by field
export type Reply = { ok: boolean; value?: any; error?: { kind: string; params?: Record<string, string> } };

export async function migrationWorker(sb: Sandbox, passphrase: string) {
  const { handlers } = await import('../../src/background/messaging/handlers');
  const { createRouter } = await import('../../src/background/messaging/router');
  const watch = await import('../../src/background/migrations/migration-watch');
  const router = createRouter(handlers, () => undefined);
  const send = async (name: string, request: object = {}) => (await router({ name, request }, SENDER)) as Reply;
  const expectOk = (reply: Reply, what: string) => {
    if (reply.error) throw new Error(`${what}: ${reply.error.kind}`);
    return reply.value;
  };
  const fixtureKey = (name: string) => sb.fixture.keys.find((k) => k.name === name)!;
  const orgNamed = (name: string) => sb.fixture.orgs.find((o) => o.name === name)!.id;
  const key = (name: string, side?: string) => ({
    label: 'Acme',
    publicKey: fixtureKey(name).publicKey,
    privateKey: fixtureKey(name).privateKey,
    ...(side ? { side } : {}),
  });
  expectOk(await send('vault/create', { passphrase, profile: key('owner') }), 'vault/create');
  expectOk(await send('profiles/add', { profile: key('atlas', 'atlas') }), 'profiles/add');
  const acme = orgNamed('Acme Retail');
  expectOk(await send('atlas/link', { orgId: acme, atlasOrgId: orgNamed('Acme Retail (Atlas)') }), 'atlas/link');

  /** Starts `count` migrations of orders-rs into the first Atlas project's first cluster; answers their ids. */
  async function startMigrations(count: number): Promise<string[]> {
    const seen = expectOk(await send('migrations/available-projects', { cloudManagerOrgId: acme }), 'projects');
    const targets = expectOk(await send('migrations/targets', { cloudManagerOrgId: acme }), 'targets');
    const plan = {
      sourceProjectId: seen.projects[0].projectId,
      sourceCluster: 'orders-rs',
      atlasProjectId: targets.projects[0].id,
      destinationCluster: targets.projects[0].clusters[0].name,
      migrationHost: seen.projects[0].migrationHosts[0],
      managedAuthentication: false,
      ssl: true,
      hostnameSchemaType: 'PUBLIC',
      dropDestinationData: false,
    };
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      expectOk(await send('migrations/validate', { cloudManagerOrgId: acme, plan }), 'validate');
      sb.advanceClock(MIGRATION_TIMELINE.validationMs);
      ids.push(expectOk(await send('migrations/start', { cloudManagerOrgId: acme, plan }), 'start').id);
    }
    return ids;
  }

  return { send, watch, acme, startMigrations };
}
