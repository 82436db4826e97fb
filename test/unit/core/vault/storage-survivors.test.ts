// writeVaultAtomically refuses an envelope that is not one before touching storage (issue #18: the mutants it
// left alive): nothing is staged, nothing verified, the vault already stored stays as it was.
import { describe, expect, it } from 'vitest';
import { createVault, emptyContents, type VaultEnvelope, writeVaultAtomically } from '../../../../src/core/vault';

function memoryStorage(data: Map<string, unknown>) {
  const calls: string[] = [];
  return {
    calls,
    async get(key: string) {
      calls.push(`get ${key}`);
      return structuredClone(data.get(key));
    },
    async set(items: Record<string, unknown>) {
      calls.push(`set ${Object.keys(items).join()}`);
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys: string[]) {
      calls.push(`remove ${keys.join()}`);
      for (const k of keys) data.delete(k);
    },
  };
}

describe('writeVaultAtomically: a malformed envelope', () => {
  it('is refused before anything is written or verified', async () => {
    const { envelope } = await createVault('a long enough passphrase', emptyContents(), { iterations: 1000 });
    const data = new Map<string, unknown>([['vault', envelope]]);
    const storage = memoryStorage(data);
    const verified: unknown[] = [];
    const malformed = [
      { ...envelope, data: 'not base64!' },
      { ...envelope, version: 2 },
      { ...envelope, kdf: { ...envelope.kdf, iterations: 0 } },
    ] as unknown as VaultEnvelope[];
    for (const next of malformed) {
      await expect(
        writeVaultAtomically(storage, next, async (e) => {
          verified.push(e);
        }),
      ).rejects.toThrow(new Error('refusing to write a malformed vault envelope'));
    }
    expect(storage.calls).toEqual([]);
    expect(verified).toEqual([]);
    expect([...data]).toEqual([['vault', envelope]]);
  });

  it('writes a well-formed one: staged, verified, promoted, stage removed', async () => {
    const { envelope } = await createVault('a long enough passphrase', emptyContents(), { iterations: 1000 });
    const data = new Map<string, unknown>();
    const storage = memoryStorage(data);
    const verified: unknown[] = [];
    await writeVaultAtomically(storage, envelope, async (e) => {
      verified.push(e);
    });
    expect(verified).toEqual([envelope]);
    expect(storage.calls).toEqual(['set vault.next', 'get vault.next', 'set vault', 'remove vault.next']);
    expect([...data]).toEqual([['vault', envelope]]);
  });
});
