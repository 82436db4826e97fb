// How long the next unlock attempt must wait after consecutive wrong passphrases: none for the first three
// (typos happen), then doubling from 2 s, capped at 60 s.
export function unlockDelayMs(consecutiveFailures: number): number {
  if (consecutiveFailures < 3) return 0;
  return Math.min(60_000, 2_000 * 2 ** (consecutiveFailures - 3));
}
