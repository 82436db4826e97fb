// History's size bound holds both ways (#30 item 2): at most HISTORY_CAP entries and HISTORY_MAX_BYTES of JSON,
// the oldest dropped first, every text field cut to 256 display-safe characters. The worst entry is measured here,
// as history.ts's comment states it.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const history = await import('../../../../src/background/orgs/history');
const stored = () => (fake.storage.data.local.get('history') ?? []) as Record<string, unknown>[];
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/** Every field at its largest: a 256-character name of four-byte characters, a 200-character Hangul label. */
const worst = (n: number) => ({
  time: 1_800_000_000_000 + n,
  orgId: 'f'.repeat(24),
  orgName: '𝕏'.repeat(100_000),
  operation: 'revoke-token' as const,
  result: 'access-list-ips-missing',
  ok: false,
  profileLabel: '한'.repeat(200),
  publicKey: 'k'.repeat(200),
  tokenFingerprint: 'a'.repeat(16),
  tokenSource: 'created' as const,
  atlasOrgId: 'e'.repeat(24),
});

beforeEach(() => fake.storage.data.local.clear());

describe('the history bound', () => {
  it('one worst-case entry is about 2.2 KB once recorded, its name cut to 256 characters', async () => {
    await history.recordAction(worst(1));
    const [entry] = stored();
    expect([...(entry!.orgName as string)]).toHaveLength(256);
    expect(bytes(entry)).toBeLessThan(2_300);
    expect(bytes(entry)).toBeGreaterThan(2_000);
  });

  it('holds in bytes: worst-case entries beyond 1 MiB drop the oldest; the newest is always kept', async () => {
    fake.storage.data.local.set(
      'history',
      Array.from({ length: 999 }, (_, i) => ({ ...worst(i), orgName: '𝕏'.repeat(256), seq: i + 1 })),
    );
    expect(bytes(stored())).toBeGreaterThan(history.HISTORY_MAX_BYTES);
    await history.recordAction(worst(1_000));
    expect(bytes(stored())).toBeLessThanOrEqual(history.HISTORY_MAX_BYTES);
    expect(stored().length).toBeGreaterThan(450);
    expect(stored().at(-1)).toMatchObject({ seq: 1_000, time: 1_800_000_001_000 });
  });

  it('holds in count: ordinary entries stop at HISTORY_CAP, well within the bytes', async () => {
    const ordinary = (i: number) => ({ time: i, orgId: 'a'.repeat(24), operation: 'link', result: 'SYNCED', ok: true });
    fake.storage.data.local.set(
      'history',
      Array.from({ length: history.HISTORY_CAP }, (_, i) => ({ ...ordinary(i), profileLabel: 'Acme', seq: i + 1 })),
    );
    await history.recordAction({ ...ordinary(5_000), profileLabel: 'Acme' } as never);
    expect(stored()).toHaveLength(history.HISTORY_CAP);
    expect(stored()[0]).toMatchObject({ seq: 2 });
    expect(bytes(stored())).toBeLessThan(history.HISTORY_MAX_BYTES / 4);
  });

  it('an entry keeps ids, kinds and fingerprints as they are, and a label or name display-safe', async () => {
    await history.recordAction({ ...worst(2), orgName: 'Acme\u202E\nBank', profileLabel: 'Client\u2066 1' });
    expect(stored()[0]).toMatchObject({
      orgName: 'Acme  Bank',
      profileLabel: 'Client  1',
      orgId: 'f'.repeat(24),
      tokenFingerprint: 'a'.repeat(16),
      result: 'access-list-ips-missing',
    });
  });
});
