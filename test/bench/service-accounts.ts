// "Refresh all" with service accounts: the status of 50 orgs, each held by its own service account (one Org Owner
// account per org, as generateFixture makes them), from the sandbox with 100 ms added per request, through the
// dashboard's scheduler (4 at a time) and the real core clients the worker uses (core/oauth's token client over one
// token store standing in for storage.session, core/cloudmanager). The sandbox keeps MongoDB's real token-endpoint
// limit (10 requests a minute per IP and client) throughout, so the cold figure is measured under it.
// Cold: no token held, one token request per account. Warm: every token held, no token request. Restarted: warm, but
// the worker stops after half the orgs; the next one starts with nothing in memory and the same session storage.
import { generateFixture } from '../../sandbox/fixture.ts';
import { type Sandbox, startSandbox } from '../../sandbox/server.ts';
import { cloudManagerRateLimit, runBulk } from '../../src/core/bulk/index.ts';
import { type CloudManagerApi, createCloudManagerApi } from '../../src/core/cloudmanager/index.ts';
import { createTokenFetch, type TokenRecord, type TokenStore } from '../../src/core/oauth/index.ts';

const TOKEN_PATH = '/api/oauth/token';

export interface ServiceAccountRefreshFigures {
  orgs: number;
  latency_ms: number;
  concurrency: number;
  /** Cold (no token held, as after a lock): token requests, all requests, time, and the endpoint's limit. */
  token_requests_cold: number;
  requests_cold: number;
  cold_ms: number;
  /** The most token requests one service account sent in any minute of the cold refresh (the limit is 10). */
  token_requests_per_account_per_minute_max: number;
  /** 429 answers from the token endpoint during the cold refresh. */
  token_rate_limited_cold: number;
  /** Warm, every token held: all requests and token requests. */
  requests_warm: number;
  token_requests_warm: number;
  warm_ms: number;
  /** Warm, the worker restarted after half the orgs (memory lost, session storage kept). */
  requests_warm_restarted: number;
  token_requests_warm_restarted: number;
}

/**
 * storage.session as the worker sees it: records survive a worker restart (a new store object over the same
 * data, so the token client's memory starts empty), and are copied in and out as the browser does.
 */
function sessionStorage() {
  const data = new Map<string, TokenRecord>();
  const store = (): TokenStore => ({
    async get(key) {
      const record = data.get(key);
      return record && structuredClone(record);
    },
    async set(key, record) {
      data.set(key, structuredClone(record));
    },
    async delete(key) {
      data.delete(key);
    },
  });
  return { store, clear: () => data.clear(), size: () => data.size };
}

/** A worker life: one API client per service account over the given store, made on first use. */
function workerLife(
  base: string,
  accounts: Map<string, { clientId: string; clientSecret: string }>,
  store: TokenStore,
) {
  const clients = new Map<string, CloudManagerApi>();
  return (orgId: string) => {
    let api = clients.get(orgId);
    if (!api) {
      const account = accounts.get(orgId)!;
      const fetch = createTokenFetch(account, { store });
      api = createCloudManagerApi({ baseUrl: base, fetch });
      clients.set(orgId, api);
    }
    return api;
  };
}

async function refresh(orgIds: string[], apiFor: (orgId: string) => CloudManagerApi, concurrency: number) {
  const failures: string[] = [];
  const started = performance.now();
  const summary = await runBulk(orgIds, (orgId) => apiFor(orgId).linkStatus(orgId), {
    concurrency,
    rateLimitOf: cloudManagerRateLimit,
    onEvent: (e) => {
      if (e.type === 'failure') failures.push(String((e.error as { kind?: string }).kind ?? e.error));
    },
  }).done;
  if (summary.succeeded !== orgIds.length) {
    throw new Error(`service accounts: ${summary.failed} of ${orgIds.length} failed (${failures.join(', ')})`);
  }
  return performance.now() - started;
}

/** What the sandbox saw since `from`: all requests, token requests, 429s, and the busiest account-minute. */
function seen(sb: Sandbox, from: number) {
  const entries = sb.log.slice(from);
  const tokens = entries.filter((e) => e.path === TOKEN_PATH);
  const perAccount = new Map<string, number[]>();
  for (const t of tokens)
    perAccount.set(t.serviceAccount ?? '?', [...(perAccount.get(t.serviceAccount ?? '?') ?? []), t.time]);
  let busiest = 0;
  for (const times of perAccount.values()) {
    for (const start of times)
      busiest = Math.max(busiest, times.filter((t) => t >= start && t < start + 60_000).length);
  }
  return {
    requests: entries.length,
    tokenRequests: tokens.filter((t) => t.status === 200).length,
    rateLimited: tokens.filter((t) => t.status === 429).length,
    busiest,
  };
}

export async function benchServiceAccounts(
  options: { orgs?: number; latencyMs?: number; concurrency?: number } = {},
): Promise<ServiceAccountRefreshFigures> {
  const orgs = options.orgs ?? 50;
  const latency = options.latencyMs ?? 100;
  const concurrency = options.concurrency ?? 4;
  const fixture = generateFixture({ orgs, keys: orgs, seed: 19, serviceAccounts: true });
  // MongoDB's limits as the sandbox defaults them: 10 token requests a minute per IP and client, 100 live tokens.
  const sb = await startSandbox({ httpsPort: 0, httpPort: 0, fixture, latencyMs: latency });
  try {
    const base = sb.httpUrl!;
    const accounts = new Map(
      fixture.serviceAccounts!.map((a) => [
        Object.keys(a.roles)[0]!,
        { clientId: a.clientId, clientSecret: a.clientSecret },
      ]),
    );
    const orgIds = fixture.orgs.map((o) => o.id);
    const session = sessionStorage();

    // Cold: nothing held. One token request per account, each account's first and only one this minute.
    let from = sb.log.length;
    const coldMs = await refresh(orgIds, workerLife(base, accounts, session.store()), concurrency);
    const cold = seen(sb, from);

    // Warm: a later refresh in another worker life (the tokens are in session storage, none in memory).
    from = sb.log.length;
    const warmMs = await refresh(orgIds, workerLife(base, accounts, session.store()), concurrency);
    const warm = seen(sb, from);

    // Warm, the worker restarted after half the orgs: the second half runs in a new life over the same storage.
    from = sb.log.length;
    const half = Math.ceil(orgIds.length / 2);
    await refresh(orgIds.slice(0, half), workerLife(base, accounts, session.store()), concurrency);
    await refresh(orgIds.slice(half), workerLife(base, accounts, session.store()), concurrency);
    const restarted = seen(sb, from);

    return {
      orgs,
      latency_ms: latency,
      concurrency,
      token_requests_cold: cold.tokenRequests,
      requests_cold: cold.requests,
      cold_ms: Math.round(coldMs),
      token_requests_per_account_per_minute_max: cold.busiest,
      token_rate_limited_cold: cold.rateLimited,
      requests_warm: warm.requests,
      token_requests_warm: warm.tokenRequests,
      warm_ms: Math.round(warmMs),
      requests_warm_restarted: restarted.requests,
      token_requests_warm_restarted: restarted.tokenRequests,
    };
  } finally {
    await sb.close();
  }
}
