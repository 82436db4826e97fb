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
  /** The profile bound to this org, if any. */
  profileId?: string;
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
  'vault/create': { request: { passphrase: string; profile: ProfileInput }; response: { profile: ProfileView } };
  'vault/unlock': { request: { passphrase: string }; response: { upgraded: boolean } };
  'vault/lock': { request: Record<string, never>; response: null };
  'profiles/list': { request: Record<string, never>; response: ProfileView[] };
  'profiles/add': { request: { profile: ProfileInput; orgId?: string }; response: { profile: ProfileView } };
  'profiles/remove': { request: { profileId: string }; response: null };
  'org/bind': { request: { orgId: string; profileId: string }; response: null };
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
