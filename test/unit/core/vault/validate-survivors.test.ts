// What validateContents answers, exactly, for each way a decrypted vault or a backup can be wrong (issue #18: the
// mutants it left alive): the kind (a stored vault is 'corrupted', a backup 'invalid-backup'), the variant, the
// field, and the parameters naming the profile and the org. Also the boundaries: 500
// key pairs and 10,000 org ids pass, one more does not; a time of 0 passes, -1 does not.
import { describe, expect, it } from 'vitest';
import {
  type ContentsSource,
  MAX_LABEL_LENGTH,
  MAX_ORGS_PER_PROFILE,
  MAX_PROFILES,
  VaultError,
  validateContents,
} from '../../../../src/core/vault';
import { ORG_A, ORG_B, profile } from './backup-fixtures';

const raw = (...profiles: unknown[]) => ({ version: 1, profiles });

/** Everything a caller can read from the refusal of `value` read as `source`. */
function refusal(value: unknown, source: ContentsSource) {
  let error: unknown;
  try {
    validateContents(value, source);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(VaultError);
  const e = error as VaultError;
  return { kind: e.kind, variant: e.variant, field: e.field, params: e.params };
}

const one = { profile: '1' };

describe('validateContents: what is not contents at all', () => {
  for (const value of [null, 'text', [raw(profile('p1'))]]) {
    it(`refuses ${JSON.stringify(value)?.slice(0, 20)} as a vault and as a backup`, () => {
      expect(refusal(value, 'vault')).toEqual({
        kind: 'corrupted',
        variant: 'not-contents',
      });
      expect(refusal(value, 'backup')).toEqual({
        kind: 'invalid-backup',
        variant: 'not-contents',
      });
    });
  }

  it('refuses a version that is not 1 and not a newer number as not contents', () => {
    for (const version of [0, undefined, '2', '1', 0.5]) {
      expect(refusal({ version, profiles: [] }, 'vault')).toEqual({
        kind: 'corrupted',
        variant: 'not-contents',
      });
      expect(refusal({ version, profiles: [] }, 'backup')).toEqual({
        kind: 'invalid-backup',
        variant: 'not-contents',
      });
    }
  });

  it('refuses a newer version: unsupported for the vault, an update to ask for in a backup', () => {
    for (const version of [2, 1.5]) {
      expect(refusal({ version, profiles: [] }, 'vault')).toEqual({
        kind: 'unsupported-version',
      });
      expect(refusal({ version, profiles: [] }, 'backup')).toEqual({
        kind: 'invalid-backup',
        variant: 'newer-version',
      });
    }
  });

  it('refuses profiles that are not a list', () => {
    for (const profiles of [undefined, {}, 'p1']) {
      expect(refusal({ version: 1, profiles }, 'vault')).toEqual({
        kind: 'corrupted',
        variant: 'not-contents',
      });
      expect(refusal({ version: 1, profiles }, 'backup')).toEqual({
        kind: 'invalid-backup',
        variant: 'not-contents',
      });
    }
  });

  it(`keeps ${MAX_PROFILES} key pairs and refuses one more`, () => {
    expect(MAX_PROFILES).toBe(500);
    const many = Array.from({ length: MAX_PROFILES + 1 }, (_, i) => profile(`p${i}`));
    expect(validateContents(raw(...many.slice(0, MAX_PROFILES)), 'backup').profiles).toHaveLength(MAX_PROFILES);
    expect(refusal(raw(...many), 'vault')).toEqual({
      kind: 'corrupted',
      variant: 'too-many-profiles',
      params: { max: '500' },
    });
    expect(refusal(raw(...many), 'backup')).toEqual({
      kind: 'invalid-backup',
      variant: 'too-many-profiles',
      params: { max: '500' },
    });
  });
});

describe('validateContents: a key pair that is not one', () => {
  it('refuses an entry that is not a record, naming its position', () => {
    expect(refusal(raw(profile('p1'), null), 'vault')).toEqual({
      kind: 'corrupted',
      variant: 'not-a-profile',
      params: { profile: '2' },
    });
    expect(refusal(raw(['p1']), 'backup')).toEqual({
      kind: 'invalid-backup',
      variant: 'not-a-profile',
      params: one,
    });
  });

  for (const field of ['id', 'label', 'publicKey', 'privateKey', 'baseUrl'] as const) {
    it(`names ${field} when it is not text`, () => {
      expect(refusal(raw(profile('p1', { [field]: 42 })), 'vault')).toEqual({
        kind: 'corrupted',
        variant: 'not-text',
        field,
        params: one,
      });
    });
  }

  it('refuses an id outside the id format', () => {
    for (const id of ['', 'p 1', 'p1!', 'x'.repeat(65)]) {
      expect(refusal(raw(profile(id)), 'vault')).toEqual({
        kind: 'corrupted',
        variant: 'bad-format',
        field: 'id',
        params: one,
      });
    }
    expect(validateContents(raw(profile('A-z_9'.repeat(12).slice(0, 64))), 'vault').profiles).toHaveLength(1);
  });

  it('refuses an id used twice, naming both profiles', () => {
    expect(refusal(raw(profile('p1'), profile('p2'), profile('p1')), 'backup')).toEqual({
      kind: 'invalid-backup',
      variant: 'duplicate-id',
      field: 'id',
      params: { profile: '3', otherProfile: '1' },
    });
  });
});

describe('validateContents: names and keys, strict for a backup, lenient for the stored vault', () => {
  it('refuses a label with a control character in a backup, opens the vault with it cleaned', () => {
    const withTab = raw(profile('p1', { label: 'Client\tone' }));
    expect(refusal(withTab, 'backup')).toEqual({
      kind: 'invalid-backup',
      variant: 'control-character',
      field: 'label',
      params: one,
    });
    expect(validateContents(withTab, 'vault').profiles[0]!.label).toBe('Client one');
  });

  it('refuses a label longer than MAX_LABEL_LENGTH in a backup, opens the vault with it as saved', () => {
    const long = 'L'.repeat(MAX_LABEL_LENGTH + 1);
    expect(refusal(raw(profile('p1', { label: long })), 'backup')).toEqual({
      kind: 'invalid-backup',
      variant: 'too-long',
      field: 'label',
      params: one,
    });
    expect(validateContents(raw(profile('p1', { label: long })), 'vault').profiles[0]!.label).toBe(long);
    const atMost = 'L'.repeat(MAX_LABEL_LENGTH);
    expect(validateContents(raw(profile('p1', { label: atMost })), 'backup').profiles[0]!.label).toBe(atMost);
  });

  it('refuses an empty label in both', () => {
    const blank = raw(profile('p1', { label: '   ' }));
    expect(refusal(blank, 'vault')).toEqual({
      kind: 'corrupted',
      variant: 'empty',
      field: 'label',
      params: one,
    });
    expect(refusal(blank, 'backup')).toMatchObject({ kind: 'invalid-backup', variant: 'empty', field: 'label' });
  });

  for (const field of ['publicKey', 'privateKey'] as const) {
    it(`refuses an empty ${field} in both, an unsendable one only in a backup`, () => {
      expect(refusal(raw(profile('p1', { [field]: '' })), 'vault')).toEqual({
        kind: 'corrupted',
        variant: 'empty',
        field,
        params: one,
      });
      const spaced = raw(profile('p1', { [field]: 'ab cd' }));
      expect(refusal(spaced, 'backup')).toMatchObject({ variant: 'unsendable-character', field });
      expect(validateContents(spaced, 'vault').profiles[0]![field]).toBe('ab cd');
    });
  }
});

describe('validateContents: the server address', () => {
  it('refuses a blank address instead of reading it as Cloud Manager', () => {
    for (const source of ['vault', 'backup'] as const) {
      expect(refusal(raw(profile('p1', { baseUrl: '  ' })), source)).toEqual({
        kind: source === 'vault' ? 'corrupted' : 'invalid-backup',
        variant: 'empty',
        field: 'baseUrl',
        params: one,
      });
    }
  });

  it('refuses an address that is not an https:// or http:// origin', () => {
    for (const baseUrl of ['ftp://example.com', 'not a url', 'https://example.com/path']) {
      expect(refusal(raw(profile('p1', { baseUrl })), 'backup')).toEqual({
        kind: 'invalid-backup',
        variant: 'bad-format',
        field: 'baseUrl',
        params: one,
      });
    }
  });

  it('refuses an address not in normal form in the vault, normalises it in a backup', () => {
    const slash = raw(profile('p1', { baseUrl: 'https://Cloud.MongoDB.com/' }));
    expect(refusal(slash, 'vault')).toEqual({
      kind: 'corrupted',
      variant: 'not-normalised',
      field: 'baseUrl',
      params: one,
    });
    expect(validateContents(slash, 'backup').profiles[0]!.baseUrl).toBe('https://cloud.mongodb.com');
  });

  it('refuses an http:// confirmation that is not a boolean', () => {
    for (const insecureHttpConfirmed of ['yes', 1, null]) {
      expect(refusal(raw(profile('p1', { insecureHttpConfirmed })), 'vault')).toEqual({
        kind: 'corrupted',
        variant: 'bad-format',
        field: 'insecureHttpConfirmed',
        params: one,
      });
    }
  });
});

describe('validateContents: org ids', () => {
  it('refuses org ids that are not a list', () => {
    for (const orgIds of [undefined, ORG_A, { 0: ORG_A }]) {
      expect(refusal(raw(profile('p1', { orgIds })), 'vault')).toEqual({
        kind: 'corrupted',
        variant: 'not-a-list',
        field: 'orgIds',
        params: one,
      });
    }
  });

  it(`keeps ${MAX_ORGS_PER_PROFILE} org ids and refuses one more`, () => {
    expect(MAX_ORGS_PER_PROFILE).toBe(10_000);
    const ids = Array.from({ length: MAX_ORGS_PER_PROFILE + 1 }, (_, i) => i.toString(16).padStart(24, '0'));
    const kept = validateContents(raw(profile('p1', { orgIds: ids.slice(0, MAX_ORGS_PER_PROFILE) })), 'vault');
    expect(kept.profiles[0]!.orgIds).toHaveLength(MAX_ORGS_PER_PROFILE);
    expect(refusal(raw(profile('p1', { orgIds: ids })), 'backup')).toEqual({
      kind: 'invalid-backup',
      variant: 'too-many',
      field: 'orgIds',
      params: one,
    });
  });

  it('refuses an org id that is not one, naming its position in the list', () => {
    // An array holding an org id reads as that org id when turned into text: only the type check refuses it.
    for (const bad of ['xyz', ORG_A.toUpperCase(), 42, [ORG_B], null]) {
      expect(refusal(raw(profile('p1'), profile('p2', { orgIds: [ORG_A, bad] })), 'vault')).toEqual({
        kind: 'corrupted',
        variant: 'bad-org-id',
        field: 'orgIds',
        params: { profile: '2', org: '2' },
      });
    }
    expect(refusal(raw(profile('p1', { orgIds: ['xyz', ORG_A] })), 'backup')).toEqual({
      kind: 'invalid-backup',
      variant: 'bad-org-id',
      field: 'orgIds',
      params: { profile: '1', org: '1' },
    });
  });

  it('refuses an org bound to two key pairs, naming the first', () => {
    const twice = raw(profile('p1', { orgIds: [ORG_A] }), profile('p2'), profile('p3', { orgIds: [ORG_B, ORG_A] }));
    expect(refusal(twice, 'vault')).toEqual({
      kind: 'corrupted',
      variant: 'org-bound-twice',
      field: 'orgIds',
      params: { profile: '3', otherProfile: '1' },
    });
  });

  it('refuses a key pair bound to an org other than its key’s', () => {
    const other = raw(profile('p1', { org: { id: ORG_A, name: 'A' }, orgIds: [ORG_B] }));
    expect(refusal(other, 'backup')).toEqual({
      kind: 'invalid-backup',
      variant: 'other-org',
      field: 'orgIds',
      params: one,
    });
  });
});

describe('validateContents: times', () => {
  for (const field of ['createdAt', 'updatedAt'] as const) {
    it(`refuses a ${field} that is not a finite time from 1970 on, keeps 0`, () => {
      for (const value of ['5', '-1', Number.NaN, Number.POSITIVE_INFINITY, -1, -0.5, undefined, 5n]) {
        expect(refusal(raw(profile('p1', { [field]: value })), 'vault')).toEqual({
          kind: 'corrupted',
          variant: 'bad-time',
          field,
          params: one,
        });
      }
      expect(validateContents(raw(profile('p1', { [field]: 0 })), 'backup').profiles[0]![field]).toBe(0);
    });
  }
});
