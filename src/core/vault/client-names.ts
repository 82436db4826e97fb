// Client names as the forms offer and check them: a client is the label its key pairs share, matched character for
// character (sameLabel), so a name that differs only in case or spacing, or that stops short of another at a word
// boundary ("Globex" beside "Globex Logistics"), is most likely that client retyped: the forms ask before saving it.
import { sameLabel } from './profile-rules';
import { profileSide } from './sides';
import type { KeySide } from './types';

/** What naming a client needs of a key pair (a vault profile or the pages' view of one). */
export interface ClientKeyPair {
  label: string;
  side?: KeySide;
  baseUrl: string;
  global?: boolean;
}

/** Case folded (NFKC, lower case) and every run of white space one space, ends trimmed. */
function spaced(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The same without any space: "Globex Logistics", "globex  logistics" and "GlobexLogistics" read alike. */
function compact(name: string): string {
  return spaced(name).replace(/ /g, '');
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** `short` starts `long` and ends where a word ends: "globex" in "globex logistics", not "glob" in "globex". */
function wordPrefix(short: string, long: string): boolean {
  if (!short || short.length >= long.length || !long.startsWith(short)) return false;
  // A boundary: the shorter name ends on a non-word character ("Acme-"), or the longer goes on with one (" ", ",").
  return !WORD_CHARACTER.test(short.slice(-1)) || !WORD_CHARACTER.test(long.charAt(short.length));
}

/**
 * Whether `typed` is close to `existing` without being the same client: equal but for case and spacing, or one a
 * prefix of the other at a word boundary (case and spacing aside). The same name (sameLabel) is no near-match.
 */
export function isNearMatch(typed: string, existing: string): boolean {
  if (sameLabel(typed, existing)) return false;
  const a = spaced(typed);
  const b = spaced(existing);
  if (!a || !b) return false;
  return compact(typed) === compact(existing) || wordPrefix(a, b) || wordPrefix(b, a);
}

/** The existing names `typed` is a near-match of, in their order; none when it is one of them exactly. */
export function nearMatches(typed: string, existing: readonly string[]): string[] {
  if (existing.some((name) => sameLabel(name, typed))) return [];
  return existing.filter((name) => isNearMatch(typed, name));
}

/**
 * The clients the key pairs name, each once (as saved: trimmed), in alphabetical order. `side` 'cloud-manager':
 * only the clients with a Cloud Manager or Ops Manager key pair, those an Atlas key pair can be paired with.
 */
export function clientNames(profiles: readonly ClientKeyPair[], side?: 'cloud-manager'): string[] {
  const names = new Set<string>();
  for (const p of profiles) {
    if (side === 'cloud-manager' && profileSide(p) === 'atlas') continue;
    names.add(p.label.trim());
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}
