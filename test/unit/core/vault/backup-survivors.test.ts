// Reading and adopting a backup (backup.ts), for the properties mutation testing found unprotected (issue #18):
// the exact refusal (kind and variant) for each malformed file, checks that look at the type before the value, the
// file's date, a passphrase that is not text, and the passphrase-length boundary on "replace".
import { describe, expect, it, vi } from 'vitest';
import {
  adoptBackup,
  BACKUP_FORMAT,
  MAX_BACKUP_CHARS,
  MAX_ITERATIONS,
  MIN_ITERATIONS,
  MIN_PASSPHRASE_LENGTH,
  makeBackup,
  openVaultWithKey,
  parseBackup,
  previewBackup,
  type VaultBackup,
  type VaultEnvelope,
} from '../../../../src/core/vault';
import { craftBackup, profile, vaultErrorOf } from './backup-fixtures';

const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about

const PASS = 'a long enough passphrase';
const contents = { version: 1, profiles: [profile('p1')] };

const b64 = (bytes: number) => Buffer.from(new Uint8Array(bytes).fill(9)).toString('base64');
const goodEnvelope = (): VaultEnvelope => ({
  version: 1,
  kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: MIN_ITERATIONS, salt: b64(16) },
  cipher: { name: 'AES-GCM', iv: b64(12) },
  data: b64(40),
});
const file = (envelope: unknown, extra: Record<string, unknown> = { createdAt: '2026-01-01T00:00:00.000Z' }) =>
  JSON.stringify({ format: BACKUP_FORMAT, ...extra, envelope });

async function refusal(run: Promise<unknown> | (() => unknown)) {
  const error = await vaultErrorOf(run);
  return { kind: error.kind, variant: error.variant };
}
const refused = (variant: string) => ({ kind: 'invalid-backup', variant });

describe('parseBackup refuses what is not a backup', () => {
  it('input that is not text is not-json, before its length or content is read', async () => {
    for (const text of [undefined, null, 123, { format: BACKUP_FORMAT }]) {
      expect(await refusal(() => parseBackup(text as never))).toEqual(refused('not-json'));
    }
  });

  it('text that is not JSON, too large, or JSON of another kind', async () => {
    expect(await refusal(() => parseBackup('{"format":'))).toEqual(refused('not-json'));
    expect(await refusal(() => parseBackup(' '.repeat(MAX_BACKUP_CHARS + 1)))).toEqual(refused('too-large'));
    for (const text of ['5', '"text"', 'true', '[]', 'null', '{"format":"other"}']) {
      expect(await refusal(() => parseBackup(text))).toEqual(refused('foreign'));
    }
  });
});

describe('the backup’s envelope is checked by type, then by value', () => {
  const damaged = refused('damaged');
  const withKdf = (kdf: unknown) => ({ ...goodEnvelope(), kdf });
  const withIterations = (iterations: unknown) => withKdf({ ...goodEnvelope().kdf, iterations });

  it('a well-formed envelope is read back as it was', () => {
    expect(parseBackup(file(goodEnvelope())).envelope).toEqual(goodEnvelope());
  });

  it('a missing or null envelope, or a null kdf, is damaged', async () => {
    expect(await refusal(() => parseBackup(JSON.stringify({ format: BACKUP_FORMAT })))).toEqual(damaged);
    expect(await refusal(() => parseBackup(file(null)))).toEqual(damaged);
    expect(await refusal(() => parseBackup(file(withKdf(null))))).toEqual(damaged);
  });

  it('a newer version is newer-version; a version that is not a number is damaged', async () => {
    expect(await refusal(() => parseBackup(file({ ...goodEnvelope(), version: 2 })))).toEqual(refused('newer-version'));
    expect(await refusal(() => parseBackup(file({ ...goodEnvelope(), version: '2' })))).toEqual(damaged);
  });

  it('too many iterations is costly-kdf, too few weak-kdf; counts that are not numbers are damaged', async () => {
    expect(await refusal(() => parseBackup(file(withIterations(MAX_ITERATIONS + 1))))).toEqual(refused('costly-kdf'));
    expect(await refusal(() => parseBackup(file(withIterations(MIN_ITERATIONS - 1))))).toEqual(refused('weak-kdf'));
    for (const iterations of [String(MAX_ITERATIONS * 2), '1', null, true]) {
      expect(await refusal(() => parseBackup(file(withIterations(iterations))))).toEqual(damaged);
    }
  });

  it('data shorter than the 16-byte tag is damaged; exactly 16 bytes is a well-formed file', async () => {
    expect(await refusal(() => parseBackup(file({ ...goodEnvelope(), data: b64(15) })))).toEqual(damaged);
    expect(parseBackup(file({ ...goodEnvelope(), data: b64(16) })).envelope.data).toBe(b64(16));
  });

  it('an envelope or kdf that is a function is damaged, whatever fields it carries', async () => {
    const fnEnvelope = Object.assign(() => undefined, { ...goodEnvelope(), version: 2 });
    const fnKdf = Object.assign(() => undefined, { iterations: MAX_ITERATIONS + 1 }); // a function's name is fixed
    for (const envelope of [fnEnvelope, { ...goodEnvelope(), kdf: fnKdf }]) {
      const backup = { format: BACKUP_FORMAT, createdAt: '', envelope } as unknown as VaultBackup;
      expect(await refusal(previewBackup(backup, PASS))).toEqual(damaged);
    }
  });

  it('previewBackup and adoptBackup of no backup at all is damaged', async () => {
    for (const backup of [null, undefined]) {
      expect(await refusal(previewBackup(backup as never, PASS))).toEqual(damaged);
      expect(await refusal(adoptBackup(backup as never, PASS))).toEqual(damaged);
    }
  });
});

describe('the file’s date', () => {
  it('is the time it was made, as ISO text', async () => {
    const { text } = await craftBackup(contents, PASS);
    expect(parseBackup(text).createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(parseBackup(file(goodEnvelope(), { createdAt: 'yesterday' })).createdAt).toBe('yesterday');
  });

  it('is empty text when the file has none, or one that is not text', () => {
    expect(parseBackup(file(goodEnvelope(), {})).createdAt).toBe('');
    expect(parseBackup(file(goodEnvelope(), { createdAt: 1767225600000 })).createdAt).toBe('');
    expect(parseBackup(file(goodEnvelope(), { createdAt: null })).createdAt).toBe('');
  });
});

describe('opening a backup', () => {
  it('a wrong passphrase names the backup, with variant backup', async () => {
    const { backup } = await craftBackup(contents, PASS);
    expect(await refusal(previewBackup(backup, 'not the passphrase'))).toEqual({
      kind: 'wrong-passphrase',
      variant: 'backup',
    });
  });

  it('a passphrase that is not text is read as the empty passphrase, never thrown on', async () => {
    const underEmpty = await craftBackup(contents, '');
    expect((await previewBackup(underEmpty.backup, undefined as never)).labels).toEqual(['Client p1']);
    const underPass = await craftBackup(contents, PASS);
    for (const passphrase of [undefined, null, 42]) {
      const error = await vaultErrorOf(previewBackup(underPass.backup, passphrase as never));
      expect([error.kind, error.variant]).toEqual(['wrong-passphrase', 'backup']);
    }
  });

  it('authentic ciphertext that is not JSON is invalid-backup/damaged', async () => {
    // JSON.stringify(undefined) is undefined, which seals as zero bytes: the data is the tag alone.
    const { backup } = await craftBackup(undefined, PASS);
    expect(await refusal(previewBackup(backup, PASS))).toEqual(refused('damaged'));
  });
});

describe('adoptBackup keeps the backup’s passphrase only if it is long enough', () => {
  it(`exactly ${MIN_PASSPHRASE_LENGTH} characters is adopted as it is`, async () => {
    const exact = 'x'.repeat(MIN_PASSPHRASE_LENGTH);
    const { backup, key } = await craftBackup(contents, exact);
    const { contents: previewed } = await previewBackup(backup, exact);
    const adopted = await adoptBackup(backup, exact);
    expect(adopted.contents).toEqual(previewed);
    expect(previewed.profiles.map((p) => p.label)).toEqual(['Client p1']);
    expect(adopted.envelope.kdf).toEqual(backup.envelope.kdf);
    expect(await openVaultWithKey(adopted.envelope, key)).toEqual(previewed);
  });

  it('one character less is refused as weak-passphrase', async () => {
    const short = 'x'.repeat(MIN_PASSPHRASE_LENGTH - 1);
    const { backup } = await craftBackup(contents, short);
    const error = await vaultErrorOf(adoptBackup(backup, short));
    expect({ kind: error.kind, variant: error.variant, params: error.params }).toEqual({
      kind: 'weak-passphrase',
      variant: 'backup-passphrase-too-short',
      params: { min: '10' },
    });
  });

  it('a backup made by makeBackup of that envelope reads back to it', async () => {
    const { envelope } = await craftBackup(contents, PASS);
    expect(parseBackup(makeBackup(envelope, 0)).envelope).toEqual(envelope);
  });
});
