// isVaultEnvelope refuses what is not an object, and an iv or data that is not text even when it would read as
// base64 once turned into text (issue #18: the mutants it left alive).
import { describe, expect, it } from 'vitest';
import { createVault, emptyContents, isVaultEnvelope } from '../../../../src/core/vault';

describe('isVaultEnvelope', () => {
  it('refuses nothing, a string, a number, true', () => {
    for (const value of [null, undefined, 0, '', 'abcd', 1234, true, false]) expect(isVaultEnvelope(value)).toBe(false);
  });

  it('refuses an iv or data that is not text, even one whose text form is valid base64', async () => {
    const { envelope } = await createVault('a long enough passphrase', emptyContents(), { iterations: 1000 });
    expect(isVaultEnvelope(envelope)).toBe(true);
    expect(isVaultEnvelope({ ...envelope, data: 'abcd', cipher: { ...envelope.cipher, iv: 'abcd' } })).toBe(true);
    for (const notText of [1234, ['abcd'], 12345678]) {
      expect(isVaultEnvelope({ ...envelope, cipher: { ...envelope.cipher, iv: notText } })).toBe(false);
      expect(isVaultEnvelope({ ...envelope, data: notText })).toBe(false);
    }
  });
});
