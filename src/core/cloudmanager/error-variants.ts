// Which texts each error kind has, by variant, and which fact a kind's text names: the pages translate an error from
// its kind, variant and params alone (the English and Korean texts are the extension's message catalogues, nowhere
// else). A text that names a fact the error does not have gives way to its `no-…` variant.
import type { CloudManagerErrorKind } from './error-kinds';

/** The variants of each kind beside its default text (catalogue keys error_<kind>_<variant>, remedy_<…>). */
export const ERROR_VARIANTS: { readonly [K in CloudManagerErrorKind]: readonly string[] } = {
  'bad-credentials': [],
  'not-org-owner': [],
  'ip-not-allowed': ['no-ip'],
  'access-list-required': ['no-ip'],
  'org-not-found': [],
  'group-not-found': [],
  'invalid-id': ['org', 'group'],
  'atlas-org': [],
  'invalid-token': ['empty', 'too-long', 'whitespace'],
  'rate-limited': ['no-seconds'],
  'server-error': [],
  maintenance: [],
  timeout: ['during-link'],
  network: ['aborted', 'during-link', 'invalid-base-url'],
  redirected: ['no-host'],
  'stale-nonce': [],
  'not-linked': [],
  'unexpected-response': ['after-link'],
  unknown: ['internal'],
};

/** The facts an error's text may name, as the pages substitute them. */
export type ErrorTextParams = { readonly ip?: string; readonly seconds?: string; readonly host?: string };

// The fact each kind's default text names: without it, the `no-<fact>` variant is used.
const NAMED_FACT: Partial<Record<CloudManagerErrorKind, keyof ErrorTextParams>> = {
  'ip-not-allowed': 'ip',
  'access-list-required': 'ip',
  'rate-limited': 'seconds',
  redirected: 'host',
};

/** The variant to show: the one asked for when the kind has it (else 'default'), or `no-<fact>` without the fact. */
export function chooseVariant(
  kind: CloudManagerErrorKind,
  variant: string | undefined,
  params: ErrorTextParams,
): string {
  const fact = NAMED_FACT[kind];
  if (fact && params[fact] === undefined) return `no-${fact}`;
  return variant !== undefined && ERROR_VARIANTS[kind].includes(variant) ? variant : 'default';
}
