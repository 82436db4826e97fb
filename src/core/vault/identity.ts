// What the server said a key is (the key of one org, with that org's projects, or an Ops Manager global key), made
// safe to keep in the vault: names cut to size without control characters, projects deduplicated.
import { hasControlCharacter, MAX_NAME_LENGTH, MAX_PROJECTS_PER_PROFILE, ORG_ID } from './profile-rules';
import type { KeyOrg, KeyProject, Profile } from './types';

/** What the server said a key is: the key of one org (with that org's projects), or an Ops Manager global key. */
export type KeyIdentity = { kind: 'org'; org: KeyOrg; projects: KeyProject[] } | { kind: 'global' };

/** A name as the server gave it, made safe to keep: control characters become spaces, and it is cut to size. */
export const cut = (name: string) =>
  Array.from(name, (c) => (hasControlCharacter(c) ? ' ' : c))
    .join('')
    .slice(0, MAX_NAME_LENGTH);

/** The profile's identity fields for what the server said (names cut to size, projects deduplicated). */
export function identityFields(identity: KeyIdentity): Pick<Profile, 'org' | 'global' | 'projects'> {
  if (identity.kind === 'global') return { global: true };
  const projects = new Map<string, KeyProject>();
  for (const p of identity.projects) {
    if (ORG_ID.test(p.id) && projects.size < MAX_PROJECTS_PER_PROFILE)
      projects.set(p.id, { id: p.id, name: cut(p.name) });
  }
  return { org: { id: identity.org.id, name: cut(identity.org.name) }, projects: [...projects.values()] };
}
