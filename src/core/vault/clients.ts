// A client as the settings page shows it: the name its key pairs share, with their Cloud Manager (or Ops Manager)
// orgs, Atlas orgs and key pairs; and a rename, which gives every key pair of the client the new name at once, so a
// client's Cloud Manager and Atlas key pairs stay paired.
import { type ClientKeyPair, clientNames } from './client-names';
import { labelProblem, sameLabel } from './profile-rules';
import { profileSide } from './sides';
import type { KeyOrg, KeySide, VaultContents } from './types';
import { VaultError } from './vault-error';

/** The fields of a key pair the overview reads (never a secret). */
export interface OverviewKeyPair extends ClientKeyPair {
  id: string;
  publicKey: string;
  orgIds: readonly string[];
  org?: KeyOrg;
}

export interface ClientOverview {
  name: string;
  /** The orgs its Cloud Manager and Ops Manager key pairs serve (a name where the key pair's server gave one). */
  cloudManagerOrgs: { id: string; name?: string }[];
  /** The Atlas orgs its Atlas key pairs make link tokens for. */
  atlasOrgs: KeyOrg[];
  keyPairs: { id: string; side: KeySide; publicKey: string }[];
}

/** Every client with its orgs and key pairs, in alphabetical order. */
export function clientOverview(profiles: readonly OverviewKeyPair[]): ClientOverview[] {
  return clientNames(profiles).map((name) => {
    const own = profiles.filter((p) => sameLabel(p.label, name));
    const cloudManagerOrgs = new Map<string, { id: string; name?: string }>();
    const atlasOrgs = new Map<string, KeyOrg>();
    for (const p of own) {
      if (profileSide(p) === 'atlas') {
        if (p.org) atlasOrgs.set(p.org.id, p.org);
        continue;
      }
      if (p.org) cloudManagerOrgs.set(p.org.id, p.org);
      for (const id of p.orgIds) if (!cloudManagerOrgs.has(id)) cloudManagerOrgs.set(id, { id });
    }
    return {
      name,
      cloudManagerOrgs: [...cloudManagerOrgs.values()],
      atlasOrgs: [...atlasOrgs.values()],
      keyPairs: own.map((p) => ({ id: p.id, side: profileSide(p), publicKey: p.publicKey })),
    };
  });
}

/**
 * Gives every key pair of the client `from` the name `to` (trimmed, under the label rule). A name another client
 * already has joins the two clients, and only when `join` says so; a client no key pair has is unknown.
 */
export function renameClient(
  contents: VaultContents,
  from: string,
  to: string,
  now: number,
  join = false,
): { contents: VaultContents; renamed: number } {
  const name = typeof to === 'string' ? to.trim() : '';
  const problem = labelProblem(name);
  if (problem) {
    throw new VaultError('invalid-profile', {
      variant: problem,
      field: 'label',
    });
  }
  const own = contents.profiles.filter((p) => typeof from === 'string' && sameLabel(p.label, from));
  if (own.length === 0) throw new VaultError('unknown-profile');
  const taken = contents.profiles.some((p) => !own.includes(p) && sameLabel(p.label, name));
  if (taken && !join) {
    throw new VaultError('invalid-profile', {
      variant: 'client-exists',
      field: 'label',
      params: { client: name },
    });
  }
  return {
    contents: {
      ...contents,
      profiles: contents.profiles.map((p) => (own.includes(p) ? { ...p, label: name, updatedAt: now } : p)),
    },
    renamed: own.length,
  };
}
