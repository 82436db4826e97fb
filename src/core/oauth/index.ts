// The service-account (OAuth 2.0 client credentials) client's public API.
export { OAuthError, type OAuthErrorKind } from './errors';
export { DEFAULT_LIFETIME_S, parseTokenAnswer, type TokenAnswer } from './token-answer';
export { MAX_TOKEN_REQUESTS, RENEW_BEFORE_MS, TOKEN_REQUESTS_PER_WINDOW, WINDOW_MS } from './token-cache';
export {
  createTokenFetch,
  forgetToken,
  forgetTokens,
  reopenTokens,
  type TokenFetch,
  type TokenFetchOptions,
} from './token-fetch';
export { basicCredentials, type ClientCredentials } from './token-request';
export { REVOKE_PATH, type RevokeOptions, revokeToken, revokeUrlOf } from './token-revoke';
export {
  createMemoryTokenStore,
  isTokenRecord,
  type TokenRecord,
  type TokenStore,
  tokenKey,
  tokenUrlOfKey,
} from './token-store';
