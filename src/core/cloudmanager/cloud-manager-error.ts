// The one error type the Cloud Manager layer throws: a kind the UI switches on, the variant of its text, and the
// safe facts (status, code, caller IP, wait time, redirect host) a translation needs. The words are the pages' (the
// message catalogues); the message here is the kind and variant, for logs and developers.
import { errorSummary } from '../text/error-summary';
import type { CloudManagerErrorKind } from './error-kinds';
import { chooseVariant, type ErrorTextParams } from './error-variants';

export type CloudManagerErrorFacts = {
  /** Picks a more precise text for the kind, e.g. 'empty' for 'invalid-token'; see ERROR_VARIANTS. */
  variant?: string;
  status?: number;
  errorCode?: string;
  /** The server's own explanation, already sanitised (length-capped, secrets removed). */
  detail?: string;
  callerIp?: string;
  retryAfterSeconds?: number;
  /** Where a redirect pointed: host and port only, never a path or query (they may carry the request's data). */
  host?: string;
  /** The Atlas projects a refusal names (ids only, as read from the server's answer). */
  projectIds?: readonly string[];
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
  /** The facts the text names, for a translated rendering. */
  readonly params: ErrorTextParams;

  constructor(kind: CloudManagerErrorKind, facts: CloudManagerErrorFacts = {}) {
    const params: { ip?: string; seconds?: string; host?: string; projects?: string } = {};
    if (facts.callerIp !== undefined) params.ip = facts.callerIp;
    if (facts.retryAfterSeconds !== undefined) params.seconds = String(facts.retryAfterSeconds);
    if (facts.host !== undefined) params.host = facts.host;
    if (facts.projectIds?.length) params.projects = facts.projectIds.join(', ');
    const variant = chooseVariant(kind, facts.variant, params);
    super(errorSummary(kind, variant === 'default' ? undefined : variant));
    this.kind = kind;
    this.variant = variant;
    this.params = params;
    this.status = facts.status;
    this.errorCode = facts.errorCode;
    this.detail = facts.detail;
    this.callerIp = facts.callerIp;
    this.retryAfterSeconds = facts.retryAfterSeconds;
  }
}
