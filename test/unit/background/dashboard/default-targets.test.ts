// Targets by default on the dashboard (#31 item 3): a row whose client has exactly one Atlas org shows that org as
// its target, marked a default; "create and link" links such a row there with no choice made; an explicit choice
// (an explicit none too, kept in the org's record) wins over the default; a client with several Atlas orgs asks.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Profile } from '../../../../src/core/vault';
import type { OrgStatusRecord } from '../../../../src/shared/domain';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const vault = vi.hoisted(() => ({ contents: { profiles: [] as object[] } }));
vi.mock('../../../../src/background/vault/vault-store', () => ({ readContents: async () => vault.contents }));

const { buildDashboardRows } = await import('../../../../src/background/dashboard/rows');
const { planLinkRun } = await import('../../../../src/background/dashboard/link-run');

const org = (n: number) => n.toString(16).padStart(24, '0');
const ATLAS_A = 'a0000000000000000000000a';
const ATLAS_B = 'b0000000000000000000000b';
const ATLAS_C = 'c0000000000000000000000c';

const key = (id: string, label: string, side: Profile['side'], orgIds: string[], atlasOrg?: string) =>
  ({
    id,
    label,
    side,
    orgIds,
    ...(atlasOrg ? { org: { id: atlasOrg, name: `${label} Atlas ${atlasOrg.slice(0, 1)}` } } : {}),
  }) as Profile;

// Acme: orgs 1 and 2, one Atlas org. Globex: org 3, two Atlas orgs. Initech: org 4, no Atlas org.
const profiles = [
  key('acme', 'Acme', 'cloud-manager', [org(1), org(2)]),
  key('acme-atlas', 'Acme', 'atlas', [], ATLAS_A),
  key('globex', 'Globex', 'cloud-manager', [org(3)]),
  key('globex-atlas-b', 'Globex', 'atlas', [], ATLAS_B),
  key('globex-atlas-c', 'Globex', 'atlas', [], ATLAS_C),
  key('initech', 'Initech', 'cloud-manager', [org(4)]),
];

describe("the dashboard's rows", () => {
  it("show a client's only Atlas org as a default target, a choice as chosen, and ask when there are several", () => {
    const statuses: Record<string, OrgStatusRecord> = { [org(2)]: { orgId: org(2), atlasTargetNone: true } };
    const rows = Object.fromEntries(buildDashboardRows(profiles, statuses, []).map((r) => [r.orgId, r]));
    expect(rows[org(1)]).toMatchObject({ atlasOrgId: ATLAS_A, atlasTarget: 'default' });
    // An explicit none wins over the default.
    expect(rows[org(2)]?.atlasOrgId).toBeUndefined();
    expect(rows[org(2)]?.atlasTarget).toBe('none-chosen');
    expect(rows[org(3)]?.atlasOrgId).toBeUndefined();
    expect(rows[org(3)]?.atlasTarget).toBe('ask');
    expect(rows[org(4)]).toStrictEqual({ orgId: org(4), profileId: 'initech', profileLabel: 'Initech' });

    const chosen = buildDashboardRows(profiles, { [org(3)]: { orgId: org(3), atlasOrgId: ATLAS_C } }, []);
    expect(chosen.find((r) => r.orgId === org(3))).toMatchObject({ atlasOrgId: ATLAS_C, atlasTarget: 'chosen' });
  });
});

describe('"create and link" of the selected rows', () => {
  it("links a row with no choice to its client's only Atlas org; skips an explicit none and a row that asks", () => {
    const statuses: Record<string, OrgStatusRecord> = {
      [org(2)]: { orgId: org(2), atlasTargetNone: true },
      [org(5)]: { orgId: org(5), atlasOrgId: ATLAS_B }, // visited, chosen, no key pair bound (the link will say)
    };
    const { targets, skipped } = planLinkRun([org(1), org(2), org(3), org(4), org(5)], statuses, profiles);
    expect([...targets]).toEqual([
      [org(1), ATLAS_A],
      [org(5), ATLAS_B],
    ]);
    expect(skipped).toEqual([
      { orgId: org(2), reason: 'no-target' },
      { orgId: org(3), reason: 'no-target' },
      { orgId: org(4), reason: 'no-target' },
    ]);
  });

  it('skips a row linked already, whatever its target came from', () => {
    const statuses: Record<string, OrgStatusRecord> = { [org(1)]: { orgId: org(1), status: 'SYNCED' } };
    expect(planLinkRun([org(1)], statuses, profiles).skipped).toEqual([{ orgId: org(1), reason: 'already-linked' }]);
  });
});

describe("a row's target set on the dashboard", () => {
  beforeEach(() => {
    vi.resetModules();
    fake.storage.data.local.clear();
    vault.contents = { profiles };
  });
  const statusOf = (n: number) => (fake.storage.data.local.get('orgStatus') as Record<string, OrgStatusRecord>)[org(n)];

  it('to none is kept as an explicit none (the default no longer applies); a choice later replaces it', async () => {
    const { setAtlasTarget } = await import('../../../../src/background/dashboard/atlas-target');
    await setAtlasTarget(org(1), null);
    expect(statusOf(1)?.atlasTargetNone).toBe(true);
    expect(statusOf(1)?.atlasOrgId).toBeUndefined();
    const rows = buildDashboardRows(profiles, fake.storage.data.local.get('orgStatus') as never, []);
    expect(rows.find((r) => r.orgId === org(1))).toMatchObject({ atlasTarget: 'none-chosen' });
    await setAtlasTarget(org(1), ATLAS_A);
    expect(statusOf(1)?.atlasOrgId).toBe(ATLAS_A);
    expect(statusOf(1)?.atlasTargetNone).toBeUndefined();
  });
});
