// The organization's policies read strictly (pure): each valid value kept, a value of the wrong type ignored and
// named, an auto-lock limit rounded down to a choice, server addresses reduced to origins with a bad entry allowing
// nothing; the effective auto-lock never longer than the limit; Cloud Manager always allowed, others only if listed.
import { describe, expect, it } from 'vitest';
import {
  AUTO_LOCK_CHOICES,
  effectiveAutoLock,
  isServerAllowed,
  POLICY_NAMES,
  readManagedPolicy,
} from '../../../../src/background/settings/managed-policy';

const OPS = 'https://opsmanager.example.com:8443';

describe('readManagedPolicy', () => {
  it('keeps every valid policy as the admin set it', () => {
    expect(
      readManagedPolicy({ allowedOpsManagerServers: [OPS], maxAutoLockMinutes: 15, backupExportAllowed: false }),
    ).toEqual({
      managed: { allowedOpsManagerServers: [OPS], maxAutoLockMinutes: 15, backupExportAllowed: false },
      problems: [],
    });
    expect(readManagedPolicy({ backupExportAllowed: true }).managed).toEqual({ backupExportAllowed: true });
  });

  it.each([undefined, null, 'text', 5, [], [OPS]])('reads %j (no policy, or Firefox without one) as none', (stored) => {
    expect(readManagedPolicy(stored)).toEqual({ managed: {}, problems: [] });
  });

  it.each([
    ['maxAutoLockMinutes', '5'],
    ['maxAutoLockMinutes', 0],
    ['maxAutoLockMinutes', -15],
    ['maxAutoLockMinutes', 2.5],
    ['maxAutoLockMinutes', null],
    ['backupExportAllowed', 'false'],
    ['backupExportAllowed', 0],
    ['allowedOpsManagerServers', OPS],
    ['allowedOpsManagerServers', { 0: OPS }],
    ['allowedOpsManagerServers', null],
    ['allowedOpsManagerServers', 42],
    ['backupExportAllowed', null],
  ])('%s = %j, present but malformed, applies its strictest value and is named (#30)', (policy, value) => {
    // A valid policy beside it is kept: one wrong value spoils nothing else.
    const valid = policy === 'backupExportAllowed' ? { maxAutoLockMinutes: 5 } : { backupExportAllowed: true };
    const strictest = { maxAutoLockMinutes: 1, backupExportAllowed: false, allowedOpsManagerServers: [] };
    const { managed, problems } = readManagedPolicy({ ...valid, [policy]: value });
    expect(managed).toEqual({ ...valid, [policy]: strictest[policy as keyof typeof strictest] });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.policy).toBe(policy);
  });

  it('a long list keeps each origin once, in order (a set, not a scan of the kept ones per entry)', () => {
    const servers = Array.from({ length: 20_000 }, (_, i) => `https://om${i % 10_000}.example.com:8443`);
    const { managed, problems } = readManagedPolicy({ allowedOpsManagerServers: servers });
    expect(managed.allowedOpsManagerServers).toEqual(servers.slice(0, 10_000));
    expect(problems).toEqual([]);
  });

  it('rounds a limit down to the longest choice within it: 30 allows 15, 4 allows 1, 1000 allows 60', () => {
    const limit = (m: number) => readManagedPolicy({ maxAutoLockMinutes: m }).managed.maxAutoLockMinutes;
    expect([1, 4, 5, 14, 15, 30, 59, 60, 1000].map(limit)).toEqual([1, 1, 5, 5, 15, 15, 15, 60, 60]);
  });

  it('reduces servers to origins, once each; a bad entry is dropped and named, so the list only gets shorter', () => {
    const { managed, problems } = readManagedPolicy({
      allowedOpsManagerServers: [
        'https://OpsManager.Example.com:8443/',
        OPS,
        'https://om2.example.com:443',
        'https://om.example.com/path',
        'ftp://om.example.com',
        '',
        42,
      ],
    });
    expect(managed.allowedOpsManagerServers).toEqual([OPS, 'https://om2.example.com']);
    expect(problems.map((p) => p.policy)).toEqual([
      'allowedOpsManagerServers[3]',
      'allowedOpsManagerServers[4]',
      'allowedOpsManagerServers[5]',
      'allowedOpsManagerServers[6]',
    ]);
  });

  it('an empty list, or one of bad entries only, allows no Ops Manager server', () => {
    expect(readManagedPolicy({ allowedOpsManagerServers: [] }).managed).toEqual({ allowedOpsManagerServers: [] });
    expect(readManagedPolicy({ allowedOpsManagerServers: ['not a url'] }).managed).toEqual({
      allowedOpsManagerServers: [],
    });
  });

  it('names an unknown policy (a typo) and keeps the others', () => {
    const { managed, problems } = readManagedPolicy({ maxAutolockMinutes: 5, backupExportAllowed: false });
    expect(managed).toEqual({ backupExportAllowed: false });
    expect(problems).toEqual([{ policy: 'maxAutolockMinutes', problem: expect.stringContaining(POLICY_NAMES[1]) }]);
  });

  it('a problem never repeats the value (a policy might hold anything)', () => {
    const { problems } = readManagedPolicy({
      maxAutoLockMinutes: 'secret-ish value',
      allowedOpsManagerServers: ['x y'],
    });
    expect(JSON.stringify(problems)).not.toContain('secret-ish');
    expect(JSON.stringify(problems)).not.toContain('x y');
  });
});

describe('effectiveAutoLock', () => {
  it('is the user choice when no limit is set', () => {
    for (const m of AUTO_LOCK_CHOICES) expect(effectiveAutoLock(m, {})).toBe(m);
  });

  it('never exceeds the limit: longer choices and "when the browser closes" become the limit', () => {
    expect(AUTO_LOCK_CHOICES.map((m) => effectiveAutoLock(m, { maxAutoLockMinutes: 15 }))).toEqual([15, 1, 5, 15, 15]);
    expect(AUTO_LOCK_CHOICES.map((m) => effectiveAutoLock(m, { maxAutoLockMinutes: 1 }))).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('isServerAllowed', () => {
  it('allows any server when no list is set', () => {
    expect(isServerAllowed('https://anything.example', {})).toBe(true);
  });

  it('with a list: Cloud Manager always, a listed server by origin, nothing else', () => {
    const managed = { allowedOpsManagerServers: [OPS] };
    expect(isServerAllowed('https://cloud.mongodb.com', managed)).toBe(true);
    expect(isServerAllowed('https://cloud.mongodb.com', { allowedOpsManagerServers: [] })).toBe(true);
    expect(isServerAllowed(OPS, managed)).toBe(true);
    expect(isServerAllowed('https://opsmanager.example.com:8443/', managed)).toBe(true);
    expect(isServerAllowed('https://opsmanager.example.com', managed)).toBe(false);
    expect(isServerAllowed('http://opsmanager.example.com:8443', managed)).toBe(false);
    expect(isServerAllowed('not a url', managed)).toBe(false);
  });
});
