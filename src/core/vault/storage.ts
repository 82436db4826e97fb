// Writing the vault so that an interruption at any step leaves one that opens: the new envelope is staged
// under 'vault.next', verified, then promoted. A stage left behind by a crash is never read as the vault (which
// then opens with the passphrase it had before the change) and is overwritten by the next write. Reading never
// removes the stage: a read running beside a write would otherwise discard that write's stage mid-way.
import { isVaultEnvelope, type VaultEnvelope } from './envelope';

export interface VaultStorage {
  get(key: string): Promise<unknown>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export const VAULT_KEY = 'vault';
export const STAGED_KEY = 'vault.next';

export async function readVault(storage: VaultStorage): Promise<VaultEnvelope | undefined> {
  return (await storage.get(VAULT_KEY)) as VaultEnvelope | undefined;
}

export async function writeVaultAtomically(
  storage: VaultStorage,
  next: VaultEnvelope,
  verify: (envelope: VaultEnvelope) => Promise<void>,
): Promise<void> {
  if (!isVaultEnvelope(next)) throw new Error('refusing to write a malformed vault envelope');
  await storage.set({ [STAGED_KEY]: next });
  const staged = (await storage.get(STAGED_KEY)) as VaultEnvelope;
  await verify(staged);
  // One set() replaces the vault in a single storage write; the stage is removed only after.
  await storage.set({ [VAULT_KEY]: staged });
  await storage.remove([STAGED_KEY]);
}
