// The demo world and generated ones follow Cloud Manager's rule: an API key belongs to exactly one org (only an
// Ops Manager global key spans them all); the validation startSandbox runs refuses any other fixture.
import { describe, expect, it } from 'vitest';
import {
  type Fixture,
  type FixtureKey,
  generateFixture,
  loadDemoFixture,
  rolesOn,
  validateFixture,
} from '../../../sandbox/fixture';
import { startSandbox } from '../../../sandbox/server';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ids = {
  acme: '5f1a2b3c4d5e6f7a8b9c0d1e',
  globex: '60a1b2c3d4e5f60718293a4b',
  initech: '61b2c3d4e5f6071829304a5c',
  umbrella: '62c3d4e5f60718293a4b5c6d',
  atlas: '63d4e5f60718293a4b5c6d7e',
  hooli: '64e5f60718293a4b5c6d7e8f',
  globexAtlas: '6506172839a4b5c6d7e8f901',
  initechAtlas: '66172839a4b5c6d7e8f90a12',
};

describe('the demo fixture', () => {
  const fixture = loadDemoFixture();
  const key = (name: string) => fixture.keys.find((k) => k.name === name)!;

  it('gives every key exactly one org, with the expected role', () => {
    const expected: Record<string, [string, string]> = {
      owner: [ids.acme, 'ORG_OWNER'],
      readonly: [ids.hooli, 'ORG_READ_ONLY'],
      elsewhere: [ids.globex, 'ORG_OWNER'],
      listed: [ids.umbrella, 'ORG_OWNER'],
      globex: [ids.globex, 'ORG_OWNER'],
      initech: [ids.initech, 'ORG_OWNER'],
      unlisted: [ids.umbrella, 'ORG_OWNER'],
      atlas: [ids.atlas, 'ORG_OWNER'],
      atlasglobex: [ids.globexAtlas, 'ORG_OWNER'],
      atlasinitech: [ids.initechAtlas, 'ORG_OWNER'],
      atlasmember: [ids.atlas, 'ORG_MEMBER'],
    };
    for (const [name, [orgId, role]] of Object.entries(expected)) {
      expect(key(name).roles, name).toEqual({ [orgId]: [role] });
      expect(key(name).global, name).toBeUndefined();
    }
    expect(key('opsmanager')).toMatchObject({ roles: {}, global: ['GLOBAL_OWNER'] });
    expect(fixture.keys.map((k) => k.name).sort()).toEqual([...Object.keys(expected), 'opsmanager'].sort());
    expect(validateFixture(fixture)).toBe(fixture);
  });

  it('keeps the existing key pairs and access lists, and makes the new ones well formed and distinct', () => {
    expect([key('owner').publicKey, key('owner').privateKey]).toEqual([
      'qwhtzmpa',
      '3f9c2e71-8a4b-4c5d-9e6f-0a1b2c3d4e5f',
    ]);
    expect([key('readonly').publicKey, key('readonly').privateKey]).toEqual([
      'rdonlykb',
      '7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
    ]);
    expect([key('elsewhere').publicKey, key('elsewhere').accessList]).toEqual(['ipfencex', ['203.0.113.7/32']]);
    expect([key('listed').publicKey, key('listed').accessList]).toEqual(['allowlst', ['127.0.0.1/32', '::1/128']]);
    expect(key('unlisted').accessList).toBeUndefined();
    for (const name of [
      'globex',
      'initech',
      'unlisted',
      'atlas',
      'atlasglobex',
      'atlasinitech',
      'atlasmember',
      'opsmanager',
    ]) {
      expect(key(name).publicKey, name).toMatch(/^[a-z]{8}$/);
      expect(key(name).privateKey, name).toMatch(UUID_V4);
    }
    expect(new Set(fixture.keys.map((k) => k.publicKey)).size).toBe(fixture.keys.length);
    expect(new Set(fixture.keys.map((k) => k.privateKey)).size).toBe(fixture.keys.length);
  });

  it('has the Hooli Media org with its one project, and ids are unique object ids', () => {
    expect(fixture.orgs.find((o) => o.id === ids.hooli)).toEqual({
      id: ids.hooli,
      name: 'Hooli Media',
      kind: 'cloud-manager',
    });
    expect(fixture.groups.filter((g) => g.orgId === ids.hooli)).toEqual([
      { id: '6955ff66778899aabbccdd00', orgId: ids.hooli, name: 'hooli-web' },
    ]);
    const all = [...fixture.orgs.map((o) => o.id), ...fixture.groups.map((g) => g.id)];
    expect(all.every((id) => /^[a-f0-9]{24}$/.test(id))).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    expect(fixture.orgs[0]!.id).toBe(ids.acme);
  });

  it('maps a global key onto every cloud-manager org, never an Atlas one', () => {
    for (const o of fixture.orgs) {
      expect(rolesOn(key('opsmanager'), o), o.name).toEqual(o.kind === 'atlas' ? undefined : ['ORG_OWNER']);
      expect(rolesOn(key('owner'), o), o.name).toEqual(o.id === ids.acme ? ['ORG_OWNER'] : undefined);
    }
    const reader: FixtureKey = { ...key('opsmanager'), global: ['GLOBAL_READ_ONLY'] };
    expect(rolesOn(reader, fixture.orgs[0]!)).toEqual(['ORG_READ_ONLY']);
  });
});

describe('validateFixture', () => {
  const withKey = (patch: Partial<FixtureKey>): Fixture => {
    const base = loadDemoFixture();
    return {
      ...base,
      keys: [...base.keys, { name: 'bad', publicKey: 'badkeyab', privateKey: 'x', roles: {}, ...patch }],
    };
  };

  it('refuses a key with roles on no org or on more than one', () => {
    expect(() => validateFixture(withKey({ roles: {} }))).toThrow(/exactly one org.*on 0/);
    expect(() => validateFixture(withKey({ global: [] }))).toThrow(/exactly one org.*on 0/);
    expect(() =>
      validateFixture(withKey({ roles: { [ids.acme]: ['ORG_OWNER'], [ids.globex]: ['ORG_READ_ONLY'] } })),
    ).toThrow(/exactly one org.*on 2/);
  });

  it('refuses an unknown org, a duplicate public key and a global key with org roles', () => {
    expect(() => validateFixture(withKey({ roles: { ['f'.repeat(24)]: ['ORG_OWNER'] } }))).toThrow(/unknown org/);
    expect(() => validateFixture(withKey({ publicKey: 'qwhtzmpa', roles: { [ids.acme]: ['ORG_OWNER'] } }))).toThrow(
      /duplicate/,
    );
    expect(() => validateFixture(withKey({ global: ['GLOBAL_OWNER'], roles: { [ids.acme]: ['ORG_OWNER'] } }))).toThrow(
      /global/,
    );
    expect(validateFixture(withKey({ global: ['GLOBAL_READ_ONLY'] })).keys.at(-1)!.name).toBe('bad');
  });

  it('runs when the sandbox starts', async () => {
    await expect(startSandbox({ httpsPort: 0, httpPort: null, fixture: withKey({ roles: {} }) })).rejects.toThrow(
      /exactly one org/,
    );
  });
});

describe('generateFixture', () => {
  it('makes one owner key per org, deterministically', () => {
    const a = generateFixture({ orgs: 50, seed: 7 });
    expect(generateFixture({ orgs: 50, seed: 7 })).toEqual(a);
    expect(generateFixture({ orgs: 50, keys: 50, seed: 7 })).toEqual(a);
    expect(generateFixture({ orgs: 50, seed: 8 }).orgs[0]!.id).not.toBe(a.orgs[0]!.id);
    expect(a.orgs).toHaveLength(50);
    expect(a.keys).toHaveLength(50);
    expect(a.orgs.every((o) => /^[a-f0-9]{24}$/.test(o.id) && o.kind === 'cloud-manager')).toBe(true);
    expect(a.keys.every((k) => /^[a-z]{8}$/.test(k.publicKey))).toBe(true);
    expect(a.keys.every((k) => UUID_V4.test(k.privateKey))).toBe(true);
    expect(new Set(a.keys.map((k) => k.publicKey)).size).toBe(50);
    a.keys.forEach((k, i) => {
      expect(k.roles).toEqual({ [a.orgs[i]!.id]: ['ORG_OWNER'] });
    });
    for (const o of a.orgs) expect(a.groups.filter((g) => g.orgId === o.id)).toHaveLength(1);
    expect(a.linkTokens).toHaveLength(50);
    expect(validateFixture(a)).toBe(a);
  });

  it('refuses a key count other than the org count', () => {
    expect(() => generateFixture({ orgs: 50, keys: 3 })).toThrow(/keys must equal orgs/);
    expect(() => generateFixture({ orgs: 2, keys: 0 })).toThrow(/keys must equal orgs/);
  });
});
