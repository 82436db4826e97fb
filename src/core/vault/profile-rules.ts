// The rules a key pair's fields must meet, shared by the forms (profiles.ts) and the check of everything the
// vault decrypts (validate.ts), so that a file can never hold what a form would refuse.
import { displaySafe, hasDisplayUnsafeCharacter } from '../text/display-safe';

export const MAX_PROFILES = 500;
export const MAX_ORGS_PER_PROFILE = 10_000;
export const MAX_LABEL_LENGTH = 200;
export const MAX_KEY_LENGTH = 200;
export const PROFILE_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const ORG_ID = /^[0-9a-f]{24}$/;
/** Projects remembered per key pair (Cloud Manager allows far fewer per org). */
export const MAX_PROJECTS_PER_PROFILE = 5_000;
/** Org and project names as the server gave them; longer ones are cut when learnt. */
export const MAX_NAME_LENGTH = 256;

/**
 * Printable ASCII without the space (0x21–0x7E). The public key becomes the Digest username inside an HTTP
 * header, where a line break, a zero-width or a non-ASCII character makes fetch throw a TypeError at call time;
 * the private key goes into the same hash, and no real key ever holds anything else.
 */
export function isHeaderSafe(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return false;
  }
  return true;
}

/**
 * C0 and C1 controls, DEL and the Unicode line and paragraph separators: what the form has refused in a label since
 * labels were checked, and names never held (they were cleaned when learnt). A backup holding one was not written by
 * this extension and is refused; the text-direction characters the display-safe rule added since are cleaned instead.
 */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}

export type FieldProblem =
  | 'not-text'
  | 'empty'
  | 'too-long'
  | 'unsendable-character'
  | 'control-character'
  | 'bad-format'
  | 'not-normalised'
  | 'not-a-list'
  | 'too-many'
  | 'bad-time';

/** A key as it is stored (already trimmed): what, if anything, stops it from being sent. */
export function keyProblem(key: string): FieldProblem | undefined {
  if (!key) return 'empty';
  if (!isHeaderSafe(key)) return 'unsendable-character';
  if (key.length > MAX_KEY_LENGTH) return 'too-long';
  return undefined;
}

/**
 * Whether two labels name the same client: as saved (trimmed), character for character, the way a merge and the
 * lists compare them. A client's Cloud Manager and Atlas key pairs carry the same label.
 */
export function sameLabel(a: string, b: string): boolean {
  return a.trim() === b.trim();
}

/** A client's label as typed: it fills the same table cells and export columns as notes and names. */
export function labelProblem(label: string): FieldProblem | undefined {
  if (!label.trim()) return 'empty';
  if (hasDisplayUnsafeCharacter(label)) return 'control-character';
  if (label.length > MAX_LABEL_LENGTH) return 'too-long';
  return undefined;
}

/**
 * A label as saved, cleaned under the display-safe rule: one saved before the rule (a right-to-left override, say)
 * reads with spaces in those places and its ends trimmed, or as U+FFFD when nothing else was in it (never empty: the
 * vault would not open). A label that meets the rule is unchanged.
 */
export function cleanedLabel(label: string): string {
  if (!hasDisplayUnsafeCharacter(label)) return label;
  return displaySafe(label).trim() || '\uFFFD';
}
