// The product's main path in real Chromium against the sandbox: first-use setup in the toolbar popup, link with
// a valid token (badge SYNCED, the sandbox holds the link), wrong private key, invalid token, a tab that is not
// Cloud Manager — and no secret in any console line or in storage.local.
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
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Linked — SYNCED');
    await expect.poll(() => page.getByLabel('Atlas link token').inputValue()).toBe('');
    await screenshot(page, 'popup-linked');

    expect(run.sandbox.links.get(org.id)?.status).toBe('SYNCED');
    const posts = run.sandbox.log.filter((e) => e.method === 'POST');
    expect(posts.at(-1)).toMatchObject({ status: 201, authorized: true });
    expect(await badgeOf(run, tab)).toMatchObject({ text: '✓' });
    expect((await badgeOf(run, tab)).title).toContain('Linked, synced');
    await popup.close();
  });

  it('reports an invalid token without changing the link', async () => {
    const org = cmOrgs()[1]!;
    const tab = await run.openTab(orgPageUrl(org.id));
    const popup = await run.openPopup(tab);
    const page = popup.page;
    await page.getByTestId('org-id').waitFor();
    await page.getByLabel('Atlas link token').fill('not-a-real-token');
    await page.getByRole('button', { name: 'Link to Atlas' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('link token');
    expect(await alert.locator('strong').getAttribute('data-kind')).toBe('invalid-token');
    expect(run.sandbox.links.has(org.id)).toBe(false);
    expect((await badgeOf(run, tab)).text).toBe('!');
    await screenshot(page, 'popup-invalid-token');
    await popup.close();
  });

  it('reports a refused key pair and keeps the stored vault unchanged', async () => {
    const org = cmOrgs()[2]!;
    const worker = await run.worker();
    const before = await readStored(worker, 'vault');
    // A second key pair with a wrong private key, bound to this org.
    const ext = await run.context.newPage();
    await ext.goto(`chrome-extension://${run.extensionId}/src/options/index.html`);
    await ext.evaluate(
      ([orgId, publicKey]) =>
        chrome.runtime.sendMessage({
          name: 'profiles/add',
          request: {
            orgId,
            profile: { label: 'Wrong key', publicKey, privateKey: '00000000-0000-4000-8000-000000000000' },
          },
        }),
      [org.id, owner().publicKey] as const,
    );
    await ext.close();
    const tab = await run.openTab(orgPageUrl(org.id));
    const popup = await run.openPopup(tab);
    const page = popup.page;
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.locator('strong').getAttribute('data-kind')).toBe('bad-credentials');
    expect(await alert.textContent()).toContain('refused');
    expect((await badgeOf(run, tab)).text).toBe('!');
    await screenshot(page, 'popup-wrong-key');
    await popup.close();
    // Only the profile added on purpose changed the vault; the refused call changed nothing stored.
    const after = await readStored(worker, 'vault');
    expect(after).not.toEqual(before);
    const again = await readStored(await run.worker(), 'vault');
    expect(again).toEqual(after);
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
