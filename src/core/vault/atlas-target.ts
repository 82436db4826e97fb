// A Cloud Manager org's Atlas target ("create and link" links it there): the user's choice when there is one (an
// explicit "none" included); otherwise, when the org's client has exactly one Atlas org, that org by default; with
// several the user is asked, with none there is nothing to link to.
import { sameLabel } from './profile-rules';
import type { KeyOrg, KeySide } from './types';

/** What the rule reads of a key pair: a vault Profile and the pages' public view both fit. */
export interface AtlasOrgHolder {
  label: string;
  side?: KeySide;
  org?: KeyOrg;
}

/** The user's choice for the org: an Atlas org id, an explicit none (null), or nothing chosen (undefined). */
export type ChosenAtlasOrg = string | null | undefined;

/**
 * chosen: the user's Atlas org; default: the client's only Atlas org; none-chosen: the user chose none; ask: the
 * client has several Atlas orgs and none was chosen; none: no client, or a client without an Atlas org.
 */
export type AtlasTargetSource = 'chosen' | 'default' | 'none-chosen' | 'ask' | 'none';

export interface AtlasTarget {
  atlasOrgId?: string;
  source: AtlasTargetSource;
}

/** The Atlas orgs of a client's Atlas key pairs (same label), once each, by name. */
export function atlasOrgsOfClient(profiles: readonly AtlasOrgHolder[], label: string | undefined): KeyOrg[] {
  if (label === undefined) return [];
  const byId = new Map<string, KeyOrg>();
  for (const p of profiles) {
    if (p.side !== 'atlas' || !p.org || !sameLabel(p.label, label) || byId.has(p.org.id)) continue;
    byId.set(p.org.id, { id: p.org.id, name: p.org.name });
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** The org's target: an explicit choice (an Atlas org or none) wins over the client's default. */
export function atlasTargetOf(
  profiles: readonly AtlasOrgHolder[],
  label: string | undefined,
  choice: ChosenAtlasOrg,
): AtlasTarget {
  if (typeof choice === 'string') return { atlasOrgId: choice, source: 'chosen' };
  if (choice === null) return { source: 'none-chosen' };
  const orgs = atlasOrgsOfClient(profiles, label);
  if (orgs.length === 1) return { atlasOrgId: orgs[0]!.id, source: 'default' };
  return { source: orgs.length > 1 ? 'ask' : 'none' };
}
