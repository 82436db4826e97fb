// Protects the redaction of the server-echoed `detail` (server-detail.ts, issue #18): no piece of a secret and no
// long opaque word survives, an empty secret redacts nothing, and the cut of a huge detail drops the word it went
// through (so a secret split by the cut cannot survive as a fragment); the result is one trimmed line of ≤ 300 chars.
import { describe, expect, it } from 'vitest';
import { sanitizeDetail } from '../../../../src/core/cloudmanager/server-detail';

const spaces = (n: number) => ' '.repeat(n);

describe('sanitizeDetail: secrets', () => {
  it('an empty secret redacts nothing (it is a piece of every word)', () => {
    expect(sanitizeDetail('plain words here', [''])).toBe('plain words here');
  });

  it('an empty secret beside a real one still lets only the real one be redacted', () => {
    expect(sanitizeDetail('token abc is bad', ['', 'abc'])).toBe('token [redacted] is bad');
  });

  it('without secrets, only opaque words are redacted', () => {
    expect(sanitizeDetail('Stryker was here')).toBe('Stryker was here');
    expect(sanitizeDetail(`key ${'a'.repeat(32)} end`)).toBe('key [redacted] end');
    expect(sanitizeDetail(`key ${'a'.repeat(31)} end`)).toBe(`key ${'a'.repeat(31)} end`);
  });

  it('a word carrying an 8-character piece from the middle of a long secret is redacted whole', () => {
    const secret = 'AAAAqrstuvwxBBBB';
    expect(sanitizeDetail('saw x-qrstuvwx-y there', [secret])).toBe('saw [redacted] there');
    expect(sanitizeDetail('saw qrstuvw there', [secret])).toBe('saw qrstuvw there');
  });

  it('is undefined for anything but a string', () => {
    expect(sanitizeDetail(42)).toBeUndefined();
    expect(sanitizeDetail(undefined)).toBeUndefined();
    expect(sanitizeDetail({ detail: 'x' })).toBeUndefined();
  });
});

describe('sanitizeDetail: one short line', () => {
  it('collapses control, format and white space and trims both ends', () => {
    expect(sanitizeDetail('  a\tb\n\u0000c\u200Bd  ')).toBe('a b c d');
    expect(sanitizeDetail('\n  hello')).toBe('hello');
  });

  it('is undefined when nothing but space remains', () => {
    expect(sanitizeDetail('   \n\t ')).toBeUndefined();
    expect(sanitizeDetail('')).toBeUndefined();
  });

  it('keeps a line of exactly 300 characters and shortens one of 301 to 299 plus an ellipsis', () => {
    const line300 = `${Array(60).fill('word').join(' ')}x`;
    expect(line300).toHaveLength(300);
    expect(sanitizeDetail(line300)).toBe(line300);
    const line301 = `${line300}y`;
    expect(sanitizeDetail(line301)).toBe(`${line300.slice(0, 299)}…`);
  });
});

describe('sanitizeDetail: the cut of a huge detail', () => {
  it('a detail of exactly 1200 characters is not cut', () => {
    const detail = `${spaces(1190)}alpha beta`;
    expect(detail).toHaveLength(1200);
    expect(sanitizeDetail(detail)).toBe('alpha beta');
  });

  it('a longer detail is cut at 1200 characters and the word the cut went through is dropped', () => {
    const detail = `${spaces(1190)}alpha beta gamma`;
    expect(sanitizeDetail(detail)).toBe('alpha');
  });

  it('a cut that ends exactly between words keeps the last whole word', () => {
    const detail = `${spaces(1189)}alpha beta gamma`;
    // The first 1200 characters end with "alpha beta " (trailing space): nothing is dropped but the space.
    expect(sanitizeDetail(detail)).toBe('alpha beta');
  });

  it('a secret split by the cut leaves no fragment behind', () => {
    const secret = 'Zq7Lp2XwK9';
    const detail = `${spaces(1190)}token ${secret} more`;
    // The cut leaves "Zq7L": shorter than a piece, so it must be dropped with the rest of its word.
    expect(sanitizeDetail(detail, [secret])).toBe('token');
  });
});
