// Which key pairs the dashboard offers as a row's client: an org's own key, a global key of the row's server, an
// older key bound to the org — and never an Atlas key pair, even one whose Atlas org has the row's id.
import { describe, expect, it } from 'vitest';
import { cloudManagerProfiles, mayServe, servingProfiles } from '../../../../src/options/dashboard/serving-profiles';
import type { ProfileView } from '../../../../src/shared/domain';

const ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';
const CM = 'https://cloud.mongodb.com';
const view = (id: string, extra: Partial<ProfileView>): ProfileView => ({
  id,
  label: 'Acme',
  publicKey: `key${id}`,
  maskedPrivateKey: '••••',
  baseUrl: CM,
  orgIds: [],
  ...extra,
});

const own = view('1', { org: { id: ORG, name: 'Acme' }, orgIds: [ORG], side: 'cloud-manager' });
const atlasSameId = view('2', { org: { id: ORG, name: 'Acme (Atlas)' }, side: 'atlas' });
const atlasBound = view('3', { orgIds: [ORG], side: 'atlas' });
const other = view('4', { org: { id: 'a'.repeat(24), name: 'Other' }, side: 'cloud-manager' });
const global = view('5', { global: true, baseUrl: 'https://ops.example.com', side: 'ops-manager' });

describe('the dashboard client choices', () => {
  it('offer the org key, never an Atlas key pair nor another org key', () => {
    const row = { orgId: ORG };
    expect(servingProfiles([own, atlasSameId, atlasBound, other, global], row).map((p) => p.id)).toEqual(['1']);
    expect([atlasSameId, atlasBound].map((p) => mayServe(p, row))).toEqual([false, false]);
    expect(mayServe(global, { orgId: ORG, base: 'https://ops.example.com' })).toBe(true);
  });

  it('list only Cloud Manager and Ops Manager key pairs as clients', () => {
    expect(cloudManagerProfiles([own, atlasSameId, other, global, view('6', {})]).map((p) => p.id)).toEqual([
      '1',
      '4',
      '5',
      '6',
    ]);
  });
});
