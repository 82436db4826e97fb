// Handlers of a many-key-pair import: identify each key pair as a single add does (its server names its org), then
// save every identified one in one vault write. Between the two, only a digest of each credential and its answer is
// kept in memory, so a confirm does not ask the servers again; a lock, or a worker restart, forgets them.
import { cloudManagerRateLimit, runBulk } from '../../core/bulk';
import {
  addProfile,
  assertPassphrase,
  emptyContents,
  type KeyIdentity,
  MAX_PROFILES,
  type Profile,
  type ProfileInput,
  profileCredential,
  profileWithKey,
  publicProfile,
  type VaultContents,
  VaultError,
} from '../../core/vault';
import type { ProfileView } from '../../shared/domain';
import type { HandlersOf, ImportMessages, ImportVerdict } from '../../shared/messages';
import { toErrorView } from '../messaging/error-view';
import { WorkerError } from '../messaging/worker-error';
import { requireNotAtlasOrg } from './key-identity';
import { identifyNewKeyPair } from './new-key-pair';
import { lockEpoch } from './session';
import { createNewVault, readContents, updateContents, vaultState } from './vault-store';

/** As many calls at once as the dashboard's runs make. */
const CONCURRENCY = 4;
/** An answer older than this is asked again at confirm (the key may have been revoked meanwhile). */
const KNOWN_FOR_MS = 30 * 60_000;
const MAX_KNOWN = 2_000;

interface Known {
  identity: KeyIdentity;
  at: number;
  epoch: number;
}

/** SHA-256 of the credential → its server's answer: no secret is kept, and a changed secret is a new entry. */
const known = new Map<string, Known>();

async function credentialDigest(draft: Profile): Promise<string> {
  const text = JSON.stringify([draft.side, profileCredential(draft), draft.baseUrl, draft.publicKey, draft.privateKey]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function knownIdentity(draft: Profile): Promise<KeyIdentity | undefined> {
  const entry = known.get(await credentialDigest(draft));
  if (!entry || entry.epoch !== lockEpoch() || Date.now() - entry.at > KNOWN_FOR_MS) return undefined;
  return entry.identity;
}

async function remember(draft: Profile, identity: KeyIdentity): Promise<void> {
  if (known.size >= MAX_KNOWN) known.delete(known.keys().next().value as string);
  known.set(await credentialDigest(draft), { identity, at: Date.now(), epoch: lockEpoch() });
}

/** The key pair as a single add would build it, or the rule it breaks. */
function draftOf(input: ProfileInput, now: number): Profile | VaultError {
  try {
    return addProfile(emptyContents(), input, now).profile;
  } catch (error) {
    if (error instanceof VaultError) return error;
    throw error;
  }
}

const identifiedVerdict = (identity: KeyIdentity): ImportVerdict =>
  identity.kind === 'global'
    ? { state: 'identified', global: true }
    : { state: 'identified', org: { ...identity.org } };

type Judged = { verdict: ImportVerdict; identity?: KeyIdentity };

/** What is known before any call: a broken rule, or a credential the vault holds. */
function judgeLocally(contents: VaultContents, draft: Profile | VaultError): Judged | undefined {
  if (draft instanceof VaultError) return { verdict: { state: 'invalid', error: toErrorView(draft) } };
  const twin = profileWithKey(contents, draft.publicKey, draft.baseUrl);
  if (twin) return { verdict: { state: 'already-saved', label: twin.label } };
  return undefined;
}

/** Every key pair judged, its server asked (4 at once) unless the answer is known. A 429 is a verdict, not retried. */
async function judgeAll(contents: VaultContents, keyPairs: readonly ProfileInput[], now: number): Promise<Judged[]> {
  const judged: Judged[] = [];
  const toAsk: number[] = [];
  for (const [index, input] of keyPairs.entries()) {
    const draft = draftOf(input, now);
    const local = judgeLocally(contents, draft);
    if (local) {
      judged[index] = local;
      continue;
    }
    const identity = await knownIdentity(draft as Profile);
    if (identity) judged[index] = { verdict: identifiedVerdict(identity), identity };
    else toAsk.push(index);
  }
  const run = runBulk(
    toAsk,
    async (index) => {
      const input = keyPairs[index]!;
      const identity = await identifyNewKeyPair(input, undefined, now);
      await remember(draftOf(input, now) as Profile, identity);
      return identity;
    },
    {
      concurrency: CONCURRENCY,
      rateLimitOf: cloudManagerRateLimit,
      maxRateLimitRetries: 0,
      onEvent: (event) => {
        if (event.type === 'success') {
          judged[event.item] = { verdict: identifiedVerdict(event.value), identity: event.value };
        } else if (event.type === 'failure') {
          judged[event.item] = { verdict: { state: 'failed', error: toErrorView(event.error) } };
        }
      },
    },
  );
  await run.done;
  // A Cloud Manager key of an org the vault knows as an Atlas org is refused, as a single add refuses it.
  for (const index of toAsk) {
    const identity = judged[index]?.identity;
    if (!identity) continue;
    try {
      requireNotAtlasOrg(contents, identity);
    } catch (error) {
      judged[index] = { verdict: { state: 'failed', error: toErrorView(error) } };
    }
  }
  return judged;
}

/** The request's list, no longer than a vault may hold (a page sends one at a time; a script may send them all). */
function listOf(keyPairs: unknown): ProfileInput[] {
  const list = Array.isArray(keyPairs) ? keyPairs : [];
  if (list.length > MAX_PROFILES) {
    throw new WorkerError('invalid-input');
  }
  return list;
}

/** The vault's contents, or none yet on a first run (an import may be the first thing a user does). */
async function currentOrFirstRun(): Promise<VaultContents> {
  return (await vaultState()) === 'empty' ? emptyContents() : readContents();
}

/** Every identified key pair added to `current`, the others skipped with their verdict. */
type SaveResult = { saved: ProfileView[]; skipped: { index: number; verdict: ImportVerdict }[] };

function saveJudged(
  current: VaultContents,
  inputs: readonly ProfileInput[],
  judged: readonly Judged[],
  now: number,
): { contents: VaultContents; result: SaveResult } {
  let contents = current;
  const saved: Profile[] = [];
  const skipped: { index: number; verdict: ImportVerdict }[] = [];
  for (const [index, { verdict, identity }] of judged.entries()) {
    const input = inputs[index]!;
    const local = judgeLocally(contents, draftOf(input, now));
    if (local || !identity) {
      skipped.push({ index, verdict: local?.verdict ?? verdict });
      continue;
    }
    try {
      requireNotAtlasOrg(contents, identity);
      const result = addProfile(contents, input, now, identity);
      contents = result.contents;
      saved.push(result.profile);
    } catch (error) {
      skipped.push({ index, verdict: { state: 'failed', error: toErrorView(error) } });
    }
  }
  const views: ProfileView[] = saved.map((p) => {
    const { createdAt: _c, updatedAt: _u, ...view } = publicProfile(contents.profiles.find((q) => q.id === p.id)!);
    return view;
  });
  return { contents, result: { saved: views, skipped } };
}

export const importHandlers: HandlersOf<ImportMessages> = {
  async 'profiles/identify-many'({ keyPairs }) {
    const judged = await judgeAll(await currentOrFirstRun(), listOf(keyPairs), Date.now());
    return { verdicts: judged.map((j) => j.verdict) };
  },

  async 'profiles/save-many'({ keyPairs, passphrase }) {
    const inputs = listOf(keyPairs);
    const now = Date.now();
    // First run: the import creates the vault under the passphrase given with it (its rule checked before any call).
    if (passphrase !== undefined) {
      assertPassphrase(passphrase);
      if ((await vaultState()) !== 'empty') {
        throw new WorkerError('vault-exists');
      }
      const judged = await judgeAll(emptyContents(), inputs, now);
      const { contents, result } = saveJudged(emptyContents(), inputs, judged, now);
      // No key pair of the list could be identified: no vault is created for none.
      if (result.saved.length === 0) {
        throw new WorkerError('invalid-input');
      }
      await createNewVault(passphrase, contents);
      return result;
    }
    const judged = await judgeAll(await readContents(), inputs, now);
    // One write: every identified key pair is added to the vault as it is inside the lock (another window's add
    // meanwhile is seen, and its credential skipped).
    return updateContents((current) => saveJudged(current, inputs, judged, now));
  },
};
