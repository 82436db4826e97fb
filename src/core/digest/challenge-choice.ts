// Choosing which Digest challenge of a 401 to answer: the strongest one this client supports, with a qop it knows.
// Offers it cannot answer are a typed error (unsupported-challenge), never a silent fallback to MD5.
import type { DigestParams } from './authorization';
import { type Challenge, parseChallenges } from './challenge';
import { DigestError } from './errors';
import { type DigestAlgorithm, SUPPORTED_ALGORITHMS, supportedAlgorithm } from './hash';

/** The parameters whose meaning would be ambiguous if a challenge gave them twice. */
const DIGEST_PARAMS = ['realm', 'nonce', 'algorithm', 'qop', 'opaque', 'stale', 'userhash', 'charset'];

type ChallengeReading =
  | { c: Challenge; algorithm: DigestAlgorithm; qop: DigestParams['qop']; unsupported?: undefined }
  | { c: Challenge; unsupported: true };

/** Whether this client can answer one Digest challenge: its algorithm, and a qop it knows (or none, not -sess). */
function readChallenge(c: Challenge): ChallengeReading {
  const algorithm = supportedAlgorithm(c.params.algorithm);
  if (!algorithm) return { c, unsupported: true };
  if (c.params.qop === undefined) {
    // -sess fixes H(A1) with a cnonce, and without qop no cnonce is sent: the server could never check it.
    if (algorithm.endsWith('-sess')) return { c, unsupported: true };
    return { c, algorithm, qop: undefined };
  }
  const offered = c.params.qop.split(',').map((q) => q.trim().toLowerCase());
  // auth protects the request line and is what every server implements; auth-int when it is the only offer.
  if (offered.includes('auth')) return { c, algorithm, qop: 'auth' };
  if (offered.includes('auth-int')) return { c, algorithm, qop: 'auth-int' };
  // Only qop values this client does not know.
  return { c, unsupported: true };
}

/** The strongest Digest challenge this client supports; undefined when the 401 carries no Digest challenge. */
export function pickDigestChallenge(header: string | null): (DigestParams & { stale: boolean }) | undefined {
  if (!header) return undefined;
  const digests = parseChallenges(header).filter((c) => c.scheme.toLowerCase() === 'digest');
  if (digests.length === 0) return undefined;
  for (const c of digests) {
    const ambiguous = c.repeated?.filter((name) => DIGEST_PARAMS.includes(name));
    if (ambiguous?.length) {
      throw new DigestError('malformed-challenge');
    }
  }
  const readings = digests.map(readChallenge);
  const usable = readings
    .filter((r) => !r.unsupported)
    .sort((a, b) => SUPPORTED_ALGORITHMS.indexOf(a.algorithm) - SUPPORTED_ALGORITHMS.indexOf(b.algorithm));
  if (usable.length === 0) {
    throw new DigestError('unsupported-challenge');
  }
  const { c, algorithm, qop } = usable[0]!;
  if (c.params.realm === undefined || !c.params.nonce) {
    throw new DigestError('malformed-challenge');
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
