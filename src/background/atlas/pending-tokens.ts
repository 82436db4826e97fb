// Link tokens this worker created and has not yet seen link: held in memory only (never storage, never a message,
// never a log), so that a retry after a failure (the key's access list fixed, say) posts the same token instead of
// making another. A token is held while its link runs and for ten minutes after a failure; a success, a lock or a
// token Cloud Manager refused as invalid drops it. While one is held the worker is kept awake (an idle worker dies
// after 30 s, and its memory with it), by a harmless extension call every 20 s (any call resets Chrome's idle timer).
import { browser } from '../platform/browser';

/** How long a token stays held after a failed link. */
export const PENDING_TOKEN_TTL_MS = 10 * 60_000;
const KEEP_AWAKE_MS = 20_000;

interface Held {
  token: string;
  /** When the token is forgotten: unset while its link runs. */
  until?: number;
  createdAt: number;
}

const held = new Map<string, Held>();
let keepAwake: ReturnType<typeof setInterval> | undefined;

/**
 * Which token may serve a link: the Cloud Manager org, the Atlas org, and the access list the token carries (an Ops
 * Manager server's addresses: a token made for other addresses is not reused).
 */
export function pendingKey(orgId: string, atlasOrgId: string, accessListIps: readonly string[] = []): string {
  return [orgId, atlasOrgId, ...accessListIps].join('\u0000');
}

function expire(now: number): void {
  // A token whose link runs has no expiry.
  for (const [key, entry] of held) if ((entry.until ?? Number.POSITIVE_INFINITY) <= now) held.delete(key);
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

/** Holds a token made for a link that is about to run. */
export function holdPending(key: string, token: string, now = Date.now()): void {
  held.set(key, { token, createdAt: now });
  keepAwake ??= setInterval(() => {
    expire(Date.now());
    if (held.size > 0) browser.storage.session.get('lastActivity').catch(() => undefined);
  }, KEEP_AWAKE_MS);
}

/** The link failed: the token stays for a retry, ten minutes at most. */
export function keepPending(key: string, now = Date.now()): void {
  const entry = held.get(key);
  if (entry) entry.until = now + PENDING_TOKEN_TTL_MS;
}

/** The link succeeded, or the token proved useless: it is forgotten. */
export function dropPending(key: string): void {
  held.delete(key);
  expire(Date.now());
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

/** Drops tokens of an Atlas org whose link token was revoked: they no longer link. */
export function dropPendingOfAtlasOrg(atlasOrgId: string): void {
  for (const key of [...held.keys()]) if (key.split('\u0000')[1] === atlasOrgId) held.delete(key);
  expire(Date.now());
}

/** The vault locked: every held token is forgotten. */
export function forgetPendingTokens(): void {
  held.clear();
  expire(Date.now());
}

/** How many tokens are held (tests and the e2e memory check). */
export const pendingCount = (): number => held.size;
