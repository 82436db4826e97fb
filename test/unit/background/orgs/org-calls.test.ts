// One call per org (org-state.ts, runExclusive): only the very same request joins the call running (the same
// operation, key pair, token source, token and Atlas org); any other is refused as busy, and the refusal names what
// runs in its variant and params, nothing more. And a record saved while the popup's panel cannot be kept still saves.
import { afterEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const { runExclusive, saveOrgStatus } = await import('../../../../src/background/orgs/org-state');

import type { CallRequest } from '../../../../src/background/orgs/org-state';

const ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';

/** Starts `first` as the org's call (held until released), then asks `second`: what the second one gets. */
async function whileRunning(first: CallRequest, second: CallRequest) {
  let release = () => {};
  const held = new Promise<string>((resolve) => {
    release = () => resolve('first');
  });
  const running = runExclusive(ORG, first, () => held);
  let outcome: { joined: boolean } | { refused: unknown };
  try {
    const joined = runExclusive(ORG, second, async () => 'second');
    outcome = { joined: joined === running };
  } catch (error) {
    outcome = { refused: error };
  }
  release();
  await running;
  return outcome;
}

const pasted: CallRequest = { operation: 'link', profileId: 'p1', tokenSource: 'pasted', tokenFingerprint: 'f1' };
const created: CallRequest = { operation: 'link', profileId: 'p1', tokenSource: 'created', atlasOrgId: 'a1' };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('one call per org', () => {
  it('joins the very same request', async () => {
    expect(await whileRunning(pasted, { ...pasted })).toEqual({ joined: true });
    expect(await whileRunning({ operation: 'status' }, { operation: 'status' })).toEqual({ joined: true });
  });

  it.each([
    ['another operation', { ...pasted, operation: 'unlink' as const }],
    ['another key pair', { ...pasted, profileId: 'p2' }],
    ['another token source', { ...pasted, tokenSource: 'created' as const }],
    ['another token', { ...pasted, tokenFingerprint: 'f2' }],
    ['another Atlas org', { ...pasted, atlasOrgId: 'a2' }],
  ])('refuses %s as busy', async (_what, second) => {
    const outcome = await whileRunning(pasted, second);
    expect(outcome).toMatchObject({ refused: { kind: 'busy' } });
  });
});

describe('the busy refusal names what runs', () => {
  const refusal = async (first: CallRequest) => {
    const outcome = await whileRunning(first, { operation: 'unlink' });
    return (outcome as { refused: { params: Record<string, string> } }).refused.params;
  };

  it("a link with a made token: its Atlas org, by name when known, and the key pair's label", async () => {
    expect(await refusal({ ...created, atlasOrgName: 'Acme Atlas', profileLabel: 'Acme' })).toStrictEqual({
      operation: 'link',
      variant: 'link-created',
      atlasOrgId: 'a1',
      atlasOrgName: 'Acme Atlas',
      label: 'Acme',
    });
    // Nothing unknown is named, not even as an empty key.
    expect(await refusal(created)).toStrictEqual({ operation: 'link', variant: 'link-created', atlasOrgId: 'a1' });
  });

  it("a link with a pasted token: the token's fingerprint", async () => {
    expect(await refusal(pasted)).toStrictEqual({ operation: 'link', variant: 'link-pasted', fingerprint: 'f1' });
  });

  it('only a link names a token or an Atlas org', async () => {
    const status: CallRequest = {
      operation: 'status',
      tokenSource: 'created',
      atlasOrgId: 'a1',
      tokenFingerprint: 'f1',
    };
    expect(await refusal(status)).toEqual({ operation: 'status', variant: 'status' });
    // A made token's link names its Atlas org only with one; without, it is a link of its token, if any.
    expect(await refusal({ ...created, atlasOrgId: undefined, tokenFingerprint: 'f3' })).toEqual({
      operation: 'link',
      variant: 'link-pasted',
      fingerprint: 'f3',
    });
    expect(await refusal({ operation: 'link', tokenSource: 'pasted', atlasOrgId: 'a1' })).toEqual({
      operation: 'link',
      variant: 'link',
    });
  });
});

describe("an org's record", () => {
  const panel = (orgId: string) => ({
    page: `org https://cloud.mongodb.com ${orgId}`,
    urls: [`https://cloud.mongodb.com/v2#/org/${orgId}/projects`],
    context: { vault: 'unlocked', org: { orgId, status: 'NOT_LINKED' }, profiles: [], candidates: ['p1'] },
    until: null,
  });

  it("is saved when the popup's kept panel of its org cannot be written, and the warning names no value", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fake.browser.storage.session.set({ popupSnapshots: [panel(ORG)] });
    vi.spyOn(fake.browser.storage.session, 'set').mockRejectedValue({ kind: 'storage-full' });
    const record = await saveOrgStatus(ORG, { name: 'Acme Retail', status: 'SYNCED' });
    expect(record).toMatchObject({ orgId: ORG, name: 'Acme Retail', status: 'SYNCED' });
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('popup panel not updated:', 'storage-full'));
  });

  it("changes no other org's panel, and writes nothing when its org has none", async () => {
    const other = panel('60a1b2c3d4e5f60718293a4b');
    await fake.browser.storage.session.set({ popupSnapshots: [other] });
    const set = vi.spyOn(fake.browser.storage.session, 'set');
    await saveOrgStatus(ORG, { status: 'SYNCED' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(set).not.toHaveBeenCalled();
    expect((await fake.browser.storage.session.get('popupSnapshots')).popupSnapshots).toEqual([other]);
  });
});
