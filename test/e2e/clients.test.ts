// Client boundaries as Cloud Manager draws them (one key pair, one org), in the real popup: two clients' orgs, each
// served by its own key pair; a third org without one (the form in place: another client's key is refused by
// name, its own is saved, then the org is linked); a project page of a new client (asks, then resolves); a
// read-only key tested in settings (cannot link); a re-link asks first. The harness fails the run if any call of
// it was signed with a key pair for an org that key does not belong to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionRun, launchExtension, orgPageUrl, screenshot } from './harness';
import { addProfileFor, createVaultWith, keyNamed } from './steps';

describe('one key pair, one org', () => {
  let run: ExtensionRun;
  const org = (name: string) => run.sandbox.fixture.orgs.find((o) => o.name.startsWith(name))!;
  /** Signed calls that reached an org's API, as `publicKey orgId` (the sandbox resolved each path's org). */
  const signedCalls = () => run.sandbox.log.filter((e) => e.username && e.orgId).map((e) => `${e.username} ${e.orgId}`);

  beforeAll(async () => {
    run = await launchExtension();
    await createVaultWith(run, 'owner', 'Acme');
    await addProfileFor(run, 'globex', 'Globex');
  });
  afterAll(async () => {
    await run?.close();
  });

  async function popupOn(url: string) {
    const tab = await run.openTab(url);
    const popup = await run.openPopup(tab);
    return { tab, popup, page: popup.page };
  }

  it("two clients' orgs: each is checked with its own key pair, and no other", async () => {
    for (const [orgName, keyName] of [
      ['Acme Retail', 'owner'],
      ['Globex', 'globex'],
    ] as const) {
      run.sandbox.clearLog();
      const { page, popup } = await popupOn(orgPageUrl(org(orgName).id));
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Not linked to Atlas');
      expect(await page.locator('#org-name').textContent()).toBe(org(orgName).name);
      expect(signedCalls()).not.toEqual([]);
      expect(new Set(signedCalls())).toEqual(new Set([`${keyNamed(run, keyName).publicKey} ${org(orgName).id}`]));
      await popup.close();
    }
  });

  it("an org without a key pair: no call, the form in place; another client's key is refused by name", async () => {
    const initech = org('Initech');
    run.sandbox.clearLog();
    const { page, popup, tab } = await popupOn(orgPageUrl(initech.id));
    await page.getByTestId('no-key-pair').waitFor();
    expect(await page.getByTestId('no-key-pair-text').textContent()).toContain(initech.id);
    // Nothing was signed for this org with the key pairs saved (Acme's, Globex's).
    expect(run.sandbox.log.filter((e) => e.orgId === initech.id)).toEqual([]);

    const acme = keyNamed(run, 'owner');
    await page.getByLabel('Client name').fill('Initech');
    await page.getByLabel('Public key (username)').fill(acme.publicKey);
    await page.getByLabel('Private key (password)').fill(acme.privateKey);
    await page.getByRole('button', { name: 'Save key pair' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.locator('strong').getAttribute('data-kind')).toBe('key-other-org');
    expect(await alert.textContent()).toContain('Acme Retail');
    await screenshot(page, 'popup-key-of-another-org');

    const own = keyNamed(run, 'initech');
    await page.getByLabel('Public key (username)').fill(own.publicKey);
    await page.getByLabel('Private key (password)').fill(own.privateKey);
    await page.getByRole('button', { name: 'Save key pair' }).click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Not linked to Atlas');
    // The org's name came with the key pair (GET /orgs), and is shown with the id.
    expect(await page.locator('#org-name').textContent()).toBe(initech.name);

    const token = run.sandbox.fixture.linkTokens.find((t) => t.result === 'SYNCED')!.token;
    await page.getByLabel('Atlas link token').fill(token);
    await page.getByRole('button', { name: 'Link to Atlas' }).click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Linked, synced');
    expect(run.sandbox.links.get(initech.id)?.status).toBe('SYNCED');
    await popup.close();
    await tab.close();
  });

  it('a linked org is not re-linked by accident: "Link again" names the org and asks first', async () => {
    const initech = org('Initech');
    const { page, popup } = await popupOn(orgPageUrl(initech.id));
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Linked, synced');
    expect(await page.getByLabel('Atlas link token').count()).toBe(0);
    await page.getByRole('button', { name: 'Link again with a new token…' }).click();
    const confirm = page.getByRole('alertdialog');
    expect(await confirm.textContent()).toContain(initech.name);
    await screenshot(page, 'popup-relink-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByLabel('Atlas link token').count()).toBe(0);
    await page.getByRole('button', { name: 'Link again with a new token…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Link again' }).click();
    await page.getByLabel('Atlas link token').waitFor();
    await popup.close();
  });

  it('a project page of a new client asks which client, then resolves through its key pair', async () => {
    const hooli = org('Hooli');
    const project = run.sandbox.fixture.groups.find((g) => g.orgId === hooli.id)!;
    run.sandbox.clearLog();
    const url = `https://cloud.mongodb.com/v2/${project.id}#deployment/topology`;
    const { page, popup } = await popupOn(url);
    await page.getByRole('heading', { name: 'Which client is this project of?' }).waitFor();
    // No key pair was tried on a project no saved key pair knows.
    expect(run.sandbox.log.filter((e) => e.username)).toEqual([]);
    await page.getByLabel('Client', { exact: true }).selectOption({ label: 'A new client (add its key pair)' });
    const readonly = keyNamed(run, 'readonly');
    await page.getByLabel('Client name').fill('Hooli');
    await page.getByLabel('Public key (username)').fill(readonly.publicKey);
    await page.getByLabel('Private key (password)').fill(readonly.privateKey);
    await page.getByRole('button', { name: 'Save key pair' }).click();
    // The key's projects were learnt when it was saved: the page's org is found without asking again.
    await expect.poll(() => page.getByTestId('org-id').textContent()).toBe(hooli.id);
    // A read-only key: the status check says what is missing.
    await expect.poll(() => page.getByRole('alert').locator('strong').getAttribute('data-kind')).toBe('not-org-owner');
    await popup.close();
  });

  it('"Test" on a read-only key says it can read but cannot link', async () => {
    const page = await run.context.newPage();
    await page.goto(`chrome-extension://${run.extensionId}/src/options/index.html`);
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
