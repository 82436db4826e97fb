// A dashboard row carries its org's Atlas target and the user's note when the status record holds them (the
// "create and link" column and the exported table read them from the row), and has no such fields otherwise.
import { describe, expect, it } from 'vitest';
import { buildDashboardRows } from '../../../../src/background/dashboard/rows';
import type { OrgStatusRecord } from '../../../../src/shared/domain';

const A = 'a'.repeat(24);
const B = 'b'.repeat(24);
const ATLAS = 'a7'.repeat(12);

describe('buildDashboardRows: Atlas target and note', () => {
  it("copies the record's Atlas target and note onto its row, and leaves them off a row without", () => {
    const statuses: Record<string, OrgStatusRecord> = {
      [A]: { orgId: A, atlasOrgId: ATLAS, note: 'TICKET-42 handover' },
      [B]: { orgId: B },
    };
    expect(buildDashboardRows([], statuses, [])).toStrictEqual([
      { orgId: A, atlasOrgId: ATLAS, atlasTarget: 'chosen', note: 'TICKET-42 handover' },
      { orgId: B },
    ]);
  });
});
