// The fields every format names the same way (client, side, credential, publicKey, privateKey, server,
// accessListIps), turned into one import line. CSV and JSON use these names; config.toml maps its own onto them.
import { addressList, credentialOf, type ImportLine, sideOf } from './import-line';

export interface LineFields {
  client?: string;
  side?: string;
  credential?: string;
  publicKey?: string;
  privateKey?: string;
  server?: string;
  accessListIps?: string | string[];
}

const text = (value: string | undefined) => (value ?? '').trim();

export function lineFromFields(line: number, fields: LineFields): ImportLine {
  const client = text(fields.client);
  const publicKey = text(fields.publicKey);
  const privateKey = text(fields.privateKey);
  const side = sideOf(text(fields.side));
  const credential = credentialOf(fields.credential);
  const server = text(fields.server);
  const ips = Array.isArray(fields.accessListIps)
    ? fields.accessListIps.map((ip) => ip.trim()).filter(Boolean)
    : addressList(fields.accessListIps);
  const result: ImportLine = {
    line,
    input: {
      label: client,
      side: side ?? 'cloud-manager',
      credential: credential ?? 'api-key',
      publicKey,
      privateKey,
      ...(server ? { baseUrl: server } : {}),
      ...(ips && ips.length > 0 ? { accessListIps: ips } : {}),
    },
    needsSecret: privateKey === '',
  };
  if (!client) result.problem = { kind: 'missing-field', field: 'client' };
  else if (!text(fields.side)) result.problem = { kind: 'missing-field', field: 'side' };
  else if (!side) result.problem = { kind: 'unknown-side' };
  else if (!credential) result.problem = { kind: 'unknown-credential' };
  else if (!publicKey) result.problem = { kind: 'missing-field', field: 'publicKey' };
  return result;
}
