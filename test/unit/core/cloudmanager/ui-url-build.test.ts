// The web UI addresses the dashboard links to: an org's page and its API keys page, on Cloud Manager or on an Ops
// Manager server; an id that is no org id, or a base that is no web address, makes no link at all.
import { describe, expect, it } from 'vitest';
import { orgApiKeysUrl, orgPageUrl, parseUiUrl } from '../../../../src/core/cloudmanager/ui-url';

const ORG = '5f1a2b3c4d5e6f7081920a1b';

describe('building UI addresses', () => {
  it("makes an org's page and its API keys page on Cloud Manager when no server is saved", () => {
    expect(orgPageUrl(ORG)).toBe(`https://cloud.mongodb.com/v2#/org/${ORG}/projects`);
    expect(orgApiKeysUrl(ORG)).toBe(`https://cloud.mongodb.com/v2#/org/${ORG}/access/apiKeys`);
    expect(orgPageUrl(ORG, '')).toBe(`https://cloud.mongodb.com/v2#/org/${ORG}/projects`);
  });

  it("makes them on an Ops Manager server's own origin (its path and query left out)", () => {
    expect(orgPageUrl(ORG, 'https://opsmgr.example.com:8443/some/path?x=1')).toBe(
      `https://opsmgr.example.com:8443/v2#/org/${ORG}/projects`,
    );
    expect(orgApiKeysUrl(ORG, 'http://10.0.0.5:8080')).toBe(`http://10.0.0.5:8080/v2#/org/${ORG}/access/apiKeys`);
  });

  it('makes no address from an id that is no org id or a base that is no web address', () => {
    for (const bad of ['', 'ABCDEF0123456789abcdef01', `${ORG}/../x`, `${ORG}#`, '5f1a2b3c']) {
      expect(orgPageUrl(bad)).toBeUndefined();
      expect(orgApiKeysUrl(bad)).toBeUndefined();
    }
    for (const base of ['javascript:alert(1)', 'not a url', 'file:///etc/passwd']) {
      expect(orgPageUrl(ORG, base)).toBeUndefined();
      expect(orgApiKeysUrl(ORG, base)).toBeUndefined();
    }
  });

  it('builds org pages that the parser reads back as the same org and server', () => {
    expect(parseUiUrl(orgPageUrl(ORG)!)).toEqual({ kind: 'org', orgId: ORG, base: 'https://cloud.mongodb.com' });
    const base = 'https://opsmgr.example.com:8443';
    expect(parseUiUrl(orgApiKeysUrl(ORG, base)!, [base])).toEqual({ kind: 'org', orgId: ORG, base });
  });
});
