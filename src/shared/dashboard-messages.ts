// Messages of the dashboard view (every client org at a glance): the table's rows, adding an org, each row's Atlas
// target, and the worker-side runs ("refresh all", "create and link") the page starts, watches by polling and may
// cancel. Link and unlink from a row
// reuse the popup's 'link/create' and 'link/delete'.
import type { MigrationGlanceFields } from '../core/atlas/migration-glance';
import type { LinkStatus } from '../core/cloudmanager';
import type { AtlasTargetSource } from '../core/vault';
import type { ErrorView, HistoryEntry, Operation, ProfileView, VaultState } from './domain';

export interface DashboardRow {
  orgId: string;
  name?: string;
  /** The profile (client) bound to this org in the vault, when the vault is open and one is bound. */
  profileId?: string;
  profileLabel?: string;
  status?: LinkStatus;
  /** Which call answered `status` (OrgStatusRecord.statusFrom): a link's NOT_SYNCED confirms a link, a check's not. */
  statusFrom?: Operation;
  checkedAt?: number;
  /** The last call's failure; cleared by the next success. */
  error?: ErrorView;
  base?: string;
  /** The user's note on the org (ticket id, handover remark): exported with the table. */
  note?: string;
  lastAction?: Pick<HistoryEntry, 'time' | 'operation' | 'result' | 'ok'>;
  /**
   * The Atlas org this org is to be linked to ("create and link"): chosen on the row or imported, else the client's
   * only Atlas org by default.
   */
  atlasOrgId?: string;
  /** How the target was decided (core/vault atlasTargetOf): a default is marked, "ask" asks for a choice. */
  atlasTarget?: AtlasTargetSource;
  /** The org's migration its badge shows (the most pressing the extension started), and how many others it has. */
  migration?: MigrationGlanceFields & { others: number };
}

export interface DashboardView {
  vault: VaultState;
  rows: DashboardRow[];
  /** Public profiles only (no private key), for the client filter and the link dialog. */
  profiles: ProfileView[];
  /** The concurrency the last refresh used, as the default for the next one. */
  concurrency: number;
  refresh?: RefreshProgress;
}

export type RefreshItemState = 'queued' | 'running' | 'ok' | 'failed' | 'skipped';

/** Why a "create and link" run left a row alone (a cancelled run's rows left have no reason). */
export type LinkSkipReason = 'no-target' | 'already-linked';

/**
 * A worker-side run over rows: "refresh all" (a status check each) or "create and link" (a link each); or over the
 * migration batch's plans, validate or start (an item's orgId is then the plan's id).
 */
export type RunKind = 'refresh' | 'link' | 'validate' | 'start';

export interface RefreshItem {
  orgId: string;
  state: RefreshItemState;
  /** The org's record after a successful check. */
  status?: LinkStatus;
  name?: string;
  checkedAt?: number;
  error?: ErrorView;
  /** A "create and link" run: why the row was skipped. */
  skipReason?: LinkSkipReason;
  /** A "create and link" run: the link's outcome was unknown, so the status was checked instead of posting again. */
  checked?: boolean;
  /** Changes are numbered so a page fetches only what changed since it last asked. */
  seq: number;
}

export type RefreshState = 'running' | 'cancelling' | 'cancelled' | 'finished' | 'interrupted';

export interface RefreshProgress {
  runId: string;
  /** Absent on a run stored by an older version: a refresh. */
  kind?: RunKind;
  state: RefreshState;
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  running: number;
  /** Concurrency allowed now (lowered after a 429) and the configured one. */
  concurrency: number;
  maxConcurrency: number;
  /** Epoch ms until which the run waits because Cloud Manager asked it to slow down. */
  pausedUntil?: number;
  rateLimited: number;
  startedAt: number;
  finishedAt?: number;
  /** The highest change number so far; ask again with `since` set to it. */
  seq: number;
  /** Per-org changes with a number above the request's `since` (all of them when `since` is absent). */
  items: RefreshItem[];
}

export interface AtlasTargetChoice {
  orgId: string;
  atlasOrgId: string | null;
}

/** One org of a batch: an org id or page address, optionally its client's key pair and its Atlas target. */
export interface BatchOrgEntry {
  input: string;
  profileId?: string;
  atlasOrgId?: string;
}

/** A batch entry's outcome, in the entries' order: the row added, or why it was not. */
export type BatchOrgResult = { ok: true; row: DashboardRow } | { ok: false; error: ErrorView };

/** A row of "assign a client": the key pair of the client now serving it, or why none of them may. */
export type ClientAssignResult =
  | { orgId: string; profileId: string }
  | { orgId: string; refused: 'not-serving' }
  | { orgId: string; error: ErrorView };

export type DashboardMessages = {
  'dashboard/view': { request: Record<string, never>; response: DashboardView };
  /** Adds an org by its id or by a Cloud Manager (or known Ops Manager) page address, optionally bound to a client. */
  'dashboard/add-org': { request: { input: string; profileId?: string }; response: DashboardRow };
  /** Adds many orgs (at most 1000): the list is checked whole first, then each valid entry is added. */
  'dashboard/add-orgs': { request: { entries: BatchOrgEntry[] }; response: { results: BatchOrgResult[] } };
  /** Gives these rows the client (a key pair label): per row, the client's key pair that serves it, or a refusal. */
  'dashboard/set-clients': {
    request: { orgIds: string[]; client: string };
    response: { results: ClientAssignResult[] };
  };
  /** Binds the org to a client's key pair, or to none (null). */
  'dashboard/set-client': { request: { orgId: string; profileId: string | null }; response: null };
  /** Forgets the org here (its status and client binding); nothing changes in Cloud Manager or Atlas. */
  'dashboard/remove-org': { request: { orgId: string }; response: null };
  /** Starts a refresh of these orgs (all known orgs when absent), or joins the run already going. */
  'dashboard/refresh-all': { request: { orgIds?: string[]; concurrency?: number }; response: RefreshProgress };
  /**
   * Sets the Atlas org a row's org is to be linked to (only an Atlas org of the row's client), or null: explicitly
   * none, so the client's default Atlas org does not apply either.
   */
  'dashboard/set-atlas-target': { request: { orgId: string; atlasOrgId: string | null }; response: null };
  /** Several at once (a CSV import): every one is checked first, and none is saved unless all are valid. */
  'dashboard/set-atlas-targets': { request: { targets: AtlasTargetChoice[] }; response: { saved: number } };
  /** Starts "create and link" for these orgs (each to its Atlas target), or joins the run already going. */
  'dashboard/link-run': { request: { orgIds: string[]; concurrency?: number }; response: RefreshProgress };
  /** The current or last run of either kind. */
  'dashboard/progress': { request: { since?: number }; response: RefreshProgress | null };
  'dashboard/cancel': { request: Record<string, never>; response: RefreshProgress | null };
};
