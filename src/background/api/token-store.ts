// The service accounts' access tokens, backed by storage.session: a restarted worker calls with the token it already
// holds instead of asking the token endpoint again. Records hold a token and its times only (never a client secret);
// the vault lock removes them (the key is wiped on lock), makes the token client forget its copies, and closes this
// store until the next unlock: a token a call obtained after the lock is never written.
// A token replaced by a renewal still lives for up to a minute: it stays listed (`retired`) until it expires, so the
// lock revokes every live token of an account, not only the newest.
import type { TokenRecord, TokenStore } from '../../core/oauth';
import { isTokenRecord } from '../../core/oauth/token-store';
import { oauthTokensItem } from '../storage/items';
import { lockableTable } from './lockable-table';

/** A stored record: the account's current token, and the ones it replaced while they still live. */
export type StoredTokens = TokenRecord & { retired?: TokenRecord[] };

const timesOf = ({ accessToken, obtainedAt, expiresAt }: TokenRecord): TokenRecord => ({
  accessToken,
  obtainedAt,
  expiresAt,
});

/** Every token of a stored record that has not expired at `now`: the current one and any still-live retired ones. */
export function liveTokensOf(stored: unknown, now: number): TokenRecord[] {
  const current = isTokenRecord(stored) ? [timesOf(stored)] : [];
  const retired = typeof stored === 'object' && stored !== null ? (stored as StoredTokens).retired : undefined;
  const older = Array.isArray(retired) ? retired.filter(isTokenRecord).map(timesOf) : [];
  return [...current, ...older].filter((r) => r.expiresAt > now);
}

/** A record left by delete(): no current token, only replaced or refused ones that still live. */
const onlyRetired = (stored: unknown) =>
  typeof stored === 'object' && stored !== null && !('accessToken' in stored) && 'retired' in stored;

const table = lockableTable(oauthTokensItem);
const write = table.write;

/** The vault locks: nothing is read or written until openTokenStore. */
export const closeTokenStore = (): void => table.close();

export const openTokenStore = (): void => table.open();

export const sessionTokenStore: TokenStore = {
  async get(key) {
    const stored: unknown = (await table.read())?.[key];
    if (onlyRetired(stored)) return undefined;
    // The token client sees the current token only; a record it cannot read is handed on for it to discard.
    return isTokenRecord(stored) ? timesOf(stored) : (stored as TokenRecord | undefined);
  },
  async set(key, record) {
    await write((table) => {
      const retired = liveTokensOf(table[key], Date.now()).filter((r) => r.accessToken !== record.accessToken);
      const next: StoredTokens = retired.length > 0 ? { ...timesOf(record), retired } : timesOf(record);
      return { ...table, [key]: next };
    });
  },
  async delete(key) {
    // The token client drops a token the server refused: refused on one path (a Preview refusing Bearer there) is
    // not dead, so a token that has not expired stays listed for the lock to revoke, and is never used again.
    await write((table) => {
      const { [key]: gone, ...rest } = table;
      const retired = liveTokensOf(gone, Date.now());
      return retired.length > 0 ? { ...rest, [key]: { retired } as unknown as TokenRecord } : rest;
    });
  },
};
