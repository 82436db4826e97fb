// Every kind of Cloud Manager failure the UI can switch on; the list is the single source of the union type.
export const CLOUD_MANAGER_ERROR_KINDS = [
  'bad-credentials',
  'not-org-owner',
  'ip-not-allowed',
  'access-list-required',
  'org-not-found',
  'group-not-found',
  'invalid-id',
  'atlas-org',
  'invalid-token',
  'rate-limited',
  'server-error',
  'maintenance',
  'timeout',
  'network',
  'redirected',
  'stale-nonce',
  'not-linked',
  'unexpected-response',
  'unknown',
] as const;

export type CloudManagerErrorKind = (typeof CLOUD_MANAGER_ERROR_KINDS)[number];

export function isCloudManagerErrorKind(value: unknown): value is CloudManagerErrorKind {
  return (CLOUD_MANAGER_ERROR_KINDS as readonly unknown[]).includes(value);
}
