// The 120-hour cutover window as the cockpit words it: the warnings at 24 h and 2 h, closed after 120 h, and a time
// left never rounded up.
import { describe, expect, it } from 'vitest';
import { CUTOVER_WINDOW_MS, cutoverWindow, hoursAndMinutes } from '../../../../src/core/atlas/cutover-window';

const H = 3_600_000;

describe('cutoverWindow', () => {
  it('warns at 24 hours and at 2 hours left, and closes after 120 hours', () => {
    const at = (hoursAfterReady: number) => cutoverWindow(1_000, 1_000 + hoursAfterReady * H).level;
    expect([at(0), at(95.9), at(96), at(117.9), at(118), at(119.99), at(120), at(500)]).toEqual([
      'none',
      'none',
      'soon',
      'soon',
      'urgent',
      'urgent',
      'closed',
      'closed',
    ]);
    expect(cutoverWindow(5, 5)).toEqual({ endsAt: 5 + CUTOVER_WINDOW_MS, leftMs: CUTOVER_WINDOW_MS, level: 'none' });
  });

  it('shows hours and minutes rounded down', () => {
    expect(hoursAndMinutes(23 * H + 59 * 60_000 + 59_999)).toEqual({ hours: 23, minutes: 59 });
    expect(hoursAndMinutes(-5)).toEqual({ hours: 0, minutes: 0 });
  });
});
