// How long a migration ready for cutover has left: Atlas keeps the source and destination in sync for 120 hours after
// readyForCutover ("this synchronization starts a timer of 120 hours", then EXPIRED), and does not give the timer's
// start. The extension counts from the first answer it saw ready, so the time left is at most what it shows.
export const CUTOVER_WINDOW_MS = 120 * 3_600_000;
/** The two warnings the cockpit gives before the window closes. */
export const CUTOVER_WARNINGS_MS = { soon: 24 * 3_600_000, urgent: 2 * 3_600_000 } as const;

export type CutoverWindow = {
  endsAt: number;
  leftMs: number;
  /** none: more than 24 h left; soon: 24 h or less; urgent: 2 h or less; closed: the window has passed. */
  level: 'none' | 'soon' | 'urgent' | 'closed';
};

export function cutoverWindow(readySince: number, now: number): CutoverWindow {
  const endsAt = readySince + CUTOVER_WINDOW_MS;
  const leftMs = Math.max(0, endsAt - now);
  const level =
    leftMs === 0
      ? 'closed'
      : leftMs <= CUTOVER_WARNINGS_MS.urgent
        ? 'urgent'
        : leftMs <= CUTOVER_WARNINGS_MS.soon
          ? 'soon'
          : 'none';
  return { endsAt, leftMs, level };
}

/** Whole hours and minutes of a duration, rounded down (a window is never shown longer than it is). */
export function hoursAndMinutes(ms: number): { hours: number; minutes: number } {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
