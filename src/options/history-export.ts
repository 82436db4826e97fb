// The audit log's exports, oldest entry first: CSV (the page's words for the outcome beside the raw result code)
// and JSON Lines (one object per entry, every field present, null where an entry has none). Times in UTC, ISO 8601
// with Z; files named with the UTC date. Nothing secret is in an entry, so nothing secret is in an export.
import type { HistoryEntry } from '../shared/domain';
import { toCsv } from './dashboard/csv';
import { downloadText } from './download';

/** Every exported field, in column order (the first seven as the history's CSV always had them). */
export const EXPORT_FIELDS = [
  'time',
  'orgId',
  'orgName',
  'operation',
  'result',
  'ok',
  'client',
  'outcome',
  'publicKey',
  'tokenFingerprint',
  'tokenSource',
  'atlasOrgId',
  'orgNote',
  'clearedCount',
  'seq',
] as const;

type ExportRecord = Record<(typeof EXPORT_FIELDS)[number], string | number | boolean | null>;

function exportRecord(entry: HistoryEntry, outcome: (entry: HistoryEntry) => string): ExportRecord {
  return {
    time: new Date(entry.time).toISOString(),
    orgId: entry.orgId,
    orgName: entry.orgName ?? null,
    operation: entry.operation,
    result: entry.result,
    ok: entry.ok,
    client: entry.profileLabel,
    outcome: outcome(entry),
    publicKey: entry.publicKey ?? null,
    tokenFingerprint: entry.tokenFingerprint ?? null,
    tokenSource: entry.tokenSource ?? null,
    atlasOrgId: entry.atlasOrgId ?? null,
    orgNote: entry.orgNote ?? null,
    clearedCount: entry.clearedCount ?? null,
    seq: entry.seq ?? null,
  };
}

/** `entries` newest first, as listed; the exports read oldest first, as the log was written. */
const chronological = (entries: readonly HistoryEntry[]) => [...entries].reverse();

export function historyCsv(entries: readonly HistoryEntry[], outcome: (entry: HistoryEntry) => string): string {
  return toCsv(
    EXPORT_FIELDS,
    chronological(entries).map((entry) => {
      const record = exportRecord(entry, outcome);
      return EXPORT_FIELDS.map((field) => {
        const value = record[field];
        if (value === null) return '';
        if (typeof value === 'boolean') return value ? 'yes' : 'no';
        return value;
      });
    }),
  );
}

// JSON leaves these raw, but a reader that splits on Unicode line breaks (U+2028, U+2029, NEL) would cut an entry.
const UNICODE_LINE_BREAKS = /[\u0085\u2028\u2029]/g;
const escaped = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function historyJsonLines(entries: readonly HistoryEntry[], outcome: (entry: HistoryEntry) => string): string {
  return chronological(entries)
    .map((entry) => `${JSON.stringify(exportRecord(entry, outcome)).replace(UNICODE_LINE_BREAKS, escaped)}\n`)
    .join('');
}

export function historyFileName(now: Date, extension: 'csv' | 'jsonl'): string {
  return `atlas-link-history-${now.toISOString().slice(0, 10)}.${extension}`;
}

/** Both files at once (the "export, then clear" of the clear dialog) or one of them. */
export function downloadHistory(
  entries: readonly HistoryEntry[],
  outcome: (entry: HistoryEntry) => string,
  formats: readonly ('csv' | 'jsonl')[],
  now = new Date(),
): void {
  for (const format of formats) {
    const text = format === 'csv' ? historyCsv(entries, outcome) : historyJsonLines(entries, outcome);
    downloadText(text, historyFileName(now, format), format === 'csv' ? 'text/csv' : 'application/jsonl');
  }
}

/** How many entries the cap dropped since the log was last cleared: the oldest kept entry's place - 1. */
export function droppedCount(entries: readonly HistoryEntry[]): number {
  const oldest = entries.at(-1)?.seq;
  return oldest === undefined ? 0 : Math.max(0, oldest - 1);
}
