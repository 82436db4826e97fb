// CSV text (RFC 4180) for the table export: quoted where needed, CRLF lines, and cells that a spreadsheet would
// run as a formula (=, +, -, @, tab, CR) prefixed with an apostrophe: org names come from the server.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  records: readonly (readonly (string | number | undefined)[])[],
): string {
  // A byte-order mark lets spreadsheet programs read the UTF-8 names correctly.
  return `\uFEFF${[header, ...records].map((record) => record.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
