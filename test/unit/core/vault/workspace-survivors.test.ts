// What a backup's workspace may hold, rule by rule (the mutants backup-workspace.test.ts left alive): each field
// accepted at its bound and refused one past it, refused as 'invalid-backup' / 'damaged' and never half-read; an
// absent optional field stays absent; the records storage hands a backup are checked by the same rules
// (checkedOrg, checkedHistoryEntry); and a workspace sealed the documented way (bound to its envelope under
// 'workspace 1|') opens, so a backup written by an earlier version still restores.
import { describe, expect, it } from 'vitest';
import {
  checkedHistoryEntry,
  checkedOrg,
  MAX_HISTORY_ENTRIES,
  openWorkspace,
  sealWorkspace,
  validateWorkspace,
  type Workspace,
  type WorkspaceHistoryEntry,
} from '../../../../src/core/vault';
import { associatedData, toBase64 } from '../../../../src/core/vault/envelope';
import { MAX_WORKSPACE_ORGS } from '../../../../src/core/vault/workspace';
import { craftBackup, ORG_A, ORG_B, profile } from './backup-fixtures';

const ATLAS = 'd'.repeat(24);
const contents = { version: 1, profiles: [profile('p1', { orgIds: [ORG_A] })] };

/** The refusal of `raw`, as a caller reads it. */
function refusal(raw: unknown) {
  let error: unknown;
  try {
    validateWorkspace(raw);
  } catch (e) {
    error = e;
  }
  expect(error).toMatchObject({ name: 'VaultError' });
  const e = error as { kind: string; variant?: string; field?: string; params?: unknown };
  return { kind: e.kind, variant: e.variant, field: e.field, params: e.params };
}
const DAMAGED = { kind: 'invalid-backup', variant: 'damaged', field: undefined, params: undefined };

const withOrg = (org: Record<string, unknown>) => ({ version: 1, orgs: [{ orgId: ORG_A, ...org }] });
const entry = (extra: Record<string, unknown> = {}) => ({
  time: 5,
  orgId: ORG_A,
  operation: 'link',
  result: 'SYNCED',
  ok: true,
  profileLabel: 'Client p1',
  ...extra,
});
const withEntry = (extra: Record<string, unknown>) => ({ version: 1, orgs: [], history: [entry(extra)] });
const orgIdOf = (i: number) => i.toString(16).padStart(24, '0');

describe('validateWorkspace: the workspace as a whole', () => {
  it.each([
    ['null', null],
    ['a list', [{ version: 1, orgs: [] }]],
    ['text', 'workspace'],
    ['version 0', { version: 0, orgs: [] }],
    ["version '1' as text", { version: '1', orgs: [] }],
    ["version '2' as text", { version: '2', orgs: [] }],
    ['orgs that are not a list', { version: 1, orgs: { [ORG_A]: { orgId: ORG_A } } }],
    ['no orgs', { version: 1 }],
    ['history that is text', { version: 1, orgs: [], history: 'link' }],
  ])('refuses %s as damaged', (_what, raw) => {
    expect(refusal(raw)).toEqual(DAMAGED);
  });

  it('says a workspace of a later version is newer, whatever its number', () => {
    for (const version of [2, 1.5, 10]) {
      expect(refusal({ version, orgs: [] })).toEqual({ ...DAMAGED, variant: 'newer-version' });
    }
  });

  it('keeps exactly MAX_WORKSPACE_ORGS orgs and MAX_HISTORY_ENTRIES entries', () => {
    const orgs = Array.from({ length: MAX_WORKSPACE_ORGS }, (_, i) => ({ orgId: orgIdOf(i) }));
    const history = Array.from({ length: MAX_HISTORY_ENTRIES }, (_, i) => entry({ time: i }));
    const read = validateWorkspace({ version: 1, orgs, history });
    expect(read.orgs).toHaveLength(MAX_WORKSPACE_ORGS);
    expect(read.history).toHaveLength(MAX_HISTORY_ENTRIES);
  });

  it('reads no history as none, and an empty one as empty', () => {
    const none = validateWorkspace({ version: 1, orgs: [] });
    expect(none).toStrictEqual({ version: 1, orgs: [] });
    expect('history' in none).toBe(false);
    expect(validateWorkspace({ version: 1, orgs: [], history: [] })).toStrictEqual({
      version: 1,
      orgs: [],
      history: [],
    });
  });

  it('tells two different orgs apart (only the same org twice is refused)', () => {
    expect(validateWorkspace({ version: 1, orgs: [{ orgId: ORG_A }, { orgId: ORG_B }] }).orgs).toStrictEqual([
      { orgId: ORG_A },
      { orgId: ORG_B },
    ]);
  });
});

describe('validateWorkspace: an org record', () => {
  it('reads every field a record may have, and only those', () => {
    const org = {
      orgId: ORG_A,
      name: 'Acme',
      base: 'https://ops.example.com:8443',
      status: 'NOT_SYNCED',
      statusFrom: 'status',
      checkedAt: 0,
      atlasOrgId: ATLAS,
      note: 'ticket 42',
      linkMade: { time: 0, tokenSource: 'pasted', atlasOrgId: ATLAS },
    };
    expect(validateWorkspace({ version: 1, orgs: [org] }).orgs).toStrictEqual([org]);
    for (const status of ['SYNCED', 'NOT_SYNCED', 'NOT_LINKED']) {
      for (const statusFrom of ['link', 'unlink', 'status']) {
        expect(validateWorkspace(withOrg({ status, statusFrom })).orgs[0]).toStrictEqual({
          orgId: ORG_A,
          status,
          statusFrom,
        });
      }
    }
  });

  it('leaves an absent field absent', () => {
    const [org] = validateWorkspace(withOrg({ linkMade: { time: 3, tokenSource: 'created' } })).orgs;
    expect(org).toStrictEqual({ orgId: ORG_A, linkMade: { time: 3, tokenSource: 'created' } });
    expect(Object.keys(org!.linkMade!)).toEqual(['time', 'tokenSource']);
  });

  it.each([
    ['a record that is a list', { version: 1, orgs: [[ORG_A]] }],
    ['a record that is null', { version: 1, orgs: [null] }],
    ['no org id', { version: 1, orgs: [{ name: 'Acme' }] }],
    ['an org id that is a number', { version: 1, orgs: [{ orgId: 42 }] }],
    ['an org id in a list', { version: 1, orgs: [{ orgId: [ORG_A] }] }],
    ['a target in a list', withOrg({ atlasOrgId: [ATLAS] })],
    ['an org id with more around it', { version: 1, orgs: [{ orgId: `x${ORG_A}` }] }],
    ['a server address that is not text', withOrg({ base: 42 })],
    ['a server address that is no address', withOrg({ base: 'not a server' })],
    ['a server address with a trailing slash', withOrg({ base: 'https://ops.example.com/' })],
    ['a note that is not text', withOrg({ note: 42 })],
    ['a note with a text-direction mark', withOrg({ note: 'abc\u202edef' })],
    ['a note of 501 characters', withOrg({ note: '😀'.repeat(501) })],
    ['a name that is not text', withOrg({ name: 42 })],
    ['a name of 257 characters', withOrg({ name: 'n'.repeat(257) })],
    ['a name with a line separator', withOrg({ name: 'A\u2028B' })],
    ['an unknown status', withOrg({ status: 'synced' })],
    ['an unknown status source', withOrg({ statusFrom: 'revoke-token' })],
    ['a time that is negative', withOrg({ checkedAt: -1 })],
    ['a time that is not finite', withOrg({ checkedAt: Number.POSITIVE_INFINITY })],
    ['a time that is not a number', withOrg({ checkedAt: Number.NaN })],
    ['a target that is not an org id', withOrg({ atlasOrgId: 'atlas' })],
    ['a link that is not a record', withOrg({ linkMade: 'yes' })],
    ['a link without a time', withOrg({ linkMade: { tokenSource: 'created' } })],
    ['a link of negative time', withOrg({ linkMade: { time: -1, tokenSource: 'created' } })],
    ['a link with an unknown token source', withOrg({ linkMade: { time: 1, tokenSource: 'stolen' } })],
    ['a link to no org', withOrg({ linkMade: { time: 1, tokenSource: 'created', atlasOrgId: 'atlas' } })],
  ])('refuses %s', (_what, raw) => {
    expect(refusal(raw)).toEqual(DAMAGED);
  });

  it('keeps a note of 500 characters and a name of 256, and cleans a name of text-direction marks', () => {
    const note = '😀'.repeat(500);
    const name = 'n'.repeat(256);
    expect(validateWorkspace(withOrg({ note, name })).orgs[0]).toStrictEqual({ orgId: ORG_A, note, name });
    expect(validateWorkspace(withOrg({ name: 'A\u202eB' })).orgs[0]).toStrictEqual({ orgId: ORG_A, name: 'A B' });
  });

  it('trims a note, and drops one that is only white space', () => {
    expect(validateWorkspace(withOrg({ note: '  ticket 42 ' })).orgs[0]).toStrictEqual({
      orgId: ORG_A,
      note: 'ticket 42',
    });
    expect(validateWorkspace(withOrg({ note: '   ' })).orgs[0]).toStrictEqual({ orgId: ORG_A });
  });
});

describe('validateWorkspace: a history entry', () => {
  it('reads every field an entry may have, and only those', () => {
    const full = entry({
      orgName: 'Acme',
      seq: 1,
      publicKey: 'abcdefgh',
      tokenFingerprint: '0123456789abcdef',
      tokenSource: 'pasted',
      atlasOrgId: ATLAS,
      clearedCount: 0,
      ok: false,
    });
    expect(validateWorkspace({ version: 1, orgs: [], history: [{ ...full, secret: 'x' }] }).history).toStrictEqual([
      full,
    ]);
    expect(validateWorkspace({ version: 1, orgs: [], history: [entry()] }).history).toStrictEqual([entry()]);
  });

  it('reads every operation the history records, and an entry about no org', () => {
    const operations = [
      'link',
      'unlink',
      'status',
      'revoke-token',
      'clear-log',
      'migration-validate',
      'migration-start',
      'migration-cutover',
    ];
    const history = operations.map((operation) => entry({ operation, orgId: '' }));
    expect(validateWorkspace({ version: 1, orgs: [], history }).history).toStrictEqual(history);
  });

  it('keeps results and fingerprints at their bounds', () => {
    const bounds = [
      { result: 'r'.repeat(64), tokenFingerprint: 'f'.repeat(64) },
      { result: 'a', tokenFingerprint: '0'.repeat(8) },
      { result: 'Not_Linked-2', tokenFingerprint: '09af09af' },
    ];
    for (const extra of bounds) expect(validateWorkspace(withEntry(extra)).history).toStrictEqual([entry(extra)]);
  });

  it.each([
    ['an entry that is not a record', { version: 1, orgs: [], history: ['link'] }],
    ['ok that is not a boolean', withEntry({ ok: 'true' })],
    ['no ok', withEntry({ ok: undefined })],
    ['an org id that is not one', withEntry({ orgId: 'x' })],
    ['an org id in a list', withEntry({ orgId: [ORG_A] })],
    ['no org id', withEntry({ orgId: undefined })],
    ['seq 0', withEntry({ seq: 0 })],
    ['a negative seq', withEntry({ seq: -1 })],
    ['a seq that is not whole', withEntry({ seq: 1.5 })],
    ['a seq past the safe integers', withEntry({ seq: 2 ** 53 })],
    ['no time', withEntry({ time: undefined })],
    ['an unknown operation', withEntry({ operation: 'migration' })],
    ['an empty result', withEntry({ result: '' })],
    ['a result of 65 characters', withEntry({ result: 'r'.repeat(65) })],
    ['a result with more around it', withEntry({ result: 'SYNCED!' })],
    ['a result that is not text', withEntry({ result: 200 })],
    ['no profile label', withEntry({ profileLabel: undefined })],
    ['an org name with a control character', withEntry({ orgName: 'A\u0000' })],
    ['a public key of 257 characters', withEntry({ publicKey: 'k'.repeat(257) })],
    ['a fingerprint of 7 characters', withEntry({ tokenFingerprint: '0123456' })],
    ['a fingerprint of 65 characters', withEntry({ tokenFingerprint: 'f'.repeat(65) })],
    ['a fingerprint in capitals', withEntry({ tokenFingerprint: 'ABCDEF01' })],
    ['a fingerprint with more around it', withEntry({ tokenFingerprint: 'token 0123456789abcdef' })],
    ['an unknown token source', withEntry({ tokenSource: 'created ' })],
    ['a target that is not an org id', withEntry({ atlasOrgId: 'atlas' })],
    ['a negative count', withEntry({ clearedCount: -1 })],
    ['a count that is not whole', withEntry({ clearedCount: 0.5 })],
  ])('refuses %s', (_what, raw) => {
    expect(refusal(raw)).toEqual(DAMAGED);
  });
});

describe('checkedOrg and checkedHistoryEntry: what storage hands a backup', () => {
  it('answers the record as the backup keeps it', () => {
    expect(checkedOrg({ orgId: ORG_A, note: ' n ', failure: { kind: 'network' } })).toStrictEqual({
      orgId: ORG_A,
      note: 'n',
    });
    expect(checkedHistoryEntry({ ...entry(), error: 'x' })).toStrictEqual(entry());
  });

  it('answers undefined for a record the backup reader would refuse', () => {
    expect(checkedOrg({ orgId: 'x' })).toBeUndefined();
    expect(checkedOrg(null)).toBeUndefined();
    expect(checkedHistoryEntry(entry({ seq: 0 }))).toBeUndefined();
    expect(checkedHistoryEntry('entry')).toBeUndefined();
  });
});

describe('a sealed workspace', () => {
  const workspace: Workspace = {
    version: 1,
    orgs: [{ orgId: ORG_A, note: 'ticket 42' }],
    history: [entry() as WorkspaceHistoryEntry],
  };

  /** Seals `plain` the documented way: AES-GCM, bound to 'workspace 1|' and the envelope's associated data. */
  async function sealByHand(
    plain: Uint8Array<ArrayBuffer>,
    key: CryptoKey,
    envelope: Parameters<typeof associatedData>[0],
  ) {
    const label = new TextEncoder().encode('workspace 1|');
    const bound = associatedData(envelope);
    const additionalData = new Uint8Array([...label, ...bound]);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, plain);
    return { iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
  }

  it('opens a workspace sealed the documented way, as an earlier version wrote it', async () => {
    const { key, envelope } = await craftBackup(contents, 'backup passphrase 1');
    const sealed = await sealByHand(new TextEncoder().encode(JSON.stringify(workspace)), key, envelope);
    expect(await openWorkspace(sealed, key, envelope)).toStrictEqual(workspace);
  });

  it('refuses, as damaged, a sealed text that is not JSON or not UTF-8', async () => {
    const { key, envelope } = await craftBackup(contents, 'backup passphrase 1');
    const json = JSON.stringify({ version: 1, orgs: [{ orgId: ORG_A, note: 'XX' }] });
    const notUtf8 = new TextEncoder().encode(json);
    const at = json.indexOf('XX');
    notUtf8[at] = 0xff;
    notUtf8[at + 1] = 0xfe;
    for (const plain of [new TextEncoder().encode('{"version":1,'), notUtf8]) {
      const sealed = await sealByHand(plain, key, envelope);
      await expect(openWorkspace(sealed, key, envelope)).rejects.toMatchObject({
        kind: 'invalid-backup',
        variant: 'damaged',
      });
    }
  });

  it('seals only what the rules keep, and refuses to seal what they refuse', async () => {
    const { key, envelope } = await craftBackup(contents, 'backup passphrase 1');
    const sealed = await sealWorkspace(
      { ...workspace, orgs: [{ orgId: ORG_A, note: ' ticket 42 ', secret: 'x' } as never] },
      key,
      envelope,
    );
    expect(await openWorkspace(sealed, key, envelope)).toStrictEqual(workspace);
    await expect(sealWorkspace({ version: 1, orgs: [{ orgId: 'x' }] }, key, envelope)).rejects.toMatchObject({
      variant: 'damaged',
    });
  });
});
