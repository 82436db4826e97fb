// The words and edges of header parsing (issue #18): each malformed header or Authentication-Info is refused with a
// message that says what was expected and where (never the header itself), a tab may separate scheme and
// parameters, a token68 starts right after its scheme (a stray character is refused, not skipped), and a server
// value quoted in a message is cut short only past 40 characters.
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

describe('parseParamList (Authentication-Info) refuses malformed text, saying what and where', () => {
  it.each([
    ['=abc', 'Malformed authentication header: expected a parameter name at character 1.'],
    ['rspauth "00"', 'Malformed authentication header: expected "=" after "rspauth" at character 9.'],
    ['rspauth="00", trailing', 'Malformed authentication header: expected a parameter at character 15.'],
    ['rspauth="00", nc=1, qop=auth, NC=2, QOP=auth-int', 'Parameter nc, qop is given twice, with two values.'],
  ])('%j', (text, message) => {
    const error = thrown(() => parseParamList(text));
    expect(error.kind).toBe('malformed-challenge');
    expect(error.message).toBe(message);
  });
});

describe('parseChallenges', () => {
  it('refuses a challenge that is neither parameters nor a token68, saying where', () => {
    const error = thrown(() => parseChallenges('Negotiate "abc"'));
    expect(error.kind).toBe('malformed-challenge');
    expect(error.message).toBe('Malformed authentication header: expected parameters or a token68 at character 11.');
  });

  it.each([
    ['Negotiate ?,a', 11],
    ['Bearer @@,x', 8],
  ])('refuses %j: a token68 must start right after the scheme, no character skipped', (header, at) => {
    const error = thrown(() => parseChallenges(header));
    expect(error.message).toBe(`Malformed authentication header: expected parameters or a token68 at character ${at}.`);
  });

  it('says where the scheme is not followed by a space', () => {
    expect(thrown(() => parseChallenges('Digest@ realm="r"')).message).toBe(
      'Malformed authentication header: expected a space after the scheme at character 7.',
    );
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

describe('a server value quoted in an error message', () => {
  it('is shown whole up to 40 characters', () => {
    const value = 'X'.repeat(40);
    const error = thrown(() => pickDigestChallenge(`Digest realm="r", nonce="n", algorithm=${value}`));
    expect(error.message).toBe(
      `The server offers only Digest challenges this client does not support: algorithm=${value}.`,
    );
  });

  it('is cut at 40 characters with an ellipsis beyond', () => {
    const value = 'Y'.repeat(41);
    const error = thrown(() => pickDigestChallenge(`Digest realm="r", nonce="n", qop="${value}"`));
    expect(error.message).toBe(
      `The server offers only Digest challenges this client does not support: qop="${'Y'.repeat(40)}…".`,
    );
  });
});
