// The Digest client's public API.
export {
  authorizationHeader,
  type DigestParams,
  digestResponse,
  expectedRspauth,
  type SigningInput,
} from './authorization';
export { type Challenge, parseChallenges, parseParamList, serializeChallenges } from './challenge';
export { pickDigestChallenge } from './challenge-choice';
export {
  createDigestFetch,
  type DigestCredentials,
  type DigestFetch,
  type DigestFetchOptions,
  forgetNonces,
  isDigestRejection,
} from './digest-fetch';
export { DigestError, type DigestErrorKind } from './errors';
export { type DigestAlgorithm, SUPPORTED_ALGORITHMS } from './hash';
export { cacheKey, createMemoryNonceStore, type NonceRecord, type NonceStore, sharedNonceKey } from './nonce-cache';
