// Targets by default (#31 item 3): a client with exactly one Atlas org gives each of its Cloud Manager orgs that
// target; an explicit choice, an explicit none included, wins over it; with several Atlas orgs the org is asked for
// one; a Cloud Manager key pair, another client's or an unidentified Atlas key pair never makes a default.
import { describe, expect, it } from 'vitest';
import { type AtlasOrgHolder, atlasTargetOf } from '../../../../src/core/vault';

const id = (c: string) => c.repeat(24);
const atlas = (label: string, org: string, name = `Atlas ${org.slice(0, 1)}`): AtlasOrgHolder => ({
  label,
  side: 'atlas',
  org: { id: org, name },
});
const cloudManager = (label: string, org: string): AtlasOrgHolder => ({
  label,
  side: 'cloud-manager',
  org: { id: org, name: 'CM' },
});

const oneAtlasOrg = [cloudManager('Acme', id('1')), atlas('Acme', id('a'), 'Acme Atlas')];
const twoAtlasOrgs = [...oneAtlasOrg, atlas(' Acme ', id('b'))];

describe('atlasTargetOf', () => {
  it("gives a client's only Atlas org as the default target", () => {
    expect(atlasTargetOf(oneAtlasOrg, 'Acme', undefined)).toEqual({ atlasOrgId: id('a'), source: 'default' });
    // Two key pairs of the same Atlas org are still one Atlas org.
    const twoKeys = [...oneAtlasOrg, atlas('Acme', id('a'), 'Acme Atlas (second key)')];
    expect(atlasTargetOf(twoKeys, 'Acme', undefined)).toEqual({ atlasOrgId: id('a'), source: 'default' });
  });

  it('lets an explicit choice win over the default: an Atlas org, or none', () => {
    expect(atlasTargetOf(oneAtlasOrg, 'Acme', id('c'))).toEqual({ atlasOrgId: id('c'), source: 'chosen' });
    expect(atlasTargetOf(oneAtlasOrg, 'Acme', null)).toEqual({ source: 'none-chosen' });
  });

  it('asks when the client has several Atlas orgs (labels compared trimmed), unless one was chosen', () => {
    expect(atlasTargetOf(twoAtlasOrgs, 'Acme', undefined)).toEqual({ source: 'ask' });
    expect(atlasTargetOf(twoAtlasOrgs, 'Acme', id('b'))).toEqual({ atlasOrgId: id('b'), source: 'chosen' });
  });

  it('has nothing for an org with no client, or a client with no identified Atlas key pair of its own', () => {
    expect(atlasTargetOf(oneAtlasOrg, undefined, undefined)).toEqual({ source: 'none' });
    expect(atlasTargetOf(oneAtlasOrg, 'Globex', undefined)).toEqual({ source: 'none' });
    // A Cloud Manager key pair is never an Atlas org, and an Atlas key pair the API has not named an org for has none.
    const noAtlas = [cloudManager('Acme', id('1')), cloudManager('Acme', id('2')), { label: 'Acme', side: 'atlas' }];
    expect(atlasTargetOf(noAtlas as AtlasOrgHolder[], 'Acme', undefined)).toEqual({ source: 'none' });
  });
});
