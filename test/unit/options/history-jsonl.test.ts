// JSON Lines: one entry is one line for every reader, including one that splits on Unicode line breaks (#30 item 7).
import { describe, expect, it } from 'vitest';
import { historyJsonLines } from '../../../src/options/history-export';
import type { HistoryEntry } from '../../../src/shared/domain';

const entry = (orgName: string, orgNote: string): HistoryEntry => ({
  time: Date.UTC(2026, 0, 2),
  orgId: '5f1a2b3c4d5e6f7a8b9c0d1e',
  orgName,
  operation: 'link',
  ok: true,
  result: 'SYNCED',
  profileLabel: 'Acme',
  orgNote,
});

describe('historyJsonLines', () => {
  it('escapes U+2028, U+2029 and U+0085, so each entry stays one line and reads back the same', () => {
    const text = historyJsonLines([entry('Acme\u2028Retail', 'hand\u2029over\u0085now')], () => 'Linked');
    expect(text.split(/\r\n|[\n\r\u0085\u2028\u2029]/).filter(Boolean)).toHaveLength(1);
    expect(text).toContain('Acme\\u2028Retail');
    const back = JSON.parse(text) as { orgName: string; orgNote: string };
    expect([back.orgName, back.orgNote]).toEqual(['Acme\u2028Retail', 'hand\u2029over\u0085now']);
  });
});
