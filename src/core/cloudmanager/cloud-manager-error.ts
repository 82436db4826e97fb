// The one error type the Cloud Manager layer throws: a kind the UI switches on, an English message and remedy
// taken from the text table, and the safe facts (status, code, caller IP, wait time, redirect host) a translation
// needs.
import type { CloudManagerErrorKind } from './error-kinds';
import { type ErrorTextParams, formatErrorText } from './error-texts';

export type CloudManagerErrorFacts = {
  /** Picks a more precise text for the kind, e.g. 'empty' for 'invalid-token'; see ERROR_TEXTS. */
  variant?: string;
  status?: number;
  errorCode?: string;
  /** The server's own explanation, already sanitised (length-capped, secrets removed). */
  detail?: string;
  callerIp?: string;
  retryAfterSeconds?: number;
  /** Where a redirect pointed: host and port only, never a path or query (they may carry the request's data). */
  host?: string;
};

export class CloudManagerError extends Error {
  override readonly name = 'CloudManagerError';
  readonly kind: CloudManagerErrorKind;
  /** The text variant actually used ('default' when none fits better). */
  readonly variant: string;
  readonly status?: number;
  readonly errorCode?: string;
  readonly detail?: string;
  readonly callerIp?: string;
  readonly retryAfterSeconds?: number;
  readonly remedy: string;
  /** The placeholder values of the message and remedy, for a translated rendering. */
  readonly params: ErrorTextParams;

  constructor(kind: CloudManagerErrorKind, facts: CloudManagerErrorFacts = {}) {
    const params: { ip?: string; seconds?: string; host?: string } = {};
    if (facts.callerIp !== undefined) params.ip = facts.callerIp;
    if (facts.retryAfterSeconds !== undefined) params.seconds = String(facts.retryAfterSeconds);
    if (facts.host !== undefined) params.host = facts.host;
    const text = formatErrorText(kind, facts.variant, params);
    super(text.message);
    this.kind = kind;
    this.variant = text.variant;
    this.remedy = text.remedy;
    this.params = params;
    this.status = facts.status;
    this.errorCode = facts.errorCode;
    this.detail = facts.detail;
    this.callerIp = facts.callerIp;
    this.retryAfterSeconds = facts.retryAfterSeconds;
  }
}
