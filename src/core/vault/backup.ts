// Encrypted backups: the envelope as a file (still encrypted under its passphrase), reading one back with every
// field checked, previewing its labels and adopting it as the vault. A damaged file or a wrong passphrase changes
// nothing, and nothing in a file is trusted until it has been checked (validate.ts, workspace.ts).
// Format 1 (no `version` field) holds the envelope only: the key pairs. Format 2 adds the workspace (orgs, their
// targets and notes, and history when chosen), sealed under the same key and bound to the envelope.
import {
  copyEnvelope,
  DEFAULT_ITERATIONS,
  fromBase64,
  isBase64,
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
import { openWorkspace, type SealedWorkspace, type Workspace } from './workspace';

export const BACKUP_FORMAT = 'cm-atlas-link-vault-backup';
export const BACKUP_VERSION = 2;
/**
 * Far above any real backup (500 key pairs is ~0.2 MB, a full history at most 1.4 MB, 1,000 orgs with notes
 * ~0.4 MB): a larger file is refused before it is parsed (quickly, however it is nested), and none is written.
 */
export const MAX_BACKUP_CHARS = 5 * 1024 * 1024;

export interface VaultBackup {
  format: typeof BACKUP_FORMAT;
  /** 1: the key pairs only (files written before the workspace existed); 2: with the workspace. */
  version: 1 | typeof BACKUP_VERSION;
  createdAt: string;
  envelope: VaultEnvelope;
  workspace?: SealedWorkspace;
}

const damagedBackup = () => refuse('damaged');

function refuse(variant: string) {
  return new VaultError('invalid-backup', { variant });
}

/**
 * A backup's envelope, before any key is derived from it. Unlike the stored vault (see unlockVault), a file gets
 * no leniency on the iteration count: this extension has always written ≥ 600,000, and the maximum keeps a crafted
 * file from occupying the worker for hours.
 */
function checkBackupEnvelope(envelope: unknown): asserts envelope is VaultEnvelope {
  if (!envelope || typeof envelope !== 'object') throw refuse('damaged');
  const { version, kdf } = envelope as { version?: unknown; kdf?: { iterations?: unknown } };
  if (typeof version === 'number' && version > VAULT_VERSION) {
    throw refuse('newer-version');
  }
  const iterations = kdf && typeof kdf === 'object' ? kdf.iterations : undefined;
  if (typeof iterations === 'number' && iterations > MAX_ITERATIONS) {
    throw refuse('costly-kdf');
  }
  if (typeof iterations === 'number' && iterations < MIN_ITERATIONS) {
    throw refuse('weak-kdf');
  }
  if (
    !isVaultEnvelope(envelope) ||
    fromBase64(envelope.cipher.iv).length !== 12 ||
    fromBase64(envelope.data).length < 16
  ) {
    throw refuse('damaged');
  }
}

/** A sealed workspace's two fields, before any key touches them: canonical base64, a 12-byte IV, a GCM tag. */
function checkSealedWorkspace(sealed: unknown): asserts sealed is SealedWorkspace {
  const w = sealed as Partial<Record<keyof SealedWorkspace, unknown>> | null;
  if (
    !w ||
    typeof w !== 'object' ||
    !isBase64(w.iv) ||
    !isBase64(w.data) ||
    fromBase64(w.iv).length !== 12 ||
    fromBase64(w.data).length < 16
  ) {
    throw damagedBackup();
  }
}

/**
 * The backup file: format 2 with the sealed workspace (see sealWorkspace), or, without one, the format-1 file of
 * the key pairs alone that earlier versions wrote.
 */
export function makeBackup(envelope: VaultEnvelope, now: number, workspace?: SealedWorkspace): string {
  // Never write a file this extension would refuse to read back.
  checkBackupEnvelope(envelope);
  if (workspace) checkSealedWorkspace(workspace);
  const header = { format: BACKUP_FORMAT, ...(workspace ? { version: BACKUP_VERSION } : {}) };
  const backup = {
    ...header,
    createdAt: new Date(now).toISOString(),
    envelope: copyEnvelope(envelope),
    ...(workspace ? { workspace: { iv: workspace.iv, data: workspace.data } } : {}),
  };
  const text = `${JSON.stringify(backup, null, 2)}\n`;
  if (text.length > MAX_BACKUP_CHARS) {
    throw refuse('too-large');
  }
  return text;
}

export function parseBackup(text: string): VaultBackup {
  if (typeof text !== 'string') throw refuse('not-json');
  if (text.length > MAX_BACKUP_CHARS) {
    throw refuse('too-large');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw refuse('not-json');
  }
  const backup = parsed as Partial<Record<keyof VaultBackup, unknown>> | null;
  if (
    !backup ||
    // Stryker disable next-line ConditionalExpression: a primitive from JSON.parse has no format, so it is refused as foreign all the same
    typeof backup !== 'object' ||
    Array.isArray(backup) ||
    backup.format !== BACKUP_FORMAT
  ) {
    throw refuse('foreign');
  }
  const version = backup.version ?? 1;
  if (typeof version === 'number' && version > BACKUP_VERSION) {
    throw refuse('newer-version');
  }
  if (version !== 1 && version !== BACKUP_VERSION) throw damagedBackup();
  checkBackupEnvelope(backup.envelope);
  const parsedBackup: VaultBackup = {
    format: BACKUP_FORMAT,
    version,
    createdAt: typeof backup.createdAt === 'string' ? backup.createdAt.slice(0, 64) : '',
    envelope: copyEnvelope(backup.envelope),
  };
  // Format 2 always holds a workspace (an empty one at least): one missing was cut off.
  if (version === BACKUP_VERSION) {
    checkSealedWorkspace(backup.workspace);
    parsedBackup.workspace = { iv: backup.workspace.iv, data: backup.workspace.data };
  }
  return parsedBackup;
}

/** What a backup holds once opened and checked: its key pairs, and its workspace when it has one (format 2). */
export interface OpenedBackup {
  contents: VaultContents;
  workspace?: Workspace;
}

async function openBackup(backup: VaultBackup, passphrase: string): Promise<OpenedBackup & { key: CryptoKey }> {
  checkBackupEnvelope(backup?.envelope);
  const key = await deriveVaultKey(typeof passphrase === 'string' ? passphrase : '', backup.envelope.kdf);
  const contents = await openEnvelope(backup.envelope, key, 'backup');
  if (!backup.workspace) return { contents, key };
  checkSealedWorkspace(backup.workspace);
  return { contents, key, workspace: await openWorkspace(backup.workspace, key, backup.envelope) };
}

/**
 * The labels a backup holds and its checked contents (server addresses normalised) and workspace, for a preview or
 * a merge.
 */
export async function previewBackup(
  backup: VaultBackup,
  passphrase: string,
): Promise<OpenedBackup & { labels: string[] }> {
  const { contents, workspace } = await openBackup(backup, passphrase);
  return { labels: contents.profiles.map((p) => p.label), contents, ...(workspace ? { workspace } : {}) };
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
): Promise<OpenedBackup & { envelope: VaultEnvelope; key: CryptoKey }> {
  if (newPassphrase !== undefined) assertPassphrase(newPassphrase);
  const { contents, key, workspace } = await openBackup(backup, passphrase);
  const opened: OpenedBackup = { contents, ...(workspace ? { workspace } : {}) };
  if (newPassphrase !== undefined) {
    const kdf = newKdf(DEFAULT_ITERATIONS);
    const newKey = await deriveVaultKey(newPassphrase, kdf);
    return { ...opened, envelope: await sealVault(contents, newKey, kdf), key: newKey };
  }
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new VaultError('weak-passphrase', {
      variant: 'backup-passphrase-too-short',
      params: { min: String(MIN_PASSPHRASE_LENGTH) },
    });
  }
  return { ...opened, envelope: await sealVault(contents, key, copyEnvelope(backup.envelope).kdf), key };
}
