// Only the same request joins the org's one call (#30 item 3): a second link with another pasted token, another key
// pair or another Atlas org is refused as busy, with what is running, and is never answered by the first one's
// outcome; the same request again (a second click) joins it and no second call is sent.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeLinkToken, tokenFingerprint } from '../../../../src/core/cloudmanager';
import { errorWords } from '../../../../src/shared/text/error-words';
import { message } from '../../../support/fake-extension';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);

const cm = await vi.hoisted(async () => (await import('./org-fixture')).createCloudManager());
/** Atlas side: which Atlas org each Atlas key is of, and the tokens made (by Atlas org). */
const atlas = vi.hoisted(() => ({
  orgOfKey: {} as Record<string, { id: string; name: string }>,
  made: [] as string[],
}));
vi.mock('../../../../src/background/api/api-clients', () => cm.module);
vi.mock('../../../../src/background/api/atlas-clients', () => ({
  atlasApiFor: () => ({
    createLinkToken: async (atlasOrgId: string) => {
      atlas.made.push(atlasOrgId);
      return `made-for-${atlasOrgId}`;
    },
  }),
}));
vi.mock('../../../../src/background/vault/atlas-identity', async (original) => ({
  ...(await original<object>()),
  identifyAtlasKey: async (key: { publicKey: string }) => ({ kind: 'atlas-org', org: atlas.orgOfKey[key.publicKey] }),
}));

import { freshWorker, key, orgId } from './org-fixture';

const ORG = orgId(1);
const ATLAS_A = 'a'.repeat(24);
const ATLAS_B = 'b'.repeat(24);
const TOKEN_1 = btoa(JSON.stringify({ token: `first-${'x'.repeat(40)}` }));
const TOKEN_2 = btoa(JSON.stringify({ token: `second-${'y'.repeat(40)}` }));

const atlasKey = (publicKey: string, org: { id: string; name: string }) => {
  atlas.orgOfKey[publicKey] = org;
  return {
    label: 'Client 1',
    publicKey,
    privateKey: `5a2b3c4d-0000-4000-8000-${publicKey.padStart(12, '0').slice(-12)}`,
    side: 'atlas' as const,
  };
};

/** Time for a second request to reach the org's one call (its key pair is chosen from the vault first). */
const arrived = () => new Promise((resolve) => setTimeout(resolve, 200));

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

const fingerprintOf = (token: string) => tokenFingerprint(normalizeLinkToken(token));
const history = () => (fake.storage.data.local.get('history') ?? []) as Record<string, unknown>[];
const links = () => cm.calls.filter((c) => c.includes(': link '));
const words = (error: unknown) => {
  const { kind, params } = error as { kind: never; params?: Record<string, string> };
  return errorWords({ kind, params }, (k, subs) => message(k, subs)).message;
};

beforeEach(() => {
  cm.hold = undefined;
  cm.holdFor = {};
  atlas.made = [];
});

describe('two link requests for one org', () => {
  it('another pasted token is refused as busy, naming the running token; only the first is sent and recorded', async () => {
    const { handlers } = await freshWorker(fake, cm, key(1));
    const wait = deferred();
    cm.hold = wait.promise;
    const first = handlers['link/create']({ orgId: ORG, linkToken: TOKEN_1 });
    await vi.waitFor(() => expect(links()).toHaveLength(1));
    // Computed before the second call: an await between the call and its expectation would leave its refusal
    // unhandled for a moment (vitest reports that as an unhandled rejection, and the run fails).
    const fingerprint = await fingerprintOf(TOKEN_1);
    const second = handlers['link/create']({ orgId: ORG, linkToken: TOKEN_2 });
    await expect(second).rejects.toMatchObject({
      kind: 'busy',
      params: { variant: 'link-pasted', fingerprint, label: 'Client 1' },
    });
    wait.release();
    await expect(first).resolves.toMatchObject({ status: 'NOT_SYNCED' });
    expect(links()).toHaveLength(1);
    const recorded = history().filter((e) => e.operation === 'link');
    expect(recorded.map((e) => e.tokenFingerprint)).toEqual([await fingerprintOf(TOKEN_1)]);
    await expect(second.catch(words)).resolves.toContain(await fingerprintOf(TOKEN_1));
  });

  it('the same token with the same key pair joins the running link: one call, one answer', async () => {
    const { handlers } = await freshWorker(fake, cm, key(1));
    const wait = deferred();
    cm.hold = wait.promise;
    const first = handlers['link/create']({ orgId: ORG, linkToken: TOKEN_1 });
    await vi.waitFor(() => expect(links()).toHaveLength(1));
    const again = handlers['link/create']({ orgId: ORG, linkToken: `  ${TOKEN_1}  ` });
    await arrived();
    wait.release();
    const [a, b] = await Promise.all([first, again]);
    expect(b).toEqual(a);
    expect(links()).toHaveLength(1);
  });

  it('an unlink while a link runs is refused, and the words say a link is running', async () => {
    const { handlers } = await freshWorker(fake, cm, key(1));
    const wait = deferred();
    cm.hold = wait.promise;
    const first = handlers['link/create']({ orgId: ORG, linkToken: TOKEN_1 });
    await vi.waitFor(() => expect(links()).toHaveLength(1));
    const error = await handlers['link/delete']({ orgId: ORG }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'busy', params: { operation: 'link' } });
    expect(words(error)).toMatch(/A link for this organization is still running/);
    wait.release();
    await first;
  });
});

describe('two create-and-link requests for one org', () => {
  it('another Atlas org is refused as busy, naming the Atlas org the running one links to', async () => {
    const { handlers } = await freshWorker(
      fake,
      cm,
      key(1),
      atlasKey('atlasA', { id: ATLAS_A, name: 'Acme Atlas' }),
      atlasKey('atlasB', { id: ATLAS_B, name: 'Beta Atlas' }),
    );
    const wait = deferred();
    cm.hold = wait.promise;
    const toA = handlers['atlas/link']({ orgId: ORG, atlasOrgId: ATLAS_A });
    await vi.waitFor(() => expect(links()).toHaveLength(1));
    const toB = handlers['atlas/link']({ orgId: ORG, atlasOrgId: ATLAS_B });
    const refused = await toB.catch((e: unknown) => e);
    expect(refused).toMatchObject({
      kind: 'busy',
      params: { variant: 'link-created', atlasOrgId: ATLAS_A, atlasOrgName: 'Acme Atlas' },
    });
    expect(words(refused)).toContain(`Acme Atlas (${ATLAS_A})`);
    wait.release();
    await expect(toA).resolves.toMatchObject({ status: 'NOT_SYNCED' });
    // No token was made for B, and only A's link was sent and recorded.
    expect(atlas.made).toEqual([ATLAS_A]);
    expect(links()).toHaveLength(1);
    expect(
      history()
        .filter((e) => e.operation === 'link')
        .map((e) => e.atlasOrgId),
    ).toEqual([ATLAS_A]);
  });

  it('the same Atlas org again joins the running create-and-link: one token made, one link', async () => {
    const { handlers } = await freshWorker(fake, cm, key(1), atlasKey('atlasA', { id: ATLAS_A, name: 'Acme Atlas' }));
    const wait = deferred();
    cm.hold = wait.promise;
    const first = handlers['atlas/link']({ orgId: ORG, atlasOrgId: ATLAS_A });
    await vi.waitFor(() => expect(links()).toHaveLength(1));
    const again = handlers['atlas/link']({ orgId: ORG, atlasOrgId: ATLAS_A });
    await arrived();
    wait.release();
    const [a, b] = await Promise.all([first, again]);
    expect(b).toEqual(a);
    expect(atlas.made).toEqual([ATLAS_A]);
    expect(links()).toHaveLength(1);
  });
});
