// A service account's refusals worded for it: the API answers "not on the access list" or "not Organization Owner"
// alike for an API key and a service account, and only the worker knows which one called. The client of a service
// account gives those errors its `service-account` texts (the account's own access list, Service Accounts menus).
import { CloudManagerError, type CloudManagerErrorKind } from '../../core/cloudmanager';
import { type KeyCredential, profileCredential } from '../../core/vault';

/** The kinds whose text names the API key's settings: a service account has its own texts for them. */
const WORDED_FOR_KEYS: ReadonlySet<CloudManagerErrorKind> = new Set([
  'ip-not-allowed',
  'access-list-required',
  'not-org-owner',
]);

/** The error as a service account's: the same facts, the service-account text of its side (Atlas or not). */
export function asServiceAccountError(error: unknown): unknown {
  if (!(error instanceof CloudManagerError) || !WORDED_FOR_KEYS.has(error.kind)) return error;
  return new CloudManagerError(error.kind, {
    variant: error.variant.startsWith('atlas') ? 'atlas-service-account' : 'service-account',
    status: error.status,
    errorCode: error.errorCode,
    detail: error.detail,
    callerIp: error.callerIp,
    retryAfterSeconds: error.retryAfterSeconds,
  });
}

/** The API client as is for an API key; for a service account, each method's errors reworded as above. */
export function withCredentialTexts<A extends object>(key: { credential?: KeyCredential }, api: A): A {
  if (profileCredential(key) !== 'service-account') return api;
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(api)) {
    wrapped[name] =
      typeof member === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await member.apply(api, args);
            } catch (error) {
              throw asServiceAccountError(error);
            }
          }
        : member;
  }
  return wrapped as A;
}
