// The toolbar badge of a Cloud Manager org's tab with a migration (#34 item 3): ready for cutover takes the mark,
// blue with more than 24 hours left, amber under 24, red with '!' under 2; a failing check or a call under way keeps
// its own mark; the tooltip adds the migration in words; an org without a migration is painted as before.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MigrationRecord } from '../../../../src/shared/migration-messages';
import { orgId } from '../orgs/org-fixture';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const H = 3_600_000;
const NOW = Date.UTC(2026, 10, 29, 12);

const migration = (patch: Partial<MigrationRecord>): MigrationRecord => ({
  id: 'a'.repeat(24),
  cloudManagerOrgId: orgId(1),
  client: 'Acme',
  atlasOrgId: 'b'.repeat(24),
  atlasProjectId: 'c'.repeat(24),
  sourceProjectId: 'd'.repeat(24),
  sourceCluster: 'orders-rs',
  destinationCluster: 'Cluster0',
  dropDestinationData: false,
  status: 'WORKING',
  readyForCutover: false,
  startedAt: NOW - 2 * H,
  checkedAt: NOW,
  ...patch,
});

async function paintWith(record: MigrationRecord | undefined, patch: object = {}, busy = false) {
  fake.storage.data.local.clear();
  fake.badges.clear();
  vi.resetModules();
  const { saveMigration } = await import('../../../../src/background/migrations/migration-store');
  const { paintBadge } = await import('../../../../src/background/orgs/badge');
  if (record) await saveMigration(record);
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  try {
    await paintBadge(3, { orgId: orgId(1), name: 'Acme Retail', status: 'SYNCED', checkedAt: NOW, ...patch }, busy);
  } finally {
    vi.useRealTimers();
  }
  return fake.badges.get(3)!;
}

beforeEach(() => vi.restoreAllMocks());

describe('the toolbar badge of an org with a migration', () => {
  it.each([
    [25, '⇄', '#0b63ce', 'Ready for cutover · 95 h left'],
    [100, '⇄', '#b45309', 'Ready for cutover · under 24 h left: 20 h'],
    [119, '⇄!', '#c5221f', 'Cut over now · 1 h 0 min left'],
  ])('ready for cutover %i h ago: %s in %s, the tooltip says so', async (hours, text, color, words) => {
    const badge = await paintWith(migration({ readyForCutover: true, readySince: NOW - hours * H, lagTimeSeconds: 2 }));
    expect(badge).toMatchObject({ text, color });
    expect(badge.title?.split('\n').at(-1)).toBe(words);
  });

  it('a syncing migration keeps the link mark, and the tooltip names its lag', async () => {
    const badge = await paintWith(migration({ lagTimeSeconds: 12 }));
    expect(badge).toMatchObject({ text: '✓', color: '#1e7d32' });
    expect(badge.title?.split('\n').at(-1)).toBe('Migrating · lag 12 s');
  });

  it('a failing check and a call under way keep their own mark over a ready migration', async () => {
    const ready = migration({ readyForCutover: true, readySince: NOW - H });
    expect(await paintWith(ready, { error: { kind: 'network' } })).toMatchObject({ text: '!', color: '#c5221f' });
    expect(await paintWith(ready, {}, true)).toMatchObject({ text: '…', color: '#6b7280' });
  });

  it('an org without a migration: the link mark and the three-line tooltip, as before', async () => {
    const badge = await paintWith(undefined);
    expect(badge.text).toBe('✓');
    expect(badge.title?.split('\n')).toHaveLength(3);
  });
});
