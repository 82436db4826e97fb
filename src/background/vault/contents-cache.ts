// The vault's decrypted contents, kept in the worker's memory after the first read of an unlock, so that
// 'context/get', the badge and each call do not decrypt and validate the whole vault again. Kept for one lock epoch
// and one envelope (a seal always has a fresh IV), dropped on every vault write and every lock; never stored, and
// gone when the worker stops. Readers get a copy: nothing a caller changes reaches the next reader.
import type { VaultContents, VaultEnvelope } from '../../core/vault';

interface Kept {
  epoch: number;
  envelope: VaultEnvelope;
  contents: VaultContents;
}

let kept: Kept | undefined;

const sameEnvelope = (a: VaultEnvelope, b: VaultEnvelope) =>
  a.cipher.iv === b.cipher.iv &&
  a.data === b.data &&
  a.kdf.salt === b.kdf.salt &&
  a.kdf.iterations === b.kdf.iterations;

/** The contents kept for this epoch and this very envelope, or undefined. */
export function keptContents(epoch: number, envelope: VaultEnvelope): VaultContents | undefined {
  if (!kept || kept.epoch !== epoch || !sameEnvelope(kept.envelope, envelope)) return undefined;
  return structuredClone(kept.contents);
}

export function keepContents(epoch: number, envelope: VaultEnvelope, contents: VaultContents): void {
  kept = { epoch, envelope: structuredClone(envelope), contents: structuredClone(contents) };
}

/** On every vault write and every lock. */
export function dropContents(): void {
  kept = undefined;
}
