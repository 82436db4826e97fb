// "Create and link" in bulk (issue #14): 20 Cloud Manager orgs of two clients, each client with one Atlas key pair,
// linked the dashboard's way: the bulk scheduler at the dashboard's default concurrency, per org a token from the
// client's Atlas key pair (core/atlas) posted at once by the org's own key pair (core/cloudmanager), one Digest nonce
// store shared across keys, cold as after a browser start. The sandbox runs in its own process (sandbox-process.ts)
// with 100 ms added per request. Time against the ideal for the concurrency, ceil(orgs / concurrency) × 2 round
// trips × latency; requests against 2 per org plus one challenge per key pair.
import { type Fixture, generateFixture } from '../../sandbox/fixture.ts';
import { createAtlasApi } from '../../src/core/atlas/index.ts';
import { cloudManagerRateLimit, runBulk } from '../../src/core/bulk/index.ts';
import { createCloudManagerApi } from '../../src/core/cloudmanager/index.ts';
import { createDigestFetch, createMemoryNonceStore } from '../../src/core/digest/index.ts';
import { sandboxProcess } from './sandbox-process-client.ts';

export interface CreateAndLinkBulkFigures {
  orgs: number;
  atlasKeyPairs: number;
  latency_ms: number;
  concurrency: number;
  ms: number;
  ideal_ms: number;
  ideal_fraction: number;
  requests: number;
  /** 2 per org (token, link) plus one Digest challenge per key pair (one per org, one per Atlas key pair). */
  requests_target: number;
}

const ROUND_TRIPS_PER_ORG = 2;

type Credentials = { username: string; password: string };

/** Per client org: its own key, and the Atlas org (and key) of its client: client orgs split evenly, in order. */
function plan(fixture: Fixture) {
  const keyOf = (orgId: string): Credentials => {
    const key = fixture.keys.find((k) => k.roles[orgId])!;
    return { username: key.publicKey, password: key.privateKey };
  };
  const atlasOrgs = fixture.orgs.filter((o) => o.kind === 'atlas');
  const clientOrgs = fixture.orgs.filter((o) => o.kind === 'cloud-manager');
  const perClient = Math.ceil(clientOrgs.length / atlasOrgs.length);
  return clientOrgs.map((org, i) => {
    const atlas = atlasOrgs[Math.floor(i / perClient)]!;
    return { orgId: org.id, own: keyOf(org.id), atlasOrgId: atlas.id, atlas: keyOf(atlas.id) };
  });
}

/** One bulk run from a cold nonce store; answers the time it took. `unlink` undoes a run (unmeasured). */
async function linkAll(base: string, fixture: Fixture, concurrency: number, unlink = false): Promise<number> {
  const store = createMemoryNonceStore();
  const fetchOf = (key: Credentials) => createDigestFetch(key, { store, shareNonceAcrossKeys: true });
  const failures: string[] = [];
  const started = performance.now();
  const run = runBulk(
    plan(fixture),
    async ({ orgId, own, atlasOrgId, atlas }) => {
      const cloud = createCloudManagerApi({ baseUrl: base, fetch: fetchOf(own) });
      if (unlink) return cloud.unlinkOrganization(orgId);
      const token = await createAtlasApi({ baseUrl: base, fetch: fetchOf(atlas) }).createLinkToken(atlasOrgId);
      await cloud.linkOrganization(orgId, token);
    },
    {
      concurrency,
      rateLimitOf: cloudManagerRateLimit,
      onEvent: (e) => {
        if (e.type === 'failure') failures.push(String((e.error as { kind?: string }).kind ?? e.error));
      },
    },
  );
  const summary = await run.done;
  if (summary.failed > 0) throw new Error(`create and link: ${summary.failed} failed (${failures.join(', ')})`);
  return performance.now() - started;
}

export async function benchCreateAndLinkBulk(
  options: { orgs?: number; atlasKeyPairs?: number; latencyMs?: number; concurrency?: number } = {},
): Promise<CreateAndLinkBulkFigures> {
  const orgs = options.orgs ?? 20;
  const atlasKeyPairs = options.atlasKeyPairs ?? 2;
  const latency = options.latencyMs ?? 100;
  const concurrency = options.concurrency ?? 4; // the dashboard's default
  const seed = 14;
  const fixture = generateFixture({ orgs, seed, atlasOrgs: atlasKeyPairs });
  const sandbox = await sandboxProcess({ orgs, seed, latency, atlasOrgs: atlasKeyPairs });
  try {
    // One unmeasured pass (JIT, first connections), undone, so the measured run links every org afresh.
    await linkAll(sandbox.base, fixture, concurrency);
    await linkAll(sandbox.base, fixture, concurrency, true);
    const before = await sandbox.requests();
    const ms = await linkAll(sandbox.base, fixture, concurrency);
    const requests = (await sandbox.requests()) - before;
    const idealMs = Math.ceil(orgs / concurrency) * ROUND_TRIPS_PER_ORG * latency;
    return {
      orgs,
      atlasKeyPairs,
      latency_ms: latency,
      concurrency,
      ms: Math.round(ms),
      ideal_ms: idealMs,
      ideal_fraction: Math.round((idealMs / ms) * 100) / 100,
      requests,
      requests_target: ROUND_TRIPS_PER_ORG * orgs + orgs + atlasKeyPairs,
    };
  } finally {
    await sandbox.close();
  }
}
