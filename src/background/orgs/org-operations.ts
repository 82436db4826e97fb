// Link, status and unlink for one org, the path of every call read top to bottom in `perform`: pick the key pair,
// run the call as the org's one call, record the outcome on the org and in history, repaint the org's badges.
import { normalizeLinkToken, tokenFingerprint } from '../../core/cloudmanager';
import {
  atlasKeyPairFor,
  bindOrg,
  type Profile,
  profileForOrg,
  profileServes,
  type VaultContents,
} from '../../core/vault';
import type { HistoryEntry, LinkMade, OrgCallReply, OrgStatusRecord } from '../../shared/domain';
import { apiFor } from '../api/api-clients';
import { toErrorView } from '../messaging/error-view';
import { keyOfOtherOrg, WorkerError } from '../messaging/worker-error';
import { autoCheckBudgetItem, tokenFingerprintsItem } from '../storage/items';
import { readContents, updateContents } from '../vault/vault-store';
import { paintOrgTabs } from './badge';
import { type KeepRecord, recordAccepted, recordKeeper, recordRefused } from './call-records';
import { type CallRequest, type Operation, orgStatus, runExclusive } from './org-state';

/**
 * The key pair that signs calls for an org: the one the user picked, else the one that serves it. A picked key
 * pair of another org is refused by name, and nothing is ever guessed: with no key pair of this org, no call.
 * `base` is the org's server when known (an Ops Manager's global key serves the orgs of its own server).
 */
export function chooseProfile(contents: VaultContents, orgId: string, picked?: string, base?: string): Profile {
  if (picked) {
    const profile = contents.profiles.find((p) => p.id === picked);
    if (!profile) throw new WorkerError('no-profile');
    if (!profileServes(profile, orgId, base)) throw keyOfOtherOrg(profile.org);
    return profile;
  }
  const serving = profileForOrg(contents, orgId, base);
  if (serving) return serving;
  throw new WorkerError('no-profile');
}

/** Binds the org to the global key the user picked, once the API has answered for it (never before). */
async function bindAfterSuccess(orgId: string, profile: Profile): Promise<void> {
  if (profile.orgIds.includes(orgId)) return;
  await updateContents((c) => ({ contents: bindOrg(c, orgId, profile.id), result: null }));
}

/** What a link adds to its history entry: the token's fingerprint (set once known), its source, the Atlas org. */
type LinkDetails = Pick<HistoryEntry, 'tokenFingerprint' | 'tokenSource' | 'atlasOrgId'>;

/**
 * What an answered call tells of the org's link besides its status: which call answered it (a link's NOT_SYNCED
 * confirms a link, a status check's does not), and the link this extension made (an unlink ends it).
 */
function linkFacts(operation: Operation, time: number, details: LinkDetails): Partial<OrgStatusRecord> {
  if (operation === 'link') {
    const linkMade: LinkMade = { time, tokenSource: details.tokenSource ?? 'pasted' };
    if (details.atlasOrgId) linkMade.atlasOrgId = details.atlasOrgId;
    return { statusFrom: operation, linkMade };
  }
  if (operation === 'unlink') return { statusFrom: operation, linkMade: undefined };
  return { statusFrom: operation };
}

async function perform(
  orgId: string,
  operation: Operation,
  profileId: string | undefined,
  call: (profile: Profile, keep: KeepRecord) => Promise<Partial<OrgStatusRecord>>,
  details: LinkDetails = {},
): Promise<OrgCallReply> {
  // 1. Which key pair signs: the picked one or the org's own, never another org's (refused before any call).
  const contents = await readContents();
  const profile = chooseProfile(contents, orgId, profileId, (await orgStatus(orgId))?.base);
  // 2. The org's one call: the same request again (a second click) joins it, another is refused as busy; a
  // restarted worker finds its note and says it was cut short.
  const request: CallRequest = {
    operation,
    profileId: profile.id,
    profileLabel: profile.label,
    ...(details.tokenSource ? { tokenSource: details.tokenSource } : {}),
    // A made token's fingerprint is known only once made: the Atlas org tells two create-and-links apart.
    ...(details.tokenSource === 'pasted' && details.tokenFingerprint
      ? { tokenFingerprint: details.tokenFingerprint }
      : {}),
    ...(details.atlasOrgId ? { atlasOrgId: details.atlasOrgId } : {}),
  };
  const atlasOrgName = details.atlasOrgId && atlasKeyPairFor(contents.profiles, details.atlasOrgId)?.org.name;
  if (atlasOrgName) request.atlasOrgName = atlasOrgName;
  return runExclusive(orgId, request, async () => {
    await paintOrgTabs(orgId, true);
    // Status checks happen on every popup opening and page visit: only the actions that change a link are history.
    const time = Date.now();
    const entry = () => ({
      time,
      orgId,
      operation,
      profileLabel: profile.label,
      publicKey: profile.publicKey,
      ...details,
    });
    const history = operation !== 'status';
    const records = recordKeeper();
    try {
      // 3. The signed call, then what it settles: the binding, the org's status, the history line. Once the server
      // accepted the call, a write storage refuses makes the answer "not recorded", never a failure.
      let outcome: Partial<OrgStatusRecord>;
      try {
        outcome = await call(profile, records.keep);
      } catch (error) {
        // 3'. A failure is recorded on the org (kind and parameters only) and in history, then rethrown to the page.
        await recordRefused(orgId, toErrorView(error), entry(), history);
        throw error;
      }
      await records.keep(() => bindAfterSuccess(orgId, profile));
      return await recordAccepted(
        {
          orgId,
          outcome: { ...outcome, ...linkFacts(operation, time, details) },
          base: profile.baseUrl,
          entry: entry(),
          history,
        },
        records,
      );
    } finally {
      // 4. Every tab that shows the org shows its new state.
      await paintOrgTabs(orgId);
    }
  });
}

// Tokens being sent right now (fingerprint → org), so two links started together with one token are seen too.
const sending = new Map<string, string>();

export async function linkOrg(request: {
  orgId: string;
  linkToken: string;
  profileId?: string;
  allowTokenReuse?: boolean;
}): Promise<OrgCallReply> {
  const token = normalizeLinkToken(request.linkToken);
  const fingerprint = await tokenFingerprint(token);
  const earlierOrg = (await tokenFingerprintsItem.get())[fingerprint] ?? sending.get(fingerprint);
  // MongoDB advises one link token per Cloud Manager org: a second use needs the user's word.
  if (earlierOrg && earlierOrg !== request.orgId && !request.allowTokenReuse) {
    const name = (await orgStatus(earlierOrg))?.name;
    throw new WorkerError('token-reused', name ? { orgId: earlierOrg, orgName: name } : { orgId: earlierOrg });
  }
  return perform(
    request.orgId,
    'link',
    request.profileId,
    (profile, keep) => postToken(request.orgId, profile, token, fingerprint, keep),
    { tokenFingerprint: fingerprint, tokenSource: 'pasted' },
  );
}

/**
 * Links with a token made for this org inside the org's one call (create-and-link): the org's own key pair is
 * chosen first, before `makeToken` runs, so no token is made for an org no key pair of the user may link.
 */
export function linkWithNewToken(
  orgId: string,
  profileId: string | undefined,
  makeToken: (profile: Profile) => Promise<string>,
  atlasOrgId?: string,
): Promise<OrgCallReply> {
  const details: LinkDetails = { tokenSource: 'created', ...(atlasOrgId ? { atlasOrgId } : {}) };
  return perform(
    orgId,
    'link',
    profileId,
    async (profile, keep) => {
      const token = normalizeLinkToken(await makeToken(profile));
      details.tokenFingerprint = await tokenFingerprint(token);
      return postToken(orgId, profile, token, details.tokenFingerprint, keep);
    },
    details,
  );
}

async function postToken(orgId: string, profile: Profile, token: string, fingerprint: string, keep: KeepRecord) {
  sending.set(fingerprint, orgId);
  try {
    const result = await apiFor(profile).linkOrganization(orgId, token);
    // Cloud Manager accepted the token: a fingerprint storage cannot keep makes the answer "not recorded" only.
    await keep(() => tokenFingerprintsItem.update((used) => ({ ...used, [fingerprint]: orgId })));
    return { status: result.status };
  } finally {
    if (sending.get(fingerprint) === orgId) sending.delete(fingerprint);
  }
}

export function refreshStatus(orgId: string, profileId?: string): Promise<OrgCallReply> {
  return perform(orgId, 'status', profileId, async (profile) => {
    const api = apiFor(profile);
    const known = await orgStatus(orgId);
    const ownName = profile.org?.id === orgId ? profile.org.name : undefined;
    const [result, org] = await Promise.all([
      api.linkStatus(orgId),
      known?.name || ownName ? Promise.resolve({ name: known?.name || ownName }) : api.organization(orgId),
    ]);
    return { status: result.status, name: org.name };
  });
}

export function unlinkOrg(orgId: string, profileId?: string): Promise<OrgCallReply> {
  return perform(orgId, 'unlink', profileId, async (profile) => {
    await apiFor(profile).unlinkOrganization(orgId);
    return { status: 'NOT_LINKED' };
  });
}

/** At most this many automatic status checks a minute, whatever drives the tabs. */
export const AUTOMATIC_CHECKS_PER_MINUTE = 10;

async function takeAutomaticBudget(now = Date.now()): Promise<boolean> {
  return autoCheckBudgetItem.modify((budget) => {
    const current = now - budget.windowStart < 60_000 ? budget : { windowStart: now, used: 0 };
    if (current.used >= AUTOMATIC_CHECKS_PER_MINUTE) return [current, false];
    return [{ ...current, used: current.used + 1 }, true];
  });
}

/**
 * A status check the worker starts by itself (a tab showed the org): only for an org bound to a key pair, within
 * the global budget. Answers undefined when no call was made.
 */
export async function refreshStatusAutomatically(orgId: string): Promise<OrgStatusRecord | undefined> {
  const contents = await readContents();
  if (!contents.profiles.some((p) => p.orgIds.includes(orgId))) return undefined;
  if (!(await takeAutomaticBudget())) return undefined;
  return refreshStatus(orgId);
}
