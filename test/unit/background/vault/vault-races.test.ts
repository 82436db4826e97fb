// Vault writes racing each other and the lock, driven by the interleaving harness: for every storage await of one
// caller as the switch point (and a set of random schedules), the outcome must equal one of the two serial orders.
// No write may be computed from a vault another write replaced; nothing cached before a lock may survive it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { interleave, type Policy, randomPolicy, switchAt } from '../../../support/scheduled-storage';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about

// Which org a key belongs to is asked of the server before a save (key-identity.ts, covered end to end against the
// sandbox): here each key answers at once with an org of its own, so only the vault's storage calls interleave.
vi.mock('../../../../src/background/vault/key-identity', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../src/background/vault/key-identity')>();
  return {
    ...real,
    identifyKey: async (k: { publicKey: string }) => ({
      kind: 'org',
      org: { id: k.publicKey.charCodeAt(7).toString(16).padStart(24, '0'), name: `Org of ${k.publicKey}` },
      projects: [],
    }),
  };
});

const OLD = 'old passphrase 1';
const NEW = 'new passphrase 2';
const key = (n: number) => ({
  label: `Client ${n}`,
  publicKey: `abcdefg${n}`,
  privateKey: `1a2b3c4d-0000-4000-8000-00000000000${n}`,
});

async function worker() {
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { lockNow } = await import('../../../../src/background/vault/auto-lock');
  const { vaultState } = await import('../../../../src/background/vault/vault-store');
  const session = await import('../../../../src/background/vault/session');
  return { handlers, lockNow, vaultState, session };
}

async function freshVault() {
  fake.storage.hold(false);
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  const w = await worker();
  await w.handlers['vault/create']({ passphrase: OLD, profile: key(1) });
  return w;
}

async function labelsAfterRelock(passphrase: string): Promise<string[]> {
  const w = await worker(); // a new worker life: nothing cached in memory
  await w.lockNow();
  await w.handlers['vault/unlock']({ passphrase });
  return (await w.handlers['profiles/list']({})).map((p) => p.label).sort();
}

const policies = (a: string, b: string, switches: number): [string, Policy][] => [
  ...Array.from(
    { length: switches },
    (_, k) => [`${a} lets ${b} in after ${k} calls`, switchAt(a, b, k)] as [string, Policy],
  ),
  ...Array.from(
    { length: switches },
    (_, k) => [`${b} lets ${a} in after ${k} calls`, switchAt(b, a, k)] as [string, Policy],
  ),
  ...Array.from({ length: 6 }, (_, s) => [`random schedule ${s}`, randomPolicy(s + 1)] as [string, Policy]),
];

beforeEach(() => {
  fake.storage.hold(false);
});

describe('vault writes take one lock and re-read inside it', () => {
  it.each(policies('change', 'add', 12))('passphrase change ‖ add key pair (%s): nothing lost', async (_, policy) => {
    const w = await freshVault();
    const outcomes = await interleave(
      fake.storage,
      {
        change: () => w.handlers['vault/change-passphrase']({ oldPassphrase: OLD, newPassphrase: NEW }),
        add: () => w.handlers['profiles/add']({ profile: key(2) }),
      },
      policy,
    );
    expect(outcomes.change).toMatchObject({ ok: true });
    expect(outcomes.add).toMatchObject({ ok: true });
    expect(await labelsAfterRelock(NEW)).toEqual(['Client 1', 'Client 2']);
  });

  it.each(policies('change', 'read', 12))(
    'passphrase change ‖ a read (%s): the read never fails',
    async (_, policy) => {
      const w = await freshVault();
      const outcomes = await interleave(
        fake.storage,
        {
          change: () => w.handlers['vault/change-passphrase']({ oldPassphrase: OLD, newPassphrase: NEW }),
          read: () => w.handlers['profiles/list']({}),
        },
        policy,
      );
      expect(outcomes.change).toMatchObject({ ok: true });
      // A read between the new envelope and the new key is read again after the change, never a wrong passphrase.
      expect(outcomes.read).toMatchObject({ ok: true });
    },
  );

  it.each(policies('add', 'remove', 10))('add key pair ‖ remove key pair (%s): both land', async (_, policy) => {
    const w = await freshVault();
    const [first] = await w.handlers['profiles/list']({});
    const outcomes = await interleave(
      fake.storage,
      {
        add: () => w.handlers['profiles/add']({ profile: key(3) }),
        remove: () => w.handlers['profiles/remove']({ profileId: first!.id }),
      },
      policy,
    );
    expect(outcomes.add).toMatchObject({ ok: true });
    expect(outcomes.remove).toMatchObject({ ok: true });
    expect(await labelsAfterRelock(OLD)).toEqual(['Client 3']);
  });

  it.each(policies('replace', 'add', 12))('backup replace ‖ add key pair (%s): a serial outcome', async (_, policy) => {
    const w = await freshVault();
    const { text } = await w.handlers['backup/export']({});
    await w.handlers['profiles/add']({ profile: key(4) }); // after the backup: replace drops it
    const outcomes = await interleave(
      fake.storage,
      {
        replace: () => w.handlers['backup/import']({ text, passphrase: OLD, mode: 'replace' }),
        add: () => w.handlers['profiles/add']({ profile: key(5) }),
      },
      policy,
    );
    expect(outcomes.replace).toMatchObject({ ok: true });
    expect(outcomes.add).toMatchObject({ ok: true });
    const labels = await labelsAfterRelock(OLD);
    // add then replace → the backup alone; replace then add → the backup plus the new key pair.
    expect([['Client 1'], ['Client 1', 'Client 5']]).toContainEqual(labels);
  });

  it.each(policies('merge', 'edit', 12))('backup merge ‖ edit key pair (%s): both land', async (_, policy) => {
    const w = await freshVault();
    const [first] = await w.handlers['profiles/list']({});
    await w.handlers['profiles/add']({ profile: key(6) });
    const { text } = await w.handlers['backup/export']({});
    await w.handlers['profiles/remove']({ profileId: (await w.handlers['profiles/list']({}))[1]!.id });
    const outcomes = await interleave(
      fake.storage,
      {
        // The edit may land first: then the backup's older version of the key pair is a conflict; keep the vault's.
        merge: () => w.handlers['backup/import']({ text, passphrase: OLD, mode: 'merge', onConflict: 'keep-current' }),
        edit: () => w.handlers['profiles/update']({ profileId: first!.id, patch: { label: 'Renamed' } }),
      },
      policy,
    );
    expect(outcomes.merge).toMatchObject({ ok: true });
    expect(outcomes.edit).toMatchObject({ ok: true });
    const labels = await labelsAfterRelock(OLD);
    expect(labels).toEqual(['Client 6', 'Renamed']); // the merge brought one back, the edit is kept
  });
});

describe('a lock is final', () => {
  it.each(policies('load', 'lock', 6))('a key load in flight when the vault locks (%s)', async (_, policy) => {
    await freshVault();
    const w = await worker(); // a restarted worker: the key must be loaded from storage.session
    const outcomes = await interleave(
      fake.storage,
      { load: () => w.session.currentVaultKey(), lock: () => w.lockNow() },
      policy,
    );
    expect(outcomes.lock).toMatchObject({ ok: true });
    expect(await w.vaultState()).toBe('locked');
    expect(fake.storage.data.session.has('vaultKey')).toBe(false);
  });

  it.each(policies('unlock', 'lock', 10))('an unlock in flight when the vault locks (%s)', async (_, policy) => {
    await freshVault();
    const w = await worker();
    await w.lockNow();
    const outcomes = await interleave(
      fake.storage,
      { unlock: () => w.handlers['vault/unlock']({ passphrase: OLD }), lock: () => w.lockNow() },
      policy,
    );
    const state = await w.vaultState();
    // Either the unlock came after the lock (unlocked, and it said so) or the lock won (locked, and it said so).
    if (outcomes.unlock!.ok) expect(state).toBe('unlocked');
    else expect(state).toBe('locked');
    expect(fake.storage.data.session.has('vaultKey')).toBe(state === 'unlocked');
  });
});
