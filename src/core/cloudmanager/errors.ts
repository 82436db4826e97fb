// Turns whatever went wrong into a CloudManagerError: an error answer from the server (decodeErrorResponse) or
// a thrown value from fetch or the Digest layer (describeError, duck-typed so this module needs neither). Cloud
// Manager and the Atlas Admin API answer in the same shape: the operation tells which side's texts to use.

import { findCallerIp } from './caller-ip';
import { CloudManagerError } from './cloud-manager-error';
import { type CloudManagerOperation, classifyErrorAnswer, isAtlasOperation } from './error-codes';
import { isCloudManagerErrorKind } from './error-kinds';
import { variantFor } from './error-variants';
import { parseJsonObject, readBodyText } from './response-body';
import { parseRetryAfter } from './retry-after';
import { sanitizeDetail } from './server-detail';

export { CloudManagerError, type CloudManagerErrorFacts } from './cloud-manager-error';
export { type AtlasOperation, type CloudManagerOperation, isAtlasOperation } from './error-codes';
export { CLOUD_MANAGER_ERROR_KINDS, type CloudManagerErrorKind, isCloudManagerErrorKind } from './error-kinds';

export type DecodeContext = {
  operation?: CloudManagerOperation;
  /** Values the request carried that must never be shown back (the link token): removed from the server's detail. */
  secrets?: readonly string[];
  /** Clock for a Retry-After date; Date.now by default. */
  now?: () => number;
};

const ERROR_CODE = /^[A-Z][A-Z0-9_]{1,79}$/;

function errorCodeOf(body: Record<string, unknown> | undefined, header: string | null): string | undefined {
  // Only a well-formed code is kept: anything else might be a reflected piece of the request.
  for (const candidate of [body?.errorCode, header?.trim()]) {
    if (typeof candidate === 'string' && ERROR_CODE.test(candidate)) return candidate;
  }
  return undefined;
}

/** Reads the error answer's body once (JSON, HTML, empty or garbage alike) and never throws. */
export async function decodeErrorResponse(response: Response, context: DecodeContext = {}): Promise<CloudManagerError> {
  const body = parseJsonObject(await readBodyText(response));
  const errorCode = errorCodeOf(body, response.headers.get('X-Error-Code'));
  // Stryker disable next-line ArrayDeclaration: a stand-in parameter without an IP address in it finds no caller IP either.
  const parameters = Array.isArray(body?.parameters) ? body.parameters : [];
  const callerIp = findCallerIp([body?.detail, ...parameters]);
  const kind = classifyErrorAnswer({
    status: response.status,
    errorCode,
    operation: context.operation,
    challenge: response.headers.get('WWW-Authenticate'),
    namesIp: callerIp !== undefined,
  });
  // A 429 may come without Retry-After: its wait is then in the detail, when it names one.
  const seconds =
    kind === 'rate-limited'
      ? (parseRetryAfter(response.headers.get('Retry-After'), (context.now ?? Date.now)()) ??
        secondsInDetail(body?.detail))
      : undefined;
  return new CloudManagerError(kind, {
    variant: variantFor(kind, context.operation),
    status: response.status,
    errorCode,
    detail: sanitizeDetail(body?.detail, context.secrets),
    callerIp: kind === 'ip-not-allowed' || kind === 'access-list-required' ? callerIp : undefined,
    retryAfterSeconds: seconds,
    projectIds: kind === 'migration-running' ? projectIdsIn([body?.detail, ...parameters]) : undefined,
  });
}

const MAX_PROJECTS_NAMED = 20;

/** Project ids a refusal names (the v2 spec's 409 lists them in its detail), each once, in order. */
function projectIdsIn(values: readonly unknown[]): string[] {
  const ids = values.flatMap((value) => (typeof value === 'string' ? (value.match(/\b[a-f0-9]{24}\b/g) ?? []) : []));
  return [...new Set(ids)].slice(0, MAX_PROJECTS_NAMED);
}

/** "…retry in 30 seconds", "wait 60 s": a wait a rate-limit detail names, in whole seconds. */
function secondsInDetail(detail: unknown): number | undefined {
  if (typeof detail !== 'string') return undefined;
  const figure = /\b(\d{1,5})\s*(?:s|secs?|seconds?)\b/i.exec(detail.slice(0, 1000))?.[1];
  return figure === undefined ? undefined : Number(figure);
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** A host as URL.host writes it (name or IP, optional port): anything else is not repeated. */
const HOST = /^(?:[a-z0-9.-]{1,253}|\[[0-9a-f:.]{2,45}\])(?::\d{1,5})?$/i;

/** Digest failures on this side of the wire: the request could not be built or sent as given. */
const LOCAL_FAULTS = new Set(['invalid-request', 'unreplayable-body']);

/**
 * Wraps any thrown value. Only the kind (and a redirect's host) is taken from a foreign error, never its message: a
 * message may carry whatever its author put there, and this error's text must stay free of secrets. Only a failure
 * the transport itself labelled 'network' is one: a bare TypeError may as well be a header the platform refused or
 * a bug, and reads as an internal fault.
 */
export function describeError(e: unknown, context: { operation?: CloudManagerOperation } = {}): CloudManagerError {
  if (e instanceof CloudManagerError) return e;
  const kind = field(e, 'kind');
  const name = field(e, 'name');
  // An Atlas call's failure is worded for Atlas; a link's, for a link that may have been made.
  const side = isAtlasOperation(context.operation) ? 'atlas' : undefined;
  const duringLink = context.operation === 'link' ? 'during-link' : side;
  if (kind === 'timeout' || name === 'TimeoutError') return new CloudManagerError('timeout', { variant: duringLink });
  if (kind === 'aborted' || name === 'AbortError') return new CloudManagerError('network', { variant: 'aborted' });
  if (kind === 'network') return new CloudManagerError('network', { variant: duringLink });
  if (kind === 'redirected') {
    const host = field(e, 'host');
    return new CloudManagerError('redirected', {
      variant: side,
      host: typeof host === 'string' && HOST.test(host) ? host : undefined,
    });
  }
  if (isCloudManagerErrorKind(kind)) {
    const status = field(e, 'status');
    return new CloudManagerError(kind, { variant: side, status: typeof status === 'number' ? status : undefined });
  }
  // Any other Digest failure (an unreadable or unsupported challenge) means the server's answer was not understood.
  if (typeof kind === 'string' && !LOCAL_FAULTS.has(kind)) {
    return new CloudManagerError('unexpected-response', { variant: side });
  }
  return new CloudManagerError('unknown', { variant: 'internal' });
}
