// WWW-Authenticate / Authentication-Info parsing (RFC 7235, RFC 7616) and the choice of the strongest supported
// Digest challenge; malformed or unsupported input is a typed DigestError that says what was wrong.
import { describe, expect, it } from 'vitest';
import { DigestError, parseChallenges, parseParamList, pickDigestChallenge } from '../../../../src/core/digest';

const CM = `Digest realm="MMS Public API", domain="", nonce="I+xG4xb7bUgq8uMBCuAxZPI+VDDcJ9q1", algorithm=MD5, qop="auth", stale=false`;
const NEGOTIATE = 'YIIBzwYGKwYBBQUCoIIBwzCCAb+gMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICHg==';

function thrown(run: () => unknown): DigestError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DigestError);
    return error as DigestError;
  }
  throw new Error('expected a DigestError');
}

describe('parseChallenges', () => {
  it("reads Cloud Manager's real challenge: unquoted tokens, an empty quoted value, a nonce with + / =", () => {
    expect(parseChallenges(CM)).toEqual([
      {
        scheme: 'Digest',
        params: {
          realm: 'MMS Public API',
          domain: '',
          nonce: 'I+xG4xb7bUgq8uMBCuAxZPI+VDDcJ9q1',
          algorithm: 'MD5',
          qop: 'auth',
          stale: 'false',
        },
      },
    ]);
    expect(parseChallenges('Digest realm="r", nonce="a+b/c==", opaque="x/y+z="')[0]!.params).toEqual({
      realm: 'r',
      nonce: 'a+b/c==',
      opaque: 'x/y+z=',
    });
  });

  it('splits several challenges in one header, with Basic, Bearer and Negotiate mixed in', () => {
    const header = `Basic realm="simple", Negotiate ${NEGOTIATE}, Digest realm="r1", nonce="n1", algorithm=SHA-256, Bearer, Bearer realm="api", error="invalid_token", Negotiate abc=, Digest realm="r2", nonce="n2"`;
    expect(parseChallenges(header)).toEqual([
      { scheme: 'Basic', params: { realm: 'simple' } },
      { scheme: 'Negotiate', params: {}, token68: NEGOTIATE },
      { scheme: 'Digest', params: { realm: 'r1', nonce: 'n1', algorithm: 'SHA-256' } },
      { scheme: 'Bearer', params: {} },
      { scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token' } },
      { scheme: 'Negotiate', params: {}, token68: 'abc=' },
      { scheme: 'Digest', params: { realm: 'r2', nonce: 'n2' } },
    ]);
  });

  it('reads challenges across several headers (as an array, and as Headers joins them)', () => {
    const values = ['Negotiate', `Basic realm="b"`, `${CM}, Digest realm="x", nonce="y", algorithm=SHA-256`];
    const expected = parseChallenges(values);
    expect(expected.map((c) => c.scheme)).toEqual(['Negotiate', 'Basic', 'Digest', 'Digest']);
    const headers = new Headers();
    for (const v of values) headers.append('WWW-Authenticate', v);
    expect(parseChallenges(headers.get('www-authenticate')!)).toEqual(expected);
    expect(pickDigestChallenge(headers.get('www-authenticate'))).toMatchObject({ algorithm: 'SHA-256', nonce: 'y' });
  });

  it('lowercases parameter names, keeps the scheme as sent, unescapes quoted-pairs', () => {
    const [c] = parseChallenges('DIGEST REALM="a \\"quoted\\" \\\\ realm, with = signs", NoNcE="n", X-Unknown="\\z"');
    expect(c).toEqual({
      scheme: 'DIGEST',
      params: { realm: 'a "quoted" \\ realm, with = signs', nonce: 'n', 'x-unknown': 'z' },
    });
  });

  it('accepts empty list elements and whitespace around "=" (RFC 7230 §7, RFC 7235 BWS)', () => {
    expect(parseChallenges(' ,, Digest realm = "r" ,, nonce=\t"n" , , Basic realm="b",')).toEqual([
      { scheme: 'Digest', params: { realm: 'r', nonce: 'n' } },
      { scheme: 'Basic', params: { realm: 'b' } },
    ]);
    expect(parseChallenges('')).toEqual([]);
  });

  it.each([
    ['Digest realm="never closed'],
    ['Digest realm="r\\'],
    ['Digest realm="r" nonce="n"'],
    ['="x"'],
    ['Digest realm="r", nonce="n", ="x"'],
    ['Bearer abc def'],
    ['Digest@ realm="r"'],
    ['Digest realm="r", nonce=@'],
    // "/" and "=" are not token characters: an unquoted nonce holding them is refused, not truncated.
    ['Digest realm="r", nonce=a/b='],
    // A scheme runs into what would read as a token68 ("/" and "=" are token68's, not a token's): no separator.
    ['Digest/x'],
    ['Negotiate/abc=='],
  ])('%j is a malformed-challenge DigestError', (header) => {
    const error = thrown(() => parseChallenges(header));
    expect(error.kind).toBe('malformed-challenge');
  });
});

describe('pickDigestChallenge', () => {
  const digest = (algorithm: string | undefined, nonce = `n-${algorithm}`) =>
    `Digest realm="r", nonce="${nonce}", qop="auth"${algorithm ? `, algorithm=${algorithm}` : ''}`;

  it('reads the Cloud Manager challenge', () => {
    expect(pickDigestChallenge(CM)).toEqual({
      algorithm: 'MD5',
      realm: 'MMS Public API',
      nonce: 'I+xG4xb7bUgq8uMBCuAxZPI+VDDcJ9q1',
      qop: 'auth',
      opaque: undefined,
      userhash: false,
      utf8: false,
      stale: false,
    });
  });

  it('picks the strongest supported: SHA-256 > SHA-256-sess > MD5 > MD5-sess, skipping unknown ones', () => {
    const all = ['MD5-sess', 'SHA-512-256', 'MD5', 'SHA-256-sess', 'SHA-256'];
    for (let n = all.length; n > 0; n--) {
      const offered = all.slice(0, n);
      const best = ['SHA-256', 'SHA-256-sess', 'MD5', 'MD5-sess'].find((a) => offered.includes(a));
      const header = ['Basic realm="x"', ...offered.map((a) => digest(a)), 'Bearer'].join(', ');
      expect(pickDigestChallenge(header)).toMatchObject({ algorithm: best, nonce: `n-${best}` });
      expect(
        pickDigestChallenge(
          offered
            .reverse()
            .map((a) => digest(a))
            .join(', '),
        )?.algorithm,
      ).toBe(best);
    }
  });

  it('reads names and values case-insensitively: algorithm, qop, stale, userhash, charset', () => {
    const header =
      'dIgEsT REALM="r", NONCE="n", ALGORITHM=sha-256-SESS, QOP="AUTH-INT , Auth", STALE=TRUE, USERHASH=True, CHARSET=utf-8, OPAQUE="o"';
    expect(pickDigestChallenge(header)).toEqual({
      algorithm: 'SHA-256-sess',
      realm: 'r',
      nonce: 'n',
      qop: 'auth',
      opaque: 'o',
      userhash: true,
      utf8: true,
      stale: true,
    });
  });

  it('no algorithm means MD5 (RFC 7616 §3.3); qop auth-int only when it is the only offer; no qop = RFC 2069', () => {
    expect(pickDigestChallenge(digest(undefined))?.algorithm).toBe('MD5');
    expect(pickDigestChallenge('Digest realm="r", nonce="n", qop="auth-int"')?.qop).toBe('auth-int');
    expect(pickDigestChallenge('Digest realm="r", nonce="n", qop="auth-int,auth"')?.qop).toBe('auth');
    expect(pickDigestChallenge('Digest realm="r", nonce="n", stale=false')).toMatchObject({ qop: undefined });
  });

  it('ignores unknown parameters', () => {
    const plain = pickDigestChallenge(digest('SHA-256'));
    const noisy = pickDigestChallenge(
      `Digest foo=bar, realm="r", x-custom="a, b=c", nonce="n-SHA-256", qop="auth", algorithm=SHA-256, domain="/ /api", baz="q\\"q"`,
    );
    expect(noisy).toEqual(plain);
  });

  it('returns undefined when no Digest challenge is offered', () => {
    expect(pickDigestChallenge(null)).toBeUndefined();
    expect(pickDigestChallenge('')).toBeUndefined();
    expect(pickDigestChallenge(`Basic realm="r", Bearer, Negotiate ${NEGOTIATE}`)).toBeUndefined();
  });

  it('skips a challenge it cannot answer (unknown qop, -sess without qop) for a weaker one it can', () => {
    const sha = 'Digest realm="r", nonce="sha", algorithm=SHA-256, qop="auth-conf"';
    const sess = 'Digest realm="r", nonce="sess", algorithm=SHA-256-sess';
    expect(pickDigestChallenge(`${sha}, ${sess}, ${digest('MD5')}`)).toMatchObject({ algorithm: 'MD5', qop: 'auth' });
  });

  it('a Digest parameter given twice with two values is malformed; an unknown one, or the same value twice, is not', () => {
    for (const header of [
      'Digest realm="r", nonce="a", NONCE="b", qop="auth"',
      'Digest realm="r", nonce="n", algorithm=MD5, algorithm=SHA-256, stale=true, stale=false',
    ]) {
      expect(thrown(() => pickDigestChallenge(header)).kind).toBe('malformed-challenge');
    }
    expect(pickDigestChallenge('Digest realm="r", nonce="n", x="1", x="2", nonce="n"')).toMatchObject({ nonce: 'n' });
    // Another scheme's repeated parameter is its own business.
    expect(pickDigestChallenge('Bearer error="a", error="b", Digest realm="r", nonce="n"')).toMatchObject({
      nonce: 'n',
    });
  });

  it("an unsupported offer's message is its kind: the server's value is never repeated", () => {
    const error = thrown(() => pickDigestChallenge(`Digest realm="r", nonce="n", algorithm=${'X'.repeat(500)}`));
    expect([error.kind, error.message]).toEqual(['unsupported-challenge', 'unsupported-challenge']);
  });

  it.each([
    [digest('SHA-512-256'), 'unsupported-challenge'],
    [`${digest('SHA-512-256')}, ${digest('sha-1')}`, 'unsupported-challenge'],
    ['Digest realm="r", nonce="n", qop="auth-conf"', 'unsupported-challenge'],
    ['Digest realm="r", nonce="n", algorithm=MD5-sess', 'unsupported-challenge'],
    ['Digest realm="r", algorithm=MD5', 'malformed-challenge'],
    ['Digest nonce="n"', 'malformed-challenge'],
    ['Digest realm="r", nonce=""', 'malformed-challenge'],
    ['Digest', 'malformed-challenge'],
    ['Digest realm="r", nonce="unterminated', 'malformed-challenge'],
  ])('%j → %s, never a silent MD5', (header, kind) => {
    const error = thrown(() => pickDigestChallenge(header));
    expect(error.kind).toBe(kind);
  });
});

describe('parseParamList (Authentication-Info)', () => {
  it('reads rspauth, cnonce, nc, qop and nextnonce', () => {
    expect(
      parseParamList(
        'rspauth="6629fae49393a05397450978507c4ef1", cnonce="0a4f113b", NC=00000001, qop=auth, nextnonce="+/x="',
      ),
    ).toEqual({
      rspauth: '6629fae49393a05397450978507c4ef1',
      cnonce: '0a4f113b',
      nc: '00000001',
      qop: 'auth',
      nextnonce: '+/x=',
    });
    expect(parseParamList('')).toEqual({});
  });

  it('is a typed error when malformed, when a parameter comes twice with two values, or when text is left over', () => {
    expect(thrown(() => parseParamList('nextnonce="abc')).kind).toBe('malformed-challenge');
    expect(thrown(() => parseParamList('rspauth')).kind).toBe('malformed-challenge');
    expect(thrown(() => parseParamList('nextnonce="a", rspauth="00", nextnonce="b"')).kind).toBe('malformed-challenge');
    // The same value twice is no conflict.
    expect(parseParamList('nextnonce="a", nextnonce="a"')).toEqual({ nextnonce: 'a' });
    expect(thrown(() => parseParamList('rspauth="00", trailing garbage')).kind).toBe('malformed-challenge');
  });
});
