import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUiUrl } from '../../../../src/core/cloudmanager';

const ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';
const GROUP = '60aa11bb22cc33dd44ee55ff';
const CM = 'https://cloud.mongodb.com';
const OPS = 'http://opsmanager.example:8080';

const objectId = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 24, maxLength: 24 });
const tail = fc.oneof(
  fc.constantFrom('', '/', '/projects', '/settings/general', '/access/apiKeys', '?tab=1', '/projects?x=y&z=1'),
  fc.array(fc.webSegment(), { maxLength: 4 }).map((segments) => segments.map((s) => `/${s}`).join('')),
);
const orgHash = fc.constantFrom('#/org/', '#org/');
const projectHash = fc.constantFrom('', '#', '#deployment/topology', '#/clusters', '#/metrics?x=1');
const base = fc.constantFrom(CM, OPS, 'https://ops.internal.example', 'http://127.0.0.1:9080');

describe('parseUiUrl', () => {
  it.each([
    [`${CM}/v2#/org/${ORG}/projects`, { kind: 'org', orgId: ORG, base: CM }],
    [`${CM}/v2#/org/${ORG}/settings/general`, { kind: 'org', orgId: ORG, base: CM }],
    [`${CM}/v2#/org/${ORG}/access/apiKeys`, { kind: 'org', orgId: ORG, base: CM }],
    [`${CM}/v2#/org/${ORG}`, { kind: 'org', orgId: ORG, base: CM }],
    [`${CM}/v2#org/${ORG}?x=1`, { kind: 'org', orgId: ORG, base: CM }],
    [`${CM}/v2/?utm=1#/org/${ORG}/projects`, { kind: 'org', orgId: ORG, base: CM }],
    [`${CM}/v2/${GROUP}#deployment/topology`, { kind: 'group', groupId: GROUP, base: CM }],
    [`${CM}/v2/${GROUP}#/clusters`, { kind: 'group', groupId: GROUP, base: CM }],
    [`https://CLOUD.mongodb.com:443/v2/${GROUP}#/clusters`, { kind: 'group', groupId: GROUP, base: CM }],
  ])('reads %s', (url, expected) => {
    expect(parseUiUrl(url)).toEqual(expected);
  });

  it('reads the same shapes on a known Ops Manager origin', () => {
    expect(parseUiUrl(`${OPS}/v2#/org/${ORG}/projects`, [`${OPS}/`])).toEqual({ kind: 'org', orgId: ORG, base: OPS });
    expect(parseUiUrl(`${OPS}/v2/${GROUP}#deployment/topology`, [OPS])).toEqual({
      kind: 'group',
      groupId: GROUP,
      base: OPS,
    });
  });

  it.each([
    [`${OPS}/v2#/org/${ORG}/projects`, 'an Ops Manager host nobody registered'],
    [`https://evil.example/v2#/org/${ORG}/projects`, 'another host'],
    [`https://cloud.mongodb.com.evil.example/v2#/org/${ORG}`, 'a look-alike host'],
    [`http://cloud.mongodb.com/v2#/org/${ORG}/projects`, 'plain http on the Cloud Manager host'],
    [`${CM}/v2#/org/${ORG.toUpperCase()}/projects`, 'an uppercase id'],
    [`${CM}/v2#/org/${ORG.slice(1)}/projects`, 'a short id'],
    [`${CM}/v2#/org/${ORG}0/projects`, 'a long id'],
    [`${CM}/v2#/preferences`, 'the preferences page'],
    [`${CM}/v2#/account/profile`, 'an account page'],
    [`${CM}/account/login`, 'the login page'],
    [`${CM}/v2/${GROUP}/extra#/clusters`, 'a longer path'],
    [`${CM}/v3#/org/${ORG}/projects`, 'another path'],
    [`${CM}/v2#/orgs/${ORG}`, 'a different hash word'],
    ['not a url', 'garbage'],
    ['', 'nothing'],
  ])('returns null for %s (%s)', (url) => {
    expect(parseUiUrl(url, [OPS.replace('8080', '9999')])).toBeNull();
  });

  it('round-trips any org id in any org page shape', () => {
    fc.assert(
      fc.property(base, objectId, orgHash, tail, (origin, id, hash, rest) => {
        expect(
          parseUiUrl(`${origin}/v2${hash}${id}${rest}`, [OPS, 'https://ops.internal.example', 'http://127.0.0.1:9080']),
        ).toEqual({
          kind: 'org',
          orgId: id,
          base: origin,
        });
      }),
    );
  });

  it('round-trips any project id in any project page shape', () => {
    fc.assert(
      fc.property(base, objectId, projectHash, (origin, id, hash) => {
        expect(
          parseUiUrl(`${origin}/v2/${id}${hash}`, [OPS, 'https://ops.internal.example', 'http://127.0.0.1:9080']),
        ).toEqual({
          kind: 'group',
          groupId: id,
          base: origin,
        });
      }),
    );
  });

  it('refuses an id with any uppercase letter', () => {
    fc.assert(
      fc.property(
        objectId.filter((id) => /[a-f]/.test(id)),
        orgHash,
        (id, hash) => {
          expect(parseUiUrl(`${CM}/v2${hash}${id.toUpperCase()}/projects`)).toBeNull();
          expect(parseUiUrl(`${CM}/v2/${id.toUpperCase()}#/clusters`)).toBeNull();
        },
      ),
    );
  });

  it('never throws and only ever returns a valid id', () => {
    const anyUrl = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.webUrl({ withFragments: true, withQueryParameters: true }),
      fc.tuple(base, fc.string(), fc.string()).map(([o, p, h]) => `${o}/v2${p}#${h}`),
    );
    fc.assert(
      fc.property(anyUrl, fc.array(fc.string(), { maxLength: 3 }), (url, bases) => {
        const found = parseUiUrl(url, bases);
        if (found) expect(found.kind === 'org' ? found.orgId : found.groupId).toMatch(/^[a-f0-9]{24}$/);
      }),
    );
  });
});
