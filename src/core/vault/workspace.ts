// What a backup holds beside the key pairs (backup format 2): the orgs the user added or bound, each with its Atlas
// target, note and last known status, and, when chosen, the history. Sealed with AES-GCM under the backup's own
// vault key and bound to its envelope, so it is read only with that backup's passphrase and cannot be moved to
// another backup. Everything read from a file is checked field by field and bounded; only known fields come out.
import { characterCount, hasDisplayUnsafeCharacter } from '../text/display-safe';
import { baseUrlOrigin } from './base-url';
import { associatedData, fromBase64, toBase64, type VaultEnvelope } from './envelope';
import { cut } from './identity';
import { hasControlCharacter, MAX_NAME_LENGTH, ORG_ID } from './profile-rules';
import { VaultError } from './vault-error';

export const WORKSPACE_VERSION = 1;
/** Far above a consultant's orgs; a file holding more is not one this extension wrote. */
export const MAX_WORKSPACE_ORGS = 5_000;
/** The history's own cap (background/orgs/history.ts keeps at most this many entries). */
export const MAX_HISTORY_ENTRIES = 1000;
/** An org's note: the rule of shared/org-note.ts (plain text on one line, at most 500 characters). */
export const MAX_NOTE_CHARACTERS = 500;

export type WorkspaceLinkStatus = 'SYNCED' | 'NOT_SYNCED' | 'NOT_LINKED';
export type WorkspaceOperation = 'link' | 'unlink' | 'status';
/** The migration cockpit's recorded actions (a backup's history keeps them too). */
export const MIGRATION_OPERATIONS = ['migration-validate', 'migration-start', 'migration-cutover'] as const;

/** An org as the worker records it (OrgStatusRecord without a failure, which is no one's to restore). */
export interface WorkspaceOrg {
  orgId: string;
  name?: string;
  base?: string;
  status?: WorkspaceLinkStatus;
  statusFrom?: WorkspaceOperation;
  checkedAt?: number;
  atlasOrgId?: string;
  note?: string;
  linkMade?: { time: number; tokenSource: 'created' | 'pasted'; atlasOrgId?: string };
}

/** A history entry as recorded (HistoryEntry): never a secret, never a token. */
export interface WorkspaceHistoryEntry {
  time: number;
  orgId: string;
  orgName?: string;
  operation: WorkspaceOperation | 'revoke-token' | 'clear-log' | (typeof MIGRATION_OPERATIONS)[number];
  result: string;
  ok: boolean;
  profileLabel: string;
  seq?: number;
  publicKey?: string;
  tokenFingerprint?: string;
  tokenSource?: 'created' | 'pasted';
  atlasOrgId?: string;
  clearedCount?: number;
}

/** `history` absent: the user chose not to back it up (a restore then leaves the history as it is). */
export interface Workspace {
  version: typeof WORKSPACE_VERSION;
  orgs: WorkspaceOrg[];
  history?: WorkspaceHistoryEntry[];
}

/** The workspace as a file holds it: its own IV, and the ciphertext. */
export interface SealedWorkspace {
  iv: string;
  data: string;
}

// The page shows 'damaged' as the envelope's own damage.
const damaged = () => new VaultError('invalid-backup', { variant: 'damaged' });

type Raw = Record<string, unknown>;
const isRecord = (x: unknown): x is Raw => !!x && typeof x === 'object' && !Array.isArray(x);
const STATUSES: readonly unknown[] = ['SYNCED', 'NOT_SYNCED', 'NOT_LINKED'];
const OPERATIONS: readonly unknown[] = ['link', 'unlink', 'status'];
const HISTORY_OPERATIONS: readonly unknown[] = [...OPERATIONS, 'revoke-token', 'clear-log', ...MIGRATION_OPERATIONS];
const TOKEN_SOURCES: readonly unknown[] = ['created', 'pasted'];
const RESULT = /^[A-Za-z0-9_-]{1,64}$/;
const FINGERPRINT = /^[0-9a-f]{8,64}$/;

/** Reads one record's fields, each checked; any fault refuses the whole part. */
function fieldsOf(raw: unknown) {
  if (!isRecord(raw)) throw damaged();
  const fail = () => damaged();
  const optional = <T>(value: unknown, read: (v: unknown) => T): T | undefined =>
    value === undefined ? undefined : read(value);
  const oneOf =
    <T>(allowed: readonly unknown[]) =>
    (v: unknown): T => {
      if (!allowed.includes(v)) throw fail();
      return v as T;
    };
  const orgId = (v: unknown): string => {
    if (typeof v !== 'string' || !ORG_ID.test(v)) throw fail();
    return v;
  };
  const time = (v: unknown): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw fail();
    return v;
  };
  const count = (v: unknown): number => {
    if (!Number.isSafeInteger(v) || (v as number) < 0) throw fail();
    return v as number;
  };
  // A name or label as this extension keeps it: cut to 256 display-safe characters; a control character or a
  // longer text was never written by it.
  const name = (v: unknown): string => {
    if (typeof v !== 'string' || characterCount(v) > MAX_NAME_LENGTH || hasControlCharacter(v)) {
      throw fail();
    }
    return cut(v);
  };
  const matching = (pattern: RegExp) => (v: unknown) => {
    if (typeof v !== 'string' || !pattern.test(v)) throw fail();
    return v;
  };
  return { raw, fail, optional, oneOf, orgId, time, count, name, matching };
}

/** Copies the defined fields only, so an absent one stays absent (as storage holds it). */
function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
}

function orgOf(value: unknown): WorkspaceOrg {
  const f = fieldsOf(value);
  const { raw } = f;
  const base = f.optional(raw.base, (v) => {
    if (typeof v !== 'string') throw f.fail();
    let origin: string;
    try {
      origin = baseUrlOrigin(v);
    } catch {
      throw f.fail();
    }
    if (origin !== v) throw f.fail();
    return v;
  });
  const note = f.optional(raw.note, (v) => {
    if (typeof v !== 'string' || hasDisplayUnsafeCharacter(v) || characterCount(v) > MAX_NOTE_CHARACTERS) {
      throw f.fail();
    }
    return v.trim() || undefined;
  });
  const linkMade = f.optional(raw.linkMade, (v) => {
    const made = fieldsOf(v);
    return defined({
      time: made.time(made.raw.time),
      tokenSource: made.oneOf<'created' | 'pasted'>(TOKEN_SOURCES)(made.raw.tokenSource),
      atlasOrgId: made.optional(made.raw.atlasOrgId, made.orgId),
    });
  });
  return defined({
    orgId: f.orgId(raw.orgId),
    name: f.optional(raw.name, f.name),
    base,
    status: f.optional(raw.status, f.oneOf<WorkspaceLinkStatus>(STATUSES)),
    statusFrom: f.optional(raw.statusFrom, f.oneOf<WorkspaceOperation>(OPERATIONS)),
    checkedAt: f.optional(raw.checkedAt, f.time),
    atlasOrgId: f.optional(raw.atlasOrgId, f.orgId),
    note,
    linkMade,
  });
}

function historyEntryOf(value: unknown): WorkspaceHistoryEntry {
  const f = fieldsOf(value);
  const { raw } = f;
  if (typeof raw.ok !== 'boolean') throw f.fail();
  const orgId = raw.orgId === '' ? '' : f.orgId(raw.orgId);
  const seq = f.optional(raw.seq, f.count);
  if (seq === 0) throw f.fail();
  return defined({
    time: f.time(raw.time),
    orgId,
    orgName: f.optional(raw.orgName, f.name),
    operation: f.oneOf<WorkspaceHistoryEntry['operation']>(HISTORY_OPERATIONS)(raw.operation),
    result: f.matching(RESULT)(raw.result),
    ok: raw.ok,
    profileLabel: f.name(raw.profileLabel),
    seq,
    publicKey: f.optional(raw.publicKey, f.name),
    tokenFingerprint: f.optional(raw.tokenFingerprint, f.matching(FINGERPRINT)),
    tokenSource: f.optional(raw.tokenSource, f.oneOf<'created' | 'pasted'>(TOKEN_SOURCES)),
    atlasOrgId: f.optional(raw.atlasOrgId, f.orgId),
    clearedCount: f.optional(raw.clearedCount, f.count),
  });
}

/** Checks a decrypted workspace field by field: bounded lists, one record per org, only known fields. */
export function validateWorkspace(raw: unknown): Workspace {
  if (!isRecord(raw)) throw damaged();
  if (typeof raw.version === 'number' && raw.version > WORKSPACE_VERSION) {
    throw new VaultError('invalid-backup', { variant: 'newer-version' });
  }
  if (raw.version !== WORKSPACE_VERSION) throw damaged();
  if (!Array.isArray(raw.orgs) || raw.orgs.length > MAX_WORKSPACE_ORGS) throw damaged();
  const orgs = raw.orgs.map(orgOf);
  if (new Set(orgs.map((o) => o.orgId)).size !== orgs.length) throw damaged();
  const workspace: Workspace = { version: WORKSPACE_VERSION, orgs };
  if (raw.history !== undefined) {
    if (!Array.isArray(raw.history) || raw.history.length > MAX_HISTORY_ENTRIES) throw damaged();
    workspace.history = raw.history.map(historyEntryOf);
  }
  return workspace;
}

// Bound to the envelope it travels with (its KDF and its IV, fresh at every seal): a workspace moved from another
// backup, or with this one's envelope swapped, fails authentication.
const workspaceData = (envelope: VaultEnvelope) => {
  const bound = associatedData(envelope);
  const label = new TextEncoder().encode(`workspace ${WORKSPACE_VERSION}|`);
  const data = new Uint8Array(label.length + bound.length);
  data.set(label);
  data.set(bound, label.length);
  return data;
};

/** Seals the workspace under the envelope's key (the key the backup's passphrase derives), with a fresh IV. */
export async function sealWorkspace(
  workspace: Workspace,
  key: CryptoKey,
  envelope: VaultEnvelope,
): Promise<SealedWorkspace> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: workspaceData(envelope) },
    key,
    new TextEncoder().encode(JSON.stringify(validateWorkspace(workspace))),
  );
  return { iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

/** Opens and checks a sealed workspace; altered data, or one moved from another backup, is refused. */
export async function openWorkspace(
  sealed: SealedWorkspace,
  key: CryptoKey,
  envelope: VaultEnvelope,
): Promise<Workspace> {
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: workspaceData(envelope) },
      key,
      fromBase64(sealed.data),
    );
  } catch {
    // The key pairs opened with this key, so the passphrase is right: the workspace was altered or moved.
    throw damaged();
  }
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    throw damaged();
  }
  return validateWorkspace(raw);
}

/**
 * For a backup being written from what storage holds: the record as this version keeps it, or undefined when it is
 * not one (storage readers already drop such records; a backup must never hold what its reader refuses).
 */
export function checkedOrg(record: unknown): WorkspaceOrg | undefined {
  try {
    return orgOf(record);
  } catch {
    return undefined;
  }
}

/** As checkedOrg, for a history entry. */
export function checkedHistoryEntry(entry: unknown): WorkspaceHistoryEntry | undefined {
  try {
    return historyEntryOf(entry);
  } catch {
    return undefined;
  }
}
