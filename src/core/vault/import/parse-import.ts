// An import's text, whatever its format: JSON when it starts with '[', config.toml when it has a [profile] table
// (or the file name says so), CSV otherwise; then the same credential twice is marked on its later lines.
import { baseUrlOrigin } from '../base-url';
import { MAX_PROFILES } from '../profile-rules';
import { parseCsvImport } from './csv-import';
import type { ImportFormat, ImportLine, ImportParse } from './import-line';
import { parseJsonImport } from './json-import';
import { parseTomlImport } from './toml-import';

/** A TOML table header on a line of its own: `[default]`, `[ "client a" ]`. */
const TOML_TABLE = /^\s*\[[^\]\n]+\]\s*(#.*)?$/m;

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function detectFormat(text: string, fileName?: string): ImportFormat {
  const extension = fileName?.toLowerCase().split('.').pop();
  if (extension === 'json' || extension === 'toml' || extension === 'csv') return extension;
  const start = text.trimStart();
  if (start.startsWith('[') || start.startsWith('{')) {
    // A TOML table header also starts with '[': text that parses as JSON is JSON, a table header makes it TOML.
    if (parsesAsJson(start) || !TOML_TABLE.test(text)) return 'json';
    return 'toml';
  }
  return TOML_TABLE.test(text) ? 'toml' : 'csv';
}

function serverOf(line: ImportLine): string {
  try {
    return baseUrlOrigin(line.input.baseUrl);
  } catch {
    return (line.input.baseUrl ?? '').trim();
  }
}

/** The later lines with a credential an earlier line already has (same kind, server and public key or client id). */
function markDuplicates(lines: ImportLine[]): ImportLine[] {
  const first = new Map<string, number>();
  return lines.map((line) => {
    if (line.problem || !line.input.publicKey) return line;
    const key = JSON.stringify([line.input.credential, serverOf(line), line.input.publicKey]);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, line.line);
      return line;
    }
    return { ...line, problem: { kind: 'duplicate-in-import', firstLine: earlier } };
  });
}

export function parseImport(text: string, fileName?: string): ImportParse {
  if (text.trim() === '') return { ok: false, problem: { kind: 'empty' } };
  const format = detectFormat(text, fileName);
  const parsed =
    format === 'json' ? parseJsonImport(text) : format === 'toml' ? parseTomlImport(text) : parseCsvImport(text);
  if (!parsed.ok) return parsed;
  if (parsed.lines.length === 0) return { ok: false, format, problem: { kind: 'no-lines' } };
  if (parsed.lines.length > MAX_PROFILES)
    return { ok: false, format, problem: { kind: 'too-many', max: MAX_PROFILES } };
  return { ...parsed, lines: markDuplicates(parsed.lines) };
}
