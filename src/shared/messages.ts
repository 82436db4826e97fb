// The one typed map of every message a page sends to the background worker, and the `send` helper pages use.
// Pages never see a secret after submitting it: responses carry public profiles and statuses only.
import type { LinkStatus } from '../core/cloudmanager';
import type { PublicProfile } from '../core/vault';
import type { DashboardMessages } from './dashboard-messages';
import type { ErrorKind } from './errors';
import type { OptionsMessages } from './options-messages';

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
}

export interface OrgStatusRecord {
  orgId: string;
  name?: string;
  status?: LinkStatus;
  checkedAt?: number;
  error?: ErrorView;
  base?: string;
}

export interface ErrorView {
  kind: ErrorKind;
  /** English sentence, for logs and as a fallback; the UI translates by kind + params. */
  message: string;
  remedy?: string;
  params?: Record<string, string>;
}

export interface HistoryEntry {
  time: number;
  orgId: string;
  orgName?: string;
  operation: 'link' | 'unlink' | 'status';
  /** SYNCED / NOT_SYNCED / NOT_LINKED on success, or the error kind. */
  result: string;
  ok: boolean;
  profileLabel: string;
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
  inFlight?: 'link' | 'unlink' | 'status';
  /** A call an earlier worker started and never finished: its outcome is unknown. */
  interrupted?: 'link' | 'unlink' | 'status';
  /** Why a project page's org could not be found. */
  locationError?: ErrorView;
  autoLockMinutes: number;
}

export interface Settings {
  /** Minutes of inactivity before the vault locks; 0 = only when the browser closes. */
  autoLockMinutes: number;
}

export interface PopupMessages {
  'context/get': { request: { tabId?: number; url?: string }; response: PopupContext };
  /** Creates the vault with its first key pair, once the server said which org the key belongs to. */
  'vault/create': {
    request: { passphrase: string; profile: ProfileInput; orgId?: string };
    response: { profile: ProfileView };
  };
  'vault/unlock': { request: { passphrase: string }; response: { upgraded: boolean } };
  'vault/lock': { request: Record<string, never>; response: null };
  'profiles/list': { request: Record<string, never>; response: ProfileView[] };
  /**
   * Saves a key pair after asking the server which org it belongs to (`GET /orgs`), and binds it to that org. With
   * `orgId` (saved on that org's page) a key of another org is refused ('key-other-org', naming its org).
   */
  'profiles/add': { request: { profile: ProfileInput; orgId?: string }; response: { profile: ProfileView } };
  'profiles/remove': { request: { profileId: string }; response: null };
  /** Finds a project page's org with the key pair the user named as its client, and that key pair only. */
  'project/resolve': { request: { url: string; profileId: string }; response: { orgId: string } };
  'link/create': {
    request: { orgId: string; linkToken: string; profileId?: string; tabId?: number; allowTokenReuse?: boolean };
    response: OrgStatusRecord;
  };
  'link/status': { request: { orgId: string; profileId?: string; tabId?: number }; response: OrgStatusRecord };
  'link/delete': { request: { orgId: string; profileId?: string; tabId?: number }; response: OrgStatusRecord };
  'history/list': { request: { orgId?: string }; response: HistoryEntry[] };
  'history/clear': { request: Record<string, never>; response: null };
  'settings/get': { request: Record<string, never>; response: Settings };
  'settings/set': { request: Partial<Settings>; response: Settings };
}

// The options page and the dashboard add their own messages in options-messages.ts and dashboard-messages.ts.
export type MessageMap = PopupMessages & OptionsMessages & DashboardMessages;
export type MessageName = keyof MessageMap;

/** The worker's handler table for a message map: one async function per message. */
export type HandlersOf<M> = {
  [N in keyof M]: (
    request: M[N] extends { request: infer R } ? R : never,
  ) => Promise<M[N] extends { response: infer S } ? S : never>;
};
export type RequestOf<N extends MessageName> = MessageMap[N]['request'];
export type ResponseOf<N extends MessageName> = MessageMap[N]['response'];

export interface Envelope<N extends MessageName = MessageName> {
  name: N;
  request: RequestOf<N>;
}

export type Reply<N extends MessageName> = { ok: true; value: ResponseOf<N> } | { ok: false; error: ErrorView };

export class MessageError extends Error {
  readonly kind: ErrorKind;
  readonly view: ErrorView;
  constructor(view: ErrorView) {
    super(view.message);
    this.name = 'MessageError';
    this.kind = view.kind;
    this.view = view;
  }
}
