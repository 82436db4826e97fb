// Which saved key pairs may serve an org's row: a key of that very org, a global (Ops Manager) key of the row's
// server, or an older, not yet identified key pair already bound to it. The worker refuses any other; the dialogs
// never offer one.
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { ProfileView } from '../../shared/domain';

export function mayServe(profile: ProfileView, row: Pick<DashboardRow, 'orgId' | 'base'>): boolean {
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
