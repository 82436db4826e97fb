// PRIVACY.md (issue 15) against what the extension really declares and keeps: the manifest's permissions, host
// permissions and Firefox data-collection declaration, and every key of the storage registry with its area and
// whether the lock wipes it. A new permission or storage key fails here until the policy describes it.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { type KeySpec, STORAGE_KEYS } from '../../../src/background/storage/keys';

const privacy = readFileSync('PRIVACY.md', 'utf8');
const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  storage?: { managed_schema?: string };
  browser_specific_settings: { gecko: { data_collection_permissions?: unknown } };
};

/** The text of a `## ` section, up to the next one. */
function section(title: string): string {
  const start = privacy.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`PRIVACY.md has no section "${title}"`);
  const end = privacy.indexOf('\n## ', start + 1);
  return privacy.slice(start, end < 0 ? undefined : end);
}

/** The first cell of each table row, unwrapped from its backticks. */
const firstCells = (text: string) =>
  [...text.matchAll(/^\| `([^`]+)` +\|(.*)$/gm)].map((m) => ({ key: m[1]!, rest: m[2]! }));

describe('PRIVACY.md agrees with the manifest', () => {
  test('names every permission and host permission, and no other', () => {
    const declared = [
      ...(manifest.permissions ?? []),
      ...(manifest.host_permissions ?? []),
      ...(manifest.optional_host_permissions ?? []),
    ];
    const described = firstCells(section('Permissions, and why')).map((r) => r.key);
    expect(described.sort()).toEqual(declared.sort());
    for (const optional of manifest.optional_host_permissions ?? []) {
      const row = firstCells(section('Permissions, and why')).find((r) => r.key === optional)!;
      expect(row.rest, optional).toMatch(/optional/);
    }
  });

  test('states the Firefox data-collection declaration exactly as the manifest makes it', () => {
    const stated = privacy.match(/data_collection_permissions`\):\s*`(\{[^`]+\})`/);
    expect(stated, 'PRIVACY.md quotes the declaration').not.toBeNull();
    const declaration = manifest.browser_specific_settings.gecko.data_collection_permissions;
    expect(JSON.parse(stated![1]!)).toEqual(declaration);
    // "none" is a promise: the policy must say that nothing goes to the developer or anyone else.
    // Credentials go to the key pair's own server, which Firefox counts as transmitted authentication information;
    // nothing else is declared, and the policy says nothing goes to the developer.
    expect(declaration).toEqual({ required: ['authenticationInfo'] });
    expect(privacy).toMatch(/no\s+telemetry/i);
    expect(privacy).toMatch(/The developer receives nothing/);
  });

  test('sends to the hosts the manifest allows, and to a user-entered Ops Manager server only', () => {
    const sent = section('What is sent, and where');
    const origins = new Set([...sent.matchAll(/`(https?:\/\/[^/`]+)/g)].map((m) => m[1]!));
    const allowed = (manifest.host_permissions ?? []).map((h) => new URL(h.replace('/*', '/')).origin);
    expect([...origins].filter((o) => !allowed.includes(o))).toEqual([]);
    expect(sent).toMatch(/your Ops Manager server/);
  });

  test("mentions the administrator's policies (managed storage) when the manifest declares a policy schema", () => {
    if (manifest.storage?.managed_schema) expect(privacy).toMatch(/reads them from the browser's managed storage/);
  });
});

describe('PRIVACY.md describes every storage key', () => {
  const rows = firstCells(section('What is kept in your browser'));

  test('every key of the registry, and no other, with its area', () => {
    const described = Object.fromEntries(rows.map((r) => [r.key, r.rest.split('|')[0]!.trim()]));
    const registry = Object.fromEntries(Object.entries(STORAGE_KEYS).map(([key, spec]) => [key, spec.area]));
    expect(described).toEqual(registry);
  });

  test('says which keys the lock wipes, as the registry does', () => {
    for (const { key, rest } of rows) {
      const spec = STORAGE_KEYS[key as keyof typeof STORAGE_KEYS];
      expect(/wiped on lock/.test(rest), key).toBe(spec.wipeOnLock);
    }
  });

  test('says encrypted for the keys that hold ciphertext', () => {
    for (const { key, rest } of rows) {
      const spec: KeySpec = STORAGE_KEYS[key as keyof typeof STORAGE_KEYS];
      if (spec.encrypted) expect(rest, key).toMatch(/encrypted/);
    }
  });
});
