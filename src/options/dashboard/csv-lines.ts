// The lines of a CSV a consultant pastes or picks, read the same way by every dashboard import (orgs to add, Atlas
// targets): commas (or semicolons or tabs, as spreadsheets write them), cells quoted or not, any line ending, a
// byte-order mark, blank lines skipped, trailing empty cells (a spreadsheet's extra commas) dropped, and a header line
// (recognised by its first cell) skipped. Each line keeps its number and its text, so an invalid one can be shown as
// it was pasted.

export interface CsvLine {
  /** 1-based line number in the text. */
  line: number;
  /** The line as pasted (trimmed), for the preview of an invalid line. */
  text: string;
  cells: string[];
}

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

/** A header's first cell, with case, spaces, dashes and underscores ignored. */
const headerKey = (cell: string | undefined) => (cell ?? '').toLowerCase().replace(/[\s_-]/g, '');

/** The non-blank lines of `text`; the first one is a header (and left out) when its first cell is in `headers`. */
export function readCsvLines(text: string, headers: ReadonlySet<string>): CsvLine[] {
  const lines: CsvLine[] = [];
  let first = true;
  for (const [index, raw] of text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .entries()) {
    if (raw.trim() === '') continue;
    const cells = splitCsvLine(raw);
    while (cells.length > 0 && cells.at(-1) === '') cells.pop();
    const header = first && headers.has(headerKey(cells[0]));
    first = false;
    if (!header) lines.push({ line: index + 1, text: raw.trim(), cells });
  }
  return lines;
}

/** At most this many characters of an invalid line are shown back. */
export const LINE_EXCERPT = 120;

/** What the preview shows of a line: its text, cut with an ellipsis past LINE_EXCERPT characters. */
export const lineExcerpt = (text: string): string =>
  text.length > LINE_EXCERPT ? `${text.slice(0, LINE_EXCERPT - 1)}…` : text;
