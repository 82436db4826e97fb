// Key pairs from JSON: an array of objects with the CSV's field names (server also as baseUrl, client also as label).
import type { ImportLine, ImportParse } from './import-line';
import { type LineFields, lineFromFields } from './line-fields';

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

function fieldsOf(value: unknown): LineFields {
  if (typeof value !== 'object' || value === null) return {};
  const o = value as Record<string, unknown>;
  const ips = o.accessListIps;
  return {
    client: str(o.client) ?? str(o.label),
    side: str(o.side),
    credential: str(o.credential),
    publicKey: str(o.publicKey),
    privateKey: str(o.privateKey),
    server: str(o.server) ?? str(o.baseUrl),
    accessListIps: Array.isArray(ips) ? ips.filter((ip): ip is string => typeof ip === 'string') : str(ips),
  };
}

export function parseJsonImport(text: string): ImportParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, format: 'json', problem: { kind: 'bad-json' } };
  }
  if (!Array.isArray(value)) return { ok: false, format: 'json', problem: { kind: 'not-a-list' } };
  const lines: ImportLine[] = value.map((element, i) => lineFromFields(i + 1, fieldsOf(element)));
  return { ok: true, format: 'json', lines };
}
