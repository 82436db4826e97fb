// Handlers of clients as a whole: a rename gives every key pair of the client its new name in one vault write, so
// its Cloud Manager and Atlas key pairs stay paired (create-and-link pairs them by that name).
import { renameClient } from '../../core/vault/clients';
import type { HandlersOf, MessageMap } from '../../shared/messages';
import { updateContents } from './vault-store';

type ClientMessages = Pick<MessageMap, 'clients/rename'>;

export const clientHandlers: HandlersOf<ClientMessages> = {
  async 'clients/rename'({ from, to, join }) {
    const now = Date.now();
    // Read and checked again inside the write's lock: a key pair added meanwhile in another window is renamed too.
    return updateContents((current) => {
      const { contents, renamed } = renameClient(current, from, to, now, join === true);
      return { contents, result: { renamed } };
    });
  },
};
