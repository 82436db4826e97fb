// What an error kind means to the user, in their language: a sentence and what to do, from the kind and its params.
import type { ErrorView } from '../domain';
import { t } from './i18n';
import { orgLabel } from './org-label';

// Which params each message key substitutes ($1, $2 ... in the catalogue), in order. `org` and `orgWithId` are
// made from orgName and orgId: the name when the worker knows it, else the id.
const substitutions: Partial<Record<ErrorView['kind'], string[]>> = {
  'ip-not-allowed': ['ip'],
  'access-list-required': ['ip'],
  'rate-limited': ['seconds'],
  'too-many-attempts': ['seconds'],
  'server-error': ['status'],
  'token-reused': ['org'],
  'no-profile': ['org'],
  'key-other-org': ['orgWithId'],
  'duplicate-key': ['label'],
  redirected: ['host'],
};

const keyOf = (prefix: string, kind: string) => `${prefix}_${kind.replace(/-/g, '_')}`;

function paramOf(error: ErrorView, name: string): string {
  const params = error.params ?? {};
  if (name === 'org') return params.orgName || params.orgId || '?';
  if (name === 'orgWithId') return params.orgId ? orgLabel(params.orgName, params.orgId) : (params.orgName ?? '?');
  return params[name] ?? '?';
}

export function errorText(error: ErrorView): { message: string; remedy: string } {
  const values = (substitutions[error.kind] ?? []).map((name) => paramOf(error, name));
  // A precise variant (e.g. an empty token) has its own text where the catalogue has one.
  const lookup = (prefix: string) => {
    const variant = error.params?.variant;
    const precise = variant && variant !== 'default' ? t(keyOf(prefix, `${error.kind}-${variant}`), values) : '';
    return precise && !precise.startsWith(`${prefix}_`) ? precise : t(keyOf(prefix, error.kind), values);
  };
  const message = lookup('error');
  const remedy = lookup('remedy');
  return {
    message: message.startsWith('error_') ? error.message : message,
    remedy: remedy.startsWith('remedy_') ? (error.remedy ?? '') : remedy,
  };
}
