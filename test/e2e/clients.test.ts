// Client boundaries as Cloud Manager draws them (one key pair, one org), in the real popup: two clients' orgs, each
// served by its own key pair; a third org without one (the form in place: another client's key is refused by
// name, its own is saved, then the org is linked); a project page of a new client (asks, then resolves); a
// read-only key tested in settings (cannot link); a re-link asks first. The fixture fails the run if any call of
// it was signed with a key pair for an org that key does not belong to.
import { describe, expect } from 'vitest';
import { test } from './fixtures';
import { type ExtensionRun, orgPageUrl, projectPageUrl, screenshot } from './harness';
import { addProfileFor, createVaultWith, keyNamed, openSettings, orgNamed } from './steps';

/** Signed calls that reached an org's API, as `publicKey orgId` (the sandbox resolved each path's org). */
const signedCalls = (run: ExtensionRun) =>
  run.sandbox.log.filter((e) => e.username && e.orgId).map((e) => `${e.username} ${e.orgId}`);

describe('one key pair, one org', () => {
  test.beforeAll(async ({ run }) => {
    await createVaultWith(run, 'owner', 'Acme');
    await addProfileFor(run, 'globex', 'Globex');
  });

  test("two clients' orgs: each is checked with its own key pair, and no other", async ({ run, popupOn }) => {
    for (const [orgName, keyName] of [
      ['Acme Retail', 'owner'],
      ['Globex', 'globex'],
    ] as const) {
      const org = orgNamed(run, orgName);
      run.sandbox.clearLog();
      const popup = await popupOn(orgPageUrl(org.id));
      await expect.poll(() => popup.statusText()).toBe('Not linked to Atlas');
      await expect.poll(() => popup.orgName()).toBe(org.name);
      expect(signedCalls(run)).not.toEqual([]);
      expect(new Set(signedCalls(run))).toEqual(new Set([`${keyNamed(run, keyName).publicKey} ${org.id}`]));
      await popup.close();
    }
  });

  test("an org without a key pair: no call, the form in place; another client's key is refused by name", async ({
    run,
    popupOn,
  }) => {
    const initech = orgNamed(run, 'Initech');
    run.sandbox.clearLog();
    const popup = await popupOn(orgPageUrl(initech.id));
    await popup.noKeyPair.waitFor();
    await expect.poll(() => popup.noKeyPairText.textContent()).toContain(initech.id);
    // Nothing was signed for this org with the key pairs saved (Acme's, Globex's).
    expect(run.sandbox.log.filter((e) => e.orgId === initech.id)).toEqual([]);

    await popup.saveKeyPair(keyNamed(run, 'owner'), 'Initech');
    await expect.poll(() => popup.alertKind()).toBe('key-other-org');
    await expect.poll(() => popup.alert.textContent()).toContain('Acme Retail');
    await screenshot(popup.page, 'popup-key-of-another-org');

    await popup.saveKeyPair(keyNamed(run, 'initech'));
    await expect.poll(() => popup.statusText()).toBe('Not linked to Atlas');
    // The org's name came with the key pair (GET /orgs), and is shown with the id.
    await expect.poll(() => popup.orgName()).toBe(initech.name);

    await popup.link(run.sandbox.fixture.linkTokens.find((t) => t.result === 'SYNCED')!.token);
    await expect.poll(() => popup.statusText()).toBe('Linked, synced');
    expect(run.sandbox.links.get(initech.id)?.status).toBe('SYNCED');
    await popup.close();
    await popup.tab.close();
  });

  test('a linked org is not re-linked by accident: "Link again" names the org and asks first', async ({
    run,
    popupOn,
  }) => {
    const initech = orgNamed(run, 'Initech');
    const popup = await popupOn(orgPageUrl(initech.id));
    await expect.poll(() => popup.statusText()).toBe('Linked, synced');
    expect(await popup.tokenField.count()).toBe(0);
    const confirm = await popup.askToLinkAgain();
    await expect.poll(() => confirm.textContent()).toContain(initech.name);
    await screenshot(popup.page, 'popup-relink-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => popup.tokenField.count()).toBe(0);
    await (await popup.askToLinkAgain()).getByRole('button', { name: 'Link again' }).click();
    await popup.tokenField.waitFor();
  });

  test('a project page of a new client asks which client, then resolves through its key pair', async ({
    run,
    popupOn,
  }) => {
    const hooli = orgNamed(run, 'Hooli');
    const project = run.sandbox.fixture.groups.find((g) => g.orgId === hooli.id)!;
    run.sandbox.clearLog();
    const popup = await popupOn(projectPageUrl(project.id));
    await popup.projectQuestion.waitFor();
    // No key pair was tried on a project no saved key pair knows.
    expect(run.sandbox.log.filter((e) => e.username)).toEqual([]);
    await popup.clientChoice.selectOption({ label: 'A new client (add its key pair)' });
    await popup.saveKeyPair(keyNamed(run, 'readonly'), 'Hooli');
    // The key's projects were learnt when it was saved: the page's org is found without asking again.
    await expect.poll(() => popup.orgId()).toBe(hooli.id);
    // A read-only key: the status check says what is missing.
    await expect.poll(() => popup.alertKind()).toBe('not-org-owner');
  });

  test('"Test" on a read-only key says it can read but cannot link', async ({ run }) => {
    const page = await openSettings(run);
    const card = page.getByTestId('profile-Hooli');
    await expect.poll(() => card.getByTestId('key-org').textContent()).toContain('Hooli Media');
    await card.getByRole('button', { name: 'Test' }).click();
    await expect
      .poll(() => card.textContent())
      .toContain('Can read Hooli Media, cannot link: needs the Organization Owner role');
    const acme = page.getByTestId('profile-Acme');
    await acme.getByRole('button', { name: 'Test' }).click();
    await expect.poll(() => acme.textContent()).toContain('Can link: Organization Owner of Acme Retail');
    await screenshot(page, 'settings-test-read-only');
    await page.close();
  });
});
