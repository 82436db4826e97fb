// An Atlas key pair never serves a Cloud Manager org, even from a record that says it is bound to one (a hand-made
// or damaged vault), and looking for an Atlas org's key pair passes over a record with no Atlas org (issue #18:
// both were mutants no test saw).
import { describe, expect, it } from 'vitest';
import { atlasKeyPairFor, profileForOrg } from '../../../../src/core/vault';
import { profile, vault } from '../../../support/vault-profiles';

const CM_ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';
const ATLAS_ORG = '6a1b2c3d4e5f60718293a4b5';

describe('the key pair that serves a Cloud Manager org', () => {
  it('is never an Atlas key pair, even one whose record lists that org as bound', () => {
    const atlas = profile('a', { side: 'atlas', orgIds: [CM_ORG], org: { id: ATLAS_ORG, name: 'Acme (Atlas)' } });
    const own = profile('c', { org: { id: CM_ORG, name: 'Acme' } });
    expect(profileForOrg(vault(atlas, own), CM_ORG)?.id).toBe('c');
    expect(profileForOrg(vault(atlas), CM_ORG)).toBeUndefined();
  });
});

describe("an Atlas org's key pair", () => {
  it('passes over an Atlas record that names no org', () => {
    const unnamed = profile('u', { side: 'atlas' });
    const named = profile('n', { side: 'atlas', org: { id: ATLAS_ORG, name: 'Acme (Atlas)' } });
    expect(atlasKeyPairFor([unnamed, named], ATLAS_ORG)?.id).toBe('n');
    expect(atlasKeyPairFor([unnamed], ATLAS_ORG)).toBeUndefined();
  });
});
