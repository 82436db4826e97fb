// Reads which org or project a Cloud Manager (or Ops Manager) page shows from its address. Org pages name the org
// in the hash (`/v2#/org/{orgId}/...`); project pages name the project in the path (`/v2/{groupId}#...`).
import { isObjectId } from './ids';

export type UiLocation =
  | { kind: 'org'; orgId: string; base: string }
  | { kind: 'group'; groupId: string; base: string };

export const CLOUD_MANAGER_BASE = 'https://cloud.mongodb.com';

// `#/org/ID`, `#org/ID`, then the end, a further path or a query.
const ORG_HASH = /^#\/?org\/([^/?#]*)(?:[/?].*)?$/s;
const PROJECT_PATH = /^\/v2\/([^/]*)\/?$/;

function originOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
}

// Stryker disable next-line ArrayDeclaration: a stand-in base that is no address adds no origin, so the default decides nothing.
export function parseUiUrl(url: string, knownBases: string[] = []): UiLocation | null {
  if (typeof url !== 'string') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const base = parsed.origin;
  const bases = new Set([CLOUD_MANAGER_BASE, ...knownBases.map(originOf)]);
  if (!bases.has(base)) return null;

  if (parsed.pathname === '/v2' || parsed.pathname === '/v2/') {
    const orgId = ORG_HASH.exec(parsed.hash)?.[1];
    return isObjectId(orgId) ? { kind: 'org', orgId, base } : null;
  }
  const groupId = PROJECT_PATH.exec(parsed.pathname)?.[1];
  return isObjectId(groupId) ? { kind: 'group', groupId, base } : null;
}

// Building addresses, for links that open the web UI where something is fixed. An Ops Manager org's pages have the
// same shapes on its own server; an id that is no org id, or a base that is no web address, makes no link.

/** The web UI's origin for a saved base (Cloud Manager when none, or when it is no http(s) address). */
function uiOrigin(base?: string): string | undefined {
  return base === undefined || base === '' ? CLOUD_MANAGER_BASE : originOf(base);
}

/** An org's home page (its projects), or undefined when the id or base cannot make one. */
export function orgPageUrl(orgId: string, base?: string): string | undefined {
  const origin = uiOrigin(base);
  return origin && isObjectId(orgId) ? `${origin}/v2#/org/${orgId}/projects` : undefined;
}

/** An org's API keys page (where a key's access list is edited), or undefined as for orgPageUrl. */
export function orgApiKeysUrl(orgId: string, base?: string): string | undefined {
  const origin = uiOrigin(base);
  return origin && isObjectId(orgId) ? `${origin}/v2#/org/${orgId}/access/apiKeys` : undefined;
}
