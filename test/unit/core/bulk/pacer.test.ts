import { describe, expect, it } from 'vitest';
import { Pacer } from '../../../../src/core/bulk';

function pacerAt(start = 10_000, options: Partial<ConstructorParameters<typeof Pacer>[0]> = {}) {
  const clock = { now: start };
  const pacer = new Pacer({
    max: 4,
    rampUpAfter: 2,
    basePauseMs: 1000,
    maxPauseMs: 30_000,
    now: () => clock.now,
    ...options,
  });
  return { pacer, clock };
}

describe('Pacer', () => {
  it('starts at the configured concurrency, unpaused', () => {
    const { pacer } = pacerAt();
    expect(pacer.limit).toBe(4);
    expect(pacer.pausedUntil).toBeLessThanOrEqual(10_000);
  });

  it('drops to 1 and pauses for Retry-After on a 429', () => {
    const { pacer } = pacerAt();
    expect(pacer.onRateLimited(5, 9_900)).toBe(5000);
    expect(pacer.limit).toBe(1);
    expect(pacer.pausedUntil).toBe(15_000);
  });

  it('doubles the pause for each further 429 in a row when there is no Retry-After, up to the cap', () => {
    const { pacer, clock } = pacerAt(0, { maxPauseMs: 5000 });
    const pauses: number[] = [];
    for (let i = 0; i < 5; i++) {
      pauses.push(pacer.onRateLimited(undefined, clock.now));
      clock.now = pacer.pausedUntil + 1;
    }
    expect(pauses).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('never pauses longer than the cap, whatever the server asks', () => {
    const { pacer } = pacerAt();
    expect(pacer.onRateLimited(7 * 24 * 3600, 10_000)).toBe(30_000);
  });

  it('treats a 429 to a call that started before the pause as the same episode', () => {
    const { pacer, clock } = pacerAt();
    pacer.onRateLimited(undefined, 9_000);
    clock.now = 10_050;
    // Started at 9 500, before the pause began at 10 000: same episode, no doubling.
    expect(pacer.onRateLimited(undefined, 9_500)).toBe(950);
    // A longer Retry-After from the same episode still lengthens the pause.
    expect(pacer.onRateLimited(3, 9_600)).toBe(3000);
  });

  it('climbs back one step per `rampUpAfter` answers, never above the maximum', () => {
    const { pacer } = pacerAt();
    pacer.onRateLimited(1, 9_000);
    const limits: number[] = [];
    for (let i = 0; i < 10; i++) {
      pacer.onAnswered();
      limits.push(pacer.limit);
    }
    expect(limits).toEqual([1, 2, 2, 3, 3, 4, 4, 4, 4, 4]);
  });
});
