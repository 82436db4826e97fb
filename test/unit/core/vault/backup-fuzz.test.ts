// Fuzzing what a backup file can hold: arbitrary text and JSON, and valid backups and contents with random
// damage. Whatever comes in, reading it ends in a VaultError or in something every check accepts, promptly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isVaultEnvelope,
  MAX_ITERATIONS,
  MIN_ITERATIONS,
  parseBackup,
  sealVault,
  type VaultContents,
  VaultError,
  validateContents,
} from '../../../../src/core/vault';
import { openEnvelope } from '../../../../src/core/vault/vault';
import { craftBackup, ORG_A, ORG_B, profile } from './backup-fixtures';

const PASS = 'a long enough passphrase';
const validContents: VaultContents = {
  version: 1,
  profiles: [
    profile('p1', { orgIds: [ORG_A] }),
    profile('p2', { baseUrl: 'http://ops.example.com:8080', insecureHttpConfirmed: true, orgIds: [ORG_B] }),
    profile('p3', { baseUrl: 'http://127.0.0.1:9443', label: '글로벡스' }),
  ],
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Replace, delete or add one value somewhere inside `value`, the way a damaged or hand-edited file differs. */
function mutation(value: Json): fc.Arbitrary<Json> {
  const paths: (string | number)[][] = [];
  const walk = (v: Json, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, [...path, i]);
    } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(value, []);
  const nasty = fc.oneof(
    fc.jsonValue() as fc.Arbitrary<Json>,
    fc.constantFrom<Json>(-1, 0, 1.5, 2 ** 32 - 1, 1e308, '', ' ', 'x'.repeat(300), '\u200b', [], {}, null, true),
    fc.string({ unit: 'binary' }),
  );
  return fc
    .tuple(fc.constantFrom(...paths), fc.constantFrom('replace', 'delete', 'add'), nasty, fc.string())
    .map(([path, how, replacement, newKey]) => {
      const copy = structuredClone(value);
      if (path.length === 0) return how === 'replace' ? replacement : copy;
      let parent = copy as Record<string | number, Json>;
      for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
      const last = path[path.length - 1]!;
      if (how === 'replace') parent[last] = replacement;
      else if (how === 'delete') {
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete parent[last];
      } else if (Array.isArray(parent)) parent.push(replacement);
      else parent[newKey] = replacement;
      return copy;
    });
}

function onlyVaultErrors<T>(run: () => T): { value?: T; error?: VaultError } {
  try {
    return { value: run() };
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
    return { error };
  }
}

describe('parseBackup under fuzzing', () => {
  const expectSound = (text: string) => {
    const started = Date.now();
    const { value } = onlyVaultErrors(() => parseBackup(text));
    expect(Date.now() - started).toBeLessThan(1000);
    if (value) {
      expect(isVaultEnvelope(value.envelope)).toBe(true);
      expect(value.envelope.kdf.iterations).toBeGreaterThanOrEqual(MIN_ITERATIONS);
      expect(value.envelope.kdf.iterations).toBeLessThanOrEqual(MAX_ITERATIONS);
    }
  };

  it('arbitrary text and JSON only ever end in a VaultError', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), expectSound), { numRuns: 300 });
    fc.assert(
      fc.property(fc.jsonValue(), (v) => expectSound(JSON.stringify(v) ?? '')),
      { numRuns: 300 },
    );
  });

  it('a valid backup with random damage is refused with a VaultError or still sound', async () => {
    const valid = JSON.parse((await craftBackup(validContents, PASS)).text) as Json;
    fc.assert(
      fc.property(mutation(valid), (damaged) => expectSound(JSON.stringify(damaged) ?? '')),
      { numRuns: 1000 },
    );
  });

  it('refuses an oversized file before parsing it, promptly', () => {
    const deep = `${'['.repeat(3_000_000)}${']'.repeat(3_000_000)}`;
    const started = Date.now();
    expect(onlyVaultErrors(() => parseBackup(deep)).error).toMatchObject({ variant: 'too-large' });
    expect(Date.now() - started).toBeLessThan(200);
  });
});

describe('the contents check under fuzzing', () => {
  const expectSound = (raw: unknown) => {
    for (const source of ['backup', 'vault'] as const) {
      const { value } = onlyVaultErrors(() => validateContents(raw, source));
      if (value) {
        // What comes out passes the check again, unchanged; what a backup yields also opens as the stored vault
        // (the vault's check is the more lenient one only for rules older key pairs predate).
        expect(validateContents(value, source)).toEqual(value);
        expect(validateContents(value, 'vault')).toEqual(value);
      }
    }
  };

  it('arbitrary JSON only ever ends in a VaultError', () => {
    fc.assert(fc.property(fc.jsonValue(), expectSound), { numRuns: 500 });
    fc.assert(
      fc.property(fc.jsonValue(), (profiles) => expectSound({ version: 1, profiles })),
      { numRuns: 500 },
    );
  });

  it('valid contents with random damage are refused or come out sound', () => {
    expect(validateContents(validContents, 'backup')).toEqual(validContents);
    fc.assert(fc.property(mutation(validContents as unknown as Json), expectSound), { numRuns: 2000 });
  });

  it('decrypting damaged contents on the backup path never yields what the check refuses', async () => {
    const { key, envelope } = await craftBackup(validContents, PASS);
    await fc.assert(
      fc.asyncProperty(mutation(validContents as unknown as Json), async (damaged) => {
        const sealed = await sealVault(damaged as unknown as VaultContents, key, envelope.kdf);
        const contents = await openEnvelope(sealed, key, 'backup').catch((error: unknown) => {
          if (!(error instanceof VaultError)) throw error;
          return undefined;
        });
        if (contents) expect(validateContents(contents, 'vault')).toEqual(contents);
      }),
      { numRuns: 200 },
    );
  });
});
