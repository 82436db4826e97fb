// The Atlas side of the sandbox's world: the demo's Atlas orgs and keys (one Org Owner key each, one member key),
// generated Atlas orgs for benchmarks (20 client orgs over 2 Atlas key pairs), and the Atlas key pair that
// `npm run sandbox` prints.
import { describe, expect, it } from 'vitest';
import { generateFixture, keyOrgId, loadDemoFixture, validateFixture } from '../../../sandbox/fixture';
import { formatDemoInstructions } from '../../../sandbox/server';

const demoInfo = {
  httpsUrl: 'https://127.0.0.1:8443',
  httpUrl: 'http://127.0.0.1:8080',
  httpsPort: 8443,
  spki: 'spki=',
  certPath: '/tmp/cert.pem',
};

describe('the demo fixture, Atlas side', () => {
  const fixture = loadDemoFixture();
  const atlasOrgs = fixture.orgs.filter((o) => o.kind === 'atlas');

  it('has three Atlas orgs, the first being Acme Retail (Atlas) with its old id, each with a project', () => {
    expect(atlasOrgs.map((o) => [o.name, o.id])).toEqual([
      ['Acme Retail (Atlas)', '63d4e5f60718293a4b5c6d7e'],
      ['Globex Logistics (Atlas)', '6506172839a4b5c6d7e8f901'],
      ['Initech Finance (Atlas)', '66172839a4b5c6d7e8f90a12'],
    ]);
    for (const o of atlasOrgs)
      expect(
        fixture.groups.filter((g) => g.orgId === o.id),
        o.name,
      ).toHaveLength(1);
  });

  it('gives each Atlas org one Org Owner key, keeps the "atlas" key, and has one member key', () => {
    const owners = fixture.keys.filter((k) => atlasOrgs.some((o) => k.roles[o.id]?.includes('ORG_OWNER')));
    expect(owners.map((k) => [k.name, keyOrgId(k)])).toEqual([
      ['atlas', atlasOrgs[0]!.id],
      ['atlasglobex', atlasOrgs[1]!.id],
      ['atlasinitech', atlasOrgs[2]!.id],
    ]);
    const atlas = fixture.keys.find((k) => k.name === 'atlas')!;
    expect([atlas.publicKey, atlas.privateKey]).toEqual(['atlsownr', 'bfc311b5-c4c2-4346-af53-4c99af8c7b6d']);
    const member = fixture.keys.find((k) => k.name === 'atlasmember')!;
    expect(member.roles).toEqual({ [atlasOrgs[0]!.id]: ['ORG_MEMBER'] });
    expect(validateFixture(fixture)).toBe(fixture);
  });
});

describe('generateFixture with Atlas orgs', () => {
  it('adds N Atlas orgs with one owner key each after the client orgs, leaving the client part unchanged', () => {
    const plain = generateFixture({ orgs: 20, seed: 3 });
    const mixed = generateFixture({ orgs: 20, seed: 3, atlasOrgs: 2 });
    expect(generateFixture({ orgs: 20, seed: 3, atlasOrgs: 2 })).toEqual(mixed);
    expect(generateFixture({ orgs: 20, seed: 3, atlasOrgs: 0 })).toEqual(plain);
    expect(mixed.orgs.slice(0, 20)).toEqual(plain.orgs);
    expect(mixed.keys.slice(0, 20)).toEqual(plain.keys);
    expect(mixed.groups.slice(0, 20)).toEqual(plain.groups);
    expect(mixed.linkTokens).toEqual(plain.linkTokens);

    const atlas = mixed.orgs.slice(20);
    expect(atlas.map((o) => [o.name, o.kind])).toEqual([
      ['Atlas Target 001', 'atlas'],
      ['Atlas Target 002', 'atlas'],
    ]);
    expect(mixed.keys.slice(20).map((k) => [k.name, k.roles])).toEqual([
      ['atlas1', { [atlas[0]!.id]: ['ORG_OWNER'] }],
      ['atlas2', { [atlas[1]!.id]: ['ORG_OWNER'] }],
    ]);
    for (const o of atlas) expect(mixed.groups.filter((g) => g.orgId === o.id)).toHaveLength(1);
    const ids = [...mixed.orgs, ...mixed.groups].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(mixed.keys.map((k) => k.publicKey)).size).toBe(22);
    expect(validateFixture(mixed)).toBe(mixed);
  });
});

describe('the demo text', () => {
  it("prints the Atlas org's Org Owner key pair, under its org", () => {
    const fixture = loadDemoFixture();
    const text = formatDemoInstructions({ ...demoInfo, fixture });
    const atlas = fixture.keys.find((k) => k.name === 'atlas')!;
    const at = text.indexOf('Atlas org (Organization Owner key; creates link tokens): Acme Retail (Atlas)');
    expect(at).toBeGreaterThan(-1);
    expect(text.indexOf(`Public key (username):  ${atlas.publicKey}`)).toBeGreaterThan(at);
    expect(text.indexOf(`Private key (password): ${atlas.privateKey}`)).toBeGreaterThan(at);
    expect(text).toContain('https://cloud.mongodb.com/v2#/org/63d4e5f60718293a4b5c6d7e/projects');
    // Only the Org Owner key: the member key cannot create tokens.
    expect(text).not.toContain(fixture.keys.find((k) => k.name === 'atlasmember')!.privateKey);
  });

  it('prints the first Atlas owner key of a generated fixture, and none without Atlas orgs', () => {
    const mixed = generateFixture({ orgs: 3, seed: 4, atlasOrgs: 2 });
    const text = formatDemoInstructions({ ...demoInfo, fixture: mixed });
    expect(text).toContain(`Atlas org (Organization Owner key; creates link tokens): Atlas Target 001`);
    expect(text).toContain(mixed.keys.find((k) => k.name === 'atlas1')!.privateKey);
    expect(text).not.toContain(mixed.keys.find((k) => k.name === 'atlas2')!.privateKey);
    expect(formatDemoInstructions({ ...demoInfo, fixture: generateFixture({ orgs: 3 }) })).not.toContain('Atlas org');
  });
});
