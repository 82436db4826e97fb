// The edges of header parsing (issue #18): each malformed header or Authentication-Info is refused as a
// malformed-challenge whose message is that kind (never the header, never a server value), a tab may separate
// scheme and parameters, and a token68 starts right after its scheme (a stray character is refused, not skipped).
import { describe, expect, it } from 'vitest';
import { DigestError, parseChallenges, parseParamList, pickDigestChallenge } from '../../../../src/core/digest';

function thrown(run: () => unknown): DigestError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DigestError);
    return error as DigestError;
  }
  throw new Error('expected a DigestError');
}

describe('parseParamList (Authentication-Info) refuses malformed text', () => {
  it.each([
    ['=abc'],
    ['rspauth "00"'],
    ['rspauth="00", trailing'],
    ['rspauth="00", nc=1, qop=auth, NC=2, QOP=auth-int'],
  ])('%j', (text) => {
    const error = thrown(() => parseParamList(text));
    expect([error.kind, error.message]).toEqual(['malformed-challenge', 'malformed-challenge']);
  });
});

describe('parseChallenges', () => {
  it('refuses a challenge that is neither parameters nor a token68', () => {
    expect(thrown(() => parseChallenges('Negotiate "abc"')).kind).toBe('malformed-challenge');
  });

  it.each([['Negotiate ?,a'], ['Bearer @@,x']])(
    'refuses %j: a token68 must start right after the scheme, no character skipped',
    (header) => {
      expect(thrown(() => parseChallenges(header)).kind).toBe('malformed-challenge');
    },
  );

  it('refuses a scheme not followed by a space', () => {
    expect(thrown(() => parseChallenges('Digest@ realm="r"')).kind).toBe('malformed-challenge');
  });

  it('accepts a tab between the scheme and its parameters or token68', () => {
    expect(parseChallenges('Digest\trealm="r", nonce="n", Negotiate\tabc==')).toEqual([
      { scheme: 'Digest', params: { realm: 'r', nonce: 'n' } },
      { scheme: 'Negotiate', params: {}, token68: 'abc==' },
    ]);
    expect(pickDigestChallenge('Digest\trealm="r", nonce="n", qop="auth"')).toMatchObject({ realm: 'r', nonce: 'n' });
  });

  it('never echoes the header in a message', () => {
    const secret = 'Digest realm="r", nonce="s3cr3t-n0nce" username="Mufasa"';
    expect(thrown(() => parseChallenges(secret)).message).not.toMatch(/s3cr3t|Mufasa/);
  });
});

describe('a server value the client does not support', () => {
  it.each([
    ['algorithm', `algorithm=${'X'.repeat(40)}`],
    ['qop', `qop="${'Y'.repeat(41)}"`],
  ])('(%s) is an unsupported-challenge whose message never repeats it', (_name, offer) => {
    const error = thrown(() => pickDigestChallenge(`Digest realm="r", nonce="n", ${offer}`));
    expect([error.kind, error.message]).toEqual(['unsupported-challenge', 'unsupported-challenge']);
    expect(error.message).not.toMatch(/XXXX|YYYY/);
  });
});
