import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CloudManagerError, normalizeLinkToken, tokenFingerprint } from '../../../../src/core/cloudmanager';
import { englishOf } from '../../../support/catalogue';

const tokenChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_.');
const token = fc.string({ unit: tokenChar, minLength: 1, maxLength: 4096 });
const padding = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\ufeff'), maxLength: 6 });

function refusal(raw: string): CloudManagerError {
  try {
    normalizeLinkToken(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(CloudManagerError);
    return error as CloudManagerError;
  }
  throw new Error('expected the token to be refused');
}

describe('normalizeLinkToken', () => {
  it('returns any one-word token with the surrounding whitespace removed', () => {
    fc.assert(fc.property(padding, token, padding, (before, t, after) => normalizeLinkToken(before + t + after) === t));
  });

  it('either returns the trimmed input or refuses with invalid-token, for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 5000, unit: 'binary' }), (raw) => {
        try {
          expect(normalizeLinkToken(raw)).toBe(raw.trim());
        } catch (error) {
          expect(error).toBeInstanceOf(CloudManagerError);
          expect((error as CloudManagerError).kind).toBe('invalid-token');
        }
      }),
    );
  });

  it('asks for a token when nothing was pasted', () => {
    const error = refusal(' \n\t ');
    expect(error.variant).toBe('empty');
    expect(englishOf(error).remedy).toMatch(/^Paste the link token/);
  });

  it('refuses a token over 4096 characters as implausibly long', () => {
    expect(normalizeLinkToken('a'.repeat(4096))).toHaveLength(4096);
    const error = refusal('a'.repeat(4097));
    expect(error.variant).toBe('too-long');
    expect(englishOf(error).message).toMatch(/implausibly long/);
  });

  it.each(['abc def', 'abc\ndef', 'abc\u200bdef', 'abc\u0000def'])('refuses %j: a token is one word', (raw) => {
    expect(refusal(raw).variant).toBe('whitespace');
  });

  it('never puts the pasted text into the error', () => {
    fc.assert(
      fc.property(fc.string({ unit: tokenChar, minLength: 12, maxLength: 40 }), padding, (t, pad) => {
        for (const raw of [`${t} ${t}`, `${pad}${t}\n${t}`, t.repeat(400)]) {
          const error = refusal(raw);
          expect(`${englishOf(error).message} ${englishOf(error).remedy} ${JSON.stringify(error)}`).not.toContain(t);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('tokenFingerprint', () => {
  it('is 16 hex characters, stable, and different for different tokens', async () => {
    const a = await tokenFingerprint('token-one');
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(await tokenFingerprint('token-one')).toBe(a);
    expect(await tokenFingerprint('token-two')).not.toBe(a);
  });

  it('keeps its format, so fingerprints stored by an earlier version still match', async () => {
    const expected = createHash('sha256')
      .update('cm-atlas-link/token-fingerprint/v1\u0000my-token')
      .digest('hex')
      .slice(0, 16);
    expect(await tokenFingerprint('my-token')).toBe(expected);
  });

  it('does not contain the token', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: tokenChar, minLength: 4, maxLength: 64 }), async (t) => {
        expect(await tokenFingerprint(t)).not.toContain(t);
      }),
      { numRuns: 50 },
    );
  });
});
