// "Import many key pairs" (issue #31): the sandbox's 30 Cloud Manager and 3 Atlas key pairs, as its printed CSV,
// read by the import's own parser and identified the way 'profiles/identify-many' does it: 4 at once with the
// dashboard's 429 pacing (core/bulk), per key pair its server asked which org it belongs to with the key's own Digest
// signature: a Cloud Manager key `GET /orgs` then `GET /orgs/{id}/groups` (its projects), an Atlas key
// `GET /api/atlas/v2/orgs`. One Digest nonce store serves every key pair (the worker's session store: signing-fetch.ts
// epochGate, open unless a lock came since the last unlock), so a server's challenge is answered once, not once per
// key pair. The sandbox runs in its own process with 100 ms added per request (sandbox-process.ts).

import { importCsv, scaledFixture } from '../../sandbox/fixture.ts';
import { createAtlasApi } from '../../src/core/atlas/index.ts';
import { cloudManagerRateLimit, runBulk } from '../../src/core/bulk/index.ts';
import { createCloudManagerApi } from '../../src/core/cloudmanager/index.ts';
import { createDigestFetch, createMemoryNonceStore, type NonceStore } from '../../src/core/digest/index.ts';
import { parseImport } from '../../src/core/vault/import/index.ts';
import { sandboxProcess } from './sandbox-process-client.ts';

export interface ImportFigures {
  keyPairs: number;
  cloudManager: number;
  atlas: number;
  latency_ms: number;
  concurrency: number;
  requests: number;
  /** What identification needs: its signed calls, plus one Digest challenge for the whole import. */
  requests_needed: number;
  ms: number;
  ideal_ms: number;
  /** ideal / time: 1 is the ideal, 0.85 the bar. */
  ideal_fraction: number;
}

/** Signed calls per key pair: Cloud Manager names the org, then its projects; Atlas names the org. */
export const SIGNED_CALLS = { 'cloud-manager': 2, atlas: 1 } as const;

type Line = { side: 'cloud-manager' | 'atlas'; publicKey: string; privateKey: string };

/** One key pair identified as the worker does it (key-identity.ts, atlas-identity.ts), against `base`. */
async function identify(base: string, line: Line, store: NonceStore): Promise<string> {
  const fetch = createDigestFetch(
    { username: line.publicKey, password: line.privateKey },
    { store, shareNonceAcrossKeys: true },
  );
  if (line.side === 'atlas') {
    const orgs = await createAtlasApi({ baseUrl: base, fetch }).listOrgs();
    if (orgs.length !== 1) throw new Error('an Atlas key sees one org');
    return orgs[0]!.id;
  }
  const api = createCloudManagerApi({ baseUrl: base, fetch });
  const orgs = await api.ownOrgs();
  if (orgs.length !== 1) throw new Error('a Cloud Manager key sees one org');
  await api.projectsOf(orgs[0]!.id);
  return orgs[0]!.id;
}

/** All lines, 4 at once, paced as the page paces them; answers the time it took. */
async function identifyAll(base: string, lines: readonly Line[], concurrency: number): Promise<number> {
  const store = createMemoryNonceStore(); // cold, as when an import starts
  const failures: string[] = [];
  const started = performance.now();
  const run = runBulk(lines, (line) => identify(base, line, store), {
    concurrency,
    rateLimitOf: cloudManagerRateLimit,
    onEvent: (e) => {
      if (e.type === 'failure') failures.push(String((e.error as { kind?: string }).kind ?? e.error));
    },
  });
  const summary = await run.done;
  if (summary.failed > 0) throw new Error(`import: ${summary.failed} not identified (${failures.join(', ')})`);
  return performance.now() - started;
}

/**
 * The ideal at `concurrency` at once: one challenge round trip, then every key pair's signed calls (each waits for
 * the one before it) shared out over the lanes as they free up, each call one latency.
 */
export function idealMs(lines: readonly Pick<Line, 'side'>[], concurrency: number, latency: number): number {
  const lanes = Array.from({ length: concurrency }, () => 0);
  for (const line of lines) {
    const free = lanes.indexOf(Math.min(...lanes));
    lanes[free]! += SIGNED_CALLS[line.side];
  }
  return (1 + Math.max(...lanes)) * latency;
}

export async function benchImportKeyPairs(
  options: { clients?: number; atlasOrgs?: number; latencyMs?: number; concurrency?: number } = {},
): Promise<ImportFigures> {
  const clients = options.clients ?? 30;
  const atlasOrgs = options.atlasOrgs ?? 3;
  const latency = options.latencyMs ?? 100;
  const concurrency = options.concurrency ?? 4; // the import's, as the dashboard's runs
  const seed = 31; // scaledFixture's, as `npm run sandbox -- --clients 30 --atlas-orgs 3` serves
  const fixture = scaledFixture({ clients, atlasOrgs, seed });
  const parsed = parseImport(importCsv(fixture));
  if (!parsed.ok) throw new Error('the sandbox CSV does not parse');
  const lines: Line[] = parsed.lines.map(({ input }) => ({
    side: input.side === 'atlas' ? 'atlas' : 'cloud-manager',
    publicKey: input.publicKey,
    privateKey: input.privateKey,
  }));
  const sandbox = await sandboxProcess({ orgs: clients, seed, latency, atlasOrgs });
  try {
    // One unmeasured pass (JIT, first connections): identification changes nothing on the server.
    await identifyAll(sandbox.base, lines, concurrency);
    const before = await sandbox.requests();
    const ms = await identifyAll(sandbox.base, lines, concurrency);
    const requests = (await sandbox.requests()) - before;
    const ideal = idealMs(lines, concurrency, latency);
    return {
      keyPairs: lines.length,
      cloudManager: lines.filter((l) => l.side === 'cloud-manager').length,
      atlas: lines.filter((l) => l.side === 'atlas').length,
      latency_ms: latency,
      concurrency,
      requests,
      requests_needed: 1 + lines.reduce((sum, l) => sum + SIGNED_CALLS[l.side], 0),
      ms: Math.round(ms),
      ideal_ms: ideal,
      ideal_fraction: Math.round((ideal / ms) * 100) / 100,
    };
  } finally {
    await sandbox.close();
  }
}
