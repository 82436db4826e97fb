// The sandbox: a local HTTPS (and optional HTTP) server that speaks the Cloud Manager public API for the link
// endpoints and the Atlas Admin API v2 for orgs and link tokens, with Digest auth or service accounts' Bearer tokens
// (and their token endpoint), MMS errors, envelope/pretty, fault injection, a request log and a stand-in UI page. The demo (`npm run sandbox`), the end-to-end tests and
// the benchmarks all run against it. Each answer has a source in answer-sources.ts; where the real one is not
// published, a mode (modes.ts) picks among the plausible ones.
import { mkdtempSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiContext, LinkState } from './api';
import { ATLAS_PREFIX, type AtlasContext } from './atlas-api';
import { type AtlasTokenRecord, AtlasTokenStore } from './atlas-tokens';
import { makeCert } from './cert';
import { serveConnectTunnel } from './connect-tunnel';
import { control } from './control';
import { DigestVerifier } from './digest-verifier';
import { type Fault, FaultTable } from './faults';
import { type Fixture, loadDemoFixture, validateFixture } from './fixture';
import { MigrationStore, SandboxClock } from './migration-store';
import { modesFrom, type SandboxModeOptions, type SandboxModes } from './modes';
import { standInPage } from './page';
import { answerRequest, answerTokenRequest, type RequestLogEntry, send } from './request-pipeline';
import { REVOKE_PATH, type ServiceAccountTokenRecord, ServiceAccountTokens, TOKEN_PATH } from './service-accounts';
import { type RateLimit, RateLimitHeaders, TokenBuckets } from './token-bucket';

export { ANSWER_SOURCES, type AnswerRow, type AnswerSource } from './answer-sources';
export type { AtlasTokenRecord } from './atlas-tokens';
export type { Fault } from './faults';
export type { Fixture } from './fixture';
export { formatDemoInstructions } from './instructions';
export { SANDBOX_MODES, type SandboxMode, type SandboxModeOptions, type SandboxModes } from './modes';
export type { RequestLogEntry } from './request-pipeline';
export type { ServiceAccountTokenRecord } from './service-accounts';
export type { RateLimit } from './token-bucket';

/** The mode fields (unlinkedStatus, revokedLinkStatus, nonceBoundToUser, bearerRefusedPaths, rateLimitRetryAfter)
 * are documented in modes.ts. */
export interface SandboxOptions extends SandboxModeOptions {
  host?: string;
  httpsPort?: number;
  /**
   * 0 = also serve plain HTTP on a free port (Ops Manager profiles, Node tests); null = no HTTP. The HTTP port is
   * also an HTTPS proxy for cloud.mongodb.com only (CONNECT tunnelled to the HTTPS port), for Firefox.
   */
  httpPort?: number | null;
  fixture?: Fixture;
  nonceLifetimeMs?: number;
  acceptNonceReuse?: boolean;
  latencyMs?: number;
  certDir?: string;
  /**
   * A token bucket per Atlas org on the Atlas link-token endpoints (create and delete); an empty bucket answers
   * 429 RATE_LIMITED_TOKEN_BUCKET with Retry-After. Off (unlimited) when absent.
   */
  atlasRateLimit?: RateLimit;
  /**
   * Digest nonces age on the migration clock (`advanceClock`) instead of real time, so a benchmark that simulates
   * minutes sees them go stale as a real minute would; off by default.
   */
  noncesOnMigrationClock?: boolean;
  /** A service account token's lifetime in seconds (default 3600); short ones let tests see renewal. */
  serviceAccountTokenLifetimeS?: number;
  /** Live tokens a service account may hold before 403 access_denied (default 100). */
  serviceAccountTokenCap?: number;
  /** Token requests a minute per caller IP and client id before 429 RATE_LIMITED (default 10). */
  serviceAccountTokenRequestsPerMinute?: number;
}

export interface Sandbox {
  httpsUrl: string;
  httpUrl: string | null;
  httpsPort: number;
  httpPort: number | null;
  spki: string;
  certPath: string;
  fixture: Fixture;
  log: RequestLogEntry[];
  links: ReadonlyMap<string, LinkState>;
  clearLog(): void;
  setFaults(faults: Fault[]): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  /** The link tokens the Atlas side has issued, oldest first: records only, never a raw token. */
  atlasTokens(): AtlasTokenRecord[];
  /** Switches the Atlas link-token rate limit (null = off); every bucket starts full. */
  setAtlasRateLimit(limit: RateLimit | null): void;
  /** The service account tokens issued, oldest first: records only, never a raw token. */
  serviceAccountTokens(): ServiceAccountTokenRecord[];
  /** Makes the live tokens of one client id (or all) expire now; returns how many. */
  expireServiceAccountTokens(clientId?: string): number;
  /** See SandboxModeOptions.bearerRefusedPaths (the same as setModes({bearerRefusedPaths})). */
  setBearerRefusedPaths(paths: string[]): void;
  /** Switches modes for the next requests; fields left out keep their value. Returns the modes now in force. */
  setModes(options: SandboxModeOptions): SandboxModes;
  modes(): SandboxModes;
  /** Plays migrations running in these Cloud Manager projects for an Atlas org ([] = none): its revoke answers 409. */
  setActiveMigrations(atlasOrgId: string, projectIds: string[]): void;
  /** Moves the migration clock forward (validations, migrations, the 120-hour window); returns its time now. */
  advanceClock(ms: number): number;
  /** The migrations started on the Atlas side, with their state now. */
  migrations(): ReturnType<MigrationStore['list']>;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const fixture = validateFixture(options.fixture ?? loadDemoFixture());
  const links = new Map<string, LinkState>();
  const tokens = new AtlasTokenStore();
  // One object every part reads on each request, so a mode switch applies at once.
  const modes: SandboxModes = modesFrom(options);
  const cloudManager: ApiContext = { fixture, links, modes, atlasTokens: tokens };
  const activeMigrations = new Map<string, string[]>();
  const clock = new SandboxClock();
  const migrations = new MigrationStore(clock);
  const atlas: AtlasContext = {
    fixture,
    tokens,
    buckets: new TokenBuckets(options.atlasRateLimit ?? null),
    rateLimitHeaders: new RateLimitHeaders(),
    activeMigrations,
    modes,
    links,
    migrations,
    // deleteOrgLink removes the key the tokens embed: every Cloud Manager link made with them stops syncing.
    onRevoke: (atlasOrgId) => {
      for (const link of links.values()) {
        if (link.atlasOrgId !== atlasOrgId || link.revokedAt !== undefined) continue;
        link.revokedAt = Date.now();
        link.status = 'NOT_SYNCED';
      }
    },
  };
  const verifier = new DigestVerifier(
    {
      nonceLifetimeMs: options.nonceLifetimeMs ?? 60_000,
      acceptNonceReuse: options.acceptNonceReuse ?? true,
      nonceBoundToUser: modes.nonceBoundToUser,
    },
    () => fixture.keys,
    options.noncesOnMigrationClock ? () => clock.now() : Date.now,
  );
  const faults = new FaultTable();
  const log: RequestLogEntry[] = [];
  let latencyMs = options.latencyMs ?? 0;
  const serviceAccounts = new ServiceAccountTokens(() => fixture.serviceAccounts ?? [], {
    lifetimeS: options.serviceAccountTokenLifetimeS ?? 3600,
    maxLiveTokens: options.serviceAccountTokenCap ?? 100,
    requestsPerMinute: options.serviceAccountTokenRequestsPerMinute ?? 10,
  });
  const sweeper = setInterval(() => {
    verifier.sweep();
    serviceAccounts.sweep();
  }, 30_000);
  sweeper.unref();
  const pipeline = {
    fixture,
    cloudManager,
    atlas,
    verifier,
    faults,
    log,
    latencyMs: () => latencyMs,
    serviceAccounts,
    modes,
  };
  const setModes = (next: SandboxModeOptions): SandboxModes => {
    Object.assign(modes, modesFrom(next, modes));
    verifier.options.nonceBoundToUser = modes.nonceBoundToUser;
    return modesFrom({}, modes);
  };
  const controls = {
    log,
    faults,
    links,
    setLatency: (ms: number) => {
      latencyMs = ms;
    },
    atlasTokens: () => tokens.records(),
    setAtlasRateLimit: (limit: RateLimit | null) => atlas.buckets.setLimit(limit),
    serviceAccountTokens: () => serviceAccounts.records(),
    expireServiceAccountTokens: (clientId?: string) => serviceAccounts.expireAll(clientId),
    setBearerRefusedPaths: (paths: string[]) => {
      setModes({ bearerRefusedPaths: paths });
    },
    setModes,
    modes: () => modesFrom({}, modes),
    setActiveMigrations: (atlasOrgId: string, projectIds: string[]) => {
      if (projectIds.length > 0) activeMigrations.set(atlasOrgId, [...projectIds]);
      else activeMigrations.delete(atlasOrgId);
    },
    advanceClock: (ms: number) => clock.advance(ms),
    migrations: () => migrations.list(),
  };

  const handler = (listener: 'http' | 'https') => (req: IncomingMessage, res: ServerResponse) =>
    handle(req, res, listener);

  async function handle(req: IncomingMessage, res: ServerResponse, listener: 'http' | 'https') {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    try {
      if (url.pathname.startsWith('/__sandbox/')) return await control(controls, req, res, url);
      if (url.pathname === TOKEN_PATH || url.pathname === REVOKE_PATH) {
        return await answerTokenRequest(pipeline, req, res, url);
      }
      if (url.pathname.startsWith('/api/public/v1.0/') || url.pathname.startsWith(`${ATLAS_PREFIX}/`)) {
        return await answerRequest(pipeline, req, res, url, listener);
      }
      if (url.pathname === '/') return send(res, 302, undefined, { Location: '/v2' });
      if (url.pathname === '/favicon.ico') return send(res, 204, undefined, {});
      if (url.pathname === '/v2' || url.pathname.startsWith('/v2/')) {
        return send(res, 200, standInPage(fixture), { 'Content-Type': 'text/html; charset=utf-8' });
      }
      send(res, 404, 'Not found', { 'Content-Type': 'text/plain' });
    } catch (error) {
      if (!res.headersSent)
        send(res, 500, JSON.stringify({ error: String(error) }), { 'Content-Type': 'application/json' });
    }
  }

  const cert = await makeCert(options.certDir ?? mkdtempSync(join(tmpdir(), 'cm-sandbox-cert-')));
  const listen = (server: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
    });
  const servers: Server[] = [];
  const https = createHttpsServer({ cert: cert.cert, key: cert.key }, handler('https'));
  servers.push(https);
  const httpsPort = await listen(https, options.httpsPort ?? 0);
  let httpPort: number | null = null;
  let closeTunnels = () => {};
  if (options.httpPort !== null) {
    const http = createHttpServer(handler('http'));
    closeTunnels = serveConnectTunnel(http, host, () => httpsPort);
    servers.push(http);
    httpPort = await listen(http, options.httpPort ?? 0);
  }

  return {
    httpsUrl: `https://${host}:${httpsPort}`,
    httpUrl: httpPort === null ? null : `http://${host}:${httpPort}`,
    httpsPort,
    httpPort,
    spki: cert.spki,
    certPath: cert.certPath,
    fixture,
    log,
    links,
    clearLog: () => {
      log.length = 0;
    },
    setFaults: (list) => faults.set(list),
    clearFaults: () => faults.clear(),
    setLatency: controls.setLatency,
    atlasTokens: controls.atlasTokens,
    setAtlasRateLimit: controls.setAtlasRateLimit,
    serviceAccountTokens: controls.serviceAccountTokens,
    expireServiceAccountTokens: controls.expireServiceAccountTokens,
    setBearerRefusedPaths: controls.setBearerRefusedPaths,
    setModes: controls.setModes,
    modes: controls.modes,
    setActiveMigrations: controls.setActiveMigrations,
    advanceClock: controls.advanceClock,
    migrations: controls.migrations,
    close: async () => {
      clearInterval(sweeper);
      closeTunnels();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
