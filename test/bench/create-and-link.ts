// Requests for one create-and-link (issue #14): the Atlas key pair's token request and the Cloud Manager key pair's
// link, made with the same clients the worker makes (core/atlas and core/cloudmanager over one Digest nonce store,
// nonces shared across keys per server), counted in the sandbox's request log. Cold: an empty nonce store. Warm:
// the same org linked again with a new token (after an unlink), and another client's orgs after the first. Also
// against a server that binds a nonce to the key it was issued for, where each key must take its own challenge.
import { startSandbox } from '../../sandbox/server.ts';
import { createAtlasApi } from '../../src/core/atlas/index.ts';
import { createCloudManagerApi } from '../../src/core/cloudmanager/index.ts';
import { createDigestFetch, createMemoryNonceStore } from '../../src/core/digest/index.ts';

export interface CreateAndLinkFigures {
  cold: number;
  warm: number;
  warmOtherClient: number;
  coldNonceBoundToKey: number;
  warmNonceBoundToKey: number;
}

type Counts = { cold: number; warm: number; warmOtherClient: number };

async function measure(nonceBoundToUser: boolean): Promise<Counts> {
  const sandbox = await startSandbox({ httpsPort: 0, httpPort: 0, nonceBoundToUser });
  try {
    const store = createMemoryNonceStore();
    const fetchOf = (name: string) => {
      const key = sandbox.fixture.keys.find((k) => k.name === name)!;
      return createDigestFetch(
        { username: key.publicKey, password: key.privateKey },
        { store, shareNonceAcrossKeys: true },
      );
    };
    const orgId = (name: string) => sandbox.fixture.orgs.find((o) => o.name === name)!.id;
    const once = async (cmKey: string, atlasKey: string, cmOrg: string, atlasOrg: string) => {
      const before = sandbox.log.length;
      const atlas = createAtlasApi({ baseUrl: sandbox.httpUrl!, fetch: fetchOf(atlasKey) });
      const cloud = createCloudManagerApi({ baseUrl: sandbox.httpUrl!, fetch: fetchOf(cmKey) });
      const token = await atlas.createLinkToken(orgId(atlasOrg));
      const { status } = await cloud.linkOrganization(orgId(cmOrg), token);
      if (status !== 'SYNCED' && status !== 'NOT_SYNCED') throw new Error(`not linked: ${status}`);
      return sandbox.log.length - before;
    };
    const acme = ['owner', 'atlas', 'Acme Retail', 'Acme Retail (Atlas)'] as const;
    const cold = await once(...acme);
    await createCloudManagerApi({ baseUrl: sandbox.httpUrl!, fetch: fetchOf('owner') }).unlinkOrganization(
      orgId('Acme Retail'),
    );
    const warm = await once(...acme);
    const warmOtherClient = await once('globex', 'atlasglobex', 'Globex Logistics', 'Globex Logistics (Atlas)');
    return { cold, warm, warmOtherClient };
  } finally {
    await sandbox.close();
  }
}

export async function measureCreateAndLink(): Promise<CreateAndLinkFigures> {
  const shared = await measure(false);
  const bound = await measure(true);
  return { ...shared, coldNonceBoundToKey: bound.cold, warmNonceBoundToKey: bound.warm };
}
