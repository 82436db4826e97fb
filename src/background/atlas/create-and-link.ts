// Both sides of a link in one call: the client's Atlas key pair makes a link token for the chosen Atlas org, and the
// Cloud Manager org's own key pair posts it at once (org-operations: the org's one call, badge, history). The token
// never leaves the worker: not in a message, not in storage, not in a log. A failed link keeps it in memory for ten
// minutes (pending-tokens.ts), so a retry posts the same token instead of making a second one.
// A lock is final: the lock epoch is taken at the start and checked after every await, so a token Atlas answers
// after a lock is neither posted nor held, and a link that fails after it keeps nothing (the API clients send
// nothing once the vault locked, whatever holds them).
import { isObjectId, normalizeLinkToken, tokenFingerprint } from '../../core/cloudmanager';
import { atlasKeyPairFor, atlasKeyPairsOfClient, type Profile, profileSide } from '../../core/vault';
import type { OrgStatusRecord } from '../../shared/domain';
import { atlasApiFor } from '../api/atlas-clients';
import { toErrorView } from '../messaging/error-view';
import { WorkerError } from '../messaging/worker-error';
import { linkWithNewToken } from '../orgs/org-operations';
import { saveOrgStatus } from '../orgs/org-state';
import { lockEpoch, lockedMeanwhile, requireSameEpoch } from '../vault/session';
import { readContents } from '../vault/vault-store';
import {
  abandonPending,
  dropPending,
  type HeldTokenFacts,
  holdPending,
  keepPending,
  noteUnusedToken,
  pendingKey,
  takePending,
} from './pending-tokens';

/** The client's Atlas key pair for this Atlas org: of the same client (label) as the org's key pair, never another. */
export function atlasKeyPairOfClient(profiles: readonly Profile[], client: Profile, atlasOrgId: string): Profile {
  const atlas = atlasKeyPairFor(atlasKeyPairsOfClient(profiles, client.label), atlasOrgId);
  if (atlas) return atlas;
  throw new WorkerError('no-atlas-key-pair', { client: client.label, atlasOrgId });
}

/** The addresses the token must carry: an Ops Manager server's (asked once per key pair), none for Cloud Manager. */
export function accessListFor(profile: Profile): string[] | undefined {
  if (profileSide(profile) !== 'ops-manager') return undefined;
  if (profile.accessListIps?.length) return profile.accessListIps;
  throw new WorkerError('access-list-ips-missing', { client: profile.label });
}

const isTokenUseless = (error: unknown) => toErrorView(error).kind === 'invalid-token';

export async function createAndLink(request: {
  orgId: string;
  atlasOrgId: string;
  profileId?: string;
}): Promise<OrgStatusRecord> {
  const { orgId, atlasOrgId } = request;
  if (!isObjectId(atlasOrgId)) throw new WorkerError('invalid-input');
  const since = lockEpoch();
  let key: string | undefined;
  try {
    const record = await linkWithNewToken(
      orgId,
      request.profileId,
      async (client) => {
        requireSameEpoch(since);
        // The org's own key pair was found: the user's choice of Atlas org is remembered for it, whatever the outcome.
        await saveOrgStatus(orgId, { atlasOrgId, atlasTargetNone: undefined });
        requireSameEpoch(since);
        const contents = await readContents();
        requireSameEpoch(since);
        const atlas = atlasKeyPairOfClient(contents.profiles, client, atlasOrgId);
        const accessListIps = accessListFor(client);
        key = pendingKey(orgId, atlasOrgId, accessListIps);
        const held = takePending(key);
        if (held) return held;
        const token = await atlasApiFor(atlas).createLinkToken(atlasOrgId, { accessListIps });
        const facts: HeldTokenFacts = {
          fingerprint: await tokenFingerprint(normalizeLinkToken(token)),
          orgId,
          ...(client.org?.id === orgId && client.org.name ? { orgName: client.org.name } : {}),
          atlasOrgId,
          profileLabel: atlas.label,
          publicKey: atlas.publicKey,
        };
        // Atlas answered after a lock: the token goes nowhere and is not held, but it is valid in Atlas: history says so.
        if (since !== lockEpoch()) {
          noteUnusedToken(facts);
          throw lockedMeanwhile();
        }
        holdPending(key, token, facts);
        return token;
      },
      atlasOrgId,
    );
    if (key) dropPending(key);
    return record;
  } catch (error) {
    if (key) {
      // After a lock nothing is kept for a retry: the token goes to history as made and not used.
      if (isTokenUseless(error)) dropPending(key);
      else if (since !== lockEpoch()) abandonPending(key);
      else keepPending(key);
    }
    throw error;
  }
}

export { revokeAtlasToken } from './revoke-token';
