// A key pair's server address: reduced to its origin, and refused over plain http:// unless the server is this
// machine or the user has confirmed the risk, because the link token and the Digest exchange would travel in clear.
import { VaultError } from './vault-error';

export const CLOUD_MANAGER_BASE_URL = 'https://cloud.mongodb.com';

export interface BaseUrlOptions {
  /** The user was told that http:// sends the token and the Digest exchange unencrypted, and accepted it. */
  allowInsecureHttp?: boolean;
}

const invalid = (variant: string) => new VaultError('invalid-base-url', { variant, field: 'baseUrl' });

/** The origin of a well-formed https:// or http:// address, without deciding whether http:// is acceptable. */
export function baseUrlOrigin(url: string | undefined): string {
  const text = (typeof url === 'string' ? url : '').trim() || CLOUD_MANAGER_BASE_URL;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw invalid('not-a-url');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw invalid('scheme');
  }
  if (
    (parsed.pathname !== '/' &&
      // Stryker disable next-line ConditionalExpression,StringLiteral: an http(s) URL's pathname always starts with '/', so it is never '' here
      parsed.pathname !== '') ||
    parsed.search ||
    parsed.hash ||
    parsed.username ||
    parsed.password
  ) {
    throw invalid('has-path');
  }
  return parsed.origin;
}

/** Loopback never leaves the machine, so clear text there exposes nothing (the sandbox and a local Ops Manager). */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** An http:// origin whose traffic leaves this machine. Expects an origin from baseUrlOrigin. */
export function isInsecureHttp(origin: string): boolean {
  const url = new URL(origin);
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}

export function normalizeBaseUrl(url: string | undefined, options: BaseUrlOptions = {}): string {
  const origin = baseUrlOrigin(url);
  if (isInsecureHttp(origin) && options.allowInsecureHttp !== true) {
    throw invalid('insecure-http');
  }
  return origin;
}
