// The Authorization header as written: every quoted value escaped, tokens unquoted, opaque echoed, the RFC 2069
// form without qop, userhash and username*; cnonce from the injected random source, fresh per request.
import { describe, expect, it } from 'vitest';
import { authorizationHeader, type DigestParams, type SigningInput } from '../../../../src/core/digest';
import { digestSetup, URL_A } from './fake-digest-server';
import { H, parseDigestHeader, q, rawParam, refResponse } from './reference';

const nasty = 'a "quoted" \\ back\\slash, comma=eq';
const params: DigestParams = {
  algorithm: 'SHA-256',
  realm: `realm ${nasty}`,
  nonce: `nonce+/= ${nasty}`,
  qop: 'auth',
  opaque: `opaque ${nasty}`,
  userhash: false,
  utf8: false,
};
const input: SigningInput = {
  username: `user ${nasty}`,
  password: 'pw',
  method: 'GET',
  uri: '/a%22b/c?q=%5C',
  nc: 10,
  cnonce: 'abc123',
};

describe('authorizationHeader', () => {
  it('escapes " and \\ in every quoted value, and the server reads back the exact values', () => {
    const header = authorizationHeader(params, input);
    for (const [name, value] of [
      ['username', input.username],
      ['realm', params.realm],
      ['nonce', params.nonce],
      ['opaque', params.opaque!],
      ['uri', input.uri],
      ['cnonce', input.cnonce],
    ] as const) {
      expect(rawParam(header, name)).toBe(q(value));
    }
    const sent = parseDigestHeader(header);
    expect(sent).toMatchObject({ username: input.username, realm: params.realm, nonce: params.nonce });
    expect(sent.response).toBe(refResponse({ ...input, ...params, qop: 'auth', nc: '0000000a' }));
  });

  it('writes algorithm, qop and nc as tokens, response quoted, in one Digest credential', () => {
    const header = authorizationHeader(params, input);
    expect(header).toMatch(/^Digest username="/);
    expect(rawParam(header, 'algorithm')).toBe('SHA-256');
    expect(rawParam(header, 'qop')).toBe('auth');
    expect(rawParam(header, 'nc')).toBe('0000000a');
    expect(rawParam(header, 'response')).toMatch(/^"[0-9a-f]{64}"$/);
    expect(header).not.toMatch(/userhash|username\*/);
  });

  it('echoes opaque exactly, including an empty one, and omits it when not offered', () => {
    expect(rawParam(authorizationHeader({ ...params, opaque: '' }, input), 'opaque')).toBe('""');
    expect(authorizationHeader({ ...params, opaque: undefined }, input)).not.toMatch(/opaque/);
  });

  it('RFC 2069 form without qop: no qop, nc or cnonce; response = H(HA1:nonce:HA2)', () => {
    const header = authorizationHeader({ ...params, qop: undefined }, input);
    const sent = parseDigestHeader(header);
    expect(Object.keys(sent).sort()).toEqual(['algorithm', 'nonce', 'opaque', 'realm', 'response', 'uri', 'username']);
    expect(sent.response).toBe(refResponse({ ...input, ...params, qop: undefined, nc: undefined }));
  });

  it('userhash=true sends H(user:realm) and userhash=true; username* only with charset=UTF-8 and non-ASCII', () => {
    const hashed = parseDigestHeader(authorizationHeader({ ...params, userhash: true }, input));
    expect(hashed.username).toBe(H('SHA-256', `${input.username}:${params.realm}`));
    expect(hashed.userhash).toBe('true');
    const ascii = authorizationHeader({ ...params, utf8: true }, input);
    expect(rawParam(ascii, 'username')).toBe(q(input.username));
    const utf8 = authorizationHeader({ ...params, utf8: true }, { ...input, username: "Jäsøn (O'Doe)*" });
    expect(rawParam(utf8, 'username*')).toBe("UTF-8''J%C3%A4s%C3%B8n%20%28O%27Doe%29%2A");
    expect(rawParam(utf8, 'username')).toBeUndefined();
  });
});

describe('cnonce', () => {
  it('comes from the injected random source, is fresh per request and hex-encoded', async () => {
    const asked: number[] = [];
    let counter = 0;
    const randomBytes = (n: number) => {
      asked.push(n);
      return new Uint8Array(n).fill(++counter);
    };
    const { server, client } = digestSetup({}, { randomBytes });
    await client(URL_A);
    await client(URL_A);
    const cnonces = server.take().flatMap((s) => (s.params ? [s.params.cnonce] : []));
    expect(cnonces).toEqual(['01'.repeat(asked[0]!), '02'.repeat(asked[1]!)]);
    expect(asked.every((n) => n >= 8)).toBe(true);
  });

  it('defaults to crypto.getRandomValues: 50 requests, 50 distinct cnonces', async () => {
    const { server, client } = digestSetup();
    await Promise.all(Array.from({ length: 50 }, () => client(URL_A)));
    const cnonces = server.take().flatMap((s) => (s.params ? [s.params.cnonce] : []));
    expect(cnonces.length).toBeGreaterThanOrEqual(50);
    expect(new Set(cnonces).size).toBe(cnonces.length);
    expect(cnonces.every((c) => /^[0-9a-f]{32,}$/.test(c!))).toBe(true);
  });
});
