// The hash functions Digest may name, from crypto-js (WebCrypto has no MD5), imported one by one to keep the
// worker small. Strings are hashed as UTF-8; bodies as their exact bytes.
import type { lib } from 'crypto-js';
import CryptoJS from 'crypto-js/core';
import Hex from 'crypto-js/enc-hex';
import MD5 from 'crypto-js/md5';
import SHA256 from 'crypto-js/sha256';

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';
/** Strongest first: the order in which offered challenges are preferred. */
export const SUPPORTED_ALGORITHMS: readonly DigestAlgorithm[] = ['SHA-256', 'SHA-256-sess', 'MD5', 'MD5-sess'];

export function supportedAlgorithm(name: string | undefined): DigestAlgorithm | undefined {
  // RFC 7616 §3.3: no algorithm parameter means MD5.
  if (name === undefined) return 'MD5';
  return SUPPORTED_ALGORITHMS.find((a) => a.toLowerCase() === name.toLowerCase());
}

export type Hasher = (input: string | Uint8Array) => string;

/**
 * Bytes as crypto-js's words: four bytes to a word, big-endian, the last one padded with zeros (what
 * crypto-js/lib-typedarrays does; its copy of the whole library's array handling is not worth its size here).
 */
export function wordsOf(bytes: Uint8Array): lib.WordArray {
  const words: number[] = new Array((bytes.length + 3) >>> 2).fill(0);
  for (let i = 0; i < bytes.length; i++) words[i >>> 2]! |= bytes[i]! << (24 - (i % 4) * 8);
  return CryptoJS.lib.WordArray.create(words, bytes.length);
}

export function hasherFor(algorithm: DigestAlgorithm): Hasher {
  const fn = algorithm.startsWith('SHA-256') ? SHA256 : MD5;
  return (input) => fn(typeof input === 'string' ? input : wordsOf(input)).toString(Hex);
}
