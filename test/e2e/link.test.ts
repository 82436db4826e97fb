// The product's main path in real Chromium against the sandbox: first-use setup in the toolbar popup, link with
// a valid token (badge SYNCED, the sandbox holds the link), an invalid token on a re-link (asked first), a key pair
// the server refuses (never saved), a tab that is not Cloud Manager — and no secret in any console line or storage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeOf, type ExtensionRun, launchExtension, orgPageUrl, screenshot } from './harness';
import { readStored, storedEverything } from './storage-scan';

const PASSPHRASE = 'correct horse battery staple';

describe('link an org from the popup', () => {
  let run: ExtensionRun;
  beforeAll(async () => {
    run = await launchExtension();
  });
  afterAll(async () => {
    await run?.close();
  });

  const fixture = () => run.sandbox.fixture;
  const owner = () => fixture().keys.find((k) => k.name === 'owner')!;
  const cmOrgs = () => fixture().orgs.filter((o) => o.kind === 'cloud-manager' && !o.requiresAccessList);

  it("opens from the keyboard: Alt+Shift+L is the toolbar button's shortcut", async () => {
    const commands = await (await run.worker()).evaluate(() => chrome.commands.getAll());
    expect(commands.find((c) => c.name === '_execute_action')?.shortcut).toBe('Alt+Shift+L');
  });

  it('says plainly when the tab is not a Cloud Manager org page', async () => {
    const tab = await run.openTab(`${run.sandbox.httpsUrl.replace('127.0.0.1', 'localhost')}/v2`);
    const popup = await run.openPopup(tab);
    // First use: the vault is empty, so setup comes first, whatever the tab.
    await popup.page.getByTestId('setup-form').waitFor();
    await popup.close();
    await tab.close();
  });

  it('sets up the vault on first use and links with a valid token', async () => {
    const org = cmOrgs()[0]!;
    const tab = await run.openTab(orgPageUrl(org.id));
    const popup = await run.openPopup(tab);
    const page = popup.page;
    await page.getByLabel('Client name').fill('Acme (sandbox)');
    await page.getByLabel('Public key (username)').fill(owner().publicKey);
    await page.getByLabel('Private key (password)').fill(owner().privateKey);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Passphrase, again').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Save key pair' }).click();

    await expect.poll(() => page.getByTestId('org-id').textContent()).toBe(org.id);
    // The status is checked on opening: not linked yet.
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Not linked to Atlas');
    // Nothing secret stays in the page once saved.
    const html = await page.content();
    expect(html).not.toContain(owner().privateKey);
    expect(html).not.toContain(PASSPHRASE);

    const token = fixture().linkTokens.find((t) => t.result === 'SYNCED')!.token;
    run.sandbox.clearLog();
    await page.getByLabel('Atlas link token').fill(`  ${token}\n`);
    await page.getByRole('button', { name: 'Link to Atlas' }).click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Linked, synced');
    // The token is used once: its field is gone (folded under "Link again") and nothing of it stays in the page.
    await expect.poll(() => page.getByLabel('Atlas link token').count()).toBe(0);
    expect(await page.content()).not.toContain(token);
    await screenshot(page, 'popup-linked');

    expect(run.sandbox.links.get(org.id)?.status).toBe('SYNCED');
    const posts = run.sandbox.log.filter((e) => e.method === 'POST');
    expect(posts.at(-1)).toMatchObject({ status: 201, authorized: true });
    expect(await badgeOf(run, tab)).toMatchObject({ text: '✓' });
    expect((await badgeOf(run, tab)).title).toContain('Linked, synced');
    await popup.close();
  });

  it('reports an invalid token without changing the link (a re-link asks first)', async () => {
    const org = cmOrgs()[0]!;
    const tab = await run.openTab(orgPageUrl(org.id));
    const popup = await run.openPopup(tab);
    const page = popup.page;
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Linked, synced');
    // Linked already: the token field is folded under "Link again", which names the org before it opens.
    expect(await page.getByLabel('Atlas link token').count()).toBe(0);
    await page.getByRole('button', { name: 'Link again with a new token…' }).click();
    const confirm = page.getByRole('alertdialog');
    expect(await confirm.textContent()).toContain(org.name);
    await confirm.getByRole('button', { name: 'Link again' }).click();
    await page.getByLabel('Atlas link token').fill('not-a-real-token');
    await page.getByRole('button', { name: 'Link to Atlas' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('link token');
    expect(await alert.locator('strong').getAttribute('data-kind')).toBe('invalid-token');
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('The link failed');
    expect(run.sandbox.links.get(org.id)?.status).toBe('SYNCED');
    expect((await badgeOf(run, tab)).text).toBe('!');
    await screenshot(page, 'popup-invalid-token');
    await popup.close();
  });

  it('refuses a key pair the server refuses, and saves nothing', async () => {
    const org = fixture().orgs.find((o) => o.name.startsWith('Globex'))!;
    const globex = fixture().keys.find((k) => k.name === 'globex')!;
    const worker = await run.worker();
    const before = await readStored(worker, 'vault');
    const tab = await run.openTab(orgPageUrl(org.id));
    const popup = await run.openPopup(tab);
    const page = popup.page;
    // No key pair of this org is saved: the popup says so and offers the form in place.
    await page.getByTestId('no-key-pair').waitFor();
    await page.getByLabel('Client name').fill('Globex');
    await page.getByLabel('Public key (username)').fill(globex.publicKey);
    await page.getByLabel('Private key (password)').fill('00000000-0000-4000-8000-000000000000');
    await page.getByRole('button', { name: 'Save key pair' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.locator('strong').getAttribute('data-kind')).toBe('bad-credentials');
    expect(await alert.textContent()).toContain('refused');
    await screenshot(page, 'popup-wrong-key');
    await popup.close();
    // The refused key pair was never saved.
    expect(await readStored(await run.worker(), 'vault')).toEqual(before);
  });

  it('leaves no secret in storage.local or any console line', async () => {
    const worker = await run.worker();
    const { text } = await storedEverything(worker);
    const secrets = [owner().privateKey, PASSPHRASE, ...fixture().linkTokens.map((t) => t.token)];
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(run.consoleLines.join('\n')).not.toContain(secret);
    }
  });
});
