// CSV text (RFC 4180) for the table export: quoted where needed, CRLF lines, and cells that a spreadsheet would
// run as a formula (=, +, -, @, tab, CR) prefixed with an apostrophe: org names and notes come from outside. A
// spreadsheet whose list separator is ';' (or that splits on tabs) may cut a cell there, so every piece after a
// ',', ';' or tab is guarded as a cell start, and a cell holding ';' or a tab is quoted.
const FORMULA_AT_A_START = /(^|[,;\t])(?=[=+\-@\t\r])/g;

export function csvCell(value: string | number | undefined): string {
  const text = (value === undefined ? '' : String(value)).replace(FORMULA_AT_A_START, "$1'");
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  records: readonly (readonly (string | number | undefined)[])[],
): string {
  // A byte-order mark lets spreadsheet programs read the UTF-8 names correctly.
  return `\uFEFF${[header, ...records].map((record) => record.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
