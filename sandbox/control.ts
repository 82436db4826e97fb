// The `/__sandbox/` control endpoints, for a test or benchmark driving a sandbox in another process: the request
// log, faults, latency, link state, the Atlas side's issued tokens (records only) and its rate limit, the service
// account tokens issued (records only, and expiring them), the paths that refuse Bearer tokens, the modes of the
// unpublished answers (modes.ts), the Atlas orgs' running migrations (their revoke answers 409), and the migration
// clock: `POST /__sandbox/clock {"advanceMs": n}` makes time pass (validations, lag, the 120-hour cutover window).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LinkState } from './api';
import type { AtlasTokenRecord } from './atlas-tokens';
import type { Fault, FaultTable } from './faults';
import type { SandboxModeOptions, SandboxModes } from './modes';
import { type RequestLogEntry, readBody, send } from './request-pipeline';
import type { ServiceAccountTokenRecord } from './service-accounts';
import type { RateLimit } from './token-bucket';

export interface Controls {
  log: RequestLogEntry[];
  faults: FaultTable;
  links: ReadonlyMap<string, LinkState>;
  setLatency(ms: number): void;
  atlasTokens(): AtlasTokenRecord[];
  setAtlasRateLimit(limit: RateLimit | null): void;
  serviceAccountTokens(): ServiceAccountTokenRecord[];
  expireServiceAccountTokens(clientId?: string): number;
  setBearerRefusedPaths(paths: string[]): void;
  setModes(options: SandboxModeOptions): SandboxModes;
  modes(): SandboxModes;
  setActiveMigrations(atlasOrgId: string, projectIds: string[]): void;
  advanceClock(ms: number): number;
  migrations(): unknown[];
}

export async function control(c: Controls, req: IncomingMessage, res: ServerResponse, url: URL) {
  const json = (status: number, value: unknown) =>
    send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json' });
  const what = url.pathname.slice('/__sandbox/'.length);
  if (what === 'log' && req.method === 'GET') return json(200, c.log);
  if (what === 'log' && req.method === 'DELETE') {
    c.log.length = 0;
    return json(200, { ok: true });
  }
  if (what === 'faults' && req.method === 'PUT') {
    c.faults.set(JSON.parse(await readBody(req)) as Fault[]);
    return json(200, c.faults.list());
  }
  if (what === 'faults' && req.method === 'DELETE') {
    c.faults.clear();
    return json(200, []);
  }
  if (what === 'faults' && req.method === 'GET') return json(200, c.faults.list());
  if (what === 'latency' && req.method === 'PUT') {
    const ms = Number((JSON.parse(await readBody(req)) as { ms: number }).ms) || 0;
    c.setLatency(ms);
    return json(200, { ms });
  }
  if (what === 'state' && req.method === 'GET') {
    return json(200, { links: Object.fromEntries(c.links), atlasTokens: c.atlasTokens() });
  }
  if (what === 'atlas-tokens' && req.method === 'GET') return json(200, c.atlasTokens());
  if (what === 'atlas-rate-limit' && req.method === 'PUT') {
    const limit = JSON.parse(await readBody(req)) as RateLimit | null;
    c.setAtlasRateLimit(limit);
    return json(200, limit);
  }
  if (what === 'service-account-tokens' && req.method === 'GET') return json(200, c.serviceAccountTokens());
  if (what === 'service-account-tokens/expire' && req.method === 'POST') {
    const raw = await readBody(req);
    const clientId = raw.trim() ? (JSON.parse(raw) as { clientId?: string }).clientId : undefined;
    return json(200, { expired: c.expireServiceAccountTokens(clientId) });
  }
  if (what === 'bearer-refused-paths' && req.method === 'PUT') {
    const paths = JSON.parse(await readBody(req)) as string[];
    c.setBearerRefusedPaths(paths);
    return json(200, paths);
  }
  if (what === 'modes' && req.method === 'GET') return json(200, c.modes());
  if (what === 'modes' && req.method === 'PUT') {
    try {
      return json(200, c.setModes(JSON.parse(await readBody(req)) as SandboxModeOptions));
    } catch (error) {
      return json(400, { error: String(error) });
    }
  }
  if (what === 'active-migrations' && req.method === 'PUT') {
    const { atlasOrgId, projectIds } = JSON.parse(await readBody(req)) as { atlasOrgId: string; projectIds: string[] };
    c.setActiveMigrations(atlasOrgId, projectIds ?? []);
    return json(200, { atlasOrgId, projectIds: projectIds ?? [] });
  }
  if (what === 'clock' && req.method === 'POST') {
    const ms = Number((JSON.parse((await readBody(req)) || '{}') as { advanceMs?: unknown }).advanceMs);
    if (!Number.isFinite(ms) || ms < 0) return json(400, { error: 'advanceMs must be a number of milliseconds >= 0' });
    return json(200, { now: c.advanceClock(ms) });
  }
  if (what === 'migrations' && req.method === 'GET') return json(200, c.migrations());
  return json(404, { error: 'unknown control endpoint' });
}
