// What an Atlas org's revoke does to the links made with its tokens (deleteOrgLink removes the link's API key):
// those Cloud Manager orgs stop being SYNCED and answer NOT_SYNCED, or what a never-linked org answers in the
// revoked-link-as-unlinked mode; other Atlas orgs' links live on. And the documented 409 while migrations run.
import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../../sandbox/server';
import { A, atlasCall, errorOf } from './atlas-client';
import { digestRequest } from './digest-client';
import { RECORDED_NO_LINK } from './recorded-answers';

const P = '/api/public/v1.0';
let sb: Sandbox;
afterEach(async () => {
  await sb?.close();
});

const start = async (options: SandboxOptions = {}) => {
  sb = await startSandbox({ httpsPort: 0, httpPort: 0, ...options });
  return sb;
};
const org = (name: string) => sb.fixture.orgs.find((o) => o.name === name)!;
const tokensOf = (atlasOrg: string) => `${A}/orgs/${org(atlasOrg).id}/liveMigrations/linkTokens`;
const newToken = async (keyName: string, atlasOrg: string) =>
  (await atlasCall(sb, keyName, 'POST', tokensOf(atlasOrg))).json.linkToken as string;

async function cm(keyName: string, method: string, cmOrg: string, tail = '', body?: string) {
  const key = sb.fixture.keys.find((k) => k.name === keyName)!;
  const path = `${P}/orgs/${org(cmOrg).id}/liveExport/migrationLink${tail}`;
  const { response } = await digestRequest(sb.httpUrl!, {
    username: key.publicKey,
    password: key.privateKey,
    method,
    path,
    body,
  });
  return { status: response.status, text: await response.text() };
}
const link = (keyName: string, cmOrg: string, token: string) =>
  cm(keyName, 'POST', cmOrg, '', JSON.stringify({ linkToken: token }));
const status = (keyName: string, cmOrg: string) => cm(keyName, 'GET', cmOrg, '/status');

describe("an Atlas org's revoke ends the links made with its tokens", () => {
  it("answers NOT_SYNCED for them, keeps other Atlas orgs' links, and a never-linked org still answers 404", async () => {
    await start();
    expect((await link('owner', 'Acme Retail', await newToken('atlas', 'Acme Retail (Atlas)'))).status).toBe(201);
    expect(
      (await link('globex', 'Globex Logistics', await newToken('atlasglobex', 'Globex Logistics (Atlas)'))).status,
    ).toBe(201);
    expect(JSON.parse((await status('owner', 'Acme Retail')).text)).toEqual({ status: 'SYNCED' });

    expect((await atlasCall(sb, 'atlas', 'DELETE', tokensOf('Acme Retail (Atlas)'))).status).toBe(204);
    expect(await status('owner', 'Acme Retail')).toEqual({ status: 200, text: '{"status":"NOT_SYNCED"}' });
    expect(sb.links.get(org('Acme Retail').id)).toMatchObject({ status: 'NOT_SYNCED', revokedAt: expect.any(Number) });
    expect(JSON.parse((await status('globex', 'Globex Logistics')).text)).toEqual({ status: 'SYNCED' });
    expect(await status('initech', 'Initech Finance')).toEqual({ status: 404, text: RECORDED_NO_LINK });

    // The broken link can be removed, and the org linked again with a fresh token.
    expect((await cm('owner', 'DELETE', 'Acme Retail')).status).toBe(204);
    expect((await status('owner', 'Acme Retail')).status).toBe(404);
    expect((await link('owner', 'Acme Retail', await newToken('atlas', 'Acme Retail (Atlas)'))).status).toBe(201);
    expect(JSON.parse((await status('owner', 'Acme Retail')).text)).toEqual({ status: 'SYNCED' });
  });

  it('answers a revoked link as never linked in the revoked-link-as-unlinked mode, per unlinkedStatus', async () => {
    await start({ revokedLinkStatus: 'unlinked' });
    await link('owner', 'Acme Retail', await newToken('atlas', 'Acme Retail (Atlas)'));
    await atlasCall(sb, 'atlas', 'DELETE', tokensOf('Acme Retail (Atlas)'));
    expect(await status('owner', 'Acme Retail')).toEqual({ status: 404, text: RECORDED_NO_LINK });
    sb.setModes({ unlinkedStatus: 'not-synced' });
    expect(await status('owner', 'Acme Retail')).toEqual({ status: 200, text: '{"status":"NOT_SYNCED"}' });
  });
});

describe('a revoke while migrations run', () => {
  it('answers the documented 409 naming the projects, revokes nothing, and succeeds once they end', async () => {
    await start();
    const token = await newToken('atlas', 'Acme Retail (Atlas)');
    await link('owner', 'Acme Retail', token);
    const atlasOrgId = org('Acme Retail (Atlas)').id;
    sb.setActiveMigrations(atlasOrgId, ['6611aa22bb33cc44dd55ee66', '6611aa22bb33cc44dd55ee67']);
    const refused = await atlasCall(sb, 'atlas', 'DELETE', tokensOf('Acme Retail (Atlas)'));
    expect(errorOf(refused)).toMatchObject({
      status: 409,
      errorCode: 'CANNOT_DELETE_ORG_ACTIVE_LIVE_MIGRATION_ATLAS_ORG_LINK',
      header: 'CANNOT_DELETE_ORG_ACTIVE_LIVE_MIGRATION_ATLAS_ORG_LINK',
    });
    expect(refused.json.detail).toBe(
      'Cannot delete organization link while there is active migration in following project ids: 6611aa22bb33cc44dd55ee66,6611aa22bb33cc44dd55ee67',
    );
    expect(sb.atlasTokens().every((t) => !t.revoked)).toBe(true);
    expect(JSON.parse((await status('owner', 'Acme Retail')).text)).toEqual({ status: 'SYNCED' });
    // Another Atlas org is not held back by them.
    await newToken('atlasglobex', 'Globex Logistics (Atlas)');
    expect((await atlasCall(sb, 'atlasglobex', 'DELETE', tokensOf('Globex Logistics (Atlas)'))).status).toBe(204);

    const ended = await fetch(`${sb.httpUrl}/__sandbox/active-migrations`, {
      method: 'PUT',
      body: JSON.stringify({ atlasOrgId, projectIds: [] }),
    });
    expect(await ended.json()).toEqual({ atlasOrgId, projectIds: [] });
    expect((await atlasCall(sb, 'atlas', 'DELETE', tokensOf('Acme Retail (Atlas)'))).status).toBe(204);
    // The control endpoint sets them too.
    await fetch(`${sb.httpUrl}/__sandbox/active-migrations`, {
      method: 'PUT',
      body: JSON.stringify({ atlasOrgId, projectIds: ['6611aa22bb33cc44dd55ee68'] }),
    });
    expect((await atlasCall(sb, 'atlas', 'DELETE', tokensOf('Acme Retail (Atlas)'))).status).toBe(409);
  });
});
