// Choosing which Digest challenge of a 401 to answer: the strongest one this client supports, with a qop it knows.
// Offers it cannot answer are a typed error naming them, never a silent fallback to MD5.
import type { DigestParams } from './authorization';
import { type Challenge, parseChallenges } from './challenge';
import { DigestError } from './errors';
import { type DigestAlgorithm, SUPPORTED_ALGORITHMS, supportedAlgorithm } from './hash';

/** The parameters whose meaning would be ambiguous if a challenge gave them twice. */
const DIGEST_PARAMS = ['realm', 'nonce', 'algorithm', 'qop', 'opaque', 'stale', 'userhash', 'charset'];

/** A server-supplied value quoted in an error message, cut short: messages stay readable. */
const shown = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

type ChallengeReading =
  | { c: Challenge; algorithm: DigestAlgorithm; qop: DigestParams['qop']; problem?: undefined }
  | { c: Challenge; problem: string };

/** Whether this client can answer one Digest challenge: its algorithm, and a qop it knows (or none, not -sess). */
function readChallenge(c: Challenge): ChallengeReading {
  const algorithm = supportedAlgorithm(c.params.algorithm);
  if (!algorithm) return { c, problem: `algorithm=${shown(c.params.algorithm ?? '')}` };
  if (c.params.qop === undefined) {
    // -sess fixes H(A1) with a cnonce, and without qop no cnonce is sent: the server could never check it.
    if (algorithm.endsWith('-sess')) return { c, problem: `${algorithm} without qop` };
    return { c, algorithm, qop: undefined };
  }
  const offered = c.params.qop.split(',').map((q) => q.trim().toLowerCase());
  // auth protects the request line and is what every server implements; auth-int when it is the only offer.
  if (offered.includes('auth')) return { c, algorithm, qop: 'auth' };
  if (offered.includes('auth-int')) return { c, algorithm, qop: 'auth-int' };
  return { c, problem: `qop="${shown(c.params.qop)}"` };
}

/** The strongest Digest challenge this client supports; undefined when the 401 carries no Digest challenge. */
export function pickDigestChallenge(header: string | null): (DigestParams & { stale: boolean }) | undefined {
  if (!header) return undefined;
  const digests = parseChallenges(header).filter((c) => c.scheme.toLowerCase() === 'digest');
  if (digests.length === 0) return undefined;
  for (const c of digests) {
    const ambiguous = c.repeated?.filter((name) => DIGEST_PARAMS.includes(name));
    if (ambiguous?.length) {
      throw new DigestError(
        'malformed-challenge',
        `The Digest challenge gives ${ambiguous.join(', ')} twice with different values.`,
      );
    }
  }
  const readings = digests.map(readChallenge);
  const usable = readings
    .filter((r) => r.problem === undefined)
    .sort((a, b) => SUPPORTED_ALGORITHMS.indexOf(a.algorithm) - SUPPORTED_ALGORITHMS.indexOf(b.algorithm));
  if (usable.length === 0) {
    const problems = readings.map((r) => r.problem).join(', ');
    throw new DigestError(
      'unsupported-challenge',
      `The server offers only Digest challenges this client does not support: ${problems}.`,
    );
  }
  const { c, algorithm, qop } = usable[0]!;
  if (c.params.realm === undefined || !c.params.nonce) {
    throw new DigestError('malformed-challenge', 'The Digest challenge has no realm or no nonce.');
  }
  return {
    algorithm,
    realm: c.params.realm,
    nonce: c.params.nonce,
    qop,
    opaque: c.params.opaque,
    userhash: c.params.userhash?.toLowerCase() === 'true',
    utf8: c.params.charset?.toLowerCase() === 'utf-8',
    stale: c.params.stale?.toLowerCase() === 'true',
  };
}
