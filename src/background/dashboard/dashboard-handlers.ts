// Handlers for the dashboard's messages (see shared/dashboard-messages.ts): thin wiring to the row builder,
// the add-org resolver, the rows' Atlas targets and the worker-side runs (refresh all, create and link).
import { isObjectId } from '../../core/cloudmanager';
import type { DashboardMessages } from '../../shared/dashboard-messages';
import type { HandlersOf } from '../../shared/messages';
import { WorkerError } from '../messaging/worker-error';
import { readContents } from '../vault/vault-store';
import { addOrg } from './add-org';
import { addOrgs, setClients } from './add-orgs';
import { setAtlasTarget, setAtlasTargets } from './atlas-target';
import { removeOrg, setOrgClient } from './edit-org';
import { startLinkRun } from './link-run';
import { cancelRefreshRun, isRefreshRunning, refreshProgress, startRefreshRun } from './refresh-run';
import { clampConcurrency, readConcurrency, saveConcurrency } from './refresh-store';
import { dashboardView, knownRows } from './view';

// Far above any consultant's list, low enough that one message cannot queue unbounded work.
const MAX_ORGS_PER_RUN = 5000;

function orgList(requested: unknown): string[] {
  if (!Array.isArray(requested) || requested.length > MAX_ORGS_PER_RUN || !requested.every(isObjectId)) {
    throw new WorkerError('invalid-input');
  }
  return [...new Set(requested as string[])];
}

async function orgsToRefresh(requested: unknown): Promise<string[]> {
  if (requested === undefined) return (await knownRows()).map((row) => row.orgId);
  return orgList(requested);
}

export const dashboardHandlers: HandlersOf<DashboardMessages> = {
  'dashboard/view': () => dashboardView(),

  'dashboard/add-org': ({ input, profileId }) => addOrg(input, profileId),
  'dashboard/set-client': ({ orgId, profileId }) => setOrgClient(orgId, profileId),
  'dashboard/add-orgs': ({ entries }) => addOrgs(entries),
  'dashboard/set-clients': ({ orgIds, client }) => setClients(orgIds, client),
  'dashboard/remove-org': ({ orgId }) => removeOrg(orgId),

  async 'dashboard/refresh-all'({ orgIds, concurrency }) {
    if (isRefreshRunning()) return (await refreshProgress())!;
    // Locked is one clear answer up front, not one error per row.
    await readContents();
    const ids = await orgsToRefresh(orgIds);
    const limit = concurrency === undefined ? await readConcurrency() : clampConcurrency(concurrency);
    if (concurrency !== undefined) await saveConcurrency(limit);
    return startRefreshRun(ids, limit);
  },

  'dashboard/set-atlas-target': ({ orgId, atlasOrgId }) => setAtlasTarget(orgId, atlasOrgId),
  'dashboard/set-atlas-targets': ({ targets }) => setAtlasTargets(targets),

  async 'dashboard/link-run'({ orgIds, concurrency }) {
    if (isRefreshRunning()) return (await refreshProgress())!;
    await readContents();
    const ids = orgList(orgIds);
    return startLinkRun(ids, concurrency === undefined ? await readConcurrency() : clampConcurrency(concurrency));
  },

  'dashboard/progress': ({ since }) => refreshProgress(typeof since === 'number' ? since : undefined),

  async 'dashboard/cancel'() {
    return cancelRefreshRun();
  },
};
