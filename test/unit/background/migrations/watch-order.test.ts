// The watch asks the migration asked longest ago first, so a round a 429 cut short leaves no migration behind twice.
import { describe, expect, it } from 'vitest';
import { askingOrder } from '../../../../src/background/migrations/watch-order';

describe('askingOrder', () => {
  it('puts the least recently checked first, keeps ties in order, and leaves its input alone', () => {
    const records = [
      { id: 'a', checkedAt: 300 },
      { id: 'b', checkedAt: 100 },
      { id: 'c', checkedAt: 200 },
      { id: 'd', checkedAt: 100 },
    ];
    expect(askingOrder(records).map((r) => r.id)).toEqual(['b', 'd', 'c', 'a']);
    expect(records.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});
