// Where a key pair's credential may go (#30 item 4): a Cloud Manager or Atlas key pair (API key or service account)
// signs in at https://cloud.mongodb.com only, and Ops Manager has no service accounts. One rule for a form or a
// message (addProfile, updateProfile) and for a backup or a merge (validateContents): what one refuses, the other
// refuses. A stored vault that holds such a key pair still opens; the key pair is named as the one to fix and is
// refused before any call.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addProfile,
  emptyContents,
  findProfileProblem,
  type KeyCredential,
  type KeySide,
  previewBackup,
  requireSideRule,
  updateProfile,
  validateContents,
} from '../../../../src/core/vault';
import { craftBackup, profile, vaultErrorOf } from './backup-fixtures';

const CM = 'https://cloud.mongodb.com';
const CLIENT_ID = 'mdb_sa_id_0123456789abcdef01234567';
const CLIENT_SECRET = 'mdb_sa_sk_abcdefghijklmnopqrstuvwxyz012345';
const serviceAccount = (extra: object) => ({
  label: 'Acme',
  publicKey: CLIENT_ID,
  privateKey: CLIENT_SECRET,
  credential: 'service-account' as const,
  ...extra,
});
const apiKey = (extra: object) => ({
  label: 'Acme',
  publicKey: 'qwhtzmpa',
  privateKey: '3f9c2e71-8a4b-4c5d-9e6f-0a1b2c3d4e5f',
  ...extra,
});
const SIDE_SERVER = { kind: 'invalid-profile', field: 'baseUrl', variant: 'side-server' };

describe('a form or a message', () => {
  it.each([
    [
      'a Cloud Manager service account on an Ops Manager server',
      serviceAccount({ side: 'cloud-manager', baseUrl: 'https://ops.internal.example:8443' }),
    ],
    [
      'a Cloud Manager service account on a confirmed http:// server',
      serviceAccount({ side: 'cloud-manager', baseUrl: 'http://ops.internal.example', allowInsecureHttp: true }),
    ],
    [
      'an Atlas service account on another server',
      serviceAccount({ side: 'atlas', baseUrl: 'https://atlas.example.com' }),
    ],
    ['an Atlas API key on another server', apiKey({ side: 'atlas', baseUrl: 'https://ops.internal.example:8443' })],
    ['a Cloud Manager API key on another server', apiKey({ side: 'cloud-manager', baseUrl: 'https://evil.example' })],
  ])('cannot save %s', async (_, input) => {
    const error = await vaultErrorOf(() => addProfile(emptyContents(), input, 1));
    expect(error).toMatchObject(SIDE_SERVER);
  });

  it('cannot move a saved Cloud Manager service account to another server, nor make it an Ops Manager one', async () => {
    const { contents, profile: saved } = addProfile(emptyContents(), serviceAccount({}), 1);
    expect(saved.baseUrl).toBe(CM);
    expect(
      await vaultErrorOf(() => updateProfile(contents, saved.id, { baseUrl: 'https://ops.internal.example:8443' }, 2)),
    ).toMatchObject(SIDE_SERVER);
    const toOps = { side: 'ops-manager' as const, baseUrl: 'https://ops.internal.example:8443' };
    expect(await vaultErrorOf(() => updateProfile(contents, saved.id, toOps, 2))).toMatchObject({
      field: 'credential',
      variant: 'credential-side',
    });
  });

  it('still saves a Cloud Manager or Atlas key pair at Cloud Manager, and an Ops Manager API key anywhere', () => {
    expect(
      addProfile(emptyContents(), serviceAccount({ side: 'cloud-manager', baseUrl: `${CM}/` }), 1).profile.baseUrl,
    ).toBe(CM);
    expect(addProfile(emptyContents(), apiKey({ side: 'atlas', baseUrl: CM }), 1).profile.side).toBe('atlas');
    const ops = addProfile(emptyContents(), apiKey({ baseUrl: 'https://ops.internal.example:8443' }), 1).profile;
    expect(ops).toMatchObject({ side: 'ops-manager', baseUrl: 'https://ops.internal.example:8443' });
  });
});

describe('a backup (restored or merged)', () => {
  const OPS = 'https://opsmanager.example.com';
  it.each([
    [
      'a service account on Ops Manager',
      { side: 'ops-manager', baseUrl: OPS, credential: 'service-account' },
      { field: 'credential', variant: 'credential-side' },
    ],
    [
      'a service account of an older backup (no side) on an Ops Manager server',
      { baseUrl: OPS, credential: 'service-account' },
      { field: 'credential', variant: 'credential-side' },
    ],
    [
      'a Cloud Manager service account on another server',
      { side: 'cloud-manager', baseUrl: 'https://ops.internal.example:8443', credential: 'service-account' },
      { field: 'baseUrl', variant: 'side-server' },
    ],
    [
      'a Cloud Manager key on a confirmed http:// server',
      { side: 'cloud-manager', baseUrl: 'http://ops.internal.example', insecureHttpConfirmed: true },
      { field: 'baseUrl', variant: 'side-server' },
    ],
  ])('holding %s is refused, naming the key pair', (_, fields, refusal) => {
    const raw = { version: 1, profiles: [profile('p1'), profile('p2', fields)] };
    expect(() => validateContents(raw, 'backup')).toThrow(
      expect.objectContaining({
        kind: 'invalid-backup',
        ...refusal,
        params: { profile: '2' },
      }),
    );
  });

  it('is refused before its preview, so nothing of it can be merged or adopted', async () => {
    const raw = {
      version: 1,
      profiles: [profile('p1', { side: 'ops-manager', baseUrl: OPS, credential: 'service-account' })],
    };
    const { backup } = await craftBackup(raw, 'correct horse battery');
    expect(await vaultErrorOf(previewBackup(backup, 'correct horse battery'))).toMatchObject({
      kind: 'invalid-backup',
      variant: 'credential-side',
    });
  });
});

describe('the stored vault', () => {
  it('still opens with such a key pair, names it as the one to fix, and refuses it before any call', async () => {
    const stored = {
      version: 1,
      profiles: [
        profile('p1'),
        profile('p2', {
          side: 'cloud-manager',
          baseUrl: 'https://ops.internal.example:8443',
          credential: 'service-account',
        }),
        profile('p3', {
          side: 'ops-manager',
          baseUrl: 'https://ops.internal.example:8443',
          credential: 'service-account',
        }),
      ],
    };
    const opened = validateContents(stored, 'vault');
    expect(opened.profiles.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
    expect(opened.profiles.map((p) => findProfileProblem(p)?.field)).toEqual([undefined, 'baseUrl', 'credential']);
    expect(() => requireSideRule(opened.profiles[0]!)).not.toThrow();
    expect(await vaultErrorOf(() => requireSideRule(opened.profiles[1]!))).toMatchObject(SIDE_SERVER);
    expect(await vaultErrorOf(() => requireSideRule(opened.profiles[2]!))).toMatchObject({
      variant: 'credential-side',
    });
  });
});

// Property: one rule. Whatever side, kind and server a page sends, the backup check accepts the key pair exactly
// when the form would have saved it (and what the form saves always passes the backup check).
describe('a form and a backup agree (property)', () => {
  const side = fc.constantFrom<KeySide | undefined>(undefined, 'cloud-manager', 'ops-manager', 'atlas');
  const credential = fc.constantFrom<KeyCredential | undefined>(undefined, 'api-key', 'service-account');
  const baseUrl = fc.constantFrom(
    CM,
    'https://cloud.mongodb.com:443',
    'https://cloud.mongodbgov.com',
    'https://ops.internal.example:8443',
    'http://ops.internal.example',
    'http://127.0.0.1:8080',
  );
  // An Atlas key pair is always saved with the Atlas org its key named.
  const ATLAS_ORG = { id: 'a7'.repeat(12), name: 'Acme (Atlas)' };
  const atlasIdentity = (s: KeySide | undefined) =>
    s === 'atlas' ? { kind: 'atlas-org' as const, org: ATLAS_ORG } : undefined;
  it('holds for every combination', () => {
    fc.assert(
      fc.property(side, credential, baseUrl, (s, c, url) => {
        const input = {
          ...(c === 'service-account' ? serviceAccount({}) : apiKey({})),
          side: s,
          credential: c,
          baseUrl: url,
        };
        let saved: ReturnType<typeof addProfile> | undefined;
        try {
          saved = addProfile(emptyContents(), { ...input, allowInsecureHttp: true }, 1, atlasIdentity(s));
        } catch {
          saved = undefined;
        }
        const raw = {
          version: 1,
          profiles: [
            profile('p1', {
              ...(s ? { side: s } : {}),
              ...(c ? { credential: c } : {}),
              ...(c === 'service-account' ? { publicKey: CLIENT_ID, privateKey: CLIENT_SECRET } : {}),
              baseUrl: url,
              insecureHttpConfirmed: true,
              ...(s === 'atlas' ? { org: ATLAS_ORG } : {}),
            }),
          ],
        };
        let accepted = true;
        try {
          validateContents(raw, 'backup');
        } catch {
          accepted = false;
        }
        expect(accepted).toBe(saved !== undefined);
        if (saved)
          expect(validateContents(JSON.parse(JSON.stringify(saved.contents)), 'backup')).toEqual(saved.contents);
      }),
      { numRuns: 300 },
    );
  });
});
