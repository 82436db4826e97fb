// A 401 to a held token renews it once and repeats the call, with the same body, only when the body can be sent
// again; concurrent refusals of one token share one renewal; a refused fresh token is 'bearer-refused' (Cloud
// Manager's Preview, or Atlas), with no second token request; a coded 401 is the caller's to read.
import { describe, expect, it } from 'vitest';
import { CloudManagerError, describeError } from '../../../../src/core/cloudmanager';
import { ATLAS_ORGS, CM_LINK, CM_ORGS, failure, fakeOAuth, refusal } from './fake-oauth';

/** The API refuses every token issued so far; the next one issued is accepted. */
const revokeAll = (f: ReturnType<typeof fakeOAuth>) => f.state.valid.clear();

describe('a 401 to a held token', () => {
  it('renews the token once and repeats the call with the same method and body', async () => {
    const f = fakeOAuth();
    const call = f.client();
    await call(CM_ORGS);
    revokeAll(f); // the server forgot tok-1 (revoked, or its clock is ahead); it will take the next one
    const body = JSON.stringify({ linkToken: 'abc' });
    const answer = await call(CM_LINK, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    expect(answer.status).toBe(200);
    expect(f.state.tokenRequests).toHaveLength(2);
    const link = f.state.apiRequests.slice(1);
    expect(link.map((s) => [s.method, s.authorization, s.body, s.contentType])).toEqual([
      ['POST', 'Bearer tok-1', body, 'application/json'],
      ['POST', 'Bearer tok-2', body, 'application/json'],
    ]);
  });

  it('concurrent calls refused with the same token share one renewal', async () => {
    const f = fakeOAuth();
    const call = f.client();
    await call(CM_ORGS);
    revokeAll(f);
    const answers = await Promise.all(Array.from({ length: 6 }, () => call(CM_ORGS)));
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(f.state.tokenRequests).toHaveLength(2);
    const retries = f.state.apiRequests.slice(7).map((s) => s.authorization);
    expect(retries).toEqual(Array(6).fill('Bearer tok-2'));
  });

  it('refused again after the renewal: bearer-refused, after exactly two API requests and two token requests', async () => {
    const f = fakeOAuth();
    const call = f.client();
    await call(CM_ORGS);
    f.state.apiScript.push(refusal, refusal);
    const error = await failure(call(CM_LINK, { method: 'POST', body: '{}' }));
    expect(error).toBeInstanceOf(CloudManagerError);
    expect(error).toMatchObject({ kind: 'bearer-refused', variant: 'default', status: 401 });
    expect(f.state.apiRequests).toHaveLength(3);
    expect(f.state.tokenRequests).toHaveLength(2);
    // The API layer passes it on as it is.
    expect(describeError(error, { operation: 'link' })).toBe(error);
  });

  it('a body that cannot be sent again is never repeated: the 401 is returned and the next call renews', async () => {
    const f = fakeOAuth();
    const call = f.client();
    await call(CM_ORGS);
    revokeAll(f);
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"linkToken":"x"}'));
        c.close();
      },
    });
    const answer = await call(CM_LINK, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(answer.status).toBe(401);
    expect(f.state.apiRequests.slice(1).map((s) => [s.authorization, s.body])).toEqual([
      ['Bearer tok-1', '{"linkToken":"x"}'],
    ]);
    expect(f.state.tokenRequests).toHaveLength(1);
    expect((await call(CM_ORGS)).status).toBe(200);
    expect(f.state.apiRequests.at(-1)!.authorization).toBe('Bearer tok-2');
  });
});

describe('a 401 to a token fetched for the call', () => {
  it('on Cloud Manager: bearer-refused (default variant), no renewal', async () => {
    const f = fakeOAuth();
    f.state.apiScript.push(refusal);
    const error = await failure(f.client()(CM_LINK, { method: 'POST', body: '{}' }));
    expect(error).toMatchObject({ kind: 'bearer-refused', variant: 'default' });
    expect([f.state.tokenRequests.length, f.state.apiRequests.length]).toEqual([1, 1]);
  });

  it('on the Atlas Admin API: bearer-refused, atlas variant', async () => {
    const f = fakeOAuth();
    f.state.apiScript.push(refusal);
    const error = await failure(f.client()(ATLAS_ORGS));
    expect(error).toMatchObject({ kind: 'bearer-refused', variant: 'atlas' });
  });

  it('a plain 401 without a Bearer challenge and without an errorCode is a refusal of the token too', async () => {
    const f = fakeOAuth();
    f.state.apiScript.push(() => Response.json({ detail: 'no', error: 401 }, { status: 401 }));
    const error = await failure(f.client()(CM_ORGS));
    expect(error).toMatchObject({ kind: 'bearer-refused' });
  });
});

describe('a 401 that answers the caller, not the token', () => {
  it('a coded 401 (USER_UNAUTHORIZED) is returned as is, body intact, with no renewal', async () => {
    const f = fakeOAuth();
    const call = f.client();
    await call(CM_ORGS);
    const body = { detail: 'Current user is not authorized.', error: 401, errorCode: 'USER_UNAUTHORIZED' };
    f.state.apiScript.push(() => Response.json(body, { status: 401 }));
    const answer = await call(CM_LINK, { method: 'POST', body: '{}' });
    expect([answer.status, await answer.json()]).toEqual([401, body]);
    f.state.apiScript.push(() => new Response('{}', { status: 401, headers: { 'X-Error-Code': 'NOT_ORG_OWNER' } }));
    expect((await call(CM_ORGS)).status).toBe(401);
    expect([f.state.tokenRequests.length, f.state.apiRequests.length]).toEqual([1, 3]);
  });

  it('other answers (200, 403, 404, 500) pass through untouched', async () => {
    const f = fakeOAuth();
    const call = f.client();
    for (const status of [403, 404, 500]) {
      f.state.apiScript.push(() => Response.json({ errorCode: 'X' }, { status }));
      expect((await call(CM_ORGS)).status).toBe(status);
    }
    expect([f.state.tokenRequests.length, f.state.apiRequests.length]).toEqual([1, 3]);
  });
});
