// Popup contexts for component tests: an org page, a project page of an unknown client, and key pairs of either.
import type { PopupContext, ProfileView } from '../../../src/shared/domain';

export const ORG = 'aaaaaaaaaaaaaaaaaaaaaaa1';
export const OTHER_ORG = 'bbbbbbbbbbbbbbbbbbbbbbb2';
export const GROUP = 'ccccccccccccccccccccccc3';
export const CLOUD = 'https://cloud.mongodb.com';
export const TOKEN = 'secret-link-token-value-123';

export function keyPair(id: string, label: string, orgId?: string, orgName?: string): ProfileView {
  return {
    id,
    label,
    publicKey: `${id}pubkey`.slice(0, 8),
    maskedPrivateKey: '••••1234',
    baseUrl: CLOUD,
    orgIds: orgId ? [orgId] : [],
    ...(orgId ? { org: { id: orgId, name: orgName ?? orgId } } : {}),
  };
}

export function orgContext(overrides: Partial<PopupContext> = {}): PopupContext {
  return {
    vault: 'unlocked',
    location: { kind: 'org', orgId: ORG, base: CLOUD },
    profiles: [keyPair('p1', 'Acme', ORG, 'Acme Prod'), keyPair('p2', 'Globex', OTHER_ORG, 'Globex Main')],
    profileId: 'p1',
    candidates: ['p1'],
    org: { orgId: ORG, name: 'Acme Prod' },
    autoLockMinutes: 30,
    ...overrides,
  };
}
