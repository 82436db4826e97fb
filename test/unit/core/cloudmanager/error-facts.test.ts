// Protects the small pieces around an error (issue #18): the CloudManagerError's name, message and params (a fact
// the error lacks is no param at all), that the variant used is always one its kind has texts for, which errors are
// retried and after how long, how a Retry-After header reads, and that a link token that is not a string is empty.
import { describe, expect, it } from 'vitest';
import {
  CLOUD_MANAGER_ERROR_KINDS,
  CloudManagerError,
  DEFAULT_RETRY,
  ERROR_VARIANTS,
  isCloudManagerErrorKind,
  normalizeLinkToken,
} from '../../../../src/core/cloudmanager';
import { retryDelay } from '../../../../src/core/cloudmanager/retry';
import { parseRetryAfter } from '../../../../src/core/cloudmanager/retry-after';

describe('CloudManagerError', () => {
  it('has its name and a message naming kind and variant', () => {
    const plain = new CloudManagerError('timeout');
    expect(plain.name).toBe('CloudManagerError');
    expect(plain.message).toBe('timeout');
    expect(new CloudManagerError('timeout', { variant: 'during-link' }).message).toBe('timeout (during-link)');
  });

  it("never puts a fact into its message: the server's words, the caller's IP, a host or project ids", () => {
    const error = new CloudManagerError('ip-not-allowed', {
      status: 403,
      errorCode: 'IP_ADDRESS_NOT_ON_ACCESS_LIST',
      detail: 'IP address 203.0.113.9 is not allowed to access Acme Payroll.',
      callerIp: '203.0.113.9',
      host: 'elsewhere.example:8443',
      projectIds: ['5f1a2b3c4d5e6f7a8b9c0d1e'],
    });
    expect(error.message).toBe(`ip-not-allowed${error.variant === 'default' ? '' : ` (${error.variant})`}`);
    expect(error.message).not.toMatch(/203\.0|Acme|elsewhere|5f1a2b3c|403|IP_ADDRESS/);
    expect(error.params.ip).toBe('203.0.113.9'); // the page still names it
  });

  it('a fact the error lacks is no param at all', () => {
    expect(new CloudManagerError('not-org-owner').params).toStrictEqual({});
    expect(Object.keys(new CloudManagerError('redirected').params)).toEqual([]);
    expect(new CloudManagerError('redirected', { host: 'a.example' }).params).toStrictEqual({ host: 'a.example' });
    expect(new CloudManagerError('ip-not-allowed', { callerIp: '192.0.2.1' }).params).toStrictEqual({
      ip: '192.0.2.1',
    });
  });

  it.each(CLOUD_MANAGER_ERROR_KINDS)(
    '%s: the variant used, with or without its facts, is one it has texts for',
    (kind) => {
      const bare = new CloudManagerError(kind);
      const full = new CloudManagerError(kind, {
        callerIp: '192.0.2.1',
        retryAfterSeconds: 5,
        host: 'a.example',
        projectIds: ['5f1a2b3c4d5e6f7a8b9c0d1e'],
      });
      for (const error of [bare, full]) expect(['default', ...ERROR_VARIANTS[kind]]).toContain(error.variant);
      expect(full.variant).toBe('default');
    },
  );

  it('the access-list and redirect kinds have their no-fact variant', () => {
    expect(new CloudManagerError('access-list-required').variant).toBe('no-ip');
    expect(new CloudManagerError('access-list-required', { callerIp: '192.0.2.1' }).variant).toBe('default');
    expect(new CloudManagerError('redirected').variant).toBe('no-host');
  });

  it('isCloudManagerErrorKind takes only the kinds themselves', () => {
    expect(isCloudManagerErrorKind('timeout')).toBe(true);
    expect(isCloudManagerErrorKind(['timeout'])).toBe(false);
    expect(isCloudManagerErrorKind(undefined)).toBe(false);
  });
});

describe('retryDelay', () => {
  const policy = { attempts: 3, baseDelayMs: 100, maxDelayMs: 5000 };

  it('the default policy', () => {
    expect(DEFAULT_RETRY).toEqual({ attempts: 3, baseDelayMs: 500, maxDelayMs: 8000, rateLimitDelayMs: 10_000 });
  });

  it('a lost connection is retried; a cancelled one or one during a link is not', () => {
    expect(retryDelay(new CloudManagerError('network'), policy, 1)).toBe(100);
    expect(retryDelay(new CloudManagerError('network', { variant: 'aborted' }), policy, 1)).toBeNull();
    expect(retryDelay(new CloudManagerError('network', { variant: 'during-link' }), policy, 1)).toBeNull();
  });

  it("a service account at its cap of live tokens is not asked again; the token endpoint's other 429s are", () => {
    const capped = (retryAfterSeconds?: number) =>
      new CloudManagerError('rate-limited', { variant: 'service-account-tokens', retryAfterSeconds });
    expect([capped().variant, capped(2).variant]).toEqual([
      'service-account-tokens-no-seconds',
      'service-account-tokens',
    ]);
    expect([retryDelay(capped(), policy, 1), retryDelay(capped(2), policy, 1)]).toEqual([null, null]);
    const limited = (retryAfterSeconds?: number) =>
      new CloudManagerError('rate-limited', { variant: 'service-account', retryAfterSeconds });
    expect([retryDelay(limited(), policy, 1), retryDelay(limited(2), policy, 1)]).toEqual([10_000, 2000]);
  });

  it('a server error backs off exponentially, even if it carried a wait', () => {
    expect(retryDelay(new CloudManagerError('server-error'), policy, 1)).toBe(100);
    expect(retryDelay(new CloudManagerError('server-error'), policy, 2)).toBe(200);
    expect(retryDelay(new CloudManagerError('server-error', { retryAfterSeconds: 2 }), policy, 1)).toBe(100);
  });

  it("rate-limited waits the server's seconds when given, else backs off", () => {
    expect(retryDelay(new CloudManagerError('rate-limited', { retryAfterSeconds: 2 }), policy, 1)).toBe(2000);
    expect(retryDelay(new CloudManagerError('rate-limited', { retryAfterSeconds: 6 }), policy, 1)).toBeNull();
  });

  it("a 429 that names no wait backs off as Atlas's rate-limit page advises: 10 s, 20 s, 40 s (#29)", () => {
    const limited = new CloudManagerError('rate-limited');
    const four = { ...DEFAULT_RETRY, attempts: 4 };
    expect([1, 2, 3].map((failed) => retryDelay(limited, four, failed))).toEqual([10_000, 20_000, 40_000]);
    expect(retryDelay(limited, four, 4)).toBeNull();
    expect(retryDelay(limited, { ...policy, rateLimitDelayMs: 50 }, 2)).toBe(100);
  });
});

describe('parseRetryAfter', () => {
  it.each<[string | null | undefined, number | undefined]>([
    [' 30 ', 30],
    ['\t7', 7],
    ['2000', 2000],
    ['604800', 604800],
    ['604801', 604800],
    ['', undefined],
    ['   ', undefined],
    [null, undefined],
    [undefined, undefined],
  ])('%j → %s', (value, seconds) => {
    expect(parseRetryAfter(value, 0)).toBe(seconds);
  });

  it('a date a month ahead is capped at a week', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2031 00:00:00 GMT', Date.UTC(2030, 11, 1))).toBe(604800);
  });
});

describe('normalizeLinkToken', () => {
  it.each([[42], [undefined], [null], [{ trim: () => 'tok' }]])('%j is the empty token', (raw) => {
    expect(() => normalizeLinkToken(raw as unknown as string)).toThrow(
      expect.objectContaining({ kind: 'invalid-token', variant: 'empty' }),
    );
  });
});
