// The Atlas Admin API client of an Atlas key pair, made like every other client (api-clients.ts). Apart from
// api-clients.ts because only the worker's extras call Atlas (a token made or revoked in Atlas, an Atlas key pair
// identified): the Atlas client loads with them, not at each start (#33 item 4).
import { type AtlasApi, createAtlasApi } from '../../core/atlas';
import type { Profile } from '../../core/vault';
import { clientFor } from './api-clients';

/** The Atlas Admin API client of an Atlas key pair: an API key shares the server's nonce like the others. */
export function atlasApiFor(profile: Profile): AtlasApi {
  return clientFor(profile, createAtlasApi);
}
