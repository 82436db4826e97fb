// Every user-visible error path from the popup, each with its own message: read-only key, IP not on the key's
// access list, an org that requires an access list (both refused when the key pair is saved, on the org's page,
// and then not saved), an Atlas org, rate limiting, a server error, a dropped connection, an HTML error page; and
// a key pair never serving another org (no call is made for it).
import { describe, expect } from 'vitest';
import { test } from './fixtures';
import { badgeOf, type ExtensionRun, orgPageUrl, screenshot } from './harness';
import type { PopupPage } from './popup-page';
import { addProfileFor, createVaultWith, failureOf, keyNamed, orgNamed, sendFromExtensionPage } from './steps';

const atlasOrg = (run: ExtensionRun) => run.sandbox.fixture.orgs.find((o) => o.kind === 'atlas')!;
const apiCalls = (run: ExtensionRun) => run.sandbox.log.filter((e) => e.path.startsWith('/api/'));
const labels = async (run: ExtensionRun) =>
  (await sendFromExtensionPage(run, 'profiles/list', {})).map((p) => p.label).sort();

/** The popup on an org's page, once it shows the org. */
async function openOn(popupOn: (url: string) => Promise<PopupPage>, orgId: string): Promise<PopupPage> {
  const popup = await popupOn(orgPageUrl(orgId));
  await popup.orgIdField.waitFor();
  return popup;
}

async function kindShown(popup: PopupPage): Promise<string | null> {
  await popup.alert.locator('strong').waitFor();
  return popup.alertKind();
}

/** Fills the popup's key-pair form (an org page with no key pair of its own) and saves. */
async function saveKeyInPopup(run: ExtensionRun, popup: PopupPage, keyName: string, label: string) {
  await popup.page.getByRole('heading', { name: 'Add a key pair for this organization' }).waitFor();
  await popup.saveKeyPair(keyNamed(run, keyName), label);
}

describe('errors that tell the fix', () => {
  let owner: { id: string };

  test.beforeAll(async ({ run }) => {
    owner = await createVaultWith(run, 'owner', 'Owner key');
    // Each key pair is bound to the org the server says it belongs to.
    await addProfileFor(run, 'readonly', 'Read-only key', orgNamed(run, 'Hooli').id);
    await addProfileFor(run, 'initech', 'Initech key', orgNamed(run, 'Initech').id);
    await addProfileFor(run, 'atlas', 'Atlas key', atlasOrg(run).id);
  });

  test('read-only key: needs Organization Owner', async ({ run, popupOn }) => {
    const popup = await openOn(popupOn, orgNamed(run, 'Hooli').id);
    await expect.poll(() => kindShown(popup)).toBe('not-org-owner');
    await expect.poll(() => popup.alert.textContent()).toContain('Organization Owner');
    await expect.poll(() => popup.statusText()).toBe('The check failed');
    expect((await badgeOf(run, popup.tab)).text).toBe('!');
    await screenshot(popup.page, 'popup-not-org-owner');
  });

  test("IP not on the key's access list: the key pair is refused when saved, naming the IP and the key's list", async ({
    run,
    popupOn,
  }) => {
    const globex = orgNamed(run, 'Globex');
    run.sandbox.clearLog();
    const popup = await openOn(popupOn, globex.id);
    // No key pair of this org is saved: the popup says so, with the form in place, and makes no call.
    await expect
      .poll(() => popup.noKeyPairText.textContent())
      .toMatch(new RegExp(`^No key pair of the organization (.+ \\()?${globex.id}\\)? is saved\\.$`));
    expect(apiCalls(run)).toEqual([]);
    await saveKeyInPopup(run, popup, 'elsewhere', 'Fenced key');
    await expect.poll(() => kindShown(popup)).toBe('ip-not-allowed');
    const text = (await popup.alert.textContent()) ?? '';
    expect(text).toContain('127.0.0.1');
    expect(text).toMatch(/API key's access list/);
    expect(text).toMatch(/not to a project's network access list/);
    // Nothing was saved, and the form keeps what was typed so only the key's access list needs fixing.
    await expect
      .poll(() => popup.page.getByLabel('Public key (username)').inputValue())
      .toBe(keyNamed(run, 'elsewhere').publicKey);
    await expect.poll(() => popup.noKeyPair.count()).toBe(1);
    await screenshot(popup.page, 'popup-ip-not-allowed');
    await popup.close();
    expect(await labels(run)).toEqual(['Atlas key', 'Initech key', 'Owner key', 'Read-only key']);
  });

  test('org that requires an access list: the key pair without one is refused when saved', async ({ run, popupOn }) => {
    const popup = await openOn(popupOn, orgNamed(run, 'Umbrella').id);
    await saveKeyInPopup(run, popup, 'unlisted', 'Unlisted key');
    await expect.poll(() => kindShown(popup)).toBe('access-list-required');
    await expect.poll(() => popup.alert.textContent()).toContain('127.0.0.1');
    await expect.poll(() => popup.noKeyPair.count()).toBe(1);
    await popup.close();
    expect(await labels(run)).not.toContain('Unlisted key');
  });

  test('an Atlas org: says to open the Cloud Manager org', async ({ run, popupOn }) => {
    const popup = await openOn(popupOn, atlasOrg(run).id);
    await expect.poll(() => kindShown(popup)).toBe('atlas-org');
    await expect.poll(() => popup.alert.textContent()).toMatch(/Atlas/);
  });

  test('a key pair never serves another org: refused by name, with no call', async ({ run, popupOn }) => {
    const globex = orgNamed(run, 'Globex');
    run.sandbox.clearLog();
    // Globex has no key pair of its own: nothing is guessed, no call is made.
    expect((await failureOf(run, 'link/status', { orgId: globex.id })).kind).toBe('no-profile');
    // The only owner key pair, picked by hand for another org, is refused by the name of its own org.
    const picked = await failureOf(run, 'link/status', { orgId: globex.id, profileId: owner.id });
    expect(picked).toMatchObject({
      kind: 'key-other-org',
      params: { orgName: 'Acme Retail', orgId: orgNamed(run, 'Acme').id },
    });
    const link = await failureOf(run, 'link/create', {
      orgId: globex.id,
      profileId: owner.id,
      linkToken: run.sandbox.fixture.linkTokens[0]!.token,
    });
    expect(link.kind).toBe('key-other-org');
    expect((await failureOf(run, 'link/delete', { orgId: globex.id, profileId: owner.id })).kind).toBe('key-other-org');
    // A public key already saved is refused before any call.
    const again = keyNamed(run, 'owner');
    const duplicate = await failureOf(run, 'profiles/add', {
      profile: { label: 'Owner again', publicKey: again.publicKey, privateKey: again.privateKey },
    });
    expect(duplicate).toMatchObject({ kind: 'duplicate-key', params: { label: 'Owner key' } });
    expect(apiCalls(run)).toEqual([]);
    expect(run.sandbox.links.has(globex.id)).toBe(false);

    // Saved on an org's page, the key of another org is refused, naming the org it belongs to (asked of its server).
    const popup = await openOn(popupOn, globex.id);
    await saveKeyInPopup(run, popup, 'listed', 'Listed key');
    await expect.poll(() => kindShown(popup)).toBe('key-other-org');
    const umbrella = orgNamed(run, 'Umbrella');
    await expect
      .poll(() => popup.alert.textContent())
      .toContain(`another organization: ${umbrella.name} (${umbrella.id})`);
    await popup.close();
    expect(await labels(run)).not.toContain('Listed key');
    // Only the listed key's own org was asked about: GET /orgs (and nothing for Globex).
    const signed = apiCalls(run).filter((e) => e.username !== undefined);
    expect(signed.length).toBeGreaterThan(0);
    expect(signed.every((e) => e.username === keyNamed(run, 'listed').publicKey)).toBe(true);
    expect(apiCalls(run).some((e) => e.orgId === globex.id)).toBe(false);
  });

  test('rate limited: says how long to wait, and a Link is sent once', async ({ run, popupOn }) => {
    const popup = await openOn(popupOn, orgNamed(run, 'Initech').id);
    await expect.poll(() => popup.statusText()).toBe('Not linked to Atlas');
    run.sandbox.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 42, match: { method: 'POST' } }]);
    run.sandbox.clearLog();
    await popup.link(run.sandbox.fixture.linkTokens[0]!.token);
    await expect.poll(() => kindShown(popup)).toBe('rate-limited');
    await expect.poll(() => popup.alert.textContent()).toContain('42');
    await expect.poll(() => popup.statusText()).toBe('The link failed');
    expect(run.sandbox.log.filter((e) => e.method === 'POST' && e.authorized)).toHaveLength(1);
    run.sandbox.clearFaults();
  });

  for (const [fault, kind] of [
    ['server-error', 'server-error'],
    ['reset', 'network'],
    ['html', 'server-error'],
    ['upgrade', 'maintenance'],
  ] as const) {
    test(`${fault}: shows ${kind} and never re-sends the link`, async ({ run, popupOn }) => {
      const target = orgNamed(run, 'Initech');
      const popup = await openOn(popupOn, target.id);
      await popup.status.waitFor();
      run.sandbox.setFaults([{ kind: fault, match: { method: 'POST' } }]);
      run.sandbox.clearLog();
      await popup.link(run.sandbox.fixture.linkTokens[0]!.token);
      await expect.poll(() => kindShown(popup)).toBe(kind);
      const posts = run.sandbox.log.filter((e) => e.method === 'POST');
      // The extension sends the POST once. html/reset hit before authentication (no challenge, no retry), but on a
      // reset Chromium's network stack itself retries a request whose reused keep-alive socket died, so up to 3
      // reset attempts can reach the sandbox; none of them is processed.
      expect(posts.length).toBeLessThanOrEqual(fault === 'reset' ? 3 : 1);
      expect(run.sandbox.links.has(target.id)).toBe(false);
      run.sandbox.clearFaults();
    });
  }
});
