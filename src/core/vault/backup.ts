// Encrypted backups: the envelope as a file (still encrypted under its passphrase), a preview of the labels it
// holds, and merging it into the current vault. A damaged file or a wrong passphrase changes nothing.
import { isVaultEnvelope, type VaultEnvelope } from './envelope';
import type { VaultContents } from './vault';
import { unlockVault } from './vault';
import { VaultError } from './vault-error';

export const BACKUP_FORMAT = 'cm-atlas-link-vault-backup';

export interface VaultBackup {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  envelope: VaultEnvelope;
}

export function makeBackup(envelope: VaultEnvelope, now: number): string {
  const backup: VaultBackup = { format: BACKUP_FORMAT, createdAt: new Date(now).toISOString(), envelope };
  return `${JSON.stringify(backup, null, 2)}\n`;
}

export function parseBackup(text: string): VaultBackup {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new VaultError('corrupted', 'This file is not a vault backup (it is not JSON).');
  }
  const backup = parsed as Partial<VaultBackup>;
  if (!backup || backup.format !== BACKUP_FORMAT) {
    throw new VaultError('corrupted', 'This file is not a vault backup of this extension.');
  }
  if (!isVaultEnvelope(backup.envelope))
    throw new VaultError('corrupted', 'This vault backup is damaged or incomplete.');
  return backup as VaultBackup;
}

export async function previewBackup(
  backup: VaultBackup,
  passphrase: string,
): Promise<{ labels: string[]; contents: VaultContents }> {
  const { contents } = await unlockVault(backup.envelope, passphrase, { minIterations: 0 });
  return { labels: contents.profiles.map((p) => p.label), contents };
}

/** Replace takes the backup whole; merge updates profiles with the same key and server and adds the others. */
export function mergeContents(
  current: VaultContents,
  incoming: VaultContents,
  mode: 'replace' | 'merge',
): VaultContents {
  if (mode === 'replace') return incoming;
  const sameKey = (a: { publicKey: string; baseUrl: string }, b: { publicKey: string; baseUrl: string }) =>
    a.publicKey === b.publicKey && a.baseUrl === b.baseUrl;
  const profiles = current.profiles.map((p) => {
    const match = incoming.profiles.find((q) => sameKey(p, q));
    return match ? { ...match, id: p.id, orgIds: [...new Set([...p.orgIds, ...match.orgIds])] } : p;
  });
  for (const q of incoming.profiles) if (!current.profiles.some((p) => sameKey(p, q))) profiles.push(q);
  // Keep every org bound to one profile only: the first holder (current vault first) keeps it.
  const seen = new Set<string>();
  return {
    ...current,
    profiles: profiles.map((p) => {
      const orgIds = p.orgIds.filter((o) => !seen.has(o));
      for (const o of orgIds) seen.add(o);
      return { ...p, orgIds };
    }),
  };
}
