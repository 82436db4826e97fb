// Requests per API call, counted in the sandbox's request log: our Digest client cold, warm, and after a
// simulated worker restart (a new client over the same stored nonces), beside a client that never reuses a nonce.

import { startSandbox } from '../../sandbox/server.ts';
import { createCloudManagerApi } from '../../src/core/cloudmanager/index.ts';
import { createDigestFetch, type NonceRecord, type NonceStore } from '../../src/core/digest/index.ts';

/** A store over a plain Map, like storage.session: a new store object over the same Map is a restarted worker. */
function storeOver(map: Map<string, NonceRecord>): NonceStore {
  return {
    get: async (k) => map.get(k),
    set: async (k, r) => void map.set(k, { ...r }),
    delete: async (k) => void map.delete(k),
  };
}

export interface DigestFigures {
  cold: number;
  warm: number;
  afterRestart: number;
  neverReuses: number;
}

export async function measureDigestRequests(): Promise<DigestFigures> {
  const sandbox = await startSandbox({ httpsPort: 0, httpPort: 0 });
  try {
    const owner = sandbox.fixture.keys.find((k) => k.name === 'owner')!;
    const org = sandbox.fixture.orgs.find((o) => o.kind === 'cloud-manager' && !o.requiresAccessList)!;
    const credentials = { username: owner.publicKey, password: owner.privateKey };
    const backing = new Map<string, NonceRecord>();
    const client = (store: NonceStore, preemptive = true) =>
      createCloudManagerApi({
        baseUrl: sandbox.httpUrl!,
        fetch: createDigestFetch(credentials, { store, preemptive }),
      });
    const count = async (call: () => Promise<unknown>) => {
      const before = sandbox.log.length;
      await call();
      return sandbox.log.length - before;
    };
    const first = client(storeOver(backing));
    const cold = await count(() => first.linkStatus(org.id));
    const warm = await count(() => first.linkStatus(org.id));
    const restarted = client(storeOver(backing));
    const afterRestart = await count(() => restarted.linkStatus(org.id));
    const naive = client(storeOver(new Map()), false);
    await naive.linkStatus(org.id);
    const neverReuses = await count(() => naive.linkStatus(org.id));
    return { cold, warm, afterRestart, neverReuses };
  } finally {
    await sandbox.close();
  }
}
