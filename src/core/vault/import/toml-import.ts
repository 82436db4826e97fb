// Key pairs from the Atlas CLI's or mongocli's config.toml: one table per profile, whose name is the client.
// `service` says the side (cloud: Atlas, the CLIs' default; cloud-manager; ops-manager at ops_manager_url;
// cloudgov: Atlas for Government, which the side rule refuses). A profile's secret may be absent: newer Atlas CLI
// versions keep it in the OS keychain, and the preview asks for it.
import { parse } from 'smol-toml';
import type { ImportLine, ImportParse } from './import-line';
import { lineFromFields } from './line-fields';

const ATLAS_FOR_GOVERNMENT = 'https://cloud.mongodbgov.com';

const SERVICE_SIDES: Record<string, string> = {
  cloud: 'atlas',
  atlas: 'atlas',
  cloudgov: 'atlas',
  'cloud-manager': 'cloud-manager',
  cloudmanager: 'cloud-manager',
  'ops-manager': 'ops-manager',
  opsmanager: 'ops-manager',
};

const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function lineOf(line: number, name: string, profile: Record<string, unknown>): ImportLine {
  const service = str(profile.service).toLowerCase() || 'cloud';
  // Own words only: a service named 'constructor' or '__proto__' is an unknown side, not an object's property.
  const side = Object.hasOwn(SERVICE_SIDES, service) ? SERVICE_SIDES[service]! : service;
  const serviceAccount = str(profile.client_id) !== '';
  const apiKey = str(profile.public_api_key) !== '';
  const server = service === 'cloudgov' ? ATLAS_FOR_GOVERNMENT : str(profile.ops_manager_url);
  const result = lineFromFields(line, {
    client: name,
    side,
    credential: serviceAccount && !apiKey ? 'service-account' : 'api-key',
    publicKey: serviceAccount && !apiKey ? str(profile.client_id) : str(profile.public_api_key),
    privateKey: serviceAccount && !apiKey ? str(profile.client_secret) : str(profile.private_api_key),
    server,
  });
  // Neither kind of key at all (a user login): said as such, not as a missing public key.
  if (!apiKey && !serviceAccount && result.problem?.kind !== 'unknown-side') result.problem = { kind: 'no-credential' };
  return result;
}

export function parseTomlImport(text: string): ImportParse {
  let parsed: Record<string, unknown>;
  try {
    parsed = parse(text) as Record<string, unknown>;
  } catch {
    return { ok: false, format: 'toml', problem: { kind: 'bad-toml' } };
  }
  // Top-level settings (telemetry_enabled, skip_update_check, ...) are not profiles.
  const profiles = Object.entries(parsed).filter(
    (entry): entry is [string, Record<string, unknown>] =>
      typeof entry[1] === 'object' && entry[1] !== null && !Array.isArray(entry[1]) && !(entry[1] instanceof Date),
  );
  return { ok: true, format: 'toml', lines: profiles.map(([name, profile], i) => lineOf(i + 1, name, profile)) };
}
