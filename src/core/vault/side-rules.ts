// Which server and which kind of credential each side's key pair may have: one rule for the forms and messages
// (profiles.ts) and for every backup, merge and stored vault the vault decrypts (validate.ts). A Cloud Manager or
// Atlas key pair (API key or service account) signs in at https://cloud.mongodb.com only, so its credential never
// goes to another origin; only Ops Manager has servers of its own, and it has no service accounts.
import { CLOUD_MANAGER_BASE_URL } from './base-url';
import { isKeyCredential, profileCredential } from './credentials';
import { profileSide } from './sides';
import type { KeyCredential, KeySide, Profile } from './types';
import { VaultError } from './vault-error';

/** Whether a side has service accounts: Cloud Manager (in Preview) and Atlas do, Ops Manager does not. */
export const sideHasServiceAccounts = (side: KeySide): boolean => side !== 'ops-manager';

/** Whether a side's key pairs may name their own server: only Ops Manager's (Cloud Manager and Atlas are one service). */
export const sideHasOwnServers = (side: KeySide): boolean => side === 'ops-manager';

/**
 * The kind a form or message asked for, checked: absent is an API key; a service account serves Cloud Manager or
 * Atlas only (Ops Manager has none).
 */
export function checkedCredential(value: unknown, side: KeySide): KeyCredential {
  const credential = value === undefined ? 'api-key' : value;
  if (!isKeyCredential(credential)) {
    throw new VaultError('invalid-profile', {
      variant: 'bad-credential',
      field: 'credential',
    });
  }
  requireSideRule({ side, credential, baseUrl: CLOUD_MANAGER_BASE_URL });
  return credential;
}

/** What breaks the rule: the field at fault and the variant of the pages' words. */
export type SideProblem =
  | { field: 'credential'; variant: 'credential-side' }
  | { field: 'baseUrl'; variant: 'side-server' };

/** What breaks the rule, if anything, for a key pair of this side, kind and server (an origin in normal form). */
export function sideProblem(key: {
  side: KeySide;
  credential: KeyCredential;
  baseUrl: string;
}): SideProblem | undefined {
  if (key.credential === 'service-account' && !sideHasServiceAccounts(key.side)) {
    return { field: 'credential', variant: 'credential-side' };
  }
  if (!sideHasOwnServers(key.side) && key.baseUrl !== CLOUD_MANAGER_BASE_URL) {
    return { field: 'baseUrl', variant: 'side-server' };
  }
  return undefined;
}

/** The same for a key pair as saved (its side and kind read the way every caller reads them). */
export function keyPairSideProblem(
  profile: Pick<Profile, 'side' | 'credential' | 'baseUrl' | 'global'>,
): SideProblem | undefined {
  return sideProblem({ side: profileSide(profile), credential: profileCredential(profile), baseUrl: profile.baseUrl });
}

/**
 * Refuses, before any request, a key pair that breaks the rule: one a stored vault still holds from before the rule
 * (it opens, so no other key pair is lost) is never used to sign in until the user fixes it.
 */
export function requireSideRule(profile: Pick<Profile, 'side' | 'credential' | 'baseUrl' | 'global'>): void {
  const problem = keyPairSideProblem(profile);
  if (problem) {
    throw new VaultError('invalid-profile', { variant: problem.variant, field: problem.field });
  }
}
