// A line's key pair against the very rules a single add applies (profiles.ts: name, keys, server, side, kind,
// addresses), by building it as that add would: what it refuses is the line's problem, worded the same way.
import { addProfile } from '../profiles';
import { emptyContents } from '../vault';
import { VaultError } from '../vault-error';
import type { ImportLine } from './import-line';

/** The rule the line's key pair breaks, if any; a line still missing its secret is checked once it is filled. */
export function keyPairProblem(line: ImportLine): VaultError | undefined {
  if (line.problem || line.needsSecret) return undefined;
  try {
    addProfile(emptyContents(), line.input, 0);
    return undefined;
  } catch (error) {
    if (error instanceof VaultError) return error;
    throw error;
  }
}

/** The line with its missing secret filled in (the preview's field): checked again from then on. */
export function withSecret(line: ImportLine, secret: string): ImportLine {
  return { ...line, input: { ...line.input, privateKey: secret.trim() }, needsSecret: secret.trim() === '' };
}
