// What mutation testing found unprotected in profiles.ts (issue #18): the vault's and a key pair's size limits,
// which empty field a form is told about first, the key-shape hints, saved key pairs on an unconfirmed http://
// server, ids of 16 hex digits, and bindOrg's refusals (exact kind, variant, field, params and sentence).
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addProfile,
  bindOrg,
  checkKeyShapes,
  findProfileProblem,
  MAX_ORGS_PER_PROFILE,
  MAX_PROFILES,
  removeProfile,
  updateProfile,
  VaultError,
} from '../../../../src/core/vault';
import { newProfileId } from '../../../../src/core/vault/profiles';
import { profile, refusal, vault } from '../../../support/vault-profiles';

const ORG_1 = '5f1a2b3c4d5e6f7a8b9c0d1e';
const ORG_2 = '5f1a2b3c4d5e6f7a8b9c0d2e';
const PUB = 'qwhtzmpa';
const SECRET = '3f9c2e71-8a4b-4c5d-9e6f-0a1b2c3d4e5f';
const input = { label: 'Acme', publicKey: PUB, privateKey: SECRET };

/** Org ids 000…0, 000…1, … (24 hex digits each). */
const orgIds = (n: number, from = 0) => Array.from({ length: n }, (_, i) => (from + i).toString(16).padStart(24, '0'));

afterEach(() => vi.restoreAllMocks());

describe('addProfile: at most MAX_PROFILES key pairs', () => {
  const full = vault(...Array.from({ length: MAX_PROFILES }, (_, i) => profile(`p${i}`)));

  it('refuses the 501st key pair, saying how many the vault holds', () => {
    expect(MAX_PROFILES).toBe(500);
    expect(refusal(() => addProfile(full, input, 5))).toEqual({
      kind: 'invalid-profile',
      variant: 'too-many-profiles',
      field: undefined,
      params: { max: '500' },
    });
  });

  it('accepts the 500th', () => {
    const { contents, profile: added } = addProfile(vault(...full.profiles.slice(1)), input, 5);
    expect(contents.profiles).toHaveLength(500);
    expect(contents.profiles[499]).toEqual(added);
  });
});

describe('validated: which field a form is told about first', () => {
  it('an empty name comes first', () => {
    expect(refusal(() => addProfile(vault(), { label: ' ', publicKey: '', privateKey: '' }, 5))).toEqual({
      kind: 'invalid-profile',
      variant: 'empty',
      field: 'label',
      params: undefined,
    });
  });

  it('a missing key comes before a faulty name, naming the key that is missing', () => {
    for (const [keys, field] of [
      [{ publicKey: '', privateKey: SECRET }, 'publicKey'],
      [{ publicKey: PUB, privateKey: ' ' }, 'privateKey'],
      [{ publicKey: '', privateKey: '' }, 'publicKey'],
    ] as const) {
      expect(refusal(() => addProfile(vault(), { label: 'Ac\tme', ...keys }, 5))).toEqual({
        kind: 'invalid-profile',
        variant: 'empty',
        field,
        params: undefined,
      });
    }
  });
});

describe('checkKeyShapes', () => {
  const UUID = '3F9C2E71-8A4B-4C5D-9E6F-0A1B2C3D4E5F';

  it('trims both keys before looking at their shape', () => {
    expect(checkKeyShapes(`  ${PUB}\n`, `\t${SECRET} `)).toEqual([]);
    expect(checkKeyShapes(` ${SECRET} `, ` ${PUB} `)).toEqual([{ kind: 'looks-swapped' }]);
  });

  it('calls keys swapped only when both look like the other one', () => {
    expect(checkKeyShapes(UUID, 'not-a-key')).toEqual([{ kind: 'public-key-shape' }, { kind: 'private-key-shape' }]);
    expect(checkKeyShapes('not-a-key', PUB)).toEqual([{ kind: 'public-key-shape' }, { kind: 'private-key-shape' }]);
    expect(checkKeyShapes(UUID, PUB)).toEqual([{ kind: 'looks-swapped' }]);
  });

  it('a public key is exactly 8 lowercase letters', () => {
    for (const pub of ['qwhtzmpax', 'Xqwhtzmpa', 'qwhtzmpa1', 'qwhtzmp']) {
      expect(checkKeyShapes(pub, SECRET)).toEqual([{ kind: 'public-key-shape' }]);
    }
  });

  it('a private key is exactly one UUID, in either case', () => {
    expect(checkKeyShapes(PUB, UUID)).toEqual([]);
    for (const priv of [`0${SECRET}`, `${SECRET}0`, `x${SECRET}`, `${SECRET}x`, SECRET.slice(1)]) {
      expect(checkKeyShapes(PUB, priv)).toEqual([{ kind: 'private-key-shape' }]);
    }
  });
});

describe('findProfileProblem', () => {
  it('a key pair confirmed for its http:// server has no problem; unconfirmed, it is asked to confirm', () => {
    const confirmed = profile('p1', { baseUrl: 'http://opsmanager.example.com:8080', insecureHttpConfirmed: true });
    expect(findProfileProblem(confirmed)).toBeUndefined();
    const { insecureHttpConfirmed: _, ...unconfirmed } = confirmed;
    const problem = findProfileProblem(unconfirmed);
    expect(problem).toBeInstanceOf(VaultError);
    expect([problem?.kind, problem?.variant, problem?.field]).toEqual(['invalid-base-url', 'insecure-http', 'baseUrl']);
  });

  it('a failure that is no field problem is thrown, not reported as one', () => {
    const broken = profile('p1');
    Object.defineProperty(broken, 'label', {
      enumerable: true,
      get() {
        throw new RangeError('not a field problem');
      },
    });
    expect(() => findProfileProblem(broken)).toThrow(RangeError);
  });
});

describe('updateProfile on a key pair saved on http:// before confirmations existed', () => {
  it('still asks for the confirmation: an unconfirmed server is not confirmed by an edit', () => {
    const old = profile('p1', { baseUrl: 'http://opsmanager.example.com:8080' });
    expect(refusal(() => updateProfile(vault(old), 'p1', { label: 'Renamed' }, 5))).toMatchObject({
      kind: 'invalid-base-url',
      variant: 'insecure-http',
      field: 'baseUrl',
    });
    const { profile: fixed } = updateProfile(vault(old), 'p1', { label: 'Renamed', allowInsecureHttp: true }, 5);
    expect(fixed.insecureHttpConfirmed).toBe(true);
  });
});

describe('newProfileId', () => {
  it('is 16 hex digits, a byte below 16 included', () => {
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      (array as unknown as Uint8Array).set([0, 1, 15, 16, 160, 171, 254, 255]);
      return array;
    });
    expect(newProfileId()).toBe('00010f10a0abfeff');
  });
});

describe('a key pair that is gone', () => {
  const gone = { kind: 'unknown-profile' };

  it('is named the same way by updateProfile, removeProfile and bindOrg', () => {
    const contents = vault(profile('p1'));
    expect(refusal(() => updateProfile(contents, 'p2', { label: 'x' }, 5))).toEqual(gone);
    expect(refusal(() => removeProfile(contents, 'p2'))).toEqual(gone);
    expect(refusal(() => bindOrg(contents, ORG_1, 'p2'))).toEqual(gone);
  });
});

describe('bindOrg', () => {
  const badOrgId = {
    kind: 'invalid-profile',
    variant: 'bad-org-id',
    field: 'orgIds',
    params: undefined,
  };

  it('refuses anything but 24 lowercase hex digits, a list holding one included', () => {
    const contents = vault(profile('p1'));
    for (const orgId of [`0${ORG_1}`, `${ORG_1}0`, ORG_1.toUpperCase(), ORG_1.slice(1), [ORG_1], 5]) {
      expect(refusal(() => bindOrg(contents, orgId as string, 'p1'))).toEqual(badOrgId);
    }
    expect(bindOrg(contents, ORG_1, 'p1').profiles[0]?.orgIds).toEqual([ORG_1]);
  });

  describe('at most MAX_ORGS_PER_PROFILE orgs per key pair', () => {
    const full = vault(profile('p1', { orgIds: orgIds(MAX_ORGS_PER_PROFILE) }), profile('p2', { orgIds: [ORG_2] }));

    it('refuses one more org, saying how many', () => {
      expect(MAX_ORGS_PER_PROFILE).toBe(10_000);
      expect(refusal(() => bindOrg(full, ORG_2, 'p1'))).toEqual({
        kind: 'invalid-profile',
        variant: 'too-many',
        field: 'orgIds',
        params: { max: '10000' },
      });
    });

    it('binds an org it already serves again (it moves last), and one below the limit', () => {
      const first = orgIds(1)[0] as string;
      const again = bindOrg(full, first, 'p1').profiles[0]?.orgIds ?? [];
      expect(again).toHaveLength(MAX_ORGS_PER_PROFILE);
      expect(again.at(-1)).toBe(first);
      expect(again[0]).toBe(orgIds(1, 1)[0]);
      const below = vault(
        profile('p1', { orgIds: orgIds(MAX_ORGS_PER_PROFILE - 1) }),
        profile('p2', { orgIds: [ORG_2] }),
      );
      const next = bindOrg(below, ORG_2, 'p1');
      expect(next.profiles[0]?.orgIds).toHaveLength(MAX_ORGS_PER_PROFILE);
      expect(next.profiles[0]?.orgIds.at(-1)).toBe(ORG_2);
      expect(next.profiles[1]?.orgIds).toEqual([]);
    });
  });
});
