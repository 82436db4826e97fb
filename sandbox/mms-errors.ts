// Error answers in the MMS shape: {detail, error, errorCode, parameters, reason}, the code also in X-Error-Code.
// Each status/code pair must be a row of answer-sources.ts; mmsError throws for one that is not.
import { STATUS_CODES } from 'node:http';
import { assertListed } from './answer-sources';

export interface ApiAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  errorCode?: string;
  /** The body's exact text, sent as is (no envelope, no `pretty`): for an answer recorded byte for byte. */
  rendered?: string;
  /** Send a fresh Digest challenge (stale=false) with it, as the real 401 does. */
  challenge?: boolean;
}

export function mmsError(
  status: number,
  errorCode: string,
  detail: string,
  parameters: unknown[] | null = [],
  headers: Record<string, string> = {},
): ApiAnswer {
  assertListed(status, errorCode);
  // The recorded key order: detail, error, errorCode, parameters, reason.
  const body = { detail, error: status, errorCode, parameters, reason: STATUS_CODES[status] ?? 'Error' };
  return { status, body, errorCode, headers: { 'X-Error-Code': errorCode, ...headers } };
}

/**
 * A flat object as the real 401 prints it (Jackson's default pretty printer): two-space indent, a space on both
 * sides of each colon, no trailing newline.
 */
export function jacksonPretty(value: Record<string, string | number>): string {
  const fields = Object.entries(value).map(([k, v]) => `  ${JSON.stringify(k)} : ${JSON.stringify(v)}`);
  return `{\n${fields.join(',\n')}\n}`;
}

export const NOT_AUTHORIZED_BODY = {
  error: 401,
  reason: 'Unauthorized',
  detail: 'You are not authorized for this resource.',
  errorCode: 'UNEXPECTED_ERROR',
} as const;

/**
 * The recorded answer to a wrong private key or an unknown public key, and so to a key of another org: 401, the
 * pretty-printed body above, no parameters and no X-Error-Code, with a fresh challenge (added by the pipeline).
 */
export function notAuthorized(): ApiAnswer {
  assertListed(401, NOT_AUTHORIZED_BODY.errorCode);
  return {
    status: 401,
    errorCode: NOT_AUTHORIZED_BODY.errorCode,
    body: { ...NOT_AUTHORIZED_BODY },
    rendered: jacksonPretty(NOT_AUTHORIZED_BODY),
    headers: { 'Content-Type': 'application/json' },
    challenge: true,
  };
}

/** Atlas's recorded answer to removing an org link that does not exist (deleteOrgLink): parameters null. */
export const linkNotFound = (headers: Record<string, string> = {}): ApiAnswer =>
  mmsError(404, 'UNEXPECTED_ERROR', 'Could not find the requested external organization link.', null, headers);

/**
 * A 429: the wait in Retry-After, or (rateLimitRetryAfter false) only in the detail and the parameters, as the
 * Atlas spec allows ("might be returned").
 */
export function rateLimited(code: string, detail: string, seconds: number, withRetryAfter: boolean): ApiAnswer {
  return withRetryAfter
    ? mmsError(429, code, detail, [], { 'Retry-After': String(seconds) })
    : mmsError(429, code, `${detail} Retry after ${seconds} seconds.`, [String(seconds)]);
}
