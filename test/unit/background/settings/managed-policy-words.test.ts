// What the 2026-12-05 mutation run of the worker's settings found unprotected in the policy reader: an entry of the
// servers list that is not text or is blank allows nothing (it would otherwise read as Cloud Manager's address),
// and each ignored policy is named with its own words, which the settings page and the worker's warning show.
import { describe, expect, it } from 'vitest';
import { POLICY_NAMES, readManagedPolicy } from '../../../../src/background/settings/managed-policy';

const OPS = 'https://opsmanager.example.com:8443';
const BAD_ENTRY = 'is not a server address such as https://opsmanager.example.com:8443; that entry is ignored';

describe('allowedOpsManagerServers: an entry that is not an address allows nothing', () => {
  it('a number, a blank or an empty entry is named and ignored, never read as Cloud Manager', () => {
    expect(readManagedPolicy({ allowedOpsManagerServers: [42, '   ', '', OPS] })).toEqual({
      managed: { allowedOpsManagerServers: [OPS] },
      problems: [
        { policy: 'allowedOpsManagerServers[0]', problem: BAD_ENTRY },
        { policy: 'allowedOpsManagerServers[1]', problem: BAD_ENTRY },
        { policy: 'allowedOpsManagerServers[2]', problem: BAD_ENTRY },
      ],
    });
  });
});

describe('each ignored policy in its own words', () => {
  it('a wrong type or an unknown name', () => {
    expect(
      readManagedPolicy({
        maxAutoLockMinutes: '5',
        backupExportAllowed: 'no',
        allowedOpsManagerServers: OPS,
        autoLock: 5,
      }).problems,
    ).toEqual([
      {
        policy: 'maxAutoLockMinutes',
        problem: 'must be a whole number of minutes, 1 or more; until it is, the vault locks after 1 minute',
      },
      { policy: 'backupExportAllowed', problem: 'must be true or false; until it is, backups cannot be exported' },
      {
        policy: 'allowedOpsManagerServers',
        problem: 'must be a list of server addresses; until it is, no Ops Manager server is allowed',
      },
      {
        policy: 'autoLock',
        problem:
          'is not a policy of this extension (known: allowedOpsManagerServers, maxAutoLockMinutes, backupExportAllowed)',
      },
    ]);
    expect(POLICY_NAMES).toEqual(['allowedOpsManagerServers', 'maxAutoLockMinutes', 'backupExportAllowed']);
  });
});
