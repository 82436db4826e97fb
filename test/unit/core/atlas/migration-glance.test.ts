// A migration at a glance (#34 item 3's badges): the phase each status and flag reads as, the window counted from
// when the extension first saw it ready (closed: expired even before Atlas says so), and of an org's migrations the
// one a badge shows: the ready one whose window closes first, else a running one, else the latest to settle.
import { describe, expect, it } from 'vitest';
import {
  type MigrationGlanceFields,
  migrationGlance,
  mostPressingMigration,
} from '../../../../src/core/atlas/migration-glance';

const H = 3_600_000;
const NOW = 1_000 * H;
const base: MigrationGlanceFields = { id: 'm', status: 'WORKING', readyForCutover: false, startedAt: NOW - H };

describe('migrationGlance', () => {
  it('reads each status and flag as the phase a badge names', () => {
    const phase = (m: Partial<MigrationGlanceFields>) => migrationGlance({ ...base, ...m }, NOW).phase;
    expect(phase({ status: 'NEW' })).toBe('starting');
    expect(phase({ status: 'WORKING' })).toBe('migrating');
    expect(phase({ status: 'SOMETHING_NEW' })).toBe('migrating');
    expect(phase({ readyForCutover: true, readySince: NOW })).toBe('ready');
    expect(phase({ readyForCutover: true, readySince: NOW, cutoverAt: NOW })).toBe('cutting-over');
    expect(phase({ status: 'COMPLETE', cutoverAt: NOW })).toBe('complete');
    expect(phase({ status: 'FAILED' })).toBe('failed');
    expect(phase({ status: 'EXPIRED' })).toBe('expired');
  });

  it('keeps the lag while syncing and gives the window left once ready, expired once it is over', () => {
    expect(migrationGlance({ ...base, lagTimeSeconds: 12 }, NOW)).toEqual({ phase: 'migrating', lagTimeSeconds: 12 });
    const ready = migrationGlance({ ...base, readyForCutover: true, readySince: NOW - 25 * H }, NOW);
    expect(ready.window).toMatchObject({ leftMs: 95 * H, level: 'none' });
    const soon = migrationGlance({ ...base, readyForCutover: true, readySince: NOW - 100 * H }, NOW);
    expect(soon.window?.level).toBe('soon');
    const urgent = migrationGlance({ ...base, readyForCutover: true, readySince: NOW - 119 * H }, NOW);
    expect(urgent.window?.level).toBe('urgent');
    expect(migrationGlance({ ...base, readyForCutover: true, readySince: NOW - 120 * H }, NOW).phase).toBe('expired');
  });
});

describe('mostPressingMigration', () => {
  it('picks the ready migration whose window closes first, and counts the others', () => {
    const records: MigrationGlanceFields[] = [
      { ...base, id: 'done', status: 'COMPLETE', startedAt: NOW },
      { ...base, id: 'syncing' },
      { ...base, id: 'ready-late', readyForCutover: true, readySince: NOW - 10 * H },
      { ...base, id: 'ready-early', readyForCutover: true, readySince: NOW - 50 * H },
    ];
    const shown = mostPressingMigration(records, NOW);
    expect(shown?.record.id).toBe('ready-early');
    expect(shown?.others).toBe(3);
    expect(mostPressingMigration(records.slice(0, 2), NOW)?.record.id).toBe('syncing');
  });

  it('shows the latest of settled migrations, and nothing for none', () => {
    const older = { ...base, id: 'old', status: 'FAILED', startedAt: NOW - 5 * H };
    const newer = { ...base, id: 'new', status: 'FAILED', startedAt: NOW - H };
    expect(mostPressingMigration([older, newer], NOW)?.record.id).toBe('new');
    expect(mostPressingMigration([], NOW)).toBeUndefined();
  });
});
