// A vault key brought back from storage.session can be exported again (issue #18: the mutant it left alive): a
// restarted worker re-saves the key it imported, so importVaultKey must answer an extractable key.
import { describe, expect, it } from 'vitest';
import { exportVaultKey, importVaultKey } from '../../../../src/core/vault';

describe('importVaultKey', () => {
  it('answers an extractable AES-GCM key that exports to the same bytes', async () => {
    const raw = Buffer.from(Uint8Array.from({ length: 32 }, (_, i) => i * 7)).toString('base64');
    const key = await importVaultKey(raw);
    expect(key.extractable).toBe(true);
    expect(key.algorithm).toEqual({ name: 'AES-GCM', length: 256 });
    expect([...key.usages].sort()).toEqual(['decrypt', 'encrypt']);
    expect(await exportVaultKey(key)).toBe(raw);
  });
});
