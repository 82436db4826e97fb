// Client names: which typed name is a near-match of a saved client (case, spacing, a prefix at a word boundary) and
// which is not, checked by example and by property; the list of clients a form offers; the overview per client; and
// a rename that gives every key pair of the client the new name, refusing what the label rule refuses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientNames, isNearMatch, nearMatches } from '../../../../src/core/vault/client-names';
import { clientOverview, renameClient } from '../../../../src/core/vault/clients';
import type { Profile, VaultContents } from '../../../../src/core/vault/types';
import { VaultError } from '../../../../src/core/vault/vault-error';

const CM = 'https://cloud.mongodb.com';
const org = (n: number) => `${String(n).padStart(2, '0')}${'a'.repeat(22)}`;
const profile = (id: string, label: string, extra: Partial<Profile> = {}): Profile => ({
  id,
  label,
  publicKey: `pub${id}`,
  privateKey: `secret-${id}`,
  baseUrl: CM,
  side: 'cloud-manager',
  orgIds: [],
  createdAt: 1,
  updatedAt: 1,
  ...extra,
});
const contentsOf = (...profiles: Profile[]): VaultContents => ({ version: 1, profiles });

describe('isNearMatch', () => {
  it.each([
    ['Globex', 'Globex Logistics'],
    ['Globex Logistics', 'Globex'],
    ['globex logistics', 'Globex Logistics'],
    ['Globex  Logistics', 'Globex Logistics'],
    ['GlobexLogistics', 'Globex Logistics'],
    ['ACME', 'acme retail'],
    ['Acme-', 'Acme-Retail'],
    ['Acme', 'Acme, Inc.'],
    ['Ｇｌｏｂｅｘ', 'Globex Logistics'],
  ])('%j is a near-match of %j', (typed, existing) => {
    expect(isNearMatch(typed, existing)).toBe(true);
  });

  it.each([
    ['Globex Logistics', 'Globex Logistics'],
    [' Globex Logistics ', 'Globex Logistics'],
    ['Glob', 'Globex Logistics'],
    ['Globex', 'Globexia'],
    ['Acme Retail', 'Globex Logistics'],
    ['Initech', 'Initech2'],
    ['', 'Globex'],
    ['   ', 'Globex'],
  ])('%j is not a near-match of %j', (typed, existing) => {
    expect(isNearMatch(typed, existing)).toBe(false);
  });

  const word = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
  const words = fc.array(word, { minLength: 1, maxLength: 4 });

  it('is symmetric', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => isNearMatch(a, b) === isNearMatch(b, a)));
  });

  it('never matches a name with itself as saved (trimmed)', () => {
    fc.assert(fc.property(fc.string(), (a) => !isNearMatch(a, a) && !isNearMatch(` ${a} `, a)));
  });

  it('matches a name with its case changed or its spaces changed, when that is not the same name', () => {
    fc.assert(
      fc.property(words, fc.boolean(), (ws, upper) => {
        const name = ws.join(' ');
        const other = upper ? name.toUpperCase() : ws.join('  ');
        return other === name || isNearMatch(other, name);
      }),
    );
  });

  it('matches the first words of a name, and not a cut inside a word', () => {
    fc.assert(
      fc.property(words, words, (head, tail) => {
        const full = [...head, ...tail].join(' ');
        const cut = head.join(' ');
        // Stopping one letter short of the next word's end cuts inside that word.
        const inside = tail[0]!.length > 1 ? `${cut} ${tail[0]!.slice(0, -1)}` : undefined;
        return isNearMatch(cut, full) && (inside === undefined || !isNearMatch(inside, full));
      }),
    );
  });
});

describe('nearMatches', () => {
  const saved = ['Acme Retail', 'Globex Logistics', 'Globex Shipping', 'Initech'];

  it('names every close client, in their order', () => {
    expect(nearMatches('globex', saved)).toEqual(['Globex Logistics', 'Globex Shipping']);
    expect(nearMatches('Initech Finance', saved)).toEqual(['Initech']);
  });

  it('names none for a saved client typed exactly, or a name close to none', () => {
    expect(nearMatches('Globex Logistics', saved)).toEqual([]);
    expect(nearMatches('Hooli', saved)).toEqual([]);
  });
});

describe('clientNames', () => {
  const profiles = [
    profile('1', 'Globex Logistics'),
    profile('2', 'Acme Retail'),
    profile('3', 'Acme Retail', { side: 'atlas' }),
    profile('4', 'Hooli', { side: 'atlas' }),
    profile('5', 'Initech', { side: 'ops-manager', baseUrl: 'https://ops.example.com' }),
  ];

  it('lists each client once, in alphabetical order', () => {
    expect(clientNames(profiles)).toEqual(['Acme Retail', 'Globex Logistics', 'Hooli', 'Initech']);
  });

  it('lists only the clients with a Cloud Manager or Ops Manager key pair when asked for those', () => {
    expect(clientNames(profiles, 'cloud-manager')).toEqual(['Acme Retail', 'Globex Logistics', 'Initech']);
  });

  it('reads a key pair saved before sides by its server', () => {
    const { side: _side, ...older } = profile('6', 'Umbrella', { baseUrl: 'https://ops.example.com' });
    expect(clientNames([older], 'cloud-manager')).toEqual(['Umbrella']);
  });
});

describe('clientOverview', () => {
  it('gives each client its Cloud Manager orgs, Atlas orgs and key pairs', () => {
    const overview = clientOverview([
      profile('1', 'Globex', { org: { id: org(1), name: 'Globex Logistics' }, orgIds: [org(1)] }),
      profile('2', 'Globex', { side: 'atlas', org: { id: org(2), name: 'Globex (Atlas)' } }),
      profile('3', 'Acme', { global: true, side: 'ops-manager', orgIds: [org(3), org(4)] }),
      profile('4', 'Globex', { org: { id: org(5), name: 'Globex Two' }, orgIds: [org(5)] }),
    ]);
    expect(overview).toEqual([
      {
        name: 'Acme',
        cloudManagerOrgs: [{ id: org(3) }, { id: org(4) }],
        atlasOrgs: [],
        keyPairs: [{ id: '3', side: 'ops-manager', publicKey: 'pub3' }],
      },
      {
        name: 'Globex',
        cloudManagerOrgs: [
          { id: org(1), name: 'Globex Logistics' },
          { id: org(5), name: 'Globex Two' },
        ],
        atlasOrgs: [{ id: org(2), name: 'Globex (Atlas)' }],
        keyPairs: [
          { id: '1', side: 'cloud-manager', publicKey: 'pub1' },
          { id: '2', side: 'atlas', publicKey: 'pub2' },
          { id: '4', side: 'cloud-manager', publicKey: 'pub4' },
        ],
      },
    ]);
  });
});

describe('renameClient', () => {
  const vault = contentsOf(
    profile('1', 'Globex'),
    profile('2', 'Globex', { side: 'atlas' }),
    profile('3', 'Globex Logistics'),
    profile('4', 'Acme'),
  );
  const labels = (c: VaultContents) => c.profiles.map((p) => `${p.id}:${p.label}`);
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof VaultError) return { kind: error.kind, variant: error.variant, field: error.field };
      throw error;
    }
    throw new Error('not refused');
  };

  it('renames every key pair of the client and no other, stamping the change', () => {
    const { contents, renamed } = renameClient(vault, 'Globex', '  Globex Corp ', 99);
    expect(renamed).toBe(2);
    expect(labels(contents)).toEqual(['1:Globex Corp', '2:Globex Corp', '3:Globex Logistics', '4:Acme']);
    expect(contents.profiles.map((p) => p.updatedAt)).toEqual([99, 99, 1, 1]);
  });

  it("joins another client's name only when asked to", () => {
    expect(refusal(() => renameClient(vault, 'Globex', 'Globex Logistics', 2))).toEqual({
      kind: 'invalid-profile',
      variant: 'client-exists',
      field: 'label',
    });
    const { contents } = renameClient(vault, 'Globex', 'Globex Logistics', 2, true);
    expect(labels(contents)).toEqual(['1:Globex Logistics', '2:Globex Logistics', '3:Globex Logistics', '4:Acme']);
  });

  it('changes only the case of a name without asking to join', () => {
    expect(labels(renameClient(vault, 'Acme', 'ACME', 2).contents)).toContain('4:ACME');
  });

  it('refuses a name the label rule refuses, and a client no key pair has', () => {
    expect(refusal(() => renameClient(vault, 'Globex', '   ', 2))).toMatchObject({ variant: 'empty' });
    expect(refusal(() => renameClient(vault, 'Globex', 'a\u202Eb', 2))).toMatchObject({ variant: 'control-character' });
    expect(refusal(() => renameClient(vault, 'Globex', 'x'.repeat(201), 2))).toMatchObject({ variant: 'too-long' });
    expect(refusal(() => renameClient(vault, 'Hooli', 'Hooli Media', 2))).toMatchObject({ kind: 'unknown-profile' });
  });
});
