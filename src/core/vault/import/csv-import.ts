// Key pairs from CSV with a header: client, side, publicKey, privateKey (required), server, accessListIps and
// credential (api-key | service-account) optional; headers are matched ignoring case, spaces and underscores.
import { csvRows } from './csv-rows';
import type { ImportParse } from './import-line';
import { type LineFields, lineFromFields } from './line-fields';

const COLUMNS: Record<string, keyof LineFields> = {
  client: 'client',
  label: 'client',
  side: 'side',
  credential: 'credential',
  publickey: 'publicKey',
  privatekey: 'privateKey',
  server: 'server',
  baseurl: 'server',
  accesslistips: 'accessListIps',
};

const REQUIRED: (keyof LineFields)[] = ['client', 'side', 'publicKey', 'privateKey'];

const columnOf = (header: string) =>
  COLUMNS[
    header
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, '')
  ];

export function parseCsvImport(text: string): ImportParse {
  const [header, ...rows] = csvRows(text);
  if (!header) return { ok: false, format: 'csv', problem: { kind: 'empty' } };
  const columns = header.fields.map(columnOf);
  const missing = REQUIRED.filter((name) => !columns.includes(name));
  if (missing.length > 0) return { ok: false, format: 'csv', problem: { kind: 'missing-columns', columns: missing } };
  const lines = rows.map((row) => {
    const fields: LineFields = {};
    columns.forEach((column, i) => {
      if (column && fields[column] === undefined) fields[column] = row.fields[i];
    });
    return lineFromFields(row.line, fields);
  });
  return { ok: true, format: 'csv', lines };
}
