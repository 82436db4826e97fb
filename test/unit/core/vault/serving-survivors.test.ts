// What mutation testing found unprotected in serving.ts (issue #18): a public key that arrives as no text from a
// page, and the exact refusals of setIdentity (a key pair that is gone, an org id the server cannot have meant).
import { describe, expect, it } from 'vitest';
import { profileWithKey, setIdentity, type VaultContents } from '../../../../src/core/vault';
import { profile, refusal } from '../../../support/vault-profiles';

const ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';
const BASE = 'https://cloud.mongodb.com';

describe('profileWithKey', () => {
  it('reads a public key that is not text as the empty one, rather than throwing', () => {
    const contents: VaultContents = { version: 1, profiles: [profile('p1'), profile('p2', { publicKey: '' })] };
    for (const publicKey of [undefined, null, 42, { trim: () => 'qwhtzmpa' }]) {
      expect(profileWithKey(contents, publicKey as never, BASE)?.id).toBe('p2');
    }
    const plain: VaultContents = { version: 1, profiles: [profile('p1')] };
    expect(profileWithKey(plain, undefined as never, BASE)).toBeUndefined();
    expect(profileWithKey(plain, ' qwhtzmpa\n', BASE)?.id).toBe('p1');
  });
});

describe('setIdentity refuses', () => {
  const contents: VaultContents = { version: 1, profiles: [profile('p1')] };

  it('a key pair that is gone', () => {
    expect(refusal(() => setIdentity(contents, 'p2', { kind: 'global' }))).toEqual({
      kind: 'unknown-profile',
      variant: undefined,
      field: undefined,
    });
  });

  it('an org id that is not 24 hex digits', () => {
    const org = { id: `${ORG}0`, name: 'Acme' };
    expect(refusal(() => setIdentity(contents, 'p1', { kind: 'org', org, projects: [] }))).toEqual({
      kind: 'invalid-profile',
      variant: 'bad-org-id',
      field: 'org',
    });
  });
});
