// The product's main path in real Chromium against the sandbox: first-use setup in the toolbar popup, link with
// a valid token (badge SYNCED, the sandbox holds the link), an invalid token on a re-link (asked first), a key pair
// the server refuses (never saved), a tab that is not Cloud Manager — and no secret in any console line or storage.
import { describe, expect } from 'vitest';
import { test } from './fixtures';
import { badgeOf, orgPageUrl, screenshot } from './harness';
import { cmOrgs, keyNamed, orgNamed, PASSPHRASE } from './steps';
import { readStored, storedEverything } from './storage-scan';

describe('link an org from the popup', () => {
  test("opens from the keyboard: Alt+Shift+L is the toolbar button's shortcut", async ({ run }) => {
    const commands = await (await run.worker()).evaluate(() => chrome.commands.getAll());
    expect(commands.find((c) => c.name === '_execute_action')?.shortcut).toBe('Alt+Shift+L');
  });

  test('says plainly when the tab is not a Cloud Manager org page', async ({ run, popupOn }) => {
    const popup = await popupOn(`${run.sandbox.httpsUrl.replace('127.0.0.1', 'localhost')}/v2`);
    // First use: the vault is empty, so setup comes first, whatever the tab.
    await popup.page.getByTestId('setup-form').waitFor();
    await popup.close();
    await popup.tab.close();
  });

  test('sets up the vault on first use and links with a valid token', async ({ run, popupOn }) => {
    const org = cmOrgs(run)[0]!;
    const owner = keyNamed(run, 'owner');
    const popup = await popupOn(orgPageUrl(org.id));
    const page = popup.page;
    await popup.setUp(owner, 'Acme (sandbox)', PASSPHRASE);

    await expect.poll(() => popup.orgId()).toBe(org.id);
    // The status is checked on opening: not linked yet.
    await expect.poll(() => popup.statusText()).toBe('Not linked to Atlas');
    // Nothing secret stays in the page once saved.
    const html = await page.content();
    expect(html).not.toContain(owner.privateKey);
    expect(html).not.toContain(PASSPHRASE);

    const token = run.sandbox.fixture.linkTokens.find((t) => t.result === 'SYNCED')!.token;
    run.sandbox.clearLog();
    await popup.link(`  ${token}\n`);
    await expect.poll(() => popup.statusText()).toBe('Linked, synced');
    // The token is used once: its field is gone (folded under "Link again") and nothing of it stays in the page.
    await expect.poll(() => popup.tokenField.count()).toBe(0);
    expect(await page.content()).not.toContain(token);
    await screenshot(page, 'popup-linked');

    expect(run.sandbox.links.get(org.id)?.status).toBe('SYNCED');
    const posts = run.sandbox.log.filter((e) => e.method === 'POST');
    expect(posts.at(-1)).toMatchObject({ status: 201, authorized: true });
    await expect.poll(() => badgeOf(run, popup.tab)).toMatchObject({ text: '✓' });
    expect((await badgeOf(run, popup.tab)).title).toContain('Linked, synced');
  });

  test('reports an invalid token without changing the link (a re-link asks first)', async ({ run, popupOn }) => {
    const org = cmOrgs(run)[0]!;
    const popup = await popupOn(orgPageUrl(org.id));
    await expect.poll(() => popup.statusText()).toBe('Linked, synced');
    // Linked already: the token field is folded under "Link again", which names the org before it opens.
    expect(await popup.tokenField.count()).toBe(0);
    const confirm = await popup.askToLinkAgain();
    await expect.poll(() => confirm.textContent()).toContain(org.name);
    await confirm.getByRole('button', { name: 'Link again' }).click();
    await popup.link('not-a-real-token');
    await expect.poll(() => popup.alert.textContent()).toContain('link token');
    await expect.poll(() => popup.alertKind()).toBe('invalid-token');
    await expect.poll(() => popup.statusText()).toBe('The link failed');
    expect(run.sandbox.links.get(org.id)?.status).toBe('SYNCED');
    expect((await badgeOf(run, popup.tab)).text).toBe('!');
    await screenshot(popup.page, 'popup-invalid-token');
  });

  test('refuses a key pair the server refuses, and saves nothing', async ({ run, popupOn }) => {
    const org = orgNamed(run, 'Globex');
    const globex = keyNamed(run, 'globex');
    const before = await readStored(await run.worker(), 'vault');
    const popup = await popupOn(orgPageUrl(org.id));
    // No key pair of this org is saved: the popup says so and offers the form in place.
    await popup.noKeyPair.waitFor();
    await popup.saveKeyPair(
      { publicKey: globex.publicKey, privateKey: '00000000-0000-4000-8000-000000000000' },
      'Globex',
    );
    await expect.poll(() => popup.alertKind()).toBe('bad-credentials');
    await expect.poll(() => popup.alert.textContent()).toContain('refused');
    await screenshot(popup.page, 'popup-wrong-key');
    await popup.close();
    // The refused key pair was never saved.
    expect(await readStored(await run.worker(), 'vault')).toEqual(before);
  });

  test('leaves no secret in storage.local or any console line', async ({ run }) => {
    const { text } = await storedEverything(await run.worker());
    const secrets = [
      keyNamed(run, 'owner').privateKey,
      PASSPHRASE,
      ...run.sandbox.fixture.linkTokens.map((t) => t.token),
    ];
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(run.consoleLines.join('\n')).not.toContain(secret);
    }
  });
});
