// The side rule read directly (the cases side-rules.test.ts reaches only through a form or a backup): the kind a form
// asks for, checked; which sides have service accounts and servers of their own; the rule a key pair breaks first
// when it breaks both; and a key pair saved before sides, read by its server.
import { describe, expect, it } from 'vitest';
import {
  checkedCredential,
  keyPairSideProblem,
  requireSideRule,
  sideHasOwnServers,
  sideHasServiceAccounts,
  sideProblem,
} from '../../../../src/core/vault';
import { vaultErrorOf } from './backup-fixtures';

const CM = 'https://cloud.mongodb.com';
const OM = 'https://ops.example.com';

describe('the sides', () => {
  it('give service accounts to Cloud Manager and Atlas, servers of their own to Ops Manager only', () => {
    expect(
      (['cloud-manager', 'atlas', 'ops-manager'] as const).map((side) => [
        sideHasServiceAccounts(side),
        sideHasOwnServers(side),
      ]),
    ).toEqual([
      [true, false],
      [true, false],
      [false, true],
    ]);
  });
});

describe('checkedCredential', () => {
  it('reads an absent kind as an API key, on every side', () => {
    for (const side of ['cloud-manager', 'atlas', 'ops-manager'] as const) {
      expect(checkedCredential(undefined, side)).toBe('api-key');
      expect(checkedCredential('api-key', side)).toBe('api-key');
    }
    expect(checkedCredential('service-account', 'atlas')).toBe('service-account');
    expect(checkedCredential('service-account', 'cloud-manager')).toBe('service-account');
  });

  it('refuses a kind it does not know, null included, on the credential', async () => {
    for (const value of [null, '', 'token', 'API-KEY', 1]) {
      const error = await vaultErrorOf(() => checkedCredential(value, 'cloud-manager'));
      expect({ kind: error.kind, variant: error.variant, field: error.field, params: error.params }).toEqual({
        kind: 'invalid-profile',
        variant: 'bad-credential',
        field: 'credential',
        params: undefined,
      });
    }
  });

  it('refuses a service account for Ops Manager', async () => {
    const error = await vaultErrorOf(() => checkedCredential('service-account', 'ops-manager'));
    expect({ kind: error.kind, variant: error.variant, field: error.field }).toEqual({
      kind: 'invalid-profile',
      variant: 'credential-side',
      field: 'credential',
    });
  });
});

describe('sideProblem', () => {
  it('names the kind first when a key pair breaks both rules', () => {
    expect(sideProblem({ side: 'ops-manager', credential: 'service-account', baseUrl: OM })).toEqual({
      field: 'credential',
      variant: 'credential-side',
    });
  });

  it('lets an Ops Manager API key have any server, and the others only Cloud Manager', () => {
    expect(sideProblem({ side: 'ops-manager', credential: 'api-key', baseUrl: OM })).toBeUndefined();
    expect(sideProblem({ side: 'ops-manager', credential: 'api-key', baseUrl: CM })).toBeUndefined();
    for (const side of ['cloud-manager', 'atlas'] as const) {
      for (const credential of ['api-key', 'service-account'] as const) {
        expect(sideProblem({ side, credential, baseUrl: CM })).toBeUndefined();
        expect(sideProblem({ side, credential, baseUrl: OM })).toEqual({ field: 'baseUrl', variant: 'side-server' });
      }
    }
  });
});

describe('a key pair saved before sides', () => {
  it('is read by its server: a service account elsewhere than Cloud Manager is an Ops Manager one, refused', async () => {
    expect(keyPairSideProblem({ baseUrl: OM })).toBeUndefined();
    expect(keyPairSideProblem({ baseUrl: CM, credential: 'service-account' })).toBeUndefined();
    expect(keyPairSideProblem({ baseUrl: OM, credential: 'service-account' })).toEqual({
      field: 'credential',
      variant: 'credential-side',
    });
    const error = await vaultErrorOf(() => requireSideRule({ baseUrl: OM, credential: 'service-account' }));
    expect({ kind: error.kind, variant: error.variant, field: error.field }).toEqual({
      kind: 'invalid-profile',
      variant: 'credential-side',
      field: 'credential',
    });
    expect(() => requireSideRule({ baseUrl: OM })).not.toThrow();
  });
});
