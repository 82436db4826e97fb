// The vault's error type (vault-error.ts): its name is what a log line and a structured clone show.
import { describe, expect, it } from 'vitest';
import { VaultError } from '../../../../src/core/vault';

describe('VaultError', () => {
  it('is named VaultError, which its text starts with', () => {
    const error = new VaultError('corrupted', 'The saved vault is damaged or incomplete.', { variant: 'damaged' });
    expect(error.name).toBe('VaultError');
    expect(String(error)).toBe('VaultError: The saved vault is damaged or incomplete.');
    expect(error).toBeInstanceOf(Error);
    expect({ kind: error.kind, variant: error.variant, field: error.field, params: error.params }).toEqual({
      kind: 'corrupted',
      variant: 'damaged',
      field: undefined,
      params: undefined,
    });
  });
});
