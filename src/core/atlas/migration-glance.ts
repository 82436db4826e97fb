// A migration at a glance, as the badges show it (the dashboard row, the popup, the toolbar): which phase it is in,
// its lag, and how much of the 120-hour cutover window is left with its warning level. Of an org's migrations the
// badge shows the one that needs the consultant soonest.
import { type CutoverWindow, cutoverWindow } from './cutover-window';
import type { MigrationStatus } from './migration-answers';

/** The fields of a kept migration record a glance reads (what the worker keeps, what a row or the popup carries). */
export interface MigrationGlanceFields {
  id: string;
  /** Atlas's status; one it adds later reads as migrating. */
  status: MigrationStatus | (string & {});
  readyForCutover: boolean;
  lagTimeSeconds?: number;
  /** When the extension first saw it ready for cutover: the window's clock. */
  readySince?: number;
  cutoverAt?: number;
  startedAt: number;
}

export type MigrationPhase = 'starting' | 'migrating' | 'ready' | 'cutting-over' | 'complete' | 'failed' | 'expired';

export interface MigrationGlance {
  phase: MigrationPhase;
  lagTimeSeconds?: number;
  /** Only while ready for cutover. */
  window?: CutoverWindow;
}

export function migrationGlance(m: MigrationGlanceFields, now: number): MigrationGlance {
  const lag = m.lagTimeSeconds === undefined ? {} : { lagTimeSeconds: m.lagTimeSeconds };
  if (m.status === 'COMPLETE') return { phase: 'complete' };
  if (m.status === 'FAILED') return { phase: 'failed' };
  if (m.status === 'EXPIRED') return { phase: 'expired' };
  if (m.cutoverAt !== undefined) return { phase: 'cutting-over' };
  if (m.readyForCutover && m.readySince !== undefined) {
    const left = cutoverWindow(m.readySince, now);
    // Atlas has not said EXPIRED yet, but the window the extension counted is over.
    return left.level === 'closed' ? { phase: 'expired' } : { phase: 'ready', ...lag, window: left };
  }
  if (m.status === 'NEW') return { phase: 'starting' };
  return { phase: 'migrating', ...lag };
}

// Lower comes first: a closing window before a ready one, a running migration before a settled one.
const PHASE_ORDER: Readonly<Record<MigrationPhase, number>> = {
  ready: 0,
  'cutting-over': 1,
  migrating: 2,
  starting: 3,
  failed: 4,
  expired: 5,
  complete: 6,
};

/**
 * The migration of `records` a badge shows, with how many others the org has: the ready one whose window closes
 * first, else one running, else the last one to settle. None when the list is empty.
 */
export function mostPressingMigration<M extends MigrationGlanceFields>(
  records: readonly M[],
  now: number,
): { record: M; glance: MigrationGlance; others: number } | undefined {
  let best: { record: M; glance: MigrationGlance } | undefined;
  for (const record of records) {
    const glance = migrationGlance(record, now);
    if (!best || pressing(record, glance, best.record, best.glance)) best = { record, glance };
  }
  return best && { ...best, others: records.length - 1 };
}

function pressing(a: MigrationGlanceFields, ga: MigrationGlance, b: MigrationGlanceFields, gb: MigrationGlance) {
  if (PHASE_ORDER[ga.phase] !== PHASE_ORDER[gb.phase]) return PHASE_ORDER[ga.phase] < PHASE_ORDER[gb.phase];
  if (ga.window && gb.window) return ga.window.leftMs < gb.window.leftMs;
  return a.startedAt > b.startedAt;
}
