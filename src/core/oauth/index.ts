// The service-account (OAuth 2.0 client credentials) client's public API.
export { OAuthError, type OAuthErrorKind } from './errors';
export { DEFAULT_LIFETIME_S, parseTokenAnswer, type TokenAnswer } from './token-answer';
export { MAX_TOKEN_REQUESTS, RENEW_BEFORE_MS, TOKEN_REQUESTS_PER_WINDOW, WINDOW_MS } from './token-cache';
export { createTokenFetch, forgetTokens, type TokenFetch, type TokenFetchOptions } from './token-fetch';
export { basicCredentials, type ClientCredentials } from './token-request';
export { createMemoryTokenStore, type TokenRecord, type TokenStore, tokenKey } from './token-store';
