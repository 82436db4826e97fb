// Reads the Atlas targets CSV a consultant pastes or picks: one `cloudManagerOrgId,atlasOrgId` per line, a header line
// optional, commas (or semicolons or tabs, as spreadsheets write them), cells quoted or not, any line ending, a
// byte-order mark. Pure: every non-blank line is either a target or an invalid line with why; a line's text is never
// repeated back (it may be anything the user pasted).
import { isObjectId } from '../../core/cloudmanager';

export type CsvLineProblem = 'columns' | 'bad-org-id' | 'bad-atlas-id';

export interface CsvTarget {
  /** 1-based line number in the text. */
  line: number;
  orgId: string;
  atlasOrgId: string;
}

export interface CsvBadLine {
  line: number;
  problem: CsvLineProblem;
}

export interface ParsedTargets {
  targets: CsvTarget[];
  invalid: CsvBadLine[];
}

// A header's first cell, with case, spaces, dashes and underscores ignored.
const HEADER_CELLS = new Set(['cloudmanagerorgid', 'cloudmanagerorganizationid', 'orgid', 'organizationid']);

/** A line's cells: split at the line's separator outside double quotes, `""` inside quotes being one quote. */
export function splitCsvLine(text: string): string[] {
  const separator = text.includes(',') ? ',' : text.includes(';') ? ';' : '\t';
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells.map((value) => value.trim());
}

const isHeader = (cells: readonly string[]) => HEADER_CELLS.has((cells[0] ?? '').toLowerCase().replace(/[\s_-]/g, ''));

function lineProblem(cells: readonly string[]): CsvLineProblem | undefined {
  if (cells.length !== 2) return 'columns';
  if (!isObjectId(cells[0]!.toLowerCase())) return 'bad-org-id';
  if (!isObjectId(cells[1]!.toLowerCase())) return 'bad-atlas-id';
  return undefined;
}

export function parseTargetCsv(text: string): ParsedTargets {
  const targets: CsvTarget[] = [];
  const invalid: CsvBadLine[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let first = true;
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    if (raw.trim() === '') continue;
    const cells = splitCsvLine(raw);
    // Trailing empty cells (a spreadsheet's extra commas) do not count.
    while (cells.length > 0 && cells.at(-1) === '') cells.pop();
    const header = first && isHeader(cells);
    first = false;
    if (header) continue;
    const problem = lineProblem(cells);
    if (problem) invalid.push({ line, problem });
    else targets.push({ line, orgId: cells[0]!.toLowerCase(), atlasOrgId: cells[1]!.toLowerCase() });
  }
  return { targets, invalid };
}
