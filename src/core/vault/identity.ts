// What the server said a key is (the key of one org with that org's projects, an Ops Manager global key, the key of
// one Atlas org), made safe to keep in the vault: names cut to size under the display-safe rule, projects deduplicated.
import { displaySafe } from '../text/display-safe';
import { MAX_NAME_LENGTH, MAX_PROJECTS_PER_PROFILE, ORG_ID } from './profile-rules';
import type { KeyOrg, KeyProject, Profile } from './types';

/**
 * What the server said a key is: the key of one Cloud Manager / Ops Manager org (with that org's projects), an Ops
 * Manager global key, or the key of one Atlas org (the Atlas API's `GET /orgs` named exactly that org).
 */
export type KeyIdentity =
  | { kind: 'org'; org: KeyOrg; projects: KeyProject[] }
  | { kind: 'global' }
  | { kind: 'atlas-org'; org: KeyOrg };

/**
 * A name as the server gave it, made safe to keep and show: every character the display-safe rule refuses (controls,
 * line separators, text-direction marks) becomes a space, and it is cut to MAX_NAME_LENGTH characters, never inside one.
 */
export const cut = (name: string) => displaySafe(name, MAX_NAME_LENGTH);

/** The profile's identity fields for what the server said (names cut to size, projects deduplicated, the side). */
export function identityFields(identity: KeyIdentity): Pick<Profile, 'org' | 'global' | 'projects' | 'side'> {
  // Only Ops Manager has keys that span orgs: a global key is an Ops Manager key pair, whatever it was saved as.
  if (identity.kind === 'global') return { global: true, side: 'ops-manager' };
  if (identity.kind === 'atlas-org')
    return { org: { id: identity.org.id, name: cut(identity.org.name) }, side: 'atlas' };
  const projects = new Map<string, KeyProject>();
  for (const p of identity.projects) {
    if (ORG_ID.test(p.id) && projects.size < MAX_PROJECTS_PER_PROFILE)
      projects.set(p.id, { id: p.id, name: cut(p.name) });
  }
  return { org: { id: identity.org.id, name: cut(identity.org.name) }, projects: [...projects.values()] };
}
