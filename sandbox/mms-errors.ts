// Error answers in the MMS shape: {detail, error, errorCode, parameters, reason}, code also in X-Error-Code.
import { STATUS_CODES } from 'node:http';

export interface ApiAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  errorCode?: string;
}

export function mmsError(
  status: number,
  errorCode: string | undefined,
  detail: string,
  parameters: unknown[] = [],
  headers: Record<string, string> = {},
): ApiAnswer {
  const body: Record<string, unknown> = { detail, error: status, parameters, reason: STATUS_CODES[status] ?? 'Error' };
  if (errorCode) body.errorCode = errorCode;
  return { status, body, errorCode, headers: errorCode ? { 'X-Error-Code': errorCode, ...headers } : headers };
}

export const notAuthorized = () => mmsError(401, undefined, 'You are not authorized for this resource.');
