// Protects which kind, variant and facts an error decodes to (error-codes.ts, errors.ts, issue #18): the status
// fallbacks per operation, body-refused codes only on a link, the stale-nonce challenge, Retry-After only for
// rate-limited, the caller IP only for access-list kinds, and what describeError takes from a foreign thrown value.
import { describe, expect, it } from 'vitest';
import { decodeErrorResponse, describeError } from '../../../../src/core/cloudmanager';
import { classifyErrorAnswer, type ErrorAnswer } from '../../../../src/core/cloudmanager/error-codes';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('classifyErrorAnswer', () => {
  it.each<[ErrorAnswer, string]>([
    [{ status: 404 }, 'unknown'],
    [{ status: 404, operation: 'link' }, 'org-not-found'],
    [{ status: 404, operation: 'org' }, 'org-not-found'],
    [{ status: 500, errorCode: 'INVALID_JSON', operation: 'link' }, 'invalid-token'],
    [{ status: 500, errorCode: 'VALIDATION_ERROR' }, 'invalid-token'],
    [{ status: 500, errorCode: 'INVALID_JSON', operation: 'org' }, 'server-error'],
    [{ status: 404, errorCode: 'MISSING_ATTRIBUTE', operation: 'group' }, 'group-not-found'],
    // A code not known is no guess from its spelling: the status decides (#29).
    [{ status: 500, errorCode: 'ORG_NOT_LINKED' }, 'server-error'],
    [{ status: 404, errorCode: 'NO_LINK_FOR_ORG', operation: 'status' }, 'not-linked'],
    [{ status: 500, errorCode: 'BAD_LINK_TOKEN', operation: 'link' }, 'server-error'],
    [{ status: 400, errorCode: 'BAD_LINK_TOKEN', operation: 'link' }, 'invalid-token'],
    [{ status: 401 }, 'bad-credentials'],
    [{ status: 401, challenge: 'Digest realm="x", nonce="n", stale=false' }, 'bad-credentials'],
    [{ status: 401, challenge: 'Digest realm="x", nonce="n", stale=true' }, 'stale-nonce'],
    [{ status: 401, challenge: 'Digest realm="x", stale = "TRUE", nonce="n"' }, 'stale-nonce'],
    [{ status: 401, challenge: 'Digest realm="x", stale\t=\ttrue' }, 'stale-nonce'],
    [{ status: 408 }, 'timeout'],
    [{ status: 408, operation: 'link' }, 'timeout'],
    [{ status: 199 }, 'unknown'],
    [{ status: 200 }, 'unexpected-response'],
    [{ status: 201 }, 'unexpected-response'],
    [{ status: 302, operation: 'org' }, 'unexpected-response'],
    [{ status: 399 }, 'unexpected-response'],
    [{ status: 400, operation: 'org' }, 'unknown'],
    [{ status: 499 }, 'unknown'],
  ])('%j → %s', (input, kind) => {
    expect(classifyErrorAnswer(input)).toBe(kind);
  });
});

describe('decodeErrorResponse: facts', () => {
  it('an answer the link call did not expect is the after-link variant; elsewhere the default', async () => {
    const link = await decodeErrorResponse(answer(200, {}), { operation: 'link' });
    expect([link.kind, link.variant]).toEqual(['unexpected-response', 'after-link']);
    const status = await decodeErrorResponse(answer(200, {}), { operation: 'status' });
    expect([status.kind, status.variant]).toEqual(['unexpected-response', 'default']);
    const bare = await decodeErrorResponse(answer(302, {}));
    expect([bare.kind, bare.variant]).toEqual(['unexpected-response', 'default']);
  });

  it('another kind on a link call is not the after-link variant', async () => {
    const timeout = await decodeErrorResponse(answer(408, {}), { operation: 'link' });
    expect([timeout.kind, timeout.variant]).toEqual(['timeout', 'default']);
    const server = await decodeErrorResponse(answer(500, {}), { operation: 'link' });
    expect([server.kind, server.variant]).toEqual(['server-error', 'default']);
  });

  it('reads Retry-After only for a rate-limited answer', async () => {
    const busy = await decodeErrorResponse(answer(503, {}, { 'Retry-After': '30' }), { operation: 'org' });
    expect(busy.kind).toBe('server-error');
    expect(busy.retryAfterSeconds).toBeUndefined();
    expect(busy.params).toStrictEqual({});
    const limited = await decodeErrorResponse(answer(429, {}, { 'Retry-After': '30' }), { operation: 'org' });
    expect(limited.retryAfterSeconds).toBe(30);
    expect(limited.params).toStrictEqual({ seconds: '30' });
  });

  it('keeps the caller IP only for the access-list kinds', async () => {
    const detail = 'Request from 203.0.113.7 refused.';
    const owner = await decodeErrorResponse(answer(403, { errorCode: 'USER_UNAUTHORIZED', detail }), {
      operation: 'org',
    });
    expect(owner.kind).toBe('not-org-owner');
    expect(owner.callerIp).toBeUndefined();
    expect(owner.params).toStrictEqual({});
    const listed = await decodeErrorResponse(answer(403, { errorCode: 'ORG_REQUIRES_ACCESS_LIST', detail }), {
      operation: 'org',
    });
    expect([listed.kind, listed.callerIp, listed.variant]).toEqual(['access-list-required', '203.0.113.7', 'default']);
    const noIp = await decodeErrorResponse(answer(403, { errorCode: 'ORG_REQUIRES_ACCESS_LIST' }), {
      operation: 'org',
    });
    expect([noIp.kind, noIp.variant]).toEqual(['access-list-required', 'no-ip']);
  });

  it('takes the caller IP from the parameters when the detail has none', async () => {
    const error = await decodeErrorResponse(answer(403, { detail: 'refused', parameters: ['2001:db8::7'] }), {
      operation: 'org',
    });
    expect([error.kind, error.callerIp]).toEqual(['ip-not-allowed', '2001:db8::7']);
  });

  it('a code that is not a string is no code, even when its text would be one', async () => {
    const error = await decodeErrorResponse(answer(403, { errorCode: ['RATE_LIMITED'] }), { operation: 'org' });
    expect(error.errorCode).toBeUndefined();
    expect(error.kind).toBe('not-org-owner');
  });

  it('a header code padded with spaces the platform keeps (form feed, no-break space) is still the code', async () => {
    for (const header of ['\fRATE_LIMITED\v', '\u00a0RATE_LIMITED']) {
      const error = await decodeErrorResponse(answer(403, {}, { 'X-Error-Code': header }), { operation: 'org' });
      expect([error.errorCode, error.kind]).toEqual(['RATE_LIMITED', 'rate-limited']);
    }
  });
});

describe('describeError: a foreign thrown value', () => {
  it('null and primitives are an internal fault, never a crash', () => {
    for (const value of [null, undefined, 'network', 42]) {
      const error = describeError(value);
      expect([error.kind, error.variant]).toEqual(['unknown', 'internal']);
    }
  });

  it('a stale nonce is the stale-nonce kind', () => {
    const error = describeError({ kind: 'stale-nonce' });
    expect([error.kind, error.variant, error.status]).toEqual(['stale-nonce', 'default', undefined]);
  });

  it('keeps a numeric status of a known kind and drops any other', () => {
    expect(describeError({ kind: 'server-error', status: 502 }).status).toBe(502);
    expect(describeError({ kind: 'server-error', status: '502' }).status).toBeUndefined();
  });

  it.each([
    ['example.com', 'example.com'],
    ['cloud.example.com:8443', 'cloud.example.com:8443'],
    ['[::1]', '[::1]'],
    ['[2001:db8::1]:8080', '[2001:db8::1]:8080'],
    ['[zz]', undefined],
    ['[]', undefined],
    ['example.com/path', undefined],
    [42, undefined],
  ])('a redirect to host %j keeps host %j', (host, kept) => {
    const error = describeError({ kind: 'redirected', host });
    expect(error.kind).toBe('redirected');
    expect(error.params).toStrictEqual(kept === undefined ? {} : { host: kept });
    expect(error.variant).toBe(kept === undefined ? 'no-host' : 'default');
  });
});
