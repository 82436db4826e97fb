// Revokes service accounts' access tokens no longer needed (the vault locks, a key pair is removed, its secret is
// changed), so they stop counting toward the account's 100 live tokens and can no longer be used by anyone holding
// a copy. Best effort: a revoke that fails or hangs is given up silently (the token expires within the hour anyway).
// Sending writes nothing anywhere, and no failure is logged: its error could hold the server's words about the call.
import type { ClientCredentials } from '../../core/oauth';
import { tokenUrlOfKey } from '../../core/oauth/token-store';
import { serialised } from '../storage/item';
import { oauthTokensItem } from '../storage/items';
import { forgetToken, revokeToken } from './token-client';
import { liveTokensOf } from './token-store';

/** A revoke is abandoned after this long: it must not keep the worker busy, and nothing waits for it. */
export const REVOKE_TIMEOUT_MS = 5_000;

/** One token to revoke, with what revoking it takes; held in memory only until it is sent. */
export interface Revocation {
  /** The store key the token was kept under. */
  key: string;
  /** The token endpoint that issued it: the revoke goes to that server's /api/oauth/revoke, nowhere else. */
  tokenUrl: string;
  credentials: ClientCredentials;
  accessToken: string;
}

/** The live tokens of `table` issued under these accounts' credentials (a changed secret matches none of its old). */
export function revocationsIn(
  table: Record<string, unknown>,
  accounts: ClientCredentials[],
  now: number,
): Revocation[] {
  const found: Revocation[] = [];
  for (const [key, stored] of Object.entries(table)) {
    for (const credentials of accounts) {
      const tokenUrl = tokenUrlOfKey(key, credentials.clientId, credentials.clientSecret);
      if (tokenUrl === undefined) continue;
      for (const { accessToken } of liveTokensOf(stored, now)) found.push({ key, tokenUrl, credentials, accessToken });
    }
  }
  return found;
}

/**
 * The stored tokens, read inside their key's queue (the queue every write and the lock's wipe of that key take): a
 * wipe queued after this call waits for the read, so the lock can capture them without waiting for anything itself.
 */
export function storedTokensAheadOfWipe(): Promise<Record<string, unknown>> {
  return serialised(`${oauthTokensItem.area}:${oauthTokensItem.key}`, () => oauthTokensItem.get());
}

/** Reads the stored tokens once and picks the live ones of these accounts. */
export async function storedRevocations(accounts: ClientCredentials[]): Promise<Revocation[]> {
  if (accounts.length === 0) return [];
  return revocationsIn(await oauthTokensItem.get(), accounts, Date.now());
}

function capped(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([work.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Sends every revoke at once, each abandoned after REVOKE_TIMEOUT_MS; settles when all have, and never rejects.
 * The credentials are dropped with the list once it settles: nothing keeps them.
 */
export async function sendRevocations(revocations: Revocation[]): Promise<void> {
  await Promise.all(
    revocations.map(({ tokenUrl, credentials, accessToken }) =>
      capped(
        revokeToken(tokenUrl, credentials, accessToken, { signal: AbortSignal.timeout(REVOKE_TIMEOUT_MS) }),
        REVOKE_TIMEOUT_MS,
      ),
    ),
  );
}

/**
 * For a key pair removed, or whose secret was replaced, while the vault stays unlocked: its tokens are forgotten here
 * (the token client's copy, and storage.session's unless the vault locked meanwhile, whose wipe already took them),
 * then revoked with the credentials that obtained them. Resolves once forgotten; the revokes go on in the background.
 */
export async function retireTokensOf(
  account: ClientCredentials,
  stillUnlocked: () => boolean,
): Promise<{ sent: Promise<void> }> {
  const revocations = await storedRevocations([account]);
  const keys = new Set(revocations.map((r) => r.key));
  for (const key of keys) forgetToken(key);
  if (keys.size > 0) {
    // Decided inside the key's queue: after a lock's wipe, the table is removed again rather than written back.
    await oauthTokensItem.modify((table) => {
      // undefined removes the key (the item's contract): nothing is stored after the lock.
      if (!stillUnlocked()) return [undefined as unknown as typeof table, null];
      return [Object.fromEntries(Object.entries(table).filter(([key]) => !keys.has(key))), null];
    });
  }
  return { sent: sendRevocations(revocations) };
}
