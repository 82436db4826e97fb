// Protects where parseUiUrl (ui-url.ts, issue #18) reads an id: only the start of the hash names an org and only a
// whole /v2/{id} path names a project, nothing after a second '#' counts, a known base must itself be an http(s)
// address, and a value that is not a string is never turned into one.
import { describe, expect, it } from 'vitest';
import { parseUiUrl } from '../../../../src/core/cloudmanager';

const ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';
const GROUP = '60aa11bb22cc33dd44ee55ff';
const CM = 'https://cloud.mongodb.com';

describe('parseUiUrl: where the id is read', () => {
  it.each([
    [`${CM}/v2#/x#/org/${ORG}`, 'an org named after a second # in the hash'],
    [`${CM}/v2#/projects/#org/${ORG}`, 'an org named in the middle of the hash'],
    [`${CM}/v2#/org/${ORG}#frag`, 'an org id followed by a second #'],
    [`${CM}/x/v2/${GROUP}`, 'a project path under another folder'],
    [`${CM}/api/v2/${GROUP}/`, 'a project path under /api'],
    [`${CM}/v2#/projects`, 'an org page hash without an org'],
    [`${CM}/v2`, 'the bare /v2 page'],
  ])('%s is nothing (%s)', (url) => {
    expect(parseUiUrl(url)).toBeNull();
  });

  it('still reads the plain forms', () => {
    expect(parseUiUrl(`${CM}/v2#/org/${ORG}`)).toEqual({ kind: 'org', orgId: ORG, base: CM });
    expect(parseUiUrl(`${CM}/v2/${GROUP}/`)).toEqual({ kind: 'group', groupId: GROUP, base: CM });
  });
});

describe('parseUiUrl: known bases and odd input', () => {
  it('a known base that is not an http(s) address adds nothing, even when it has an http origin', () => {
    const blob = 'blob:https://ops.example.com/0d1e';
    expect(parseUiUrl(`https://ops.example.com/v2#/org/${ORG}`, [blob])).toBeNull();
    expect(parseUiUrl(`https://ops.example.com/v2#/org/${ORG}`, ['https://ops.example.com/anything'])).toEqual({
      kind: 'org',
      orgId: ORG,
      base: 'https://ops.example.com',
    });
  });

  it('an unreadable known base is skipped and the others still count', () => {
    expect(parseUiUrl(`http://ops.example:8080/v2/${GROUP}`, ['not a url', 'http://ops.example:8080'])).toEqual({
      kind: 'group',
      groupId: GROUP,
      base: 'http://ops.example:8080',
    });
  });

  it('a value that is not a string is nothing, even one that turns into an address', () => {
    const url = `${CM}/v2#/org/${ORG}`;
    expect(parseUiUrl({ toString: () => url } as unknown as string)).toBeNull();
    expect(parseUiUrl([url] as unknown as string)).toBeNull();
    expect(parseUiUrl(undefined as unknown as string)).toBeNull();
  });
});
