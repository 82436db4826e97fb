// Encrypted backups: the envelope as a file (still encrypted under its passphrase), reading one back with every
// field checked, previewing its labels and adopting it as the vault. A damaged file or a wrong passphrase changes
// nothing, and nothing in a file is trusted until it has been checked (validate.ts).
import {
  copyEnvelope,
  DEFAULT_ITERATIONS,
  fromBase64,
  isVaultEnvelope,
  MAX_ITERATIONS,
  MIN_ITERATIONS,
  MIN_PASSPHRASE_LENGTH,
  VAULT_VERSION,
  type VaultEnvelope,
} from './envelope';
import { deriveVaultKey } from './keys';
import { assertPassphrase, newKdf, openEnvelope, sealVault, type VaultContents } from './vault';
import { VaultError } from './vault-error';

export const BACKUP_FORMAT = 'cm-atlas-link-vault-backup';
/** Far above any real backup (500 key pairs is ~0.2 MB): a larger file is refused before it is parsed. */
export const MAX_BACKUP_CHARS = 5 * 1024 * 1024;

export interface VaultBackup {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  envelope: VaultEnvelope;
}

const refuse = (variant: string, message: string) => new VaultError('invalid-backup', message, { variant });

/**
 * A backup's envelope, before any key is derived from it. Unlike the stored vault (see unlockVault), a file gets
 * no leniency on the iteration count: this extension has always written ≥ 600,000, and the maximum keeps a crafted
 * file from occupying the worker for hours.
 */
function checkBackupEnvelope(envelope: unknown): asserts envelope is VaultEnvelope {
  if (!envelope || typeof envelope !== 'object') throw refuse('damaged', 'This vault backup is damaged or incomplete.');
  const { version, kdf } = envelope as { version?: unknown; kdf?: { iterations?: unknown } };
  if (typeof version === 'number' && version > VAULT_VERSION) {
    throw refuse(
      'newer-version',
      'This backup was written by a newer version of this extension: update the extension to import it.',
    );
  }
  const iterations = kdf && typeof kdf === 'object' ? kdf.iterations : undefined;
  if (typeof iterations === 'number' && iterations > MAX_ITERATIONS) {
    throw refuse(
      'costly-kdf',
      'This backup asks for more than 10,000,000 PBKDF2 iterations: opening it would take too long, and this ' +
        'extension never writes such a file.',
    );
  }
  if (typeof iterations === 'number' && iterations < MIN_ITERATIONS) {
    throw refuse(
      'weak-kdf',
      'This backup is sealed with fewer than 600,000 PBKDF2 iterations: this extension never writes such a file.',
    );
  }
  if (
    !isVaultEnvelope(envelope) ||
    fromBase64(envelope.cipher.iv).length !== 12 ||
    fromBase64(envelope.data).length < 16
  ) {
    throw refuse('damaged', 'This vault backup is damaged or incomplete.');
  }
}

export function makeBackup(envelope: VaultEnvelope, now: number): string {
  // Never write a file this extension would refuse to read back.
  checkBackupEnvelope(envelope);
  const backup: VaultBackup = {
    format: BACKUP_FORMAT,
    createdAt: new Date(now).toISOString(),
    envelope: copyEnvelope(envelope),
  };
  return `${JSON.stringify(backup, null, 2)}\n`;
}

export function parseBackup(text: string): VaultBackup {
  if (typeof text !== 'string') throw refuse('not-json', 'This file is not a vault backup (it is not JSON).');
  if (text.length > MAX_BACKUP_CHARS) {
    throw refuse('too-large', 'This file is too large to be a vault backup (over 5 MB).');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw refuse('not-json', 'This file is not a vault backup (it is not JSON).');
  }
  const backup = parsed as Partial<Record<keyof VaultBackup, unknown>> | null;
  if (
    !backup ||
    // Stryker disable next-line ConditionalExpression: a primitive from JSON.parse has no format, so it is refused as foreign all the same
    typeof backup !== 'object' ||
    Array.isArray(backup) ||
    backup.format !== BACKUP_FORMAT
  ) {
    throw refuse('foreign', 'This file is not a vault backup of this extension.');
  }
  checkBackupEnvelope(backup.envelope);
  return {
    format: BACKUP_FORMAT,
    createdAt: typeof backup.createdAt === 'string' ? backup.createdAt : '',
    envelope: copyEnvelope(backup.envelope),
  };
}

async function openBackup(
  backup: VaultBackup,
  passphrase: string,
): Promise<{ contents: VaultContents; key: CryptoKey }> {
  checkBackupEnvelope(backup?.envelope);
  const key = await deriveVaultKey(typeof passphrase === 'string' ? passphrase : '', backup.envelope.kdf);
  return { contents: await openEnvelope(backup.envelope, key, 'backup'), key };
}

/** The labels a backup holds and its checked contents (server addresses normalised), for a preview or a merge. */
export async function previewBackup(
  backup: VaultBackup,
  passphrase: string,
): Promise<{ labels: string[]; contents: VaultContents }> {
  const { contents } = await openBackup(backup, passphrase);
  return { labels: contents.profiles.map((p) => p.label), contents };
}

/**
 * The backup as the new vault ("replace"). The vault would keep the backup's passphrase, so one shorter than
 * MIN_PASSPHRASE_LENGTH is refused (weak-passphrase, variant 'backup-passphrase-too-short': the UI asks for a
 * new one) unless newPassphrase is given; the contents are then sealed under it with a fresh salt and today's
 * iteration count. Either way the envelope returned is sealed anew, so the vault holds the checked contents.
 */
export async function adoptBackup(
  backup: VaultBackup,
  passphrase: string,
  newPassphrase?: string,
): Promise<{ envelope: VaultEnvelope; key: CryptoKey; contents: VaultContents }> {
  if (newPassphrase !== undefined) assertPassphrase(newPassphrase);
  const { contents, key } = await openBackup(backup, passphrase);
  if (newPassphrase !== undefined) {
    const kdf = newKdf(DEFAULT_ITERATIONS);
    const newKey = await deriveVaultKey(newPassphrase, kdf);
    return { envelope: await sealVault(contents, newKey, kdf), key: newKey, contents };
  }
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new VaultError(
      'weak-passphrase',
      `This backup's passphrase is shorter than ${MIN_PASSPHRASE_LENGTH} characters: choose a new passphrase ` +
        'for the vault to import it.',
      { variant: 'backup-passphrase-too-short', params: { min: String(MIN_PASSPHRASE_LENGTH) } },
    );
  }
  return { envelope: await sealVault(contents, key, copyEnvelope(backup.envelope).kdf), key, contents };
}
