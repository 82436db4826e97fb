// Handlers of the popup's Atlas messages: a link token made in Atlas and used at once (create-and-link.ts), and a
// token revoked in Atlas (revoke-token.ts). The worker's extras (background/extras.ts): loaded on their first use.
import type { HandlersOf, MessageMap } from '../../shared/messages';
import { createAndLink } from './create-and-link';
import { reachOfRevoke, revokeAtlasToken } from './revoke-token';

export const atlasHandlers: HandlersOf<Pick<MessageMap, 'atlas/link' | 'atlas/revoke' | 'atlas/revoke-reach'>> = {
  'atlas/link': (request) => createAndLink(request),
  'atlas/revoke': (request) => revokeAtlasToken(request),
  'atlas/revoke-reach': (request) => reachOfRevoke(request),
};
