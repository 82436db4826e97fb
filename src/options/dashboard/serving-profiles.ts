// Which saved key pairs may serve an org's row: a key of that very org, a global (Ops Manager) key of the row's
// server, or an older, not yet identified key pair already bound to it — never an Atlas key pair, which serves no
// Cloud Manager org. The worker refuses any other; the dialogs and filters never offer one.
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { ProfileView } from '../../shared/domain';

/** The key pairs that can be a row's client: Cloud Manager and Ops Manager ones. */
export const cloudManagerProfiles = (profiles: readonly ProfileView[]): ProfileView[] =>
  profiles.filter((p) => p.side !== 'atlas');

export function mayServe(profile: ProfileView, row: Pick<DashboardRow, 'orgId' | 'base'>): boolean {
  if (profile.side === 'atlas') return false;
  if (profile.org) return profile.org.id === row.orgId;
  if (profile.global)
    return profile.orgIds.includes(row.orgId) || (row.base !== undefined && profile.baseUrl === row.base);
  return profile.orgIds.includes(row.orgId);
}

export function servingProfiles(
  profiles: readonly ProfileView[],
  row: Pick<DashboardRow, 'orgId' | 'base'>,
): ProfileView[] {
  return profiles.filter((p) => mayServe(p, row));
}
