// parseTokenAnswer, by property: every well-formed Bearer answer is read exactly (lifetime capped at a day, the token
// type in any case); anything else (other JSON, a token a header cannot carry, a lifetime that is not a positive
// number) is undefined, never a throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFETIME_S, parseTokenAnswer } from '../../../../src/core/oauth';

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/'.split('');
const token = fc
  .tuple(fc.array(fc.constantFrom(...TOKEN_CHARS), { minLength: 1, maxLength: 300 }), fc.nat(2))
  .map(([chars, pad]) => chars.join('') + '='.repeat(pad));
const bearerCase = fc.constantFrom('Bearer', 'bearer', 'BEARER', 'BeArEr');

describe('parseTokenAnswer', () => {
  it('reads every well-formed answer exactly', () => {
    fc.assert(
      fc.property(
        token,
        bearerCase,
        fc.integer({ min: 1, max: 200_000 }),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (t, type, expiresIn, extra) => {
          const text = JSON.stringify({ ...extra, access_token: t, token_type: type, expires_in: expiresIn });
          expect(parseTokenAnswer(text)).toEqual({ accessToken: t, expiresInS: Math.min(expiresIn, 86_400) });
        },
      ),
    );
  });

  it('takes a numeric string lifetime, and assumes an hour when it is left out', () => {
    expect(parseTokenAnswer('{"access_token":"a.b.c","token_type":"Bearer","expires_in":"120"}')).toEqual({
      accessToken: 'a.b.c',
      expiresInS: 120,
    });
    expect(parseTokenAnswer('{"access_token":"a","token_type":"Bearer"}')).toEqual({
      accessToken: 'a',
      expiresInS: DEFAULT_LIFETIME_S,
    });
  });

  it('refuses a token with any character a Bearer header cannot carry', () => {
    const bad = fc.constantFrom(' ', '\n', '\r', '"', ',', ';', 'é', '\u0000', '=x', '<', '\\');
    fc.assert(
      fc.property(token, bad, fc.nat(), (t, c, at) => {
        const i = at % (t.length + 1);
        const broken = t.slice(0, i) + c + t.slice(i);
        // '=' is allowed only as trailing padding: '=x' inside or at the end is never padding.
        const text = JSON.stringify({ access_token: broken, token_type: 'Bearer', expires_in: 60 });
        expect(parseTokenAnswer(text)).toBeUndefined();
      }),
    );
  });

  it('refuses other token types and lifetimes that are not positive numbers', () => {
    const badLifetime = fc.oneof(
      fc.integer({ max: 0 }),
      fc.constantFrom(Number.NaN, null, true, '1h', '-5', '', [], {}),
      fc.double({ max: 0, noNaN: true }),
    );
    fc.assert(
      fc.property(token, badLifetime, (t, lifetime) => {
        expect(
          parseTokenAnswer(JSON.stringify({ access_token: t, token_type: 'Bearer', expires_in: lifetime })),
        ).toBeUndefined();
      }),
    );
    fc.assert(
      fc.property(
        token,
        fc.string().filter((s) => s.toLowerCase() !== 'bearer'),
        (t, type) => {
          expect(
            parseTokenAnswer(JSON.stringify({ access_token: t, token_type: type, expires_in: 60 })),
          ).toBeUndefined();
        },
      ),
    );
    expect(parseTokenAnswer('{"access_token":"a","expires_in":60}')).toBeUndefined();
  });

  it('never throws, and whatever it returns is usable', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          const answer = parseTokenAnswer(text);
          if (answer === undefined) return;
          expect(answer.accessToken).toMatch(/^[A-Za-z0-9\-._~+/]+=*$/);
          expect(answer.expiresInS).toBeGreaterThan(0);
          expect(answer.expiresInS).toBeLessThanOrEqual(86_400);
        },
      ),
    );
  });
});
