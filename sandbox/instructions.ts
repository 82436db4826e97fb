// The text `npm run sandbox` and `npm start` print: ports, certificate pin, and what to paste into the popup:
// one key pair per client org (an API key belongs to exactly one org), an Atlas org's key pair for the Atlas
// side (link tokens), a service account per side (client id and secret), and the Ops Manager global key.
import type { Fixture, FixtureKey, FixtureOrg, FixtureServiceAccount } from './fixture';

/** The part of a running sandbox the text needs (not imported from server.ts, to keep the modules acyclic). */
export interface DemoSandboxInfo {
  httpsUrl: string;
  httpUrl: string | null;
  httpsPort: number;
  spki: string;
  certPath: string;
  fixture: Fixture;
}

const orgPage = (base: string, orgId: string) => `${base}/v2#/org/${orgId}/projects`;

/** The named keys of two client orgs, or, in a generated fixture, the owner keys of its first two orgs. */
function clientPairs(fixture: Fixture): { key: FixtureKey; org: FixtureOrg }[] {
  const pairFor = (key: FixtureKey | undefined) => {
    const org = key && fixture.orgs.find((o) => o.kind === 'cloud-manager' && key.roles[o.id]?.includes('ORG_OWNER'));
    return key && org ? { key, org } : undefined;
  };
  const named = ['owner', 'globex'].map((name) => pairFor(fixture.keys.find((k) => k.name === name)));
  if (named.every((p) => p !== undefined)) return named as { key: FixtureKey; org: FixtureOrg }[];
  return fixture.keys
    .map((k) => pairFor(k))
    .filter((p) => p !== undefined && !p.org.requiresAccessList)
    .slice(0, 2) as { key: FixtureKey; org: FixtureOrg }[];
}

/** The key named "atlas", or else the first Org Owner key of an Atlas org; undefined without Atlas orgs. */
function atlasPair(fixture: Fixture): { key: FixtureKey; org: FixtureOrg } | undefined {
  const ownerOf = (key: FixtureKey) =>
    fixture.orgs.find((o) => o.kind === 'atlas' && key.roles[o.id]?.includes('ORG_OWNER'));
  const named = fixture.keys.find((k) => k.name === 'atlas');
  const key = named && ownerOf(named) ? named : fixture.keys.find((k) => ownerOf(k) !== undefined);
  const org = key && ownerOf(key);
  return key && org ? { key, org } : undefined;
}

/** The first Org Owner service account of a Cloud Manager org and of an Atlas org (named ones first). */
function serviceAccountPairs(fixture: Fixture): { account: FixtureServiceAccount; org: FixtureOrg }[] {
  const accounts = fixture.serviceAccounts ?? [];
  const live = (a: FixtureServiceAccount) => a.secretExpiresAt === undefined || a.secretExpiresAt > Date.now();
  const pairs: { account: FixtureServiceAccount; org: FixtureOrg }[] = [];
  for (const kind of ['cloud-manager', 'atlas'] as const) {
    const ownerOf = (a: FixtureServiceAccount) =>
      fixture.orgs.find((o) => o.kind === kind && a.roles[o.id]?.includes('ORG_OWNER'));
    const named = accounts.find((a) => a.name === (kind === 'atlas' ? 'atlasserviceaccount' : 'serviceaccount'));
    const account = named && ownerOf(named) ? named : accounts.find((a) => live(a) && ownerOf(a) !== undefined);
    const org = account && ownerOf(account);
    if (account && org) pairs.push({ account, org });
  }
  return pairs;
}

export function formatDemoInstructions(sandbox: DemoSandboxInfo): string {
  const { fixture } = sandbox;
  const token = fixture.linkTokens.find((t) => t.result === 'SYNCED') ?? fixture.linkTokens[0]!;
  const global = fixture.keys.find((k) => (k.global?.length ?? 0) > 0);
  // `undefined` = a line left out; '' = a blank separator line.
  const lines: (string | undefined)[] = [
    'Cloud Manager sandbox is running.',
    `  HTTPS: ${sandbox.httpsUrl}   (Chromium: --host-resolver-rules="MAP cloud.mongodb.com 127.0.0.1:${sandbox.httpsPort}")`,
    sandbox.httpUrl ? `  HTTP:  ${sandbox.httpUrl}   (for an "Ops Manager" key pair's server address)` : undefined,
    sandbox.httpUrl
      ? `  Firefox: manual proxy, HTTPS proxy ${sandbox.httpUrl.replace('http://', '').replace(/:(\d+)$/, ' port $1')} (tunnels cloud.mongodb.com only), and import the certificate below`
      : undefined,
    `  Certificate: ${sandbox.certPath}`,
    `  SPKI pin (--ignore-certificate-errors-spki-list=): ${sandbox.spki}`,
    '',
    'Demo values to paste (sandbox only, not real credentials). An API key belongs to one org: one key pair per org.',
    `  Link token:             ${token.token}`,
  ];
  for (const { key, org } of clientPairs(fixture)) {
    const project = fixture.groups.find((g) => g.orgId === org.id);
    lines.push(
      '',
      `  Client org: ${org.name}`,
      `  Org page:               ${orgPage('https://cloud.mongodb.com', org.id)}`,
      project ? `  Project page:           https://cloud.mongodb.com/v2/${project.id}#deployment/topology` : undefined,
      `  Public key (username):  ${key.publicKey}`,
      `  Private key (password): ${key.privateKey}`,
    );
  }
  const atlas = atlasPair(fixture);
  if (atlas) {
    lines.push(
      '',
      `  Atlas org (Organization Owner key; creates link tokens): ${atlas.org.name}`,
      `  Org page:               ${orgPage('https://cloud.mongodb.com', atlas.org.id)}`,
      `  Public key (username):  ${atlas.key.publicKey}`,
      `  Private key (password): ${atlas.key.privateKey}`,
    );
  }
  for (const { account, org } of serviceAccountPairs(fixture)) {
    const side = org.kind === 'atlas' ? 'Atlas' : 'Cloud Manager';
    lines.push(
      '',
      `  ${side} service account (Organization Owner; tokens from /api/oauth/token): ${org.name}`,
      `  Client ID:              ${account.clientId}`,
      `  Client secret:          ${account.clientSecret}`,
    );
  }
  if (global && sandbox.httpUrl) {
    const first = fixture.orgs.find((o) => o.kind === 'cloud-manager');
    lines.push(
      '',
      `  Ops Manager global key (${global.global!.join(', ')}: every org; known only on the HTTP address):`,
      `  Server address:         ${sandbox.httpUrl}`,
      first ? `  Org page:               ${orgPage(sandbox.httpUrl, first.id)}   (${first.name})` : undefined,
      `  Public key (username):  ${global.publicKey}`,
      `  Private key (password): ${global.privateKey}`,
    );
  }
  return lines.filter((line) => line !== undefined).join('\n');
}
