// What an error means to the user, from its kind, variant and params alone: the sentence and what to do, looked up
// in the message catalogue (error_<kind>[_<variant>], remedy_<…>). Pure: the lookup function is given, so the words
// can be checked against the catalogue files in tests.
import type { ErrorView } from '../domain';
import { orgLabel } from './org-label';
import { PLURAL_LOCALE_KEY, pluralCategory } from './plural';

/** Looks a key up in the catalogue with its substitutions; '' when the catalogue has no such key. */
export type Translate = (key: string, substitutions: string[]) => string;

// Which params each kind's texts substitute ($1, $2 ... in the catalogue), in order. `org` and `orgWithId` are
// made from orgName and orgId: the name when the worker knows it, else the id.
export const SUBSTITUTIONS: Partial<Record<ErrorView['kind'], string[]>> = {
  'ip-not-allowed': ['ip'],
  'access-list-required': ['ip'],
  'rate-limited': ['seconds'],
  'too-many-attempts': ['seconds'],
  'server-error': ['status'],
  'migration-running': ['projects'],
  'token-reused': ['org'],
  'no-profile': ['org'],
  'key-other-org': ['orgWithId'],
  'duplicate-key': ['label'],
  'no-atlas-key-pair': ['client'],
  'access-list-ips-missing': ['client'],
  'no-atlas-target': ['org'],
  'migration-not-ready': ['status'],
  redirected: ['host'],
  'server-not-allowed': ['server', 'servers'],
  // What is running: its key pair, and a made token's Atlas org or a pasted token's fingerprint (variant link-*).
  busy: ['label', 'atlasOrg', 'fingerprint'],
};

// The number each kind's texts count: where it takes the singular ("Wait 1 second"), a text's <key>_one is chosen
// when the catalogue has one (plural.ts).
const COUNTED: Partial<Record<ErrorView['kind'], string>> = {
  'rate-limited': 'seconds',
  'too-many-attempts': 'seconds',
};

/** The catalogue key of a kind's text, or of one of its variants. */
export const errorKey = (prefix: 'error' | 'remedy', kind: string, variant?: string) =>
  `${prefix}_${kind}${variant && variant !== 'default' ? `-${variant}` : ''}`.replace(/-/g, '_');

function paramOf(error: ErrorView, name: string): string {
  const params = error.params ?? {};
  if (name === 'org') return params.orgName || params.orgId || '?';
  if (name === 'atlasOrg') return params.atlasOrgId ? orgLabel(params.atlasOrgName, params.atlasOrgId) : '?';
  if (name === 'orgWithId') return params.orgId ? orgLabel(params.orgName, params.orgId) : (params.orgName ?? '?');
  return params[name] ?? '?';
}

export function errorWords(error: ErrorView, translate: Translate): { message: string; remedy: string } {
  const values = (SUBSTITUTIONS[error.kind] ?? []).map((name) => paramOf(error, name));
  const variant = error.params?.variant;
  const counted = COUNTED[error.kind];
  const singular =
    counted !== undefined &&
    pluralCategory(translate(PLURAL_LOCALE_KEY, []), Number(paramOf(error, counted))) === 'one';
  const text = (key: string) => (singular && translate(`${key}_one`, values)) || translate(key, values);
  // The variant's own text where the catalogue has one, else the kind's; a kind without any text reads as internal.
  const lookup = (prefix: 'error' | 'remedy') =>
    (variant ? text(errorKey(prefix, error.kind, variant)) : '') ||
    text(errorKey(prefix, error.kind)) ||
    translate(errorKey(prefix, 'internal'), []);
  return { message: lookup('error'), remedy: lookup('remedy') };
}
