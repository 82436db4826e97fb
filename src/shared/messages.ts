// The one typed map of every message a page sends to the background worker, and the helpers' types around it.
// Pages never see a secret after submitting it: responses carry public profiles and statuses only.
// The domain types the messages carry live in domain.ts.
import type { DashboardMessages } from './dashboard-messages';
import type {
  ErrorView,
  HistoryEntry,
  OrgCallReply,
  OrgStatusRecord,
  PopupContext,
  ProfileInput,
  ProfileView,
  RevokeReach,
  RevokeResult,
  Settings,
} from './domain';
import type { ErrorKind } from './errors';
import type { MigrationBatchMessages } from './migration-batch-messages';
import type { MigrationMessages } from './migration-messages';
import type { MigrationReportMessages } from './migration-report-messages';
import type { OptionsMessages } from './options-messages';

export interface PopupMessages {
  'context/get': { request: { url?: string }; response: PopupContext };
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
   * `profile.side` 'atlas': the Atlas API's `GET /orgs` names its one Atlas org (none: 'not-atlas-org'); it is bound
   * to no Cloud Manager org. `profile.accessListIps`: an Ops Manager server's external addresses, checked again.
   */
  'profiles/add': { request: { profile: ProfileInput; orgId?: string }; response: { profile: ProfileView } };
  'profiles/remove': { request: { profileId: string }; response: null };
  /** Finds a project page's org with the key pair the user named as its client, and that key pair only. */
  'project/resolve': { request: { url: string; profileId: string }; response: { orgId: string } };
  'link/create': {
    request: { orgId: string; linkToken: string; profileId?: string; allowTokenReuse?: boolean };
    response: OrgCallReply;
  };
  /**
   * Both sides in one call: the client's Atlas key pair makes a link token for `atlasOrgId`, and the org's own key
   * pair posts it. The token is never in the answer; a failed link keeps it in the worker's memory for a retry.
   */
  'atlas/link': { request: { orgId: string; atlasOrgId: string; profileId?: string }; response: OrgCallReply };
  /** The Cloud Manager orgs a revoke of this Atlas org's link token may cut off, from the extension's records. */
  'atlas/revoke-reach': { request: { atlasOrgId: string }; response: RevokeReach };
  /**
   * Removes the Atlas org's link (its link tokens and the API key each embeds), with its Atlas key pair; after a
   * revoke, checks the status of each org it reached that a key pair serves.
   */
  'atlas/revoke': { request: { atlasOrgId: string }; response: RevokeResult };
  'link/status': { request: { orgId: string; profileId?: string }; response: OrgCallReply };
  'link/delete': { request: { orgId: string; profileId?: string }; response: OrgCallReply };
  'history/list': { request: { orgId?: string }; response: HistoryEntry[] };
  /** Empties the log but for one 'clear-log' entry saying when, and how many entries it held; answers that entry. */
  'history/clear': { request: Record<string, never>; response: HistoryEntry };
  /** Keeps a note with the org (ticket id, handover remark; '' removes it): plain text, one line, 500 at most. */
  'org/set-note': { request: { orgId: string; note: string }; response: OrgStatusRecord };
  /** The notes kept with the orgs, by org id (orgs without a note are absent). */
  'org/notes': { request: Record<string, never>; response: Record<string, string> };
  'settings/get': { request: Record<string, never>; response: Settings };
  'settings/set': { request: Partial<Settings>; response: Settings };
}

/** One line of a many-key-pair import as the worker judged it: never its private key. */
export type ImportVerdict =
  /** Its server named its org (an Ops Manager global key: none, `global`); it can be saved. */
  | { state: 'identified'; org?: { id: string; name: string }; global?: true }
  /** The vault already holds this credential (public key or client id on that server), under `label`. */
  | { state: 'already-saved'; label: string }
  /** It breaks a rule of the single add (the error says which field and why); no call was made. */
  | { state: 'invalid'; error: ErrorView }
  /** Its server refused it, or could not be reached; 'rate-limited' is answered at once, for the caller to pace. */
  | { state: 'failed'; error: ErrorView };

export interface ImportMessages {
  /**
   * Asks each key pair's server which org it belongs to, as a single add does, without saving anything; a key pair
   * the vault already holds is not asked. One verdict per key pair, in order. The page sends one at a time, 4 at once.
   */
  'profiles/identify-many': { request: { keyPairs: ProfileInput[] }; response: { verdicts: ImportVerdict[] } };
  /**
   * Saves every key pair that is identified (asked again only if the worker no longer knows its answer) in one vault
   * write; the others are skipped with their verdict (`index` into the request), a credential already saved among them.
   * With `passphrase` (a first run, no vault yet), the import creates the vault under it.
   */
  'profiles/save-many': {
    request: { keyPairs: ProfileInput[]; passphrase?: string };
    response: { saved: ProfileView[]; skipped: { index: number; verdict: ImportVerdict }[] };
  };
}

// The options page and the dashboard add their own messages in options-messages.ts and dashboard-messages.ts.
export type MessageMap = PopupMessages &
  OptionsMessages &
  DashboardMessages &
  ImportMessages &
  MigrationMessages &
  MigrationBatchMessages &
  MigrationReportMessages;
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
    super(`The worker answered: ${view.kind}`);
    this.name = 'MessageError';
    this.kind = view.kind;
    this.view = view;
  }
}
