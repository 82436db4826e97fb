import { describe, expect, it } from 'vitest';
import { CloudManagerError, createCloudManagerApi } from '../../../../src/core/cloudmanager';
import { DigestError } from '../../../../src/core/digest';
import { englishOf } from '../../../support/catalogue';
import { fakeCloudManager, json, mmsError, type Reply } from './fake-cloud-manager';

const ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';
const GROUP = '60aa11bb22cc33dd44ee55ff';
const BASE = 'https://cloud.mongodb.com';
const LINK = `/api/public/v1.0/orgs/${ORG}/liveExport/migrationLink`;
const STATUS = `${LINK}/status`;
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LWxpbmstdG9rZW4tZm9yLXRlc3Rz.Zm9vYmFy';
/** A lost connection as the transport (the Digest layer) reports it. */
const lost = () => new DigestError('network');

function setup(routes: Record<string, Reply[]>, retry = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000 }) {
  const server = fakeCloudManager(routes);
  const sleeps: number[] = [];
  const api = createCloudManagerApi({
    baseUrl: BASE,
    fetch: server.fetch,
    retry,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { api, requests: server.requests, sleeps };
}

async function failure(promise: Promise<unknown>): Promise<CloudManagerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CloudManagerError);
  return error as CloudManagerError;
}

describe('linkOrganization', () => {
  it('POSTs exactly {"linkToken": token} with JSON headers and returns the status', async () => {
    const { api, requests } = setup({ [`POST ${LINK}`]: [json(201, { status: 'NOT_SYNCED' })] });
    await expect(api.linkOrganization(ORG, `  ${TOKEN}\n`)).resolves.toEqual({ status: 'NOT_SYNCED' });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`${BASE}${LINK}`);
    expect(request?.body).toBe(`{"linkToken":"${TOKEN}"}`);
    expect(request?.headers.get('Accept')).toBe('application/json');
    expect(request?.headers.get('Content-Type')).toBe('application/json');
    // The user's Cloud Manager session cookies must not ride along with a key-signed call.
    expect(request?.credentials).toBe('omit');
  });

  it('accepts 200 as well as 201', async () => {
    const { api } = setup({ [`POST ${LINK}`]: [json(200, { status: 'SYNCED' })] });
    await expect(api.linkOrganization(ORG, TOKEN)).resolves.toEqual({ status: 'SYNCED' });
  });

  it.each([
    ['empty', '   ', 'empty'],
    ['too long', 'x'.repeat(4097), 'too-long'],
    ['two words', 'abc def', 'whitespace'],
  ])('refuses a %s token before any request', async (_, token, variant) => {
    const { api, requests } = setup({});
    const error = await failure(api.linkOrganization(ORG, token));
    expect(error.kind).toBe('invalid-token');
    expect(error.variant).toBe(variant);
    expect(requests).toHaveLength(0);
  });

  it('never retries the POST, even on a server error or a lost connection', async () => {
    for (const reply of [mmsError(503, undefined, 'Service Unavailable'), lost()]) {
      const { api, requests, sleeps } = setup({ [`POST ${LINK}`]: [reply, json(201, { status: 'SYNCED' })] });
      await failure(api.linkOrganization(ORG, TOKEN));
      expect(requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
    }
  });

  it('says to check the status before linking again when the connection fails mid-request', async () => {
    const { api } = setup({ [`POST ${LINK}`]: [lost()] });
    const error = await failure(api.linkOrganization(ORG, TOKEN));
    expect(error.kind).toBe('network');
    expect(englishOf(error).remedy).toMatch(/check the link status/i);
  });

  it('reports a 400 without a known code as a refused token', async () => {
    const { api } = setup({ [`POST ${LINK}`]: [mmsError(400, 'INVALID_LINK_TOKEN', 'The link token is invalid.')] });
    expect((await failure(api.linkOrganization(ORG, TOKEN))).kind).toBe('invalid-token');
  });

  it.each([[json(201, { status: 'LINKED' })], [json(201, {})], [new Response('<html>Login</html>', { status: 200 })]])(
    'rejects a success answer it does not understand (%#), saying the link may exist',
    async (reply) => {
      const { api } = setup({ [`POST ${LINK}`]: [reply] });
      const error = await failure(api.linkOrganization(ORG, TOKEN));
      expect(error.kind).toBe('unexpected-response');
      expect(englishOf(error).remedy).toMatch(/check the link status/i);
    },
  );

  it('never shows the token, even when the server echoes it back', async () => {
    const echoes: Reply[] = [
      mmsError(400, 'INVALID_LINK_TOKEN', `Link token ${TOKEN} is invalid.`, [TOKEN]),
      mmsError(400, 'VALIDATION_ERROR', `Bad value for linkToken: "${TOKEN.slice(10, 30)}"`),
      mmsError(401, undefined, `You are not authorized for this resource. linkToken=${TOKEN}`),
      new Response(`<html><body>Bad request ${TOKEN}</body></html>`, {
        status: 400,
        headers: { 'X-Error-Code': TOKEN },
      }),
      new Response(`{"detail": "${TOKEN}"}`, { status: 500 }),
    ];
    for (const reply of echoes) {
      const { api } = setup({ [`POST ${LINK}`]: [reply] });
      const error = await failure(api.linkOrganization(ORG, TOKEN));
      const shown = [
        englishOf(error).message,
        englishOf(error).remedy,
        error.detail,
        error.errorCode,
        String(error),
        JSON.stringify(error),
      ];
      for (let start = 0; start + 8 <= TOKEN.length; start += 4) {
        const piece = TOKEN.slice(start, start + 8);
        for (const text of shown) expect(text ?? '').not.toContain(piece);
      }
    }
  });
});

describe('linkStatus', () => {
  it('GETs the status path and returns the status', async () => {
    const { api, requests } = setup({ [`GET ${STATUS}`]: [json(200, { status: 'SYNCED' })] });
    await expect(api.linkStatus(ORG)).resolves.toEqual({ status: 'SYNCED' });
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([['GET', `${BASE}${STATUS}`, null]]);
    expect(requests[0]?.headers.get('Accept')).toBe('application/json');
    expect(requests[0]?.headers.has('Content-Type')).toBe(false);
  });

  it.each([
    mmsError(404, 'MIGRATION_LINK_NOT_FOUND', 'No link.'),
    mmsError(404, 'RESOURCE_NOT_FOUND', 'Cannot find resource.'),
    new Response('', { status: 404 }),
  ])('answers NOT_LINKED when there is no link (%#)', async (reply) => {
    const { api } = setup({ [`GET ${STATUS}`]: [reply] });
    await expect(api.linkStatus(ORG)).resolves.toEqual({ status: 'NOT_LINKED' });
  });

  it('still reports an unknown org or an Atlas org as errors', async () => {
    for (const [code, kind] of [
      ['ORG_NOT_FOUND', 'org-not-found'],
      ['EXPECTED_NON_ATLAS_ORG', 'atlas-org'],
    ]) {
      const { api } = setup({ [`GET ${STATUS}`]: [mmsError(404, code, 'nope')] });
      expect((await failure(api.linkStatus(ORG))).kind).toBe(kind);
    }
  });

  it('rejects a status string it does not know', async () => {
    const { api } = setup({ [`GET ${STATUS}`]: [json(200, { status: 'ALMOST' })] });
    expect((await failure(api.linkStatus(ORG))).kind).toBe('unexpected-response');
  });

  it('retries server errors and network failures with growing waits, then succeeds', async () => {
    const { api, requests, sleeps } = setup({
      [`GET ${STATUS}`]: [mmsError(500, 'UNEXPECTED_ERROR', 'oops'), lost(), json(200, { status: 'SYNCED' })],
    });
    await expect(api.linkStatus(ORG)).resolves.toEqual({ status: 'SYNCED' });
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([100, 200]);
  });

  it('takes a bare TypeError from the fetch function for an internal fault: not network, not retried', async () => {
    // The platform throws the same TypeError for a request it cannot build (a bad header value) as for a lost
    // connection; only the transport can tell them apart, and it labels the latter 'network'.
    const { api, requests, sleeps } = setup({
      [`GET ${STATUS}`]: [new TypeError('Headers.set: invalid header value'), json(200, { status: 'SYNCED' })],
    });
    const error = await failure(api.linkStatus(ORG));
    expect([error.kind, error.variant]).toEqual(['unknown', 'internal']);
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('gives up after the configured number of attempts with the last error', async () => {
    const { api, requests, sleeps } = setup(
      { [`GET ${STATUS}`]: [mmsError(502, undefined, 'Bad gateway')] },
      { attempts: 4, baseDelayMs: 300, maxDelayMs: 1000 },
    );
    const error = await failure(api.linkStatus(ORG));
    expect(error.kind).toBe('server-error');
    expect(error.status).toBe(502);
    expect(requests).toHaveLength(4);
    expect(sleeps).toEqual([300, 600, 1000]);
  });

  it('does not retry what another attempt cannot fix', async () => {
    for (const reply of [
      mmsError(401, undefined, 'You are not authorized for this resource.'),
      mmsError(403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST', 'IP address 203.0.113.7 is not allowed to access this resource.'),
      Object.assign(new Error('timed out'), { kind: 'timeout' }),
    ]) {
      const { api, requests } = setup({ [`GET ${STATUS}`]: [reply] });
      await failure(api.linkStatus(ORG));
      expect(requests).toHaveLength(1);
    }
  });

  it('takes NOT_LINKED from a status answer as it is (a link answer never says so)', async () => {
    const { api } = setup({ [`GET ${STATUS}`]: [json(200, { status: 'NOT_LINKED' })] });
    await expect(api.linkStatus(ORG)).resolves.toEqual({ status: 'NOT_LINKED' });
  });

  it('waits as long as Retry-After says on 429', async () => {
    const limited = new Response('{"errorCode":"RATE_LIMITED"}', { status: 429, headers: { 'Retry-After': '1' } });
    const { api, requests, sleeps } = setup({ [`GET ${STATUS}`]: [limited, json(200, { status: 'NOT_SYNCED' })] });
    await expect(api.linkStatus(ORG)).resolves.toEqual({ status: 'NOT_SYNCED' });
    expect(requests).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
  });

  it('gives up at once when Retry-After is longer than it will wait, saying how long to wait', async () => {
    const limited = new Response(JSON.stringify({ errorCode: 'RATE_LIMITED', detail: 'Too many requests' }), {
      status: 429,
      headers: { 'Retry-After': '120' },
    });
    const { api, requests, sleeps } = setup({ [`GET ${STATUS}`]: [limited, json(200, { status: 'SYNCED' })] });
    const error = await failure(api.linkStatus(ORG));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterSeconds).toBe(120);
    expect(englishOf(error).remedy).toContain('120 seconds');
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });
});

describe('unlinkOrganization', () => {
  it('DELETEs the link', async () => {
    const { api, requests } = setup({ [`DELETE ${LINK}`]: [new Response(null, { status: 204 })] });
    await expect(api.unlinkOrganization(ORG)).resolves.toBeUndefined();
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([['DELETE', `${BASE}${LINK}`, null]]);
  });

  it('treats "no link" as done, so a retried DELETE after a lost answer succeeds', async () => {
    const { api, requests } = setup({
      [`DELETE ${LINK}`]: [lost(), mmsError(404, 'MIGRATION_LINK_NOT_FOUND', 'No link.')],
    });
    await expect(api.unlinkOrganization(ORG)).resolves.toBeUndefined();
    expect(requests).toHaveLength(2);
  });

  it('reports a missing Organization Owner role', async () => {
    const { api } = setup({ [`DELETE ${LINK}`]: [mmsError(401, 'NOT_ORG_OWNER', 'Not an owner.')] });
    const error = await failure(api.unlinkOrganization(ORG));
    expect(error.kind).toBe('not-org-owner');
    expect(englishOf(error).remedy).toMatch(/Organization Owner/);
  });
});

describe('organization and orgOfGroup', () => {
  it("reads an org's name", async () => {
    const { api, requests } = setup({
      [`GET /api/public/v1.0/orgs/${ORG}`]: [json(200, { id: ORG, name: 'Acme Ops', isDeleted: false, links: [] })],
    });
    await expect(api.organization(ORG)).resolves.toEqual({ id: ORG, name: 'Acme Ops' });
    expect(requests[0]?.method).toBe('GET');
  });

  it("finds a project's org", async () => {
    const { api } = setup({
      [`GET /api/public/v1.0/groups/${GROUP}`]: [json(200, { id: GROUP, orgId: ORG, name: 'Project One' })],
    });
    await expect(api.orgOfGroup(GROUP)).resolves.toEqual({ groupId: GROUP, orgId: ORG, name: 'Project One' });
  });

  it('maps a missing project and rejects a body without a valid orgId', async () => {
    const path = `GET /api/public/v1.0/groups/${GROUP}`;
    const missing = setup({ [path]: [mmsError(404, 'GROUP_NOT_FOUND', 'No group.')] });
    expect((await failure(missing.api.orgOfGroup(GROUP))).kind).toBe('group-not-found');
    const odd = setup({ [path]: [json(200, { id: GROUP, orgId: 'ORG', name: 'x' })] });
    expect((await failure(odd.api.orgOfGroup(GROUP))).kind).toBe('unexpected-response');
  });
});

describe('ids and base URL', () => {
  it.each(['', '5F1A2B3C4D5E6F7A8B9C0D1E', `${ORG}/../x`, '5f1a2b3c4d5e6f7a8b9c0d1', `${ORG}?envelope=true`])(
    'refuses the id %j before any request',
    async (bad) => {
      const { api, requests } = setup({});
      const calls = [
        api.linkOrganization(bad, TOKEN),
        api.unlinkOrganization(bad),
        api.linkStatus(bad),
        api.organization(bad),
        api.orgOfGroup(bad),
      ];
      for (const call of calls) expect((await failure(call)).kind).toBe('invalid-id');
      expect(requests).toHaveLength(0);
    },
  );

  it('builds URLs on an Ops Manager base, ignoring a trailing slash', async () => {
    const server = fakeCloudManager({ [`GET ${STATUS}`]: [json(200, { status: 'SYNCED' })] });
    const api = createCloudManagerApi({ baseUrl: 'http://opsmanager.example:8080/', fetch: server.fetch });
    await api.linkStatus(ORG);
    expect(server.requests[0]?.url).toBe(`http://opsmanager.example:8080${STATUS}`);
  });

  it('refuses a base URL that is not http(s) without sending anything', async () => {
    const server = fakeCloudManager({});
    const api = createCloudManagerApi({ baseUrl: 'ftp://cloud.mongodb.com', fetch: server.fetch });
    const error = await failure(api.linkStatus(ORG));
    expect(error.kind).toBe('network');
    expect(error.variant).toBe('invalid-base-url');
    expect(server.requests).toHaveLength(0);
  });
});
