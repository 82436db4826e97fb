// The user's flows under each way the real service may answer where MongoDB publishes nothing (sandbox/modes.ts,
// issue #29): a never-linked org's status (404 or 200 NOT_SYNCED), nonces shared across keys (accepted or stale),
// 429 with or without Retry-After, a link Atlas revoked (NOT_SYNCED or as never linked). In every mode a wrong key
// is the wrong-key sentence within 3 requests (as recorded: 401 UNEXPECTED_ERROR, stale=false), in the popup and in
// the settings form, and no screen says something the answer does not tell.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_MODES } from '../../sandbox/server.ts';
import { type ExtensionRun, launchExtension, orgPageUrl } from './harness';
import { PopupPage } from './popup-page';
import { keyNamed, openSettings, orgNamed, PASSPHRASE, sendFromExtensionPage } from './steps';

const WRONG_PRIVATE_KEY = '00000000-0000-4000-8000-000000000000';
const apiCalls = (run: ExtensionRun) => run.sandbox.log.filter((e) => e.path.startsWith('/api/'));
const REFUSED_KEY = /The key pair was refused/;

/** A status that claims a link exists, or that none does: only an answer that says so may be shown that way. */
const CLAIMS_LINK = /^Linked/;

/**
 * A status check that answered NOT_SYNCED does not tell whether a link exists: the token field is then behind the
 * re-link question, which says the org may already be linked. Anything else shows the field at once.
 */
async function openTokenField(popup: PopupPage): Promise<void> {
  if ((await popup.statusText()) !== 'Not synced (link not confirmed)') return;
  const question = await popup.askToLinkAgain();
  await expect.poll(() => question.textContent()).toContain('it may already be linked to Atlas');
  await question.getByRole('button', { name: 'Link again' }).click();
}

describe.each(SANDBOX_MODES)('mode $name ($about)', ({ options }) => {
  let run: ExtensionRun;
  const popups: PopupPage[] = [];
  const popupOn = async (target: Page | string) => {
    const popup = await PopupPage.open(run, target);
    popups.push(popup);
    return popup;
  };
  const closePopups = async () => {
    for (const popup of popups.splice(0)) await popup.close();
  };

  beforeAll(async () => {
    run = await launchExtension(options);
  });
  afterAll(async () => {
    await closePopups();
    await run?.close();
  });

  it('first run with a wrong private key: the wrong-key sentence within 3 requests; then the right key sets up', async () => {
    const acme = orgNamed(run, 'Acme');
    const owner = keyNamed(run, 'owner');
    const popup = await popupOn(orgPageUrl(acme.id));
    run.sandbox.clearLog();
    await popup.setUp({ publicKey: owner.publicKey, privateKey: WRONG_PRIVATE_KEY }, 'Acme', PASSPHRASE);
    await expect.poll(() => popup.alertKind()).toBe('bad-credentials');
    await expect.poll(() => popup.alert.textContent()).toMatch(REFUSED_KEY);
    expect(apiCalls(run).length).toBeLessThanOrEqual(3);
    await popup.setUp(owner, 'Acme', PASSPHRASE);
    await popup.orgIdField.waitFor();
    await closePopups();
  });

  it("a never-linked org's status is shown without an error and claims no link", async () => {
    const popup = await popupOn(orgPageUrl(orgNamed(run, 'Acme').id));
    await expect.poll(() => popup.statusText()).not.toBe('Checking…');
    await expect.poll(() => popup.statusText()).not.toMatch(/^(Checking|The check failed)/);
    expect(await popup.statusText()).not.toMatch(CLAIMS_LINK);
    expect(await popup.alert.count()).toBe(0);
    await closePopups();
  });

  it('links with a token, and says so', async () => {
    const acme = orgNamed(run, 'Acme');
    const popup = await popupOn(orgPageUrl(acme.id));
    await expect.poll(() => popup.statusText()).not.toMatch(/^Checking/);
    await openTokenField(popup);
    await popup.link(run.sandbox.fixture.linkTokens[0]!.token);
    await expect.poll(() => popup.statusText()).toBe('Linked, synced');
    expect(run.sandbox.links.get(acme.id)?.status).toBe('SYNCED');
    await closePopups();
  });

  it('the settings form: a wrong private key is the wrong-key sentence within 3 requests, and nothing is saved', async () => {
    const globex = keyNamed(run, 'globex');
    const page = await openSettings(run);
    try {
      run.sandbox.clearLog();
      await page.getByLabel('Client name').fill('Globex');
      await page.getByLabel('Public key (username)').fill(globex.publicKey);
      await page.getByLabel('Private key (password)').fill(WRONG_PRIVATE_KEY);
      await page.getByRole('button', { name: 'Save key pair' }).click();
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.textContent()).toMatch(REFUSED_KEY);
      expect(apiCalls(run).length).toBeLessThanOrEqual(3);
      expect(await page.getByTestId('profile-Globex').count()).toBe(0);
      // The right key: saved, bound to its org by the server.
      await page.getByLabel('Private key (password)').fill(globex.privateKey);
      await page.getByRole('button', { name: 'Save key pair' }).click();
      await page.getByTestId('profile-Globex').waitFor();
    } finally {
      await page.close();
    }
  });

  it("a second key's calls on the same server work whether or not a nonce may cross keys", async () => {
    const popup = await popupOn(orgPageUrl(orgNamed(run, 'Globex').id));
    await expect.poll(() => popup.statusText()).not.toMatch(/^(Checking|The check failed)/);
    expect(await popup.alert.count()).toBe(0);
    const refused = apiCalls(run).filter((e) => e.status === 401 && e.username === keyNamed(run, 'globex').publicKey);
    // A nonce another key owned is at most one stale answer, never a failure.
    expect(refused.length).toBeLessThanOrEqual(1);
    await closePopups();
  });

  it('a 429 on a status check is waited out (Retry-After, or the back-off when there is none)', async () => {
    const globex = orgNamed(run, 'Globex');
    run.sandbox.setFaults([
      { kind: 'rate-limit', match: { pathIncludes: '/migrationLink/status' }, retryAfterSeconds: 1, times: 1 },
    ]);
    try {
      run.sandbox.clearLog();
      const popup = await popupOn(orgPageUrl(globex.id));
      await expect.poll(() => popup.statusText(), { timeout: 25_000 }).not.toMatch(/^(Checking|The check failed)/);
      expect(await popup.alert.count()).toBe(0);
      expect(apiCalls(run).filter((e) => e.status === 429)).toHaveLength(1);
    } finally {
      run.sandbox.clearFaults();
      await closePopups();
    }
  }, 40_000);

  it('create-and-link, then a revoke: the link it ends is checked and worded as the answer allows', async () => {
    const initech = orgNamed(run, 'Initech Finance');
    const atlasOrg = run.sandbox.fixture.orgs.find((o) => o.name === 'Initech Finance (Atlas)')!;
    for (const [keyName, side] of [
      ['initech', undefined],
      ['atlasinitech', 'atlas'],
    ] as const) {
      const key = keyNamed(run, keyName);
      await sendFromExtensionPage(run, 'profiles/add', {
        profile: { label: 'Initech', publicKey: key.publicKey, privateKey: key.privateKey, ...(side ? { side } : {}) },
      });
    }
    // Nothing made with this Atlas org yet: Atlas has nothing to remove (recorded 404), said as such.
    const atlasPopup = await popupOn(orgPageUrl(atlasOrg.id));
    await atlasPopup.atlasOrgPanel.waitFor();
    await (await atlasPopup.askToRevoke()).getByRole('button', { name: 'Revoke the token' }).click();
    await expect
      .poll(() => atlasPopup.revokeOutcome.textContent())
      .toBe(`Atlas had no link token to remove for ${atlasOrg.name}.`);
    await closePopups();

    const popup = await popupOn(orgPageUrl(initech.id));
    await expect.poll(() => popup.statusText()).not.toMatch(/^Checking/);
    await openTokenField(popup);
    await popup.createAndLinkButton.click();
    await expect.poll(() => popup.statusText()).toBe('Linked, synced');
    await closePopups();

    const again = await popupOn(orgPageUrl(atlasOrg.id));
    await again.atlasOrgPanel.waitFor();
    const question = await again.askToRevoke();
    await expect.poll(() => question.getByTestId('revoke-reach-linked').textContent()).toContain(initech.id);
    await question.getByRole('button', { name: 'Revoke the token' }).click();
    await expect.poll(() => again.revokeOutcome.textContent()).toContain('was revoked');
    // Atlas's DELETE ends the link: whatever Cloud Manager then answers, the popup claims no synced link.
    const checked = again.revokeOutcome.getByTestId('revoke-checked');
    await expect
      .poll(() => checked.textContent())
      .toMatch(/ — (Not synced \(link not confirmed\)|Not linked to Atlas)$/);
    await closePopups();
  });
});
