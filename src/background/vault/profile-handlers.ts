// Handlers of the vault's key pairs: list, add (after its server said which org the key belongs to), remove, edit
// (a new key or server is asked again) and test (can this key link?). A key pair stays the key pair of one org, and
// of one side: an Atlas key pair is asked of the Atlas API, and a Cloud Manager one is never saved for an Atlas org.
import { CloudManagerError } from '../../core/cloudmanager';
import {
  addProfile,
  emptyContents,
  type KeyIdentity,
  type Profile,
  profileCredential,
  publicProfile,
  removeProfile,
  setIdentity,
  updateProfile,
} from '../../core/vault';
import type { HandlersOf, MessageMap } from '../../shared/messages';
import { apiFor, forgetApiClients } from '../api/api-clients';
import { retireTokensOf } from '../api/token-revocation';
import { keyOfOtherOrg, WorkerError } from '../messaging/worker-error';
import { identifyKey, requireNewKey, requireNotAtlasOrg } from './key-identity';
import { identifyNewKeyPair } from './new-key-pair';
import { lockEpoch } from './session';
import { readContents, updateContents } from './vault-store';

type ProfileMessages = Pick<
  MessageMap,
  'profiles/list' | 'profiles/add' | 'profiles/remove' | 'profiles/update' | 'profiles/test'
>;

const sameKey = (a: Profile, b: Profile) =>
  a.publicKey === b.publicKey &&
  a.privateKey === b.privateKey &&
  a.baseUrl === b.baseUrl &&
  profileCredential(a) === profileCredential(b);

/**
 * A service account's tokens are revoked once its key pair is gone or holds another secret: they would otherwise
 * live out their hour, counting toward the account's 100. The old secret revokes them (it obtained them).
 */
async function retireTokens(old: Profile, since: number): Promise<void> {
  if (profileCredential(old) !== 'service-account') return;
  await retireTokensOf({ clientId: old.publicKey, clientSecret: old.privateKey }, () => lockEpoch() === since);
}

export const profileHandlers: HandlersOf<ProfileMessages> = {
  async 'profiles/list'() {
    return (await readContents()).profiles.map(publicProfile);
  },

  async 'profiles/add'({ profile, orgId }) {
    const now = Date.now();
    const draft = addProfile(emptyContents(), profile, now).profile;
    requireNewKey(await readContents(), draft, { orgId });
    const identity = await identifyNewKeyPair(profile, orgId, now);
    const added = await updateContents((current) => {
      requireNewKey(current, draft); // saved meanwhile, in another window
      requireNotAtlasOrg(current, identity);
      const result = addProfile(current, profile, now, identity);
      return { contents: result.contents, result: result.profile };
    });
    return { profile: publicProfile(added) };
  },

  async 'profiles/remove'({ profileId }) {
    const since = lockEpoch();
    const removed = await updateContents((current) => ({
      contents: removeProfile(current, profileId),
      result: current.profiles.find((p) => p.id === profileId),
    }));
    if (removed) await retireTokens(removed, since);
    return null;
  },

  async 'profiles/update'({ profileId, patch }) {
    const now = Date.now();
    const contents = await readContents();
    const current = contents.profiles.find((p) => p.id === profileId);
    const draft = updateProfile(contents, profileId, patch, now).profile;
    // A new key or server is asked which org it belongs to: a key pair stays the key pair of one org.
    let identity: KeyIdentity | undefined;
    if (current && !sameKey(current, draft)) {
      requireNewKey(contents, draft, { except: profileId });
      identity = await identifyKey(draft);
      if (current.org && (identity.kind === 'global' || identity.org.id !== current.org.id)) {
        throw keyOfOtherOrg(identity.kind !== 'global' ? identity.org : undefined);
      }
    }
    const since = lockEpoch();
    const { profile, replaced } = await updateContents((latest) => {
      if (identity) requireNotAtlasOrg(latest, identity);
      const before = latest.profiles.find((p) => p.id === profileId);
      const result = updateProfile(latest, profileId, patch, now);
      const next = identity ? setIdentity(result.contents, profileId, identity) : result.contents;
      const profile = next.profiles.find((p) => p.id === profileId)!;
      return {
        contents: next,
        result: { profile, replaced: before && !sameKey(before, profile) ? before : undefined },
      };
    });
    forgetApiClients();
    // A new secret (or client id, or server): the tokens the old one obtained are revoked with it.
    if (replaced) await retireTokens(replaced, since);
    return { profile: publicProfile(profile) };
  },

  async 'profiles/test'({ profileId, orgId }) {
    const profile = (await readContents()).profiles.find((p) => p.id === profileId);
    if (!profile) throw new WorkerError('no-profile');
    // Which org the key belongs to now (a key pair saved before keys were identified learns it here).
    const identity = await identifyKey(profile);
    await updateContents((c) => ({ contents: setIdentity(c, profileId, identity), result: null }));
    // An Atlas key pair is tested by naming its org: whether it may make link tokens (Organization Owner) shows only
    // when one is made, and making one to find out would leave a token behind.
    if (identity.kind === 'atlas-org') {
      return { orgId: identity.org.id, name: identity.org.name, canLink: true, side: 'atlas' };
    }
    const target = identity.kind === 'org' ? identity.org.id : (orgId ?? profile.orgIds[0]);
    if (!target) throw new WorkerError('invalid-input');
    const api = apiFor(profile);
    const name = identity.kind === 'org' ? identity.org.name : (await api.organization(target)).name;
    // The status of the link needs Organization Owner, as linking does: a read-only key is told so here.
    try {
      await api.linkStatus(target);
      return { orgId: target, name, canLink: true };
    } catch (error) {
      if (error instanceof CloudManagerError && error.kind === 'not-org-owner') {
        return { orgId: target, name, canLink: false };
      }
      throw error;
    }
  },
};
