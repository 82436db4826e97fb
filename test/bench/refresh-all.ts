// "Refresh all" speed: the status of 50 orgs (one key pair each, as every Cloud Manager API key belongs to one org)
// from the sandbox with 100 ms added per request, through the dashboard's scheduler (4 at a time) and the real core
// client (Digest with nonce reuse, nonces shared across key pairs as the extension does), beside a sequential
// client that sends every call twice as the standard tools do. The cold refresh is measured twice: against a server
// that accepts a nonce from any key pair, and against one that binds each nonce to its first user. Also: the
// dashboard's filter + sort over 500 rows, the work done on every keystroke and every header click.

import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Fixture, generateFixture } from '../../sandbox/fixture.ts';
import { type BulkProgress, cloudManagerRateLimit, runBulk } from '../../src/core/bulk/index.ts';
import { createCloudManagerApi } from '../../src/core/cloudmanager/index.ts';
import { createDigestFetch, createMemoryNonceStore } from '../../src/core/digest/index.ts';
import { filterRows, type SortColumn, sortRows } from '../../src/options/dashboard/table-model.ts';
import type { DashboardRow } from '../../src/shared/dashboard-messages.ts';
import { naiveLinkStatus, naiveOrgName } from './naive-digest-client.ts';

export interface RefreshAllFigures {
  orgs: number;
  keys: number;
  latency_ms: number;
  concurrency: number;
  /** Status of every org, names already known (every refresh after the first): one call per org. */
  ours_ms: number;
  naive_ms: number;
  speedup: number;
  requests_ours: number;
  requests_naive: number;
  /** The same at the highest concurrency the dashboard offers (8). */
  ours_c8_ms: number;
  speedup_c8: number;
  /** The first refresh, when the dashboard also fetches each org's name: two calls per org for both clients. */
  first_refresh_ours_ms: number;
  first_refresh_naive_ms: number;
  first_refresh_speedup: number;
  first_refresh_requests_ours: number;
  first_refresh_requests_naive: number;
  /** Filter + sort of 500 rows in the page (median of 50 runs over varied filters and columns). */
  filter_sort_500_ms: number;
  /** The least a cold refresh can take at `concurrency`: (ceil(orgs / concurrency) + 1) rounds × latency. */
  ideal_ms: number;
  /** Cold refresh (status), server accepts a nonce from any key pair: requests, and ideal_ms / time taken. */
  cold_requests_cross_key_accepted: number;
  ideal_fraction_cross_key_accepted: number;
  /** The same against a server that binds each nonce to its first user (the client learns it after one refusal). */
  cold_requests_cross_key_refused: number;
  cold_ms_cross_key_refused: number;
  ideal_fraction_cross_key_refused: number;
}

type Owner = { username: string; password: string };

function ownersOf(fixture: Fixture): Map<string, Owner> {
  const owners = new Map<string, Owner>();
  for (const key of fixture.keys) {
    for (const [orgId, roles] of Object.entries(key.roles)) {
      if (roles.includes('ORG_OWNER') && !owners.has(orgId)) {
        owners.set(orgId, { username: key.publicKey, password: key.privateKey });
      }
    }
  }
  return owners;
}

/**
 * The dashboard's way: one core client per key over one nonce store (cold, as after a browser start), nonces shared
 * across key pairs, the scheduler at `concurrency`.
 */
async function refreshOurs(base: string, fixture: Fixture, concurrency: number, withNames: boolean) {
  const owners = ownersOf(fixture);
  const store = createMemoryNonceStore();
  const clients = new Map<string, ReturnType<typeof createCloudManagerApi>>();
  const apiFor = (owner: Owner) => {
    let api = clients.get(owner.username);
    if (!api) {
      const fetch = createDigestFetch(owner, { store, shareNonceAcrossKeys: true });
      api = createCloudManagerApi({ baseUrl: base, fetch });
      clients.set(owner.username, api);
    }
    return api;
  };
  const orgIds = fixture.orgs.map((o) => o.id);
  const failures: string[] = [];
  const started = performance.now();
  const run = runBulk(
    orgIds,
    async (orgId) => {
      const api = apiFor(owners.get(orgId)!);
      if (!withNames) return api.linkStatus(orgId);
      const [status] = await Promise.all([api.linkStatus(orgId), api.organization(orgId)]);
      return status;
    },
    {
      concurrency,
      rateLimitOf: cloudManagerRateLimit,
      onEvent: (e) => {
        if (e.type === 'failure') failures.push(String((e.error as { kind?: string }).kind ?? e.error));
      },
    },
  );
  const summary: BulkProgress = await run.done;
  const ms = performance.now() - started;
  if (summary.succeeded !== orgIds.length) {
    throw new Error(`ours: ${summary.failed} of ${orgIds.length} failed (${failures.join(', ')})`);
  }
  return ms;
}

/** The standard tools' way: one org after the other, every call sent unsigned, then signed. */
async function refreshNaive(base: string, fixture: Fixture, withNames: boolean) {
  const owners = ownersOf(fixture);
  const counter = { requests: 0 };
  const started = performance.now();
  for (const org of fixture.orgs) {
    const owner = owners.get(org.id)!;
    const status = await naiveLinkStatus(base, org.id, owner, counter);
    if (!['SYNCED', 'NOT_SYNCED', 'NOT_LINKED', 'LINK_NOT_FOUND'].includes(status) && !/^[A-Z_]+$/.test(status)) {
      throw new Error(`naive: unexpected answer ${status}`);
    }
    if (withNames) await naiveOrgName(base, org.id, owner, counter);
  }
  return performance.now() - started;
}

/** The sandbox in a child process (see sandbox-process.ts), with the same generated fixture as this side. */
async function startSandboxProcess(
  orgs: number,
  keys: number,
  seed: number,
  latency: number,
  nonceBoundToUser = false,
) {
  const script = fileURLToPath(new URL('./sandbox-process.ts', import.meta.url));
  const child: ChildProcess = fork(script, [orgs, keys, seed, latency, nonceBoundToUser ? 1 : 0].map(String), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (value: number) => void>();
  child.on('message', (m: { id: number; value: number }) => pending.get(m.id)?.(m.value));
  const ask = (id: number, type: string) =>
    new Promise<number>((resolve) => {
      pending.set(id, resolve);
      if (type) child.send({ type, id });
    });
  const port = await ask(0, '');
  let next = 1;
  return {
    port,
    requests: () => ask(next++, 'count'),
    close: () => ask(next++, 'close'),
  };
}

type SandboxProcess = Awaited<ReturnType<typeof startSandboxProcess>>;

async function measured(
  sandbox: SandboxProcess,
  work: () => Promise<number>,
): Promise<{ ms: number; requests: number }> {
  const before = await sandbox.requests();
  const ms = await work();
  return { ms, requests: (await sandbox.requests()) - before };
}

function syntheticRows(n: number): DashboardRow[] {
  const statuses = ['SYNCED', 'NOT_SYNCED', 'NOT_LINKED', undefined] as const;
  return Array.from({ length: n }, (_, i) => ({
    orgId: (i * 7919).toString(16).padStart(24, '0'),
    name: `Client ${String((i * 37) % n).padStart(3, '0')} ${i % 3 === 0 ? 'Production' : 'Staging'}`,
    profileId: `p${i % 12}`,
    profileLabel: `Consulting client ${i % 12}`,
    status: statuses[i % 4],
    error: i % 17 === 0 ? { kind: 'rate-limited' as const, message: 'slow down' } : undefined,
    checkedAt: i % 5 === 0 ? undefined : 1_700_000_000_000 + i * 1000,
    lastAction:
      i % 3 === 0 ? { time: 1_700_000_000_000 - i, operation: 'link' as const, result: 'SYNCED', ok: true } : undefined,
  }));
}

function measureFilterSort(rows = syntheticRows(500), runs = 50): number {
  const columns: SortColumn[] = ['name', 'client', 'status', 'checked', 'lastAction'];
  const texts = ['', 'client 1', 'prod', 'zzz'];
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const shown = filterRows(rows, { text: texts[i % texts.length]!, client: i % 2 ? 'p3' : '', status: '' });
    sortRows(shown.length ? shown : rows, { column: columns[i % columns.length]!, direction: 'descending' });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A cold refresh (status only) against a sandbox whose nonces are bound to their first user: 2 requests a call. */
async function coldRefreshNonceBound(fixture: Fixture, keys: number, seed: number, latency: number, c: number) {
  const sandbox = await startSandboxProcess(fixture.orgs.length, keys, seed, latency, true);
  try {
    const base = `http://127.0.0.1:${sandbox.port}`;
    await refreshOurs(base, fixture, c, false); // unmeasured: JIT and first connections
    return await measured(sandbox, () => refreshOurs(base, fixture, c, false));
  } finally {
    await sandbox.close();
  }
}

export async function benchRefreshAll(
  options: { orgs?: number; latencyMs?: number; concurrency?: number } = {},
): Promise<RefreshAllFigures> {
  const orgs = options.orgs ?? 50;
  const keys = orgs; // every API key belongs to exactly one org
  const latency = options.latencyMs ?? 100;
  const concurrency = options.concurrency ?? 4;
  const seed = 7;
  const fixture = generateFixture({ orgs, keys, seed });
  const idealMs = (Math.ceil(orgs / concurrency) + 1) * latency;
  const refused = await coldRefreshNonceBound(fixture, keys, seed, latency, concurrency);
  const sandbox = await startSandboxProcess(orgs, keys, seed, latency);
  try {
    const base = `http://127.0.0.1:${sandbox.port}`;
    // One unmeasured pass of each, so neither side pays for JIT warm-up and first connections in its figure.
    await refreshOurs(base, fixture, concurrency, false);
    await refreshNaive(base, { ...fixture, orgs: fixture.orgs.slice(0, 4) }, false);
    // Every measured run of ours starts with cold nonce caches, as after a browser start.
    const ours = await measured(sandbox, () => refreshOurs(base, fixture, concurrency, false));
    const naive = await measured(sandbox, () => refreshNaive(base, fixture, false));
    const oursC8 = await measured(sandbox, () => refreshOurs(base, fixture, 8, false));
    const oursFirst = await measured(sandbox, () => refreshOurs(base, fixture, concurrency, true));
    const naiveFirst = await measured(sandbox, () => refreshNaive(base, fixture, true));
    return {
      orgs,
      keys,
      latency_ms: latency,
      concurrency,
      ours_ms: round(ours.ms, 0),
      naive_ms: round(naive.ms, 0),
      speedup: round(naive.ms / ours.ms),
      requests_ours: ours.requests,
      requests_naive: naive.requests,
      ours_c8_ms: round(oursC8.ms, 0),
      speedup_c8: round(naive.ms / oursC8.ms),
      first_refresh_ours_ms: round(oursFirst.ms, 0),
      first_refresh_naive_ms: round(naiveFirst.ms, 0),
      first_refresh_speedup: round(naiveFirst.ms / oursFirst.ms),
      first_refresh_requests_ours: oursFirst.requests,
      first_refresh_requests_naive: naiveFirst.requests,
      filter_sort_500_ms: round(measureFilterSort(), 3),
      ideal_ms: idealMs,
      cold_requests_cross_key_accepted: ours.requests,
      ideal_fraction_cross_key_accepted: round(idealMs / ours.ms, 2),
      cold_requests_cross_key_refused: refused.requests,
      cold_ms_cross_key_refused: round(refused.ms, 0),
      ideal_fraction_cross_key_refused: round(idealMs / refused.ms, 2),
    };
  } finally {
    await sandbox.close();
  }
}
