// Property-based tests (fast-check) on the challenge parser: generated challenges survive parse → serialise →
// parse, generated Digest challenges are read as written, and no input throws anything but a DigestError.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Challenge,
  DigestError,
  parseChallenges,
  parseParamList,
  pickDigestChallenge,
  serializeChallenges,
} from '../../../../src/core/digest';
import { q } from './reference';

const RUNS = { numRuns: 400 };
const token = fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,12}$/);
// '__proto__' cannot be an own key of a plain object; such a parameter is unknown to Digest anyway.
const paramName = fc.stringMatching(/^[a-z0-9!#$%&'*+\-.^_`|~]{1,10}$/).filter((n) => n !== '__proto__');
const token68 = fc.stringMatching(/^[A-Za-z0-9\-._~+/]{1,20}={0,3}$/);
// Anything a header may carry inside a quoted-string: HTAB, visible ASCII, space, obs-text; `"` and `\` included.
const headerChar = fc.oneof(
  fc.constantFrom('"', '\\', ',', '=', ' ', '\t', 'é'),
  fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)),
);
const quotedValue = fc.string({ unit: headerChar, maxLength: 16 });

const challenge: fc.Arbitrary<Challenge> = fc.oneof(
  fc.record({ scheme: token, params: fc.constant({}) }),
  fc.record({ scheme: token, params: fc.constant({}), token68 }),
  fc.record({ scheme: token, params: fc.dictionary(paramName, quotedValue, { minKeys: 1, maxKeys: 5 }) }),
);

const caseOf = (s: string, flips: boolean[]) =>
  [...s].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c.toLowerCase())).join('');

describe('parser properties', () => {
  it('parse(serialize(challenges)) returns the challenges', () => {
    fc.assert(
      fc.property(fc.array(challenge, { minLength: 1, maxLength: 5 }), (challenges) => {
        const text = serializeChallenges(challenges);
        expect(parseChallenges(text)).toEqual(challenges);
        // Once parsed, serialising again is stable.
        expect(serializeChallenges(parseChallenges(text))).toBe(text);
      }),
      RUNS,
    );
  });

  it('the same challenges split across several header values parse the same', () => {
    fc.assert(
      fc.property(fc.array(challenge, { minLength: 1, maxLength: 5 }), (challenges) => {
        expect(parseChallenges(challenges.map((c) => serializeChallenges([c])))).toEqual(challenges);
      }),
      RUNS,
    );
  });

  it('generated Digest challenges (any case, order, spacing, unknown params, other schemes) are read as written', () => {
    const digest = fc.record({
      algorithm: fc.constantFrom('MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess', undefined),
      realm: quotedValue,
      nonce: fc.string({ unit: headerChar, minLength: 1, maxLength: 24 }),
      opaque: fc.option(quotedValue, { nil: undefined }),
      qop: fc.constantFrom('auth', 'auth-int', 'auth,auth-int', 'auth-int, auth', undefined),
      stale: fc.boolean(),
      userhash: fc.boolean(),
      flips: fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
      unknown: fc.dictionary(
        paramName.map((n) => `x-${n}`),
        quotedValue,
        { maxKeys: 3 },
      ),
      space: fc.constantFrom('', ' ', '  ', '\t'),
      others: fc.array(challenge, { maxLength: 2 }).map((cs) => cs.filter((c) => c.scheme.toLowerCase() !== 'digest')),
      order: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(digest, (d) => {
        const parts = [`${caseOf('realm', d.flips)}=${q(d.realm)}`, `${caseOf('nonce', d.flips)}=${q(d.nonce)}`];
        if (d.algorithm) parts.push(`${caseOf('algorithm', d.flips)}=${caseOf(d.algorithm, d.flips)}`);
        if (d.opaque !== undefined) parts.push(`Opaque=${q(d.opaque)}`);
        if (d.qop) parts.push(`QOP=${q(d.qop)}`);
        parts.push(`stale=${caseOf(String(d.stale), d.flips)}`, `userhash=${d.userhash ? 'TRUE' : 'false'}`);
        for (const [k, v] of Object.entries(d.unknown)) parts.push(`${k}=${q(v)}`);
        const rotated = parts.map((_, i) => parts[(i + d.order) % parts.length]!);
        const header = `${caseOf('digest', d.flips)} ${rotated.join(`${d.space},${d.space}`)}`;
        const others = serializeChallenges(d.others);
        const full = others ? `${others}, ${header}` : header;
        if (d.algorithm?.endsWith('-sess') && !d.qop) {
          expect(() => pickDigestChallenge(full)).toThrow(expect.objectContaining({ kind: 'unsupported-challenge' }));
          return;
        }
        expect(pickDigestChallenge(full)).toEqual({
          algorithm: d.algorithm ?? 'MD5',
          realm: d.realm,
          nonce: d.nonce,
          qop: d.qop === undefined ? undefined : d.qop.includes('auth,') || d.qop.endsWith(' auth') ? 'auth' : d.qop,
          opaque: d.opaque,
          userhash: d.userhash,
          utf8: false,
          stale: d.stale,
        });
      }),
      RUNS,
    );
  });

  it('a Digest parameter given twice with two values is always a malformed-challenge, never one of the two', () => {
    const name = fc.constantFrom('realm', 'nonce', 'algorithm', 'qop', 'opaque', 'stale', 'userhash', 'charset');
    const values = fc.tuple(quotedValue, quotedValue).filter(([a, b]) => a !== b);
    fc.assert(
      fc.property(name, values, fc.integer({ min: 0, max: 3 }), fc.boolean(), (n, [a, b], at, upper) => {
        const parts = ['realm="r"', 'nonce="n"', 'qop="auth"'].filter((p) => !p.startsWith(`${n}=`));
        parts.splice(Math.min(at, parts.length), 0, `${n}=${q(a)}`);
        parts.push(`${upper ? n.toUpperCase() : n}=${q(b)}`);
        expect(() => pickDigestChallenge(`Digest ${parts.join(', ')}`)).toThrow(
          expect.objectContaining({ kind: 'malformed-challenge' }),
        );
      }),
      RUNS,
    );
  });

  const onlyDigestErrors = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(DigestError);
      expect(['malformed-challenge', 'unsupported-challenge']).toContain((error as DigestError).kind);
    }
  };

  it('random strings and bytes never throw anything but DigestError', () => {
    const bytes = fc.uint8Array({ maxLength: 80 }).map((b) => String.fromCharCode(...b));
    const fragments = fc
      .array(
        fc.constantFrom(
          'Digest',
          'Basic',
          'Negotiate',
          ' ',
          '\t',
          ',',
          '=',
          '==',
          '"',
          '\\',
          'realm',
          'nonce',
          'algorithm',
          'qop',
          'MD5',
          'SHA-256',
          'auth',
          'abc/+',
          '__proto__',
          'constructor',
        ),
        { maxLength: 30 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), bytes, fragments), (text) => {
        onlyDigestErrors(() => parseChallenges(text));
        onlyDigestErrors(() => parseChallenges([text, text]));
        onlyDigestErrors(() => parseParamList(text));
        onlyDigestErrors(() => {
          const picked = pickDigestChallenge(text);
          // Never a silent MD5: whatever is picked was offered by a Digest challenge.
          if (picked) {
            const offered = parseChallenges(text)
              .filter((c) => c.scheme.toLowerCase() === 'digest')
              .map((c) => (c.params.algorithm ?? 'MD5').toLowerCase());
            expect(offered).toContain(picked.algorithm.toLowerCase());
          }
        });
      }),
      { numRuns: 2000 },
    );
  });
});
