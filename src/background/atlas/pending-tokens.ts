// Link tokens this worker created and has not yet seen link: held in memory only (never storage, never a message,
// never a log), so that a retry after a failure (the key's access list fixed, say) posts the same token instead of
// making another. A token is held while its link runs and for ten minutes after a failure; a success, a lock or a
// token Cloud Manager refused as invalid drops it. While one is held the worker is kept awake (an idle worker dies
// after 30 s, and its memory with it), by a harmless extension call every 20 s (any call resets Chrome's idle timer).
// A token dropped unused (its ten minutes over, a lock, another token made in its place) is still valid in Atlas:
// history says so, with its fingerprint and Atlas org (never the token), and the history view offers to revoke it.
import type { HistoryEntry } from '../../shared/domain';
import { recordAction } from '../orgs/history';
import { browser } from '../platform/browser';

/** How long a token stays held after a failed link. */
export const PENDING_TOKEN_TTL_MS = 10 * 60_000;
const KEEP_AWAKE_MS = 20_000;

/** The result of a history entry for a token made and never used: still valid in Atlas until revoked. */
export const TOKEN_UNUSED = 'token-unused';

/** What history says of a held token: never the token itself. */
export interface HeldTokenFacts {
  /** The token's one-way fingerprint (core/cloudmanager `tokenFingerprint`). */
  fingerprint: string;
  orgId: string;
  orgName?: string;
  atlasOrgId: string;
  /** The Atlas key pair that made it. */
  profileLabel: string;
  publicKey?: string;
}

interface Held {
  token: string;
  facts: HeldTokenFacts;
  /** When the token is forgotten: unset while its link runs. */
  until?: number;
  createdAt: number;
}

const held = new Map<string, Held>();
/** Tokens whose link ran when the vault locked: the token is forgotten, the link's outcome decides what history says. */
const runningAtLock = new Map<string, HeldTokenFacts>();
let keepAwake: ReturnType<typeof setInterval> | undefined;

/**
 * History's entry for a token made and not used. Written in the background: what drops a token (an expiry tick, the
 * lock) does not wait for storage, and a failed write leaves the token no less valid (nothing else to undo).
 */
export function noteUnusedToken(facts: HeldTokenFacts, now = Date.now()): void {
  const entry: Omit<HistoryEntry, 'seq'> = {
    time: now,
    orgId: facts.orgId,
    operation: 'link',
    result: TOKEN_UNUSED,
    ok: false,
    profileLabel: facts.profileLabel,
    tokenFingerprint: facts.fingerprint,
    tokenSource: 'created',
    atlasOrgId: facts.atlasOrgId,
    ...(facts.orgName ? { orgName: facts.orgName } : {}),
    ...(facts.publicKey ? { publicKey: facts.publicKey } : {}),
  };
  recordAction(entry).catch(() => undefined);
}

/**
 * Which token may serve a link: the Cloud Manager org, the Atlas org, and the access list the token carries (an Ops
 * Manager server's addresses: a token made for other addresses is not reused).
 */
export function pendingKey(orgId: string, atlasOrgId: string, accessListIps: readonly string[] = []): string {
  return [orgId, atlasOrgId, ...accessListIps].join('\u0000');
}

function expire(now: number): void {
  // A token whose link runs has no expiry.
  for (const [key, entry] of held) {
    if ((entry.until ?? Number.POSITIVE_INFINITY) <= now) {
      held.delete(key);
      noteUnusedToken(entry.facts, now);
    }
  }
  if (held.size === 0) {
    clearInterval(keepAwake);
    keepAwake = undefined;
  }
}

/** The token held for this key, now reserved for a link that is running (no expiry while it runs). */
export function takePending(key: string, now = Date.now()): string | undefined {
  expire(now);
  const entry = held.get(key);
  if (!entry) return undefined;
  entry.until = undefined;
  return entry.token;
}

/** Holds a token made for a link that is about to run; one it replaces goes to history as unused. */
export function holdPending(key: string, token: string, facts: HeldTokenFacts, now = Date.now()): void {
  const replaced = held.get(key);
  if (replaced && replaced.token !== token) noteUnusedToken(replaced.facts, now);
  held.set(key, { token, facts, createdAt: now });
  keepAwake ??= setInterval(() => {
    expire(Date.now());
    if (held.size > 0) browser.storage.session.get('lastActivity').catch(() => undefined);
  }, KEEP_AWAKE_MS);
}

/** The link failed: the token stays for a retry, ten minutes at most (one whose vault locked meanwhile: none). */
export function keepPending(key: string, now = Date.now()): void {
  const entry = held.get(key);
  if (entry) entry.until = now + PENDING_TOKEN_TTL_MS;
  else abandonPending(key, now);
}

/** The link succeeded, or the token proved useless: it is forgotten, and history has nothing more to say of it. */
export function dropPending(key: string): void {
  held.delete(key);
  runningAtLock.delete(key);
  expire(Date.now());
}

/** The link failed after the vault locked: nothing is kept for a retry, and the token goes to history as unused. */
export function abandonPending(key: string, now = Date.now()): void {
  const facts = held.get(key)?.facts ?? runningAtLock.get(key);
  held.delete(key);
  runningAtLock.delete(key);
  if (facts) noteUnusedToken(facts, now);
  expire(now);
}

/** When a held token for this org and Atlas org stops being held, if one is waiting for a retry (for the popup). */
export function pendingUntil(orgId: string, atlasOrgId: string, now = Date.now()): number | undefined {
  expire(now);
  const prefix = pendingKey(orgId, atlasOrgId);
  for (const [key, entry] of held) {
    if ((key === prefix || key.startsWith(`${prefix}\u0000`)) && entry.until !== undefined) return entry.until;
  }
  return undefined;
}

/** Drops tokens of an Atlas org whose link token was revoked: they no longer link (and are no longer valid). */
export function dropPendingOfAtlasOrg(atlasOrgId: string): void {
  for (const key of [...held.keys()]) if (key.split('\u0000')[1] === atlasOrgId) held.delete(key);
  for (const key of [...runningAtLock.keys()]) if (key.split('\u0000')[1] === atlasOrgId) runningAtLock.delete(key);
  expire(Date.now());
}

/**
 * The vault locked: every held token is forgotten. One waiting for a retry goes to history as unused; one whose
 * link is running is told by that link's outcome (a link answered after the lock may have used it).
 */
export function forgetPendingTokens(now = Date.now()): void {
  for (const [key, entry] of held) {
    if (entry.until === undefined) runningAtLock.set(key, entry.facts);
    else noteUnusedToken(entry.facts, now);
  }
  held.clear();
  expire(now);
}

/** How many tokens are held (tests and the e2e memory check). */
export const pendingCount = (): number => held.size;
