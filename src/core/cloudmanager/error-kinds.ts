// Every kind of Cloud Manager (and Atlas Admin API) failure the UI can switch on; the list is the single source of
// the union type. Both APIs answer in the same error shape, so they share the kinds; the Atlas side picks its texts
// by variant (error-variants.ts).
export const CLOUD_MANAGER_ERROR_KINDS = [
  'bad-credentials',
  // Cloud Manager (or Atlas) refused a service account's freshly issued Bearer token: on Cloud Manager, service
  // accounts are in Preview and liveExport may not take them.
  'bearer-refused',
  'not-org-owner',
  'ip-not-allowed',
  'access-list-required',
  'org-not-found',
  'group-not-found',
  'invalid-id',
  'atlas-org',
  // The reverse wrong side: a Cloud Manager org (or its key) used on the Atlas Admin API.
  'not-atlas-org',
  // Atlas for Government, refused before any request: this extension (like the Atlas CLI) does not support it.
  'atlas-for-government',
  // The API version (media type) this extension sends is no longer accepted: only an update fixes it.
  'api-version-refused',
  // Atlas refused the accessListIps sent with a link token request (the Ops Manager server's addresses).
  'access-list-ips-refused',
  'invalid-token',
  'rate-limited',
  'server-error',
  'maintenance',
  'timeout',
  'network',
  'redirected',
  'stale-nonce',
  'not-linked',
  // Atlas keeps its org link while a live migration of one of its projects runs (revoke refused, 409).
  'migration-running',
  'unexpected-response',
  'unknown',
] as const;

export type CloudManagerErrorKind = (typeof CLOUD_MANAGER_ERROR_KINDS)[number];

export function isCloudManagerErrorKind(value: unknown): value is CloudManagerErrorKind {
  return (CLOUD_MANAGER_ERROR_KINDS as readonly unknown[]).includes(value);
}
