// Cloud Manager org and project ids: 24 lowercase hex characters. Checked before any URL is built from one.
import { CloudManagerError } from './cloud-manager-error';

export const OBJECT_ID = /^[a-f0-9]{24}$/;

export function isObjectId(s: unknown): s is string {
  return typeof s === 'string' && OBJECT_ID.test(s);
}

/** Returns the id unchanged, or throws 'invalid-id' without echoing the value (it may be anything a user pasted). */
export function assertObjectId(s: string, what: 'org' | 'group'): string {
  if (!isObjectId(s)) throw new CloudManagerError('invalid-id', { variant: what });
  return s;
}
