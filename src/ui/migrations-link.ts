// Where "Plan in the Migrations tab" opens: the settings page's Migrations tab with one org picked,
// #migrations?org=<id>, from the popup (a new tab) and from a dashboard row (the same page).
import { isObjectId } from '../core/cloudmanager/ids';

const PREFIX = '#migrations?org=';

export const migrationsHref = (orgId: string) => `${PREFIX}${orgId}`;

/** The org a Migrations tab address picks; undefined for any other address or a malformed id. */
export function migrationsOrgOf(hash: string): string | undefined {
  if (!hash.startsWith(PREFIX)) return undefined;
  const orgId = hash.slice(PREFIX.length);
  return isObjectId(orgId) ? orgId : undefined;
}

/** The settings tab an address names: the part before any `?`. */
export const tabOf = (hash: string) => hash.slice(1).split('?')[0] ?? '';
