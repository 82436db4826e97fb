// The vault's error type (vault-error.ts): its name is what a log line and a structured clone show; its message is
// derived from its kind, variant and field (the pages word it), and never holds a parameter's value.
import { describe, expect, it } from 'vitest';
import { VaultError } from '../../../../src/core/vault';

describe('VaultError', () => {
  it('is named VaultError, which its text starts with', () => {
    const error = new VaultError('corrupted', { variant: 'damaged' });
    expect(error.name).toBe('VaultError');
    expect(String(error)).toBe('VaultError: corrupted (damaged)');
    expect(error).toBeInstanceOf(Error);
    expect({ kind: error.kind, variant: error.variant, field: error.field, params: error.params }).toEqual({
      kind: 'corrupted',
      variant: 'damaged',
      field: undefined,
      params: undefined,
    });
  });

  it('its message is the kind, then the variant and the field it has, and never a parameter', () => {
    expect(new VaultError('unknown-profile').message).toBe('unknown-profile');
    expect(new VaultError('invalid-base-url', { field: 'baseUrl' }).message).toBe('invalid-base-url (baseUrl)');
    const named = new VaultError('invalid-profile', {
      variant: 'other-org',
      field: 'orgIds',
      params: { orgId: '5f1a2b3c4d5e6f7a8b9c0d1e', orgName: 'Acme Payroll' },
    });
    expect(named.message).toBe('invalid-profile (other-org, orgIds)');
    expect(`${named.message} ${String(named)}`).not.toMatch(/5f1a2b3c|Acme/);
  });
});
