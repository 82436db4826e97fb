// The sandbox's world: orgs (Cloud Manager and Atlas), projects, API keys with roles per org and IP access
// lists, and the link tokens Atlas would have issued. The demo is fixture.json; tests can generate larger ones.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export type OrgRole = 'ORG_OWNER' | 'ORG_READ_ONLY' | 'ORG_MEMBER' | 'ORG_PROJECT_CREATOR';

export interface FixtureOrg {
  id: string;
  name: string;
  kind: 'cloud-manager' | 'atlas';
  /** Keys without an access list are refused on this org (403 ORG_REQUIRES_ACCESS_LIST). */
  requiresAccessList?: boolean;
}

export interface FixtureGroup {
  id: string;
  orgId: string;
  name: string;
}

export interface FixtureKey {
  /** A handle for tests and the demo text ("owner", "readonly", ...); not part of the API. */
  name: string;
  publicKey: string;
  privateKey: string;
  roles: Record<string, OrgRole[]>;
  /** IPs or CIDRs allowed to use the key; empty or absent = no access list. */
  accessList?: string[];
}

export interface FixtureToken {
  token: string;
  /** The status a link made with this token reports. */
  result: 'SYNCED' | 'NOT_SYNCED';
}

export interface Fixture {
  orgs: FixtureOrg[];
  groups: FixtureGroup[];
  keys: FixtureKey[];
  linkTokens: FixtureToken[];
}

export function loadDemoFixture(): Fixture {
  return JSON.parse(readFileSync(new URL('./fixture.json', import.meta.url), 'utf8')) as Fixture;
}

/** Deterministic pseudo-random bytes from a seed, so generated fixtures are the same on every run. */
function seeded(seed: number) {
  let counter = 0;
  return (n: number): Buffer => {
    const out: Buffer[] = [];
    while (Buffer.concat(out).length < n) out.push(createHash('sha256').update(`${seed}:${counter++}`).digest());
    return Buffer.concat(out).subarray(0, n);
  };
}

export function generateFixture(options: { orgs: number; keys: number; seed?: number }): Fixture {
  const bytes = seeded(options.seed ?? 1);
  const hexId = () => bytes(12).toString('hex');
  const letters = () => Array.from(bytes(8), (b) => String.fromCharCode(97 + (b % 26))).join('');
  const uuid = () => {
    const h = bytes(16).toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  const orgs: FixtureOrg[] = Array.from({ length: options.orgs }, (_, i) => ({
    id: hexId(),
    name: `Client ${String(i + 1).padStart(3, '0')}`,
    kind: 'cloud-manager',
  }));
  const groups: FixtureGroup[] = orgs.map((o, i) => ({ id: hexId(), orgId: o.id, name: `Project ${i + 1}` }));
  const keys: FixtureKey[] = Array.from({ length: options.keys }, (_, k) => ({
    name: `key${k + 1}`,
    publicKey: letters(),
    privateKey: uuid(),
    roles: Object.fromEntries(
      orgs.filter((_, i) => i % options.keys === k).map((o) => [o.id, ['ORG_OWNER'] as OrgRole[]]),
    ),
  }));
  const linkTokens: FixtureToken[] = orgs.map(() => ({ token: bytes(96).toString('base64url'), result: 'SYNCED' }));
  return { orgs, groups, keys, linkTokens };
}
