// Which texts each error kind has, by variant, and which fact a kind's text names: the pages translate an error from
// its kind, variant and params alone (the English and Korean texts are the extension's message catalogues, nowhere
// else). A text that names a fact the error does not have gives way to its `no-…` variant. The `atlas` variants
// word a failure of an Atlas Admin API call: its server, its menus (Identity & Access), its key.
import { type CloudManagerOperation, isAtlasOperation } from './error-codes';
import type { CloudManagerErrorKind } from './error-kinds';

/** The variants of each kind beside its default text (catalogue keys error_<kind>_<variant>, remedy_<…>). */
export const ERROR_VARIANTS: { readonly [K in CloudManagerErrorKind]: readonly string[] } = {
  // service-account: the token endpoint refused the client id or secret; -expired: it said the secret expired.
  'bad-credentials': ['atlas', 'service-account', 'service-account-expired'],
  'bearer-refused': ['atlas'],
  // service-account (atlas-service-account): the caller was a service account, whose own settings the text names.
  'not-org-owner': ['atlas', 'service-account', 'atlas-service-account'],
  'ip-not-allowed': [
    'no-ip',
    'atlas',
    'atlas-no-ip',
    'service-account',
    'service-account-no-ip',
    'atlas-service-account',
    'atlas-service-account-no-ip',
  ],
  'access-list-required': [
    'no-ip',
    'atlas',
    'atlas-no-ip',
    'service-account',
    'service-account-no-ip',
    'atlas-service-account',
    'atlas-service-account-no-ip',
  ],
  'org-not-found': ['atlas'],
  'group-not-found': [],
  'invalid-id': ['org', 'group'],
  'atlas-org': [],
  'not-atlas-org': [],
  'atlas-for-government': [],
  'api-version-refused': [],
  'access-list-ips-refused': [],
  'invalid-token': ['empty', 'too-long', 'whitespace'],
  // service-account: the token endpoint's 10 a minute; service-account-tokens: the account's live-token cap.
  'rate-limited': [
    'no-seconds',
    'atlas',
    'atlas-no-seconds',
    'service-account',
    'service-account-no-seconds',
    'service-account-tokens',
    'service-account-tokens-no-seconds',
  ],
  'server-error': ['atlas'],
  maintenance: ['atlas'],
  timeout: ['during-link', 'atlas'],
  network: ['aborted', 'during-link', 'invalid-base-url', 'atlas'],
  redirected: ['no-host', 'atlas', 'atlas-no-host'],
  'stale-nonce': ['atlas'],
  'not-linked': [],
  'migration-running': ['no-projects'],
  'unexpected-response': ['after-link', 'after-token', 'atlas'],
  unknown: ['internal', 'atlas'],
};

/** The facts an error's text may name, as the pages substitute them. */
export type ErrorTextParams = {
  readonly ip?: string;
  readonly seconds?: string;
  readonly host?: string;
  /** Atlas project ids, comma-separated: the projects whose running migration keeps a link. */
  readonly projects?: string;
};

// The fact each kind's default text names: without it, the `no-<fact>` variant is used.
const NAMED_FACT: Partial<Record<CloudManagerErrorKind, keyof ErrorTextParams>> = {
  'ip-not-allowed': 'ip',
  'access-list-required': 'ip',
  'rate-limited': 'seconds',
  redirected: 'host',
  'migration-running': 'projects',
};

/**
 * The variant to show: the one asked for when the kind has it (else 'default'); without the fact its text names,
 * `<variant>-no-<fact>` when the kind has that (`atlas-no-ip`), else `no-<fact>`.
 */
export function chooseVariant(
  kind: CloudManagerErrorKind,
  variant: string | undefined,
  params: ErrorTextParams,
): string {
  const has = (name: string | undefined): name is string => name !== undefined && ERROR_VARIANTS[kind].includes(name);
  const fact = NAMED_FACT[kind];
  if (fact && params[fact] === undefined) {
    const without = variant === undefined ? undefined : `${variant}-no-${fact}`;
    return has(without) ? without : `no-${fact}`;
  }
  return has(variant) ? variant : 'default';
}

/**
 * The text variant a call asks for when it fails with `kind`: an answer not understood after a link or a token
 * request says what may exist now; any other failure of an Atlas call is worded for Atlas. CloudManagerError
 * drops a variant its kind has no text for.
 */
export function variantFor(
  kind: CloudManagerErrorKind,
  operation: CloudManagerOperation | undefined,
): string | undefined {
  if (kind === 'unexpected-response' && operation === 'link') return 'after-link';
  if (kind === 'unexpected-response' && operation === 'create-token') return 'after-token';
  return isAtlasOperation(operation) ? 'atlas' : undefined;
}
