// Clients and Atlas targets, the cases client-names.test.ts and atlas-target.test.ts leave open (their mutants
// survived): the Atlas orgs of a client as the pages list them (by name, then id; each org once, under the name its
// first key pair gave), an overview's org named by the key pair's server, and the refusals of a rename as a form
// reads them (kind, variant, field and the client named).
import { describe, expect, it } from 'vitest';
import { type AtlasOrgHolder, atlasOrgsOfClient } from '../../../../src/core/vault';
import { clientNames, isNearMatch, nearMatches } from '../../../../src/core/vault/client-names';
import { clientOverview, renameClient } from '../../../../src/core/vault/clients';
import type { Profile, VaultContents } from '../../../../src/core/vault/types';
import { VaultError } from '../../../../src/core/vault/vault-error';

const id = (c: string) => c.repeat(24);
const atlas = (label: string, org: string, name: string): AtlasOrgHolder => ({
  label,
  side: 'atlas',
  org: { id: org, name },
});

describe('atlasOrgsOfClient', () => {
  it("lists the client's Atlas orgs once each, by name and then by id, under the first key pair's name", () => {
    const profiles: AtlasOrgHolder[] = [
      atlas('Acme', id('c'), 'Beta'),
      atlas('Acme ', id('b'), 'Alpha'),
      atlas('Acme', id('a'), 'Beta'),
      atlas('Acme', id('b'), 'Alpha (second key)'),
      atlas('Globex', id('d'), 'Aardvark'),
      { label: 'Acme', side: 'cloud-manager', org: { id: id('e'), name: 'A Cloud Manager org' } },
      { label: 'Acme', side: 'atlas' },
    ];
    expect(atlasOrgsOfClient(profiles, 'Acme')).toStrictEqual([
      { id: id('b'), name: 'Alpha' },
      { id: id('a'), name: 'Beta' },
      { id: id('c'), name: 'Beta' },
    ]);
  });

  it('lists none for no client', () => {
    expect(atlasOrgsOfClient([atlas('Acme', id('a'), 'A')], undefined)).toEqual([]);
  });

  it('answers copies, only the id and the name', () => {
    const holder = { label: 'Acme', side: 'atlas' as const, org: { id: id('a'), name: 'A', extra: 1 } };
    const [org] = atlasOrgsOfClient([holder], 'Acme');
    expect(org).toStrictEqual({ id: id('a'), name: 'A' });
    expect(org).not.toBe(holder.org);
  });
});

const CM = 'https://cloud.mongodb.com';
const org = (n: number) => `${String(n).padStart(2, '0')}${'a'.repeat(22)}`;
const profile = (pid: string, label: string, extra: Partial<Profile> = {}): Profile => ({
  id: pid,
  label,
  publicKey: `pub${pid}`,
  privateKey: `secret-${pid}`,
  baseUrl: CM,
  side: 'cloud-manager',
  orgIds: [],
  createdAt: 1,
  updatedAt: 1,
  ...extra,
});

describe('clientOverview', () => {
  it("keeps the name the key pair's server gave an org bound again by another key pair", () => {
    const overview = clientOverview([
      profile('1', 'Acme', { orgIds: [org(1)] }),
      profile('2', 'Acme', { org: { id: org(1), name: 'Acme Org' }, orgIds: [org(1)] }),
      profile('3', 'Acme', { orgIds: [org(1), org(2)] }),
    ]);
    expect(overview[0]?.cloudManagerOrgs).toStrictEqual([{ id: org(1), name: 'Acme Org' }, { id: org(2) }]);
  });

  it('lists no Atlas org for an Atlas key pair the Atlas API has not named one for', () => {
    expect(clientOverview([profile('1', 'Acme', { side: 'atlas' })])[0]).toStrictEqual({
      name: 'Acme',
      cloudManagerOrgs: [],
      atlasOrgs: [],
      keyPairs: [{ id: '1', side: 'atlas', publicKey: 'pub1' }],
    });
  });

  it("lists an Atlas key pair's org as an Atlas org only", () => {
    const overview = clientOverview([
      profile('1', 'Acme', { side: 'atlas', org: { id: org(1), name: 'Acme Atlas' }, orgIds: [org(2)] }),
    ]);
    expect(overview).toStrictEqual([
      {
        name: 'Acme',
        cloudManagerOrgs: [],
        atlasOrgs: [{ id: org(1), name: 'Acme Atlas' }],
        keyPairs: [{ id: '1', side: 'atlas', publicKey: 'pub1' }],
      },
    ]);
  });
});

describe('renameClient', () => {
  const vault: VaultContents = {
    version: 1,
    profiles: [profile('1', 'Globex'), profile('2', 'Globex Logistics'), profile('3', 'Acme')],
  };
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof VaultError) {
        return { kind: error.kind, variant: error.variant, field: error.field, params: error.params };
      }
      throw error;
    }
    throw new Error('not refused');
  };

  it('names the client a new name already belongs to', () => {
    expect(refusal(() => renameClient(vault, 'Globex', ' Globex Logistics ', 2))).toStrictEqual({
      kind: 'invalid-profile',
      variant: 'client-exists',
      field: 'label',
      params: { client: 'Globex Logistics' },
    });
  });

  it('refuses a new name that is not text as empty, on the label', () => {
    expect(refusal(() => renameClient(vault, 'Globex', 42 as unknown as string, 2))).toStrictEqual({
      kind: 'invalid-profile',
      variant: 'empty',
      field: 'label',
      params: undefined,
    });
  });

  it('knows no client by a name that is not text', () => {
    expect(refusal(() => renameClient(vault, 42 as unknown as string, 'Hooli', 2))).toStrictEqual({
      kind: 'unknown-profile',
      variant: undefined,
      field: undefined,
      params: undefined,
    });
  });

  it('renames a client to its own name (trimmed) without asking to join, and leaves the others as they were', () => {
    const { contents, renamed } = renameClient(vault, ' Globex', 'Globex ', 5);
    expect(renamed).toBe(1);
    expect(contents.profiles).toStrictEqual([
      { ...vault.profiles[0], updatedAt: 5 },
      vault.profiles[1],
      vault.profiles[2],
    ]);
    expect(contents.profiles[1]).toBe(vault.profiles[1]);
  });
});

describe('client names', () => {
  it('reads a typed name with spaces before it, or a run of spaces inside, as the name it spells', () => {
    expect(isNearMatch('  globex', 'Globex Logistics')).toBe(true);
    expect(isNearMatch('Globex  Logistics', 'Globex Logistics Europe')).toBe(true);
    expect(isNearMatch('Globex Logistics Europe', 'globex \t logistics')).toBe(true);
    expect(isNearMatch('GlobexLogisticsEurope', 'Globex Logistics Europe')).toBe(true);
  });

  it('finds no near-match in a name the typed one does not start, however it ends', () => {
    expect(isNearMatch('Acme-', 'Globex')).toBe(false);
    expect(isNearMatch('Globex', 'Acme, Inc.')).toBe(false);
  });

  it('names no near-match for a name typed exactly as a saved client, though it starts another', () => {
    expect(nearMatches('Globex Logistics', ['Globex', 'Globex Logistics', 'Globex Logistics Europe'])).toEqual([]);
    expect(nearMatches('Globex Logistics ', ['Globex', 'Globex Logistics'])).toEqual([]);
  });

  it('lists a client saved with and without spaces around its name once, trimmed', () => {
    const key = (label: string) => ({ label, baseUrl: 'https://cloud.mongodb.com' });
    expect(clientNames([key(' Acme '), key('Acme'), key('Globex ')])).toEqual(['Acme', 'Globex']);
  });
});
