// One key pair read from an import (a CSV row, a JSON element, a config.toml profile): the same input a single add
// sends, where it came from, and what stops it before any call (a field it lacks, a word it does not know).

import type { ProfileInput } from '../profiles';
import type { KeyCredential, KeySide } from '../types';

/** Why a line cannot be imported as read: the text's own faults. The key pair's rules are checkImportLine's. */
export type ImportLineProblem =
  | { kind: 'missing-field'; field: 'client' | 'side' | 'publicKey' }
  | { kind: 'unknown-side' }
  | { kind: 'unknown-credential' }
  /** A config.toml profile with neither an API key nor a service account (a user login, say). */
  | { kind: 'no-credential' }
  /** The same credential (public key or client id on the same server) appears on an earlier line. */
  | { kind: 'duplicate-in-import'; firstLine: number };

export interface ImportLine {
  /** 1-based: the CSV row (the header is row 1), the JSON element, the config.toml profile in order. */
  line: number;
  input: ProfileInput & { side: KeySide; credential: KeyCredential };
  /** The secret is absent (newer Atlas CLI versions keep it in the OS keychain): the preview asks for it. */
  needsSecret: boolean;
  problem?: ImportLineProblem;
}

export type ImportFormat = 'csv' | 'json' | 'toml';

/** Why the text as a whole could not be read. */
export type ImportTextProblem =
  | { kind: 'empty' }
  | { kind: 'unknown-format' }
  | { kind: 'missing-columns'; columns: string[] }
  | { kind: 'bad-json' }
  | { kind: 'not-a-list' }
  | { kind: 'bad-toml' }
  | { kind: 'no-lines' }
  | { kind: 'too-many'; max: number };

export type ImportParse =
  | { ok: true; format: ImportFormat; lines: ImportLine[] }
  | { ok: false; format?: ImportFormat; problem: ImportTextProblem };

/** The words a user may write for a side: the extension's own values, the products' names, and short forms. */
const SIDE_WORDS: Record<string, KeySide> = {
  'cloud-manager': 'cloud-manager',
  cloudmanager: 'cloud-manager',
  cm: 'cloud-manager',
  'ops-manager': 'ops-manager',
  opsmanager: 'ops-manager',
  om: 'ops-manager',
  atlas: 'atlas',
};

const wordOf = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');

// Own words only: 'constructor' is no side, though every object has one.
const sideWord = (word: string) => (Object.hasOwn(SIDE_WORDS, word) ? SIDE_WORDS[word] : undefined);

export function sideOf(text: string): KeySide | undefined {
  const word = wordOf(text);
  return sideWord(word) ?? sideWord(word.replace(/-/g, ''));
}

/** Absent or empty is an API key, as in the single form. */
export function credentialOf(text: string | undefined): KeyCredential | undefined {
  const word = wordOf(text ?? '');
  if (word === '' || word === 'api-key' || word === 'apikey') return 'api-key';
  if (word === 'service-account' || word === 'serviceaccount') return 'service-account';
  return undefined;
}

/** Addresses in one cell or value: separated by spaces, commas or semicolons. */
export function addressList(text: string | undefined): string[] | undefined {
  const entries = (text ?? '').split(/[\s,;]+/).filter(Boolean);
  return entries.length > 0 ? entries : undefined;
}
