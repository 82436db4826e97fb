// The service-account texts of the refusals that name an API key's settings: chosen only for a service account's
// client, by side (Atlas or not), keeping the facts (the caller's IP) and every other error as it was.
import { describe, expect, it } from 'vitest';
import { asServiceAccountError, withCredentialTexts } from '../../../../src/background/api/credential-errors';
import { CloudManagerError } from '../../../../src/core/cloudmanager';

const variantOf = (error: unknown) => (error as CloudManagerError).variant;

describe('asServiceAccountError', () => {
  it('words the access list and the role for a service account, on each side, with and without the IP', () => {
    const ip = new CloudManagerError('ip-not-allowed', { callerIp: '203.0.113.9', status: 403 });
    const reworded = asServiceAccountError(ip) as CloudManagerError;
    expect([reworded.kind, reworded.variant, reworded.params, reworded.status]).toEqual([
      'ip-not-allowed',
      'service-account',
      { ip: '203.0.113.9' },
      403,
    ]);
    expect(variantOf(asServiceAccountError(new CloudManagerError('ip-not-allowed')))).toBe('service-account-no-ip');
    expect(variantOf(asServiceAccountError(new CloudManagerError('access-list-required', { variant: 'atlas' })))).toBe(
      'atlas-service-account-no-ip',
    );
    expect(
      variantOf(
        asServiceAccountError(new CloudManagerError('access-list-required', { variant: 'atlas', callerIp: '::1' })),
      ),
    ).toBe('atlas-service-account');
    expect(variantOf(asServiceAccountError(new CloudManagerError('not-org-owner')))).toBe('service-account');
    expect(variantOf(asServiceAccountError(new CloudManagerError('not-org-owner', { variant: 'atlas' })))).toBe(
      'atlas-service-account',
    );
  });

  it('leaves every other error as it is', () => {
    const other = new CloudManagerError('bad-credentials', { variant: 'service-account' });
    expect(asServiceAccountError(other)).toBe(other);
    const plain = new Error('x');
    expect(asServiceAccountError(plain)).toBe(plain);
  });
});

describe('withCredentialTexts', () => {
  const failing = { call: async () => Promise.reject(new CloudManagerError('not-org-owner')), name: 'api' };

  it("is the client itself for an API key, and rewords a service account's client's errors", async () => {
    expect(withCredentialTexts({}, failing)).toBe(failing);
    expect(withCredentialTexts({ credential: 'api-key' }, failing)).toBe(failing);
    const wrapped = withCredentialTexts({ credential: 'service-account' }, failing);
    expect(wrapped.name).toBe('api');
    await expect(wrapped.call()).rejects.toMatchObject({ kind: 'not-org-owner', variant: 'service-account' });
  });
});
