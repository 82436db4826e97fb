// Bodies are hashed as their exact bytes (qop=auth-int): hash.ts turns them into crypto-js's words itself, without
// crypto-js/lib-typedarrays. Any bytes, any length (a partial last word included), hash as Node's own MD5 and SHA-256
// hash them, and text as its UTF-8 bytes.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasherFor } from '../../../../src/core/digest/hash';

const node = (algorithm: 'md5' | 'sha256', data: Uint8Array | string) =>
  createHash(algorithm).update(data).digest('hex');

describe('the Digest hashes of bytes', () => {
  it('match Node for any bytes, MD5 and SHA-256 alike (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(hasherFor('MD5')(bytes)).toBe(node('md5', bytes));
        expect(hasherFor('SHA-256-sess')(bytes)).toBe(node('sha256', bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('hash no bytes as the empty string, and one to five bytes across a word', () => {
    expect(hasherFor('MD5')(new Uint8Array())).toBe('d41d8cd98f00b204e9800998ecf8427e');
    for (const n of [1, 2, 3, 4, 5]) {
      const bytes = new Uint8Array(n).map((_, i) => 0xff - i);
      expect(hasherFor('MD5')(bytes)).toBe(node('md5', bytes));
    }
  });

  it('hash text as its UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(hasherFor('MD5')(text)).toBe(node('md5', text));
        expect(hasherFor('MD5')(new TextEncoder().encode(text))).toBe(node('md5', text));
      }),
    );
  });
});
