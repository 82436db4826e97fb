// Merging a backup into the current vault. Key pairs are matched by id; a key pair edited since the backup is a
// conflict the user settles, and every org stays bound to one key pair, the current vault's binding first. A
// backup's key pair under another id that is identical to one the vault holds (the same credential: side, kind,
// server, public and private key) is skipped and named, never kept twice; its orgs go to the vault's copy.

import { profileCredential } from './credentials';
import { MAX_PROFILES } from './profile-rules';
import { newProfileId } from './profiles';
import { profileSide } from './sides';
import type { Profile, VaultContents } from './types';
import { VaultError } from './vault-error';

export interface MergeEntry {
  id: string;
  label: string;
}

/** The same id on both sides with different contents: the user chooses which to keep. */
export interface MergeConflict {
  id: string;
  currentLabel: string;
  incomingLabel: string;
}

/**
 * A key pair of the backup whose public key and server the vault already holds under another id: in `identical`,
 * the same credential (skipped); in `duplicateKeys`, another secret or side (added beside it, and said).
 */
export interface DuplicateKey {
  id: string;
  label: string;
  currentId: string;
  currentLabel: string;
}

export interface MergePlan {
  added: MergeEntry[];
  unchanged: MergeEntry[];
  conflicts: MergeConflict[];
  duplicateKeys: DuplicateKey[];
  identical: DuplicateKey[];
}

/**
 * keep-current: the vault's version stays and the backup's is dropped; take-backup: the backup's version replaces
 * it under the same id; keep-both: the backup's version is added under a new id.
 */
export type ConflictChoice = 'keep-current' | 'take-backup' | 'keep-both';

// What the user edits; org bindings are merged separately and timestamps do not make two key pairs differ.
const sameContent = (a: Profile, b: Profile) =>
  a.label === b.label &&
  a.publicKey === b.publicKey &&
  a.privateKey === b.privateKey &&
  a.baseUrl === b.baseUrl &&
  a.insecureHttpConfirmed === b.insecureHttpConfirmed &&
  profileSide(a) === profileSide(b) &&
  profileCredential(a) === profileCredential(b) &&
  (a.accessListIps ?? []).join() === (b.accessListIps ?? []).join();

const sameKey = (a: Profile, b: Profile) => a.publicKey === b.publicKey && a.baseUrl === b.baseUrl;

/** The same credential: what signs (side, kind, server, public and private key); the label is only its client. */
const sameCredential = (a: Profile, b: Profile) =>
  sameKey(a, b) &&
  a.privateKey === b.privateKey &&
  profileSide(a) === profileSide(b) &&
  profileCredential(a) === profileCredential(b);

/** The vault's key pair identical to the backup's `q` under another id, if any (a key pair of the same id is not). */
function identicalTwin(current: VaultContents, q: Profile): Profile | undefined {
  if (current.profiles.some((p) => p.id === q.id)) return undefined;
  return current.profiles.find((p) => sameCredential(p, q));
}

export function planMerge(current: VaultContents, incoming: VaultContents): MergePlan {
  const byId = new Map(current.profiles.map((p) => [p.id, p]));
  const plan: MergePlan = { added: [], unchanged: [], conflicts: [], duplicateKeys: [], identical: [] };
  for (const q of incoming.profiles) {
    const p = byId.get(q.id);
    const identical = identicalTwin(current, q);
    if (p && sameContent(p, q)) plan.unchanged.push({ id: q.id, label: q.label });
    else if (p) plan.conflicts.push({ id: q.id, currentLabel: p.label, incomingLabel: q.label });
    else if (identical) {
      plan.identical.push({ id: q.id, label: q.label, currentId: identical.id, currentLabel: identical.label });
    } else {
      plan.added.push({ id: q.id, label: q.label });
      const twin = current.profiles.find((c) => sameKey(c, q));
      if (twin) plan.duplicateKeys.push({ id: q.id, label: q.label, currentId: twin.id, currentLabel: twin.label });
    }
  }
  return plan;
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

export function mergeContents(
  current: VaultContents,
  incoming: VaultContents,
  options: { onConflict: ConflictChoice },
): VaultContents {
  const incomingById = new Map(incoming.profiles.map((q) => [q.id, q]));
  const currentById = new Map(current.profiles.map((p) => [p.id, p]));
  const taken = new Set([...currentById.keys(), ...incomingById.keys()]);
  const freshId = () => {
    let id = newProfileId();
    while (taken.has(id)) id = newProfileId();
    taken.add(id);
    return id;
  };

  // The orgs a skipped identical key pair was bound to, for the vault's copy of it.
  const twinOrgs = new Map<string, string[]>();
  for (const q of incoming.profiles) {
    const twin = identicalTwin(current, q);
    if (twin) twinOrgs.set(twin.id, union(twinOrgs.get(twin.id) ?? [], q.orgIds));
  }
  const profiles: Profile[] = current.profiles.map((p) => {
    const q = incomingById.get(p.id);
    const withTwin = twinOrgs.has(p.id) ? { ...p, orgIds: union(p.orgIds, twinOrgs.get(p.id)!) } : p;
    if (!q) return withTwin;
    if (sameContent(p, q)) return { ...withTwin, orgIds: union(withTwin.orgIds, q.orgIds) };
    if (options.onConflict === 'take-backup') return { ...q, orgIds: union(withTwin.orgIds, q.orgIds) };
    return withTwin;
  });
  for (const q of incoming.profiles) {
    const p = currentById.get(q.id);
    if (!p && !identicalTwin(current, q)) profiles.push(q);
    else if (p && options.onConflict === 'keep-both' && !sameContent(p, q)) profiles.push({ ...q, id: freshId() });
  }
  if (profiles.length > MAX_PROFILES) {
    throw new VaultError('invalid-backup', { variant: 'too-many-profiles', params: { max: String(MAX_PROFILES) } });
  }

  // An org bound in the current vault stays with that key pair (its id survives every choice above); an org
  // only the backup binds goes to the first key pair that claims it.
  const owner = new Map<string, string>();
  for (const p of current.profiles) for (const o of p.orgIds) owner.set(o, p.id);
  const claimed = new Set<string>();
  return {
    ...current,
    profiles: profiles.map((p) => {
      const orgIds = p.orgIds.filter((o) => {
        // A key pair the server identified serves its own org only, whatever an older copy was bound to; an Atlas
        // key pair serves no Cloud Manager org at all.
        if (p.side === 'atlas' || (p.org && o !== p.org.id)) return false;
        const keep = (owner.get(o) ?? p.id) === p.id && !claimed.has(o);
        if (keep) claimed.add(o);
        return keep;
      });
      return { ...p, orgIds };
    }),
  };
}
