// The domain's shared types: what the worker and the pages both speak of (vault state, key pairs as the UI sees
// them, an org's link status, errors as values, history, page locations). No message names here: the message maps
// import these, so no message file imports another's types back.
import type { MigrationGlanceFields } from '../core/atlas/migration-glance';
import type { LinkStatus } from '../core/cloudmanager';
import type { KeyCredential, KeySide, PublicProfile } from '../core/vault';
import type { ErrorKind } from './errors';

/** The three calls the worker makes for an org. */
export type Operation = 'link' | 'unlink' | 'status';

/** What the history records: the org calls, the Atlas org's link token revoked, and the log cleared. */
/** The migration cockpit's recorded actions (#34): a validation, a start and a cutover asked of Atlas. */
export type MigrationOperation = 'migration-validate' | 'migration-start' | 'migration-cutover';
export type HistoryOperation = Operation | 'revoke-token' | 'clear-log' | MigrationOperation;

export type VaultState = 'empty' | 'locked' | 'unlocked';

/** A profile as the UI may see it: no private key, only its masked tail. */
export type ProfileView = Omit<PublicProfile, 'createdAt' | 'updatedAt'>;

export interface ProfileInput {
  label: string;
  publicKey: string;
  privateKey: string;
  baseUrl?: string;
  /** The user confirmed an http:// (unencrypted) server address that is not this computer. */
  allowInsecureHttp?: boolean;
  /** Which side the key serves; absent (an older page, a script): derived from the server address. */
  side?: KeySide;
  /** API key (absent) or service account: then `publicKey` is the client id and `privateKey` the client secret. */
  credential?: KeyCredential;
  /** Ops Manager only: the server's external IPv4/IPv6 addresses or CIDR blocks, one per element (not secret). */
  accessListIps?: string[];
}

export interface OrgStatusRecord {
  orgId: string;
  name?: string;
  status?: LinkStatus;
  checkedAt?: number;
  error?: ErrorView;
  base?: string;
  /** The Atlas org last chosen as this org's target (create-and-link), remembered for the next time. */
  atlasOrgId?: string;
  /** The user chose no Atlas target for this org: the client's default Atlas org does not apply. */
  atlasTargetNone?: true;
  /** The user's note on the org (ticket id, handover remark): plain text, one line, at most 500 characters. */
  note?: string;
  /**
   * Which call answered `status`. A link's POST answering NOT_SYNCED confirms a link was made; a status check's
   * NOT_SYNCED does not (Cloud Manager may answer it for an org with no link): the pages word the two apart.
   * Absent (records from before it existed): read as a status check's.
   */
  statusFrom?: Operation;
  /** The last link this extension made for the org (cleared by its unlink): which Atlas org's token, when known. */
  linkMade?: LinkMade;
}

/**
 * An org call's answer (link, status, unlink): the org's record as the call left it. `notRecorded`: the server
 * accepted the call but the extension could not store its outcome (browser storage full or failing): the record,
 * the history entry or the token's fingerprint may be missing. Never stored: a reply only.
 */
export interface OrgCallReply extends OrgStatusRecord {
  notRecorded?: true;
}

/** A link this extension made: when, whether it made the token or the user pasted it, and the token's Atlas org. */
export interface LinkMade {
  time: number;
  tokenSource: 'created' | 'pasted';
  /** The Atlas org that made the token: known for a token the extension made, unknown for a pasted one. */
  atlasOrgId?: string;
}

/** A Cloud Manager org named in a revoke's question or outcome. */
export interface OrgRef {
  orgId: string;
  name?: string;
}

/**
 * The Cloud Manager orgs a revoke may end the links of, from the extension's own records: those it linked with a
 * token of this Atlas org, and those of the same client linked with a token whose Atlas org it does not know (a
 * pasted one, or a link it did not make). A link made elsewhere is in neither list.
 */
export interface RevokeReach {
  linked: OrgRef[];
  unknownAtlasOrg: OrgRef[];
}

/** What a revoke did: Atlas removed the link (or had none), and the status checks of the orgs it reached. */
export interface RevokeResult {
  outcome: 'revoked' | 'nothing-to-revoke';
  /** Each reached org with a key pair, checked after the revoke: its record, or why the check failed. */
  checked: (OrgRef & { record?: OrgStatusRecord; error?: ErrorView })[];
  /** Reached orgs no saved key pair serves: not checked. */
  unchecked: OrgRef[];
}

/** An Atlas org a client's Atlas key pair makes link tokens for (the key pair sees exactly that org). */
export interface AtlasTarget {
  atlasOrgId: string;
  name: string;
  /** The Atlas key pair's id. */
  profileId: string;
  /** When a token made for this org pair and not yet linked stops being kept for a retry (epoch ms). */
  pendingUntil?: number;
}

/** A Cloud Manager org of the client, offered on an Atlas org page. */
export interface ClientOrg {
  orgId: string;
  name?: string;
  profileId: string;
  status?: OrgStatusRecord['status'];
  statusFrom?: OrgStatusRecord['statusFrom'];
  /** When a token made for this org and this Atlas org, not yet linked, stops being kept for a retry (epoch ms). */
  pendingUntil?: number;
}

/**
 * A failure as the worker sends it: its kind and safe facts only (`variant` picks a more precise text). The words
 * are the pages': the message catalogues, looked up by kind and variant (shared/text/error-words.ts).
 */
export interface ErrorView {
  kind: ErrorKind;
  params?: Record<string, string>;
}

export interface HistoryEntry {
  time: number;
  orgId: string;
  orgName?: string;
  operation: HistoryOperation;
  /**
   * SYNCED / NOT_SYNCED / NOT_LINKED / revoked / nothing-to-revoke on success, or the error kind; 'token-unused'
   * (ok false): a link token the extension made was dropped unused (expired, a lock, replaced), still valid in Atlas.
   */
  result: string;
  ok: boolean;
  profileLabel: string;
  /**
   * The entry's place in the log since it was last cleared (1 = first; the 'clear-log' entry is 1), so the entries
   * the cap dropped are counted: the oldest kept entry's `seq` - 1. Entries recorded before it existed have none.
   */
  seq?: number;
  /** The public key (or service account client id) of the key pair that signed the call: never a secret. */
  publicKey?: string;
  /** A link: the one-way fingerprint of the token posted (core/cloudmanager `tokenFingerprint`), never the token. */
  tokenFingerprint?: string;
  /** A link: whether the extension made the token (create-and-link) or the user pasted it. */
  tokenSource?: 'created' | 'pasted';
  /** The Atlas org of the link or the revoke, where known (create-and-link, revoke). */
  atlasOrgId?: string;
  /** A 'clear-log' entry: how many entries the log held when it was cleared. */
  clearedCount?: number;
  /** Filled in when listed, never stored: the org's note (OrgStatusRecord.note) at that time. */
  orgNote?: string;
}

export type PageLocation =
  | { kind: 'org'; orgId: string; base: string }
  | { kind: 'group'; groupId: string; base: string; orgId?: string }
  | { kind: 'other' };

export interface PopupContext {
  vault: VaultState;
  location: PageLocation;
  profiles: ProfileView[];
  /** The key pair that serves this org (the bound one, else the only one that may), if any. */
  profileId?: string;
  /**
   * Ids of the key pairs that may serve this org (its own org's keys, a global key of its server). Empty: no key
   * pair of this client is saved, and the popup offers the form in place. Never another org's key pair.
   */
  candidates?: string[];
  /** A project page whose org no saved key pair knows: the popup asks which client (or for a new key pair). */
  needsClient?: boolean;
  org?: OrgStatusRecord;
  inFlight?: Operation;
  /** A call an earlier worker started and never finished: its outcome is unknown. */
  interrupted?: Operation;
  /** The Atlas orgs this org's client has Atlas key pairs for: targets of "Create token and link". */
  atlasTargets?: AtlasTarget[];
  /**
   * The tab shows an Atlas org for which an Atlas key pair is saved: the popup offers to create a token for one of
   * the client's Cloud Manager orgs, and to revoke the Atlas org's token.
   */
  atlasPage?: { atlasOrgId: string; name: string; profileId: string; clientOrgs: ClientOrg[] };
  /** Why a project page's org could not be found. */
  locationError?: ErrorView;
  autoLockMinutes: number;
  /** The org's migration its badge shows (the most pressing one the extension started), and how many others. */
  migration?: MigrationGlanceFields & { others: number };
}

export interface Settings {
  /** Minutes of inactivity before the vault locks; 0 = only when the browser closes. */
  autoLockMinutes: number;
  /**
   * What the organization's policy sets (storage.managed), answered by the worker and never stored; absent when no
   * policy applies. A value here wins over the user's: autoLockMinutes above is already the effective one.
   */
  managed?: ManagedSettings;
  /** The organization's policies that are present but malformed: their strictest value applies (named on the page). */
  malformedPolicies?: string[];
}

/** The policies an admin can set for the extension; a field is present only when its policy is set and valid. */
export interface ManagedSettings {
  /** The longest auto-lock allowed, in minutes, rounded down to one of the choices (never "when the browser closes"). */
  maxAutoLockMinutes?: number;
  /** false: the vault's backup cannot be exported. */
  backupExportAllowed?: boolean;
  /** The only Ops Manager servers (origins) a key pair may use; Cloud Manager and Atlas are always allowed. */
  allowedOpsManagerServers?: string[];
}
