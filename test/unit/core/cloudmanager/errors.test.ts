import { describe, expect, it } from 'vitest';
import {
  CLOUD_MANAGER_ERROR_KINDS,
  CloudManagerError,
  type CloudManagerErrorKind,
  type CloudManagerOperation,
  decodeErrorResponse,
  describeError,
} from '../../../../src/core/cloudmanager';
import { englishOf } from '../../../support/catalogue';
import { mmsError } from './fake-cloud-manager';

type Row = [
  status: number,
  code: string | undefined,
  operation: CloudManagerOperation | undefined,
  kind: CloudManagerErrorKind,
];

// Every row of the reference's error table, plus the sandbox's codes for the unconfirmed link cases.
const TABLE: Row[] = [
  [401, undefined, 'link', 'bad-credentials'],
  [401, 'USER_UNAUTHORIZED', 'link', 'not-org-owner'],
  [401, 'NOT_ORG_OWNER', 'unlink', 'not-org-owner'],
  [401, 'USER_CANNOT_ACCESS_ORG', 'status', 'not-org-owner'],
  [403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST', 'status', 'ip-not-allowed'],
  [403, 'IP_ADDRESS_NOT_ON_WHITELIST', 'status', 'ip-not-allowed'],
  [401, 'API_KEY_ACCESS_LIST_ACCESS_DENIED', 'link', 'ip-not-allowed'],
  [403, 'RESOURCE_REQUIRES_ACCESS_LIST', 'org', 'access-list-required'],
  [403, 'ORG_REQUIRES_ACCESS_LIST', 'link', 'access-list-required'],
  [403, 'RESOURCE_REQUIRES_WHITELIST', 'org', 'access-list-required'],
  [403, 'ORG_REQUIRES_WHITELIST', 'org', 'access-list-required'],
  [404, 'ORG_NOT_FOUND', 'status', 'org-not-found'],
  [400, 'INVALID_ORG_ID', 'link', 'org-not-found'],
  [400, 'INVALID_PATH_PARAMETER', 'org', 'org-not-found'],
  [400, 'INVALID_PATH_PARAMETER', 'group', 'group-not-found'],
  [404, 'GROUP_NOT_FOUND', 'group', 'group-not-found'],
  [400, 'INVALID_GROUP_ID', 'group', 'group-not-found'],
  [404, 'EXPECTED_NON_ATLAS_ORG', 'link', 'atlas-org'],
  [404, 'EXPECTED_NON_ATLAS_ORG', 'unlink', 'atlas-org'],
  [400, 'INVALID_JSON', 'link', 'invalid-token'],
  [400, 'MALFORMED_JSON', 'link', 'invalid-token'],
  [400, 'MISSING_ATTRIBUTE', 'link', 'invalid-token'],
  [400, 'VALIDATION_ERROR', 'link', 'invalid-token'],
  [400, 'INVALID_LINK_TOKEN', 'link', 'invalid-token'],
  [400, 'SOMETHING_NEW', 'link', 'invalid-token'],
  [400, undefined, 'link', 'invalid-token'],
  [429, 'RATE_LIMITED', 'status', 'rate-limited'],
  [429, undefined, 'org', 'rate-limited'],
  [500, 'UNEXPECTED_ERROR', 'status', 'server-error'],
  [503, undefined, 'link', 'server-error'],
  [405, 'WRITES_NOT_ALLOWED_DURING_APP_UPGRADES', 'link', 'maintenance'],
  [404, 'MIGRATION_LINK_NOT_FOUND', 'status', 'not-linked'],
  [404, 'MIGRATION_LINK_NOT_FOUND', 'unlink', 'not-linked'],
  [404, 'RESOURCE_NOT_FOUND', 'status', 'not-linked'],
  [404, undefined, 'unlink', 'not-linked'],
  [404, undefined, 'org', 'org-not-found'],
  [404, undefined, 'group', 'group-not-found'],
  [400, 'VALIDATION_ERROR', 'status', 'unknown'],
  [409, 'SOMETHING_NEW', 'link', 'unknown'],
];

describe('decodeErrorResponse', () => {
  it.each(TABLE)('%i %s on %s → %s', async (status, code, operation, kind) => {
    const error = await decodeErrorResponse(mmsError(status, code, 'Server says no.'), { operation });
    expect(error).toBeInstanceOf(CloudManagerError);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.errorCode).toBe(code);
    expect(error.detail).toBe('Server says no.');
  });

  it('reads the code from the X-Error-Code header when the body has none', async () => {
    const response = new Response('<html>denied</html>', { status: 403, headers: { 'X-Error-Code': 'NOT_ORG_OWNER' } });
    const error = await decodeErrorResponse(response, { operation: 'link' });
    expect(error.kind).toBe('not-org-owner');
    expect(error.errorCode).toBe('NOT_ORG_OWNER');
  });

  it('tells a refused key pair how the two keys go in', async () => {
    const error = await decodeErrorResponse(mmsError(401, undefined, 'You are not authorized for this resource.'));
    expect(englishOf(error).message).toBe('The key pair was refused for this org.');
    expect(englishOf(error).remedy).toMatch(/public key .*username.*private key .*password/i);
    expect(englishOf(error).remedy).toMatch(/belongs to this organization/);
  });

  it('does not blame the key pair for a 401 that still reports a stale nonce', async () => {
    const response = new Response('', {
      status: 401,
      headers: {
        'WWW-Authenticate': 'Digest realm="MMS Public API", nonce="abc+/=", algorithm=MD5, qop="auth", stale=true',
      },
    });
    expect((await decodeErrorResponse(response)).kind).toBe('stale-nonce');
  });

  it.each([
    ['HTML', '<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>', 502, 'server-error'],
    ['empty', '', 503, 'server-error'],
    ['garbage', '\u0000\u0001{{{not json', 500, 'server-error'],
    ['a JSON array', '[1,2,3]', 401, 'bad-credentials'],
    ['a JSON string', '"oops"', 404, 'org-not-found'],
  ] as const)('tolerates a %s body', async (_, body, status, kind) => {
    const error = await decodeErrorResponse(new Response(body, { status }), { operation: 'org' });
    expect(error.kind).toBe(kind);
    expect(error.detail).toBeUndefined();
  });

  it('never throws, even when the body was already read', async () => {
    const response = mmsError(500, 'UNEXPECTED_ERROR', 'x');
    await response.text();
    expect((await decodeErrorResponse(response)).kind).toBe('server-error');
  });

  describe('IP access list', () => {
    it('names the IP from the detail and points at the API key, not the project', async () => {
      const detail = 'IP address 203.0.113.7 is not allowed to access this resource.';
      const error = await decodeErrorResponse(mmsError(403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST', detail));
      expect(error.callerIp).toBe('203.0.113.7');
      expect(error.params.ip).toBe('203.0.113.7');
      expect(englishOf(error).message).toContain('203.0.113.7');
      expect(englishOf(error).remedy).toContain("Add 203.0.113.7 to the API key's access list");
      expect(englishOf(error).remedy).toContain("not to a project's network access list");
    });

    it('takes the IP from the parameters when the detail has none', async () => {
      const response = mmsError(
        403,
        'ORG_REQUIRES_ACCESS_LIST',
        'This organization requires access through an access list.',
        ['2001:DB8::42'],
      );
      const error = await decodeErrorResponse(response);
      expect(error.kind).toBe('access-list-required');
      expect(error.callerIp).toBe('2001:db8::42');
      expect(englishOf(error).remedy).toContain('2001:db8::42');
    });

    it('takes an IP at the end of a sentence and skips impossible addresses', async () => {
      const detail = 'Version 1.2.3.4567 rejected: request came from 999.1.1.1, really from 198.51.100.23.';
      const error = await decodeErrorResponse(mmsError(403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST', detail));
      expect(error.callerIp).toBe('198.51.100.23');
    });

    it('still says what to do when no IP is named', async () => {
      const error = await decodeErrorResponse(mmsError(401, 'API_KEY_ACCESS_LIST_ACCESS_DENIED', 'Denied.'));
      expect(error.kind).toBe('ip-not-allowed');
      expect(error.callerIp).toBeUndefined();
      expect(error.variant).toBe('no-ip');
      expect(englishOf(error).remedy).toMatch(/public IP address to the API key's access list/);
      expect(`${englishOf(error).message} ${englishOf(error).remedy}`).not.toMatch(/[{}]/);
    });

    it('treats a 403 without a code that names an IP as an access-list refusal', async () => {
      const error = await decodeErrorResponse(mmsError(403, undefined, 'IP address 192.0.2.1 is not allowed.'));
      expect(error.kind).toBe('ip-not-allowed');
      expect(error.callerIp).toBe('192.0.2.1');
    });
  });

  describe('Retry-After', () => {
    const limited = (retryAfter: string) =>
      new Response('{"errorCode":"RATE_LIMITED"}', { status: 429, headers: { 'Retry-After': retryAfter } });

    it('reads seconds', async () => {
      const error = await decodeErrorResponse(limited('30'));
      expect(error.retryAfterSeconds).toBe(30);
      expect(englishOf(error).remedy).toContain('Wait 30 seconds');
    });

    it('reads an HTTP date', async () => {
      const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
      const error = await decodeErrorResponse(limited('Wed, 21 Oct 2026 07:29:30 GMT'), { now: () => now });
      expect(error.retryAfterSeconds).toBe(90);
    });

    it('counts a date in the past as no wait', async () => {
      const error = await decodeErrorResponse(limited('Wed, 21 Oct 2015 07:28:00 GMT'));
      expect(error.retryAfterSeconds).toBe(0);
    });

    it.each(['soon', '-5', '1.5', ''])('ignores an unreadable value %j', async (value) => {
      const error = await decodeErrorResponse(limited(value));
      expect(error.retryAfterSeconds).toBeUndefined();
      expect(englishOf(error).remedy).toContain('Wait a minute');
    });
  });

  describe('server detail', () => {
    it('is cut to one short line', async () => {
      const error = await decodeErrorResponse(mmsError(500, undefined, `Line one\n\tline two ${'word '.repeat(500)}`));
      expect(error.detail?.startsWith('Line one line two word')).toBe(true);
      expect(error.detail!.length).toBeLessThanOrEqual(300);
      expect(error.detail).not.toMatch(/[\n\t]/);
    });

    it('loses every word holding a piece of a secret, and any long opaque word', async () => {
      const secret = 'tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
      const detail = `Token "${secret.slice(3, 20)}" rejected; ref QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODk=`;
      const error = await decodeErrorResponse(mmsError(400, 'INVALID_LINK_TOKEN', detail), { secrets: [secret] });
      expect(error.detail).toBe('Token [redacted] rejected; ref [redacted]');
    });

    it('drops a code that is not a plain error code', async () => {
      const response = new Response('{}', { status: 400, headers: { 'X-Error-Code': 'abc.def-ghi' } });
      expect((await decodeErrorResponse(response)).errorCode).toBeUndefined();
    });
  });
});

describe('describeError', () => {
  it.each([
    ['a Digest timeout', { name: 'DigestError', kind: 'timeout', message: 'x' }, 'timeout', 'default'],
    ['a Digest network failure', { name: 'DigestError', kind: 'network', message: 'x' }, 'network', 'default'],
    ['a Digest abort', { name: 'DigestError', kind: 'aborted', message: 'x' }, 'network', 'aborted'],
    ['a Digest stale nonce', { name: 'DigestError', kind: 'stale-nonce', message: 'x' }, 'stale-nonce', 'default'],
    ['an unreadable challenge', { name: 'DigestError', kind: 'bad-challenge' }, 'unexpected-response', 'default'],
    [
      'a bare TypeError (a refused header as well as a lost connection)',
      new TypeError('Failed to fetch'),
      'unknown',
      'internal',
    ],
    [
      'a request the Digest layer could not build',
      { name: 'DigestError', kind: 'invalid-request' },
      'unknown',
      'internal',
    ],
    [
      'a body the Digest layer cannot replay',
      { name: 'DigestError', kind: 'unreplayable-body' },
      'unknown',
      'internal',
    ],
    ['a redirect with no readable target', { name: 'DigestError', kind: 'redirected' }, 'redirected', 'no-host'],
    ['an AbortSignal timeout', new DOMException('The operation timed out.', 'TimeoutError'), 'timeout', 'default'],
    ['an abort', new DOMException('This operation was aborted', 'AbortError'), 'network', 'aborted'],
    ['a plain Error', new Error('boom'), 'unknown', 'internal'],
    ['a string', 'a string', 'unknown', 'internal'],
    ['undefined', undefined, 'unknown', 'internal'],
  ] as const)('wraps %s as %s', (_, thrown, kind, variant) => {
    const error = describeError(thrown);
    expect(error).toBeInstanceOf(CloudManagerError);
    expect(error.kind).toBe(kind);
    expect(error.variant).toBe(variant);
  });

  it('tells the user to check the status when a link request may or may not have arrived', () => {
    for (const thrown of [{ name: 'DigestError', kind: 'network' }, { kind: 'timeout' }]) {
      const error = describeError(thrown, { operation: 'link' });
      expect(error.variant).toBe('during-link');
      expect(englishOf(error).remedy).toMatch(/check the link status/i);
    }
  });

  it("names a redirect's host, and only a host", () => {
    const error = describeError({ name: 'DigestError', kind: 'redirected', host: 'proxy.example:8443' });
    expect([error.kind, error.variant, error.params]).toEqual([
      'redirected',
      'default',
      { host: 'proxy.example:8443' },
    ]);
    expect(englishOf(error).message).toContain('(proxy.example:8443)');
    for (const host of ['evil.example/collect?linkToken=secret', 'user:secret@evil.example', '']) {
      const dropped = describeError({ kind: 'redirected', host });
      expect([dropped.variant, dropped.params]).toEqual(['no-host', {}]);
    }
  });

  it('returns a CloudManagerError unchanged', () => {
    const original = new CloudManagerError('not-linked');
    expect(describeError(original)).toBe(original);
  });

  it("never copies a foreign error's message", () => {
    const error = describeError(Object.assign(new TypeError('fetch failed for secret-private-key'), {}));
    expect(JSON.stringify({ ...error, ...englishOf(error) })).not.toContain('secret');
  });

  it('has an English message and remedy for every kind', () => {
    for (const kind of CLOUD_MANAGER_ERROR_KINDS) {
      const error = new CloudManagerError(kind);
      expect(englishOf(error).message).toMatch(/^[A-Z].*\.$/);
      expect(englishOf(error).remedy.length).toBeGreaterThan(5);
      expect(`${englishOf(error).message} ${englishOf(error).remedy}`).not.toMatch(/[{}]/);
    }
  });
});
