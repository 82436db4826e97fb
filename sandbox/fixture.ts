// The sandbox's world: orgs (Cloud Manager and Atlas), projects, API keys with roles per org and IP access
// lists, and link tokens as if Atlas had issued them (the Atlas side issues more at run time). The demo is fixture.json; tests can generate larger ones.
// As in Cloud Manager, an API key belongs to exactly one org; only an Ops Manager global key spans them all.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { MigrationFixture } from './migration-fixture';

export type OrgRole = 'ORG_OWNER' | 'ORG_READ_ONLY' | 'ORG_MEMBER' | 'ORG_PROJECT_CREATOR';
export type GlobalRole = 'GLOBAL_OWNER' | 'GLOBAL_READ_ONLY';

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
  /** Roles on the key's one org (exactly one entry), or `{}` for a global key. */
  roles: Record<string, OrgRole[]>;
  /**
   * An Ops Manager global programmatic key: spans every cloud-manager org, and is known only on the sandbox's
   * plain-HTTP listener (the "Ops Manager" side); Cloud Manager (HTTPS) answers it as an unknown user.
   */
  global?: GlobalRole[];
  /** IPs or CIDRs allowed to use the key; empty or absent = no access list. */
  accessList?: string[];
}

/**
 * A service account (OAuth 2.0 client credentials): like an API key, it belongs to one org, with roles there and
 * an optional access list (which applies to its API calls, not to its token requests).
 */
export interface FixtureServiceAccount {
  /** A handle for tests and the demo text; not part of the API. */
  name: string;
  /** MongoDB's shape: mdb_sa_id_<24 hex>. */
  clientId: string;
  /** MongoDB's shape: mdb_sa_sk_<...>. */
  clientSecret: string;
  /** Roles on the account's one org (exactly one entry). */
  roles: Record<string, OrgRole[]>;
  accessList?: string[];
  /** When the secret expires (ms since the epoch); a past time refuses token requests (invalid_client, expired). */
  secretExpiresAt?: number;
}

export interface FixtureToken {
  token: string;
  /** The status a link made with this token reports. */
  result: 'SYNCED' | 'NOT_SYNCED';
}

/** The world; its migration parts (deployments, migration hosts, Atlas clusters) are in migration-world.ts. */
export interface Fixture extends MigrationFixture {
  orgs: FixtureOrg[];
  groups: FixtureGroup[];
  keys: FixtureKey[];
  linkTokens: FixtureToken[];
  /** Service accounts, one org each; none when absent. */
  serviceAccounts?: FixtureServiceAccount[];
}

export const isGlobalKey = (key: FixtureKey): boolean => (key.global?.length ?? 0) > 0;

/** The roles a key holds on an org: its own org's roles, or a global key's roles mapped onto a cloud-manager org. */
export function rolesOn(key: FixtureKey, org: FixtureOrg): OrgRole[] | undefined {
  const own = key.roles[org.id];
  if (own) return own;
  if (!isGlobalKey(key) || org.kind !== 'cloud-manager') return undefined;
  return key.global!.includes('GLOBAL_OWNER') ? ['ORG_OWNER'] : ['ORG_READ_ONLY'];
}

/** The one org a non-global key belongs to. */
export const keyOrgId = (key: FixtureKey): string | undefined =>
  isGlobalKey(key) ? undefined : Object.keys(key.roles)[0];

/** Throws unless every non-global key belongs to exactly one known org and public keys are unique. */
export function validateFixture(fixture: Fixture): Fixture {
  const orgIds = new Set(fixture.orgs.map((o) => o.id));
  const publicKeys = new Set<string>();
  for (const key of fixture.keys) {
    const label = `fixture key "${key.name}" (${key.publicKey})`;
    if (publicKeys.has(key.publicKey)) throw new Error(`${label}: duplicate public key`);
    publicKeys.add(key.publicKey);
    const orgs = Object.keys(key.roles);
    if (isGlobalKey(key)) {
      if (orgs.length > 0) throw new Error(`${label}: a global key has no org roles`);
      continue;
    }
    if (orgs.length !== 1) {
      throw new Error(`${label}: an API key belongs to exactly one org, this one has roles on ${orgs.length}`);
    }
    if (!orgIds.has(orgs[0]!)) throw new Error(`${label}: unknown org ${orgs[0]}`);
  }
  const clientIds = new Set<string>();
  for (const account of fixture.serviceAccounts ?? []) {
    const label = `fixture service account "${account.name}" (${account.clientId})`;
    if (clientIds.has(account.clientId) || publicKeys.has(account.clientId)) throw new Error(`${label}: duplicate id`);
    clientIds.add(account.clientId);
    const orgs = Object.keys(account.roles);
    if (orgs.length !== 1) {
      throw new Error(`${label}: a service account belongs to exactly one org, this one has roles on ${orgs.length}`);
    }
    if (!orgIds.has(orgs[0]!)) throw new Error(`${label}: unknown org ${orgs[0]}`);
  }
  return fixture;
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

/**
 * `orgs` client orgs, one project each, and one owner key per org (key i belongs to org i); then `atlasOrgs`
 * Atlas orgs (default none), each with one project and one Org Owner key, after the client orgs and keys. The
 * Atlas part is drawn after everything else, so adding it leaves the client orgs, keys and tokens unchanged.
 * With `serviceAccounts`, every org (client orgs, then Atlas orgs) also gets one Org Owner service account
 * (`sa<i>`, `atlassa<i>`), drawn last for the same reason.
 */
export function generateFixture(options: {
  orgs: number;
  keys?: number;
  seed?: number;
  atlasOrgs?: number;
  serviceAccounts?: boolean;
}): Fixture {
  if (options.keys !== undefined && options.keys !== options.orgs) {
    throw new Error(
      `generateFixture: an API key belongs to exactly one org, so keys must equal orgs (got ${options.keys} keys for ${options.orgs} orgs)`,
    );
  }
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
  const taken = new Set<string>();
  const uniqueLetters = () => {
    let value = letters();
    while (taken.has(value)) value = letters();
    taken.add(value);
    return value;
  };
  const keys: FixtureKey[] = orgs.map((o, k) => ({
    name: `key${k + 1}`,
    publicKey: uniqueLetters(),
    privateKey: uuid(),
    roles: { [o.id]: ['ORG_OWNER'] },
  }));
  const linkTokens: FixtureToken[] = orgs.map(() => ({ token: bytes(96).toString('base64url'), result: 'SYNCED' }));
  for (let i = 0; i < (options.atlasOrgs ?? 0); i++) {
    const org: FixtureOrg = { id: hexId(), name: `Atlas Target ${String(i + 1).padStart(3, '0')}`, kind: 'atlas' };
    orgs.push(org);
    groups.push({ id: hexId(), orgId: org.id, name: `Atlas Project ${i + 1}` });
    keys.push({
      name: `atlas${i + 1}`,
      publicKey: uniqueLetters(),
      privateKey: uuid(),
      roles: { [org.id]: ['ORG_OWNER'] },
    });
  }
  const fixture: Fixture = { orgs, groups, keys, linkTokens };
  if (options.serviceAccounts) {
    let client = 0;
    let atlas = 0;
    fixture.serviceAccounts = orgs.map((org) => ({
      name: org.kind === 'atlas' ? `atlassa${++atlas}` : `sa${++client}`,
      clientId: `mdb_sa_id_${hexId()}`,
      clientSecret: `mdb_sa_sk_${bytes(30).toString('base64url')}`,
      roles: { [org.id]: ['ORG_OWNER'] },
    }));
  }
  return validateFixture(fixture);
}

/**
 * A consultant's world at scale: `clients` client orgs, each with its own Org Owner key pair, and `atlasOrgs` Atlas
 * orgs with theirs (generateFixture's, seeded so every run serves the same keys).
 */
export function scaledFixture(options: { clients: number; atlasOrgs: number; seed?: number }): Fixture {
  return generateFixture({ orgs: options.clients, atlasOrgs: options.atlasOrgs, seed: options.seed ?? 31 });
}

const clientLetter = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String(i + 1));

/**
 * The client each org belongs to. With Atlas orgs, the client orgs are shared out among them in turn (org i to Atlas
 * org i mod n), each client named "Client A", "Client B", ... on both sides, so each client has exactly one Atlas
 * org; without, each org is its own client, by its name.
 */
export function clientOfOrg(fixture: Fixture): Map<string, string> {
  const atlas = fixture.orgs.filter((o) => o.kind === 'atlas');
  const clients = new Map<string, string>();
  for (const [j, org] of atlas.entries()) clients.set(org.id, `Client ${clientLetter(j)}`);
  for (const [i, org] of fixture.orgs.filter((o) => o.kind === 'cloud-manager').entries()) {
    clients.set(org.id, atlas.length ? `Client ${clientLetter(i % atlas.length)}` : org.name);
  }
  return clients;
}

const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * Every org's key pair (global keys aside) as the CSV the extension's "Import many key pairs…" reads: client, side,
 * public key, private key; service accounts, when the fixture has them, with a credential column.
 */
export function importCsv(fixture: Fixture): string {
  const clients = clientOfOrg(fixture);
  const orgs = new Map(fixture.orgs.map((o) => [o.id, o]));
  const accounts = fixture.serviceAccounts ?? [];
  const header = accounts.length
    ? ['client', 'side', 'credential', 'publicKey', 'privateKey']
    : ['client', 'side', 'publicKey', 'privateKey'];
  const rows: string[][] = [];
  const row = (orgId: string | undefined, credential: string, id: string, secret: string) => {
    const org = orgId ? orgs.get(orgId) : undefined;
    if (!org) return;
    const side = org.kind === 'atlas' ? 'atlas' : 'cloud-manager';
    const client = clients.get(org.id) ?? org.name;
    rows.push(accounts.length ? [client, side, credential, id, secret] : [client, side, id, secret]);
  };
  for (const key of fixture.keys) row(keyOrgId(key), 'api-key', key.publicKey, key.privateKey);
  for (const account of accounts) {
    row(Object.keys(account.roles)[0], 'service-account', account.clientId, account.clientSecret);
  }
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n');
}
