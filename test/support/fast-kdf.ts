// The vault's KDF at 1,000 iterations, whatever the envelope says: for worker tests about storage and races, where
// the 600,000-iteration cost is not what is tested. Use as the factory of vi.mock for src/core/vault/keys.
import type * as Keys from '../../src/core/vault/keys';

export async function fastKdf(importOriginal: <T>() => Promise<T>): Promise<typeof Keys> {
  const real = await importOriginal<typeof Keys>();
  return {
    ...real,
    deriveVaultKey: (passphrase: string, kdf: { iterations: number }) =>
      real.deriveVaultKey(passphrase, { ...kdf, iterations: 1000 } as never),
  };
}
