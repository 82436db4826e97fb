// The service accounts' access tokens, backed by storage.session: a restarted worker calls with the token it already
// holds instead of asking the token endpoint again. Records hold a token and its times only (never a client secret);
// the vault lock removes them (the key is wiped on lock) and makes the token client forget its copies.
import type { TokenStore } from '../../core/oauth';
import { oauthTokensItem } from '../storage/items';

export const sessionTokenStore: TokenStore = {
  async get(key) {
    return (await oauthTokensItem.get())[key];
  },
  async set(key, record) {
    await oauthTokensItem.update((table) => ({ ...table, [key]: record }));
  },
  async delete(key) {
    await oauthTokensItem.update((table) => {
      const { [key]: _gone, ...rest } = table;
      return rest;
    });
  },
};
