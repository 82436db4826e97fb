// The Atlas Admin API client's calls, as the server sees them: method, URL, versioned media type, body, no cookies,
// no redirect followed; what each answers; which are repeated (never the token POST); and what is refused before
// any request (an ill-formed org id, Atlas for Government, a base URL that is not a plain http(s) address).
import { describe, expect, it } from 'vitest';
import { ATLAS_MEDIA_TYPE, createAtlasApi } from '../../../../src/core/atlas';
import { DigestError } from '../../../../src/core/digest';
import { englishOf } from '../../../support/catalogue';
import { fakeCloudManager } from '../cloudmanager/fake-cloud-manager';
import { ATLAS_ORG, atlasError, BASE, failure, json, MEDIA_TYPE, ROOT, randomToken, setup, TOKENS } from './fake-atlas';

const TOKEN = randomToken();
const ORG_PATH = `${ROOT}/orgs/${ATLAS_ORG}`;
const lost = () => new DigestError('network');

describe('ATLAS_MEDIA_TYPE', () => {
  it('is the 2023-01-01 version of the v2 API', () => {
    expect(ATLAS_MEDIA_TYPE).toBe(MEDIA_TYPE);
  });
});

describe('createLinkToken', () => {
  it('POSTs {} with the versioned media type when no addresses are given, and returns the token', async () => {
    const { api, requests, redirects } = setup({ [`POST ${TOKENS}`]: [json(200, { linkToken: TOKEN })] });
    await expect(api.createLinkToken(ATLAS_ORG)).resolves.toBe(TOKEN);
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([['POST', `${BASE}${TOKENS}`, '{}']]);
    const [request] = requests;
    expect(request?.headers.get('Accept')).toBe(MEDIA_TYPE);
    expect(request?.headers.get('Content-Type')).toBe(MEDIA_TYPE);
    expect([...(request?.headers.keys() ?? [])].sort()).toEqual(['accept', 'content-type']);
    expect(request?.credentials).toBe('omit');
    expect(redirects).toEqual(['manual']);
  });

  it('sends an empty address list as no list at all', async () => {
    const { api, requests } = setup({ [`POST ${TOKENS}`]: [json(200, { linkToken: TOKEN })] });
    await api.createLinkToken(ATLAS_ORG, { accessListIps: [] });
    expect(requests[0]?.body).toBe('{}');
  });

  it("sends the Ops Manager server's addresses, in order, as accessListIps", async () => {
    const { api, requests } = setup({ [`POST ${TOKENS}`]: [json(200, { linkToken: TOKEN })] });
    await api.createLinkToken(ATLAS_ORG, { accessListIps: ['203.0.113.7', '198.51.100.0/24', '2001:db8::/32'] });
    expect(requests[0]?.body).toBe('{"accessListIps":["203.0.113.7","198.51.100.0/24","2001:db8::/32"]}');
  });

  it('accepts 201 as well as 200, and trims whitespace around the token', async () => {
    const { api } = setup({ [`POST ${TOKENS}`]: [json(201, { linkToken: ` ${TOKEN}\n`, extra: 1 })] });
    await expect(api.createLinkToken(ATLAS_ORG)).resolves.toBe(TOKEN);
  });

  it('never repeats the POST: not after a server error, a 429 with a short wait, or a lost connection', async () => {
    const replies = [
      atlasError(503, undefined, 'Service Unavailable'),
      atlasError(429, 'RATE_LIMITED_TOKEN_BUCKET', 'Too many requests.', [], { 'Retry-After': '1' }),
      lost(),
    ];
    for (const reply of replies) {
      const { api, requests, sleeps } = setup({ [`POST ${TOKENS}`]: [reply, json(200, { linkToken: TOKEN })] });
      await failure(api.createLinkToken(ATLAS_ORG));
      expect(requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
    }
  });

  it('a lost connection is network, worded for Atlas', async () => {
    const { api } = setup({ [`POST ${TOKENS}`]: [lost()] });
    const error = await failure(api.createLinkToken(ATLAS_ORG));
    expect([error.kind, error.variant]).toEqual(['network', 'atlas']);
    expect(englishOf(error).message).toBe('Atlas could not be reached.');
  });
});

describe('revokeLinkTokens', () => {
  it.each([204, 200])('DELETEs the tokens path, without a body, and takes %i as done', async (status) => {
    const reply = status === 204 ? new Response(null, { status }) : json(200, {});
    const { api, requests, redirects } = setup({ [`DELETE ${TOKENS}`]: [reply] });
    await expect(api.revokeLinkTokens(ATLAS_ORG)).resolves.toBe('revoked');
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([['DELETE', `${BASE}${TOKENS}`, null]]);
    expect(requests[0]?.headers.get('Accept')).toBe(MEDIA_TYPE);
    expect(requests[0]?.headers.has('Content-Type')).toBe(false);
    expect(requests[0]?.credentials).toBe('omit');
    expect(redirects).toEqual(['manual']);
  });

  it('repeats after a server error or a lost connection, with growing waits', async () => {
    const { api, requests, sleeps } = setup({
      [`DELETE ${TOKENS}`]: [atlasError(500, 'UNEXPECTED_ERROR', 'oops'), lost(), new Response(null, { status: 204 })],
    });
    await expect(api.revokeLinkTokens(ATLAS_ORG)).resolves.toBe('revoked');
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([100, 200]);
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    const limited = atlasError(429, 'RATE_LIMITED_TOKEN_BUCKET', 'Too many requests.', [], { 'Retry-After': '1' });
    const { api, requests, sleeps } = setup({ [`DELETE ${TOKENS}`]: [limited, new Response(null, { status: 204 })] });
    await expect(api.revokeLinkTokens(ATLAS_ORG)).resolves.toBe('revoked');
    expect(requests).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
  });

  it('nothing to remove (404 UNEXPECTED_ERROR, as recorded) is its own outcome, asked once (#29)', async () => {
    const none = atlasError(404, 'UNEXPECTED_ERROR', 'Could not find the requested external organization link.');
    const { api, requests, sleeps } = setup({ [`DELETE ${TOKENS}`]: [none] });
    await expect(api.revokeLinkTokens(ATLAS_ORG)).resolves.toBe('nothing-to-revoke');
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('a migration still running keeps the link: refused, naming its projects, asked once (#29)', async () => {
    const running = atlasError(
      409,
      'CANNOT_DELETE_ORG_ACTIVE_LIVE_MIGRATION_ATLAS_ORG_LINK',
      'Cannot delete organization link while there is active migration in following project ids: 6a793f48c0eb9e7a17712c9a,6a793f7fc0eb9e7a17716153',
    );
    const { api, requests } = setup({ [`DELETE ${TOKENS}`]: [running] });
    const error = await failure(api.revokeLinkTokens(ATLAS_ORG));
    expect([error.kind, error.params.projects]).toEqual([
      'migration-running',
      '6a793f48c0eb9e7a17712c9a, 6a793f7fc0eb9e7a17716153',
    ]);
    expect(englishOf(error).message).toBe(
      "Atlas keeps this organization's link: a live migration is running in the Atlas projects 6a793f48c0eb9e7a17712c9a, 6a793f7fc0eb9e7a17716153.",
    );
    expect(requests).toHaveLength(1);
  });

  it('gives up on a lost connection after the configured attempts, as network worded for Atlas', async () => {
    const { api, requests, sleeps } = setup({ [`DELETE ${TOKENS}`]: [lost()] });
    const error = await failure(api.revokeLinkTokens(ATLAS_ORG));
    expect([error.kind, error.variant]).toEqual(['network', 'atlas']);
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([100, 200]);
  });

  it('does not repeat a cancelled request, a timeout or a refusal', async () => {
    for (const reply of [
      Object.assign(new Error('aborted'), { name: 'AbortError' }),
      Object.assign(new Error('timed out'), { kind: 'timeout' }),
      atlasError(403, 'USER_UNAUTHORIZED', 'Current user is not authorized to perform this action.'),
    ]) {
      const { api, requests, sleeps } = setup({ [`DELETE ${TOKENS}`]: [reply] });
      await failure(api.revokeLinkTokens(ATLAS_ORG));
      expect(requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
    }
  });
});

describe('organization', () => {
  it('GETs the org with the versioned Accept and returns its id and name', async () => {
    const { api, requests } = setup({
      [`GET ${ORG_PATH}`]: [json(200, { id: ATLAS_ORG, name: 'Acme Atlas', isDeleted: false, links: [] })],
    });
    await expect(api.organization(ATLAS_ORG)).resolves.toEqual({ id: ATLAS_ORG, name: 'Acme Atlas' });
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([['GET', `${BASE}${ORG_PATH}`, null]]);
    expect(requests[0]?.headers.get('Accept')).toBe(MEDIA_TYPE);
    expect(requests[0]?.headers.has('Content-Type')).toBe(false);
  });

  it('takes an answer without an id as the org asked for', async () => {
    const { api } = setup({ [`GET ${ORG_PATH}`]: [json(200, { name: 'Acme Atlas' })] });
    await expect(api.organization(ATLAS_ORG)).resolves.toEqual({ id: ATLAS_ORG, name: 'Acme Atlas' });
  });

  it('a deleted org is not found', async () => {
    const { api } = setup({ [`GET ${ORG_PATH}`]: [json(200, { id: ATLAS_ORG, name: 'Gone', isDeleted: true })] });
    const error = await failure(api.organization(ATLAS_ORG));
    expect([error.kind, error.variant]).toEqual(['org-not-found', 'atlas']);
  });

  it('repeats a server error, then reads the answer', async () => {
    const { api, requests, sleeps } = setup({
      [`GET ${ORG_PATH}`]: [atlasError(502, undefined, 'Bad gateway'), json(200, { id: ATLAS_ORG, name: 'A' })],
    });
    await expect(api.organization(ATLAS_ORG)).resolves.toEqual({ id: ATLAS_ORG, name: 'A' });
    expect(requests).toHaveLength(2);
    expect(sleeps).toEqual([100]);
  });
});

describe('refused before any request', () => {
  const calls = (api: ReturnType<typeof setup>['api'], id: string) => [
    api.createLinkToken(id, { accessListIps: ['203.0.113.7'] }),
    api.revokeLinkTokens(id),
    api.organization(id),
  ];

  it.each(['', 'nope', ATLAS_ORG.toUpperCase(), ATLAS_ORG.slice(1), `${ATLAS_ORG}/../x`, `${ATLAS_ORG}?envelope=true`])(
    'the org id %j, as invalid-id (org)',
    async (bad) => {
      const { api, requests } = setup({});
      for (const call of calls(api, bad)) {
        const error = await failure(call);
        expect([error.kind, error.variant]).toEqual(['invalid-id', 'org']);
      }
      expect(requests).toHaveLength(0);
    },
  );

  it.each([
    'https://cloud.mongodbgov.com',
    'https://cloud.mongodbgov.com/',
    'https://CLOUD.MongoDBgov.com:443',
    'https://cloud.mongodbgov.com.',
    'https://cloud-dev.mongodbgov.com',
    'https://mongodbgov.com',
    'http://cloud.mongodbgov.com',
    'ftp://cloud.mongodbgov.com',
  ])('Atlas for Government (%s), as atlas-for-government', async (baseUrl) => {
    const { api, requests } = setup({}, undefined, baseUrl);
    for (const call of [...calls(api, ATLAS_ORG), api.listOrgs()]) {
      const error = await failure(call);
      expect([error.kind, error.variant]).toEqual(['atlas-for-government', 'default']);
      expect(englishOf(error).remedy).toMatch(/Atlas CLI/);
    }
    expect(requests).toHaveLength(0);
  });

  it.each([
    'not a url',
    'ftp://cloud.mongodb.com',
    'https://user:pw@cloud.mongodb.com',
    'https://cloud.mongodb.com/?x=1',
  ])('a base URL that is not a plain http(s) address (%s), as network (invalid-base-url)', async (baseUrl) => {
    const { api, requests } = setup({}, undefined, baseUrl);
    for (const call of [...calls(api, ATLAS_ORG), api.listOrgs()]) {
      const error = await failure(call);
      expect([error.kind, error.variant]).toEqual(['network', 'invalid-base-url']);
    }
    expect(requests).toHaveLength(0);
  });

  it('but not a host that only ends in the same letters', async () => {
    const server = fakeCloudManager({ [`GET ${ORG_PATH}`]: [json(200, { id: ATLAS_ORG, name: 'A' })] });
    const api = createAtlasApi({ baseUrl: 'https://notmongodbgov.com', fetch: server.fetch });
    await expect(api.organization(ATLAS_ORG)).resolves.toEqual({ id: ATLAS_ORG, name: 'A' });
    expect(server.requests[0]?.url).toBe(`https://notmongodbgov.com${ORG_PATH}`);
  });

  it('builds the URLs on another base, keeping its path and ignoring trailing slashes', async () => {
    const server = fakeCloudManager({ [`GET /proxy${ORG_PATH}`]: [json(200, { id: ATLAS_ORG, name: 'A' })] });
    const api = createAtlasApi({ baseUrl: 'http://127.0.0.1:8080/proxy//', fetch: server.fetch });
    await api.organization(ATLAS_ORG);
    expect(server.requests[0]?.url).toBe(`http://127.0.0.1:8080/proxy${ORG_PATH}`);
  });
});
