// "Create token and link" in real Chromium against the sandbox's two sides: a client's Cloud Manager key pair and
// its Atlas key pair (same client name). One click on the Cloud Manager org page makes one token and links (popup,
// badge, the sandbox's token records); the same from the Atlas org's page; a Cloud Manager failure then a retry that
// reuses the token (one token for both attempts); revoking the Atlas org's token only once confirmed (cancel and
// Escape send nothing), in the history; no axe violation; and no private key or token in storage or a console line.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { AtlasTokenStore, fingerprint } from '../../sandbox/atlas-tokens.ts';
import { violations } from './axe';
import { test } from './fixtures';
import { badgeOf, type ExtensionRun, orgPageUrl, screenshot } from './harness';
import { createVaultWith, keyNamed, openSettings, orgNamed, PASSPHRASE, sendFromExtensionPage } from './steps';
import { storedEverything } from './storage-scan';

// The sandbox keeps only fingerprints of the tokens it issues (Sandbox.atlasTokens()); the secret scan needs the
// values, so the in-process sandbox's store is watched here: every token issued during this file.
const issued: string[] = [];
const issue = AtlasTokenStore.prototype.issue;
AtlasTokenStore.prototype.issue = function (this: AtlasTokenStore, ...args: Parameters<typeof issue>) {
  const token = issue.apply(this, args);
  issued.push(token);
  return token;
};

const CLIENT = 'Acme Retail';
const acmeOf = (run: ExtensionRun) => orgNamed(run, 'Acme Retail');
const atlasOrgOf = (run: ExtensionRun) => run.sandbox.fixture.orgs.find((o) => o.name === 'Acme Retail (Atlas)')!;
const tokensOf = (run: ExtensionRun) =>
  run.sandbox.atlasTokens().filter((token) => token.atlasOrgId === atlasOrgOf(run).id);
const calls = (run: ExtensionRun, method: string, pathPart: string) =>
  run.sandbox.log.filter((e) => e.method === method && e.path.includes(pathPart) && e.authorized);
const TOKEN_PATH = '/liveMigrations/linkTokens';
const LINK_PATH = '/liveExport/migrationLink';

async function unlink(run: ExtensionRun) {
  await sendFromExtensionPage(run, 'link/delete', { orgId: acmeOf(run).id });
  expect(run.sandbox.links.has(acmeOf(run).id)).toBe(false);
}

describe('create a link token and link, from either side', () => {
  // The Cloud Manager org's tab of the first test: its badge follows the org's later links.
  let acmeTab: Page;

  test.beforeAll(async ({ run }) => {
    await createVaultWith(run, 'owner', CLIENT);
    const atlas = keyNamed(run, 'atlas');
    // The client's Atlas key pair: same client name, side Atlas (the server names its one Atlas org).
    const { profile } = await sendFromExtensionPage(run, 'profiles/add', {
      profile: { label: CLIENT, publicKey: atlas.publicKey, privateKey: atlas.privateKey, side: 'atlas' },
    });
    expect(profile.org?.id).toBe(atlasOrgOf(run).id);
  });

  test('one click on the Cloud Manager org page makes one token and links the org', async ({ run, popupOn }) => {
    const acme = acmeOf(run);
    const atlasOrg = atlasOrgOf(run);
    const popup = await popupOn(orgPageUrl(acme.id));
    acmeTab = popup.tab;
    await expect.poll(() => popup.statusText()).toBe('Not linked to Atlas');
    // The client's one Atlas org is offered, and chosen.
    await expect.poll(() => popup.atlasTarget.inputValue()).toBe(atlasOrg.id);
    await expect
      .poll(() => popup.atlasTarget.locator('option').allTextContents())
      .toEqual([`${atlasOrg.name} (${atlasOrg.id})`]);
    run.sandbox.clearLog();

    await popup.createAndLinkButton.click();
    await expect.poll(() => popup.statusText()).toBe('Linked, synced');
    await expect.poll(() => popup.outcome.textContent()).toBe('Linked to Atlas.');
    await expect.poll(async () => (await badgeOf(run, popup.tab)).text).toBe('✓');
    expect((await badgeOf(run, popup.tab)).title).toContain('Linked, synced');

    const tokens = tokensOf(run);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ revoked: false, linkedOrgIds: [acme.id] });
    expect(run.sandbox.links.get(acme.id)).toMatchObject({
      status: 'SYNCED',
      atlasOrgId: atlasOrg.id,
      tokenFingerprint: tokens[0]!.fingerprint,
    });
    expect(calls(run, 'POST', TOKEN_PATH)).toHaveLength(1);
    expect(calls(run, 'POST', LINK_PATH)).toHaveLength(1);
    // The token never reaches the page.
    expect(issued).toHaveLength(1);
    expect(await popup.page.content()).not.toContain(issued[0]);
    await screenshot(popup.page, 'popup-create-and-link');
    // Accessible in both colour schemes, with the new section.
    expect([...(await violations(popup.page, 'light')), ...(await violations(popup.page, 'dark'))]).toEqual([]);
  });

  test("the same from the Atlas org's page, for the client's org (after an unlink)", async ({ run, popupOn }) => {
    const acme = acmeOf(run);
    const atlasOrg = atlasOrgOf(run);
    await unlink(run);
    const popup = await popupOn(orgPageUrl(atlasOrg.id));
    await popup.atlasOrgPanel.waitFor();
    await expect.poll(() => popup.orgName()).toBe(atlasOrg.name);
    await expect.poll(() => popup.orgId()).toBe(atlasOrg.id);
    // The client's Cloud Manager org, with its last known status.
    await expect.poll(() => popup.clientOrgChoice.inputValue()).toBe(acme.id);
    await expect
      .poll(() => popup.clientOrgChoice.locator('option').allTextContents())
      .toEqual([`${acme.name} (${acme.id}) — Not linked to Atlas`]);
    run.sandbox.clearLog();

    await popup.createAndLinkButton.click();
    await expect
      .poll(() => popup.outcome.textContent())
      .toBe(`${acme.name} (${acme.id}) was linked to Atlas. Linked, synced`);
    // The context comes again: the org's new status shows in the choice.
    await expect
      .poll(() => popup.clientOrgChoice.locator('option').allTextContents())
      .toEqual([`${acme.name} (${acme.id}) — Linked, synced`]);

    const tokens = tokensOf(run);
    expect(tokens).toHaveLength(2);
    expect(tokens[1]).toMatchObject({ revoked: false, linkedOrgIds: [acme.id] });
    expect(run.sandbox.links.get(acme.id)?.tokenFingerprint).toBe(tokens[1]!.fingerprint);
    expect(calls(run, 'POST', TOKEN_PATH)).toHaveLength(1);
    // The Cloud Manager org's tab shows the new link.
    await expect.poll(async () => (await badgeOf(run, acmeTab)).text).toBe('✓');
    await screenshot(popup.page, 'popup-atlas-org-page');
  });

  test('a Cloud Manager failure keeps the token, and the retry links with the same one', async ({ run, popupOn }) => {
    const acme = acmeOf(run);
    await unlink(run);
    const before = tokensOf(run).length;
    const popup = await popupOn(orgPageUrl(acme.id));
    await expect.poll(() => popup.statusText()).toBe('Not linked to Atlas');
    expect(await popup.atlasPending.count()).toBe(0);
    run.sandbox.clearLog();
    run.sandbox.setFaults([{ kind: 'server-error', match: { method: 'POST', pathIncludes: LINK_PATH }, times: 1 }]);

    await popup.createAndLinkButton.click();
    await expect.poll(() => popup.statusText()).toBe('The link failed');
    await expect.poll(() => popup.alertKind()).toBe('server-error');
    expect(run.sandbox.links.has(acme.id)).toBe(false);
    expect(tokensOf(run)).toHaveLength(before + 1);
    expect(tokensOf(run).at(-1)).toMatchObject({ revoked: false, linkedOrgIds: [] });
    // The popup says a token is kept for a retry, never the token.
    await expect
      .poll(() => popup.atlasPending.textContent())
      .toContain('A token made earlier for this Atlas organization is kept');
    expect(await popup.page.content()).not.toContain(issued.at(-1));

    await popup.createAndLinkButton.click();
    await expect.poll(() => popup.statusText()).toBe('Linked, synced');
    // One token for both attempts: made once, posted twice.
    expect(calls(run, 'POST', TOKEN_PATH)).toHaveLength(1);
    expect(run.sandbox.log.filter((e) => e.method === 'POST' && e.path.includes(LINK_PATH))).toHaveLength(2);
    const tokens = tokensOf(run);
    expect(tokens).toHaveLength(before + 1);
    expect(tokens.at(-1)).toMatchObject({ revoked: false, linkedOrgIds: [acme.id] });
    expect(run.sandbox.links.get(acme.id)?.tokenFingerprint).toBe(tokens.at(-1)!.fingerprint);
    // Linked: the token is no longer kept.
    await expect.poll(() => popup.atlasPending.count()).toBe(0);
    run.sandbox.clearFaults();
  });

  test("revokes the Atlas org's token only once confirmed, naming the links it ends, and checks them after", async ({
    run,
    popupOn,
  }) => {
    const atlasOrg = atlasOrgOf(run);
    const acme = acmeOf(run);
    const popup = await popupOn(orgPageUrl(atlasOrg.id));
    await popup.atlasOrgPanel.waitFor();
    run.sandbox.clearLog();

    // From the keyboard: Enter opens the question, which starts on Cancel; Escape closes it.
    await popup.revokeTokenButton.focus();
    await popup.page.keyboard.press('Enter');
    const question = popup.page.getByTestId('revoke-confirm');
    await question.waitFor();
    await expect
      .poll(() => question.textContent())
      .toContain(
        `Revoke the link tokens of the Atlas organization ${atlasOrg.name}? Atlas's DELETE names no token: it removes this organization's link tokens and the API key each one embeds, so every link made with them stops working`,
      );
    // The org this extension linked with a token of this Atlas org (the tests above), named before anything is sent.
    await expect
      .poll(() => question.getByTestId('revoke-reach-linked').textContent())
      .toBe(`${acme.name} (${acme.id})`);
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    expect([...(await violations(popup.page, 'light')), ...(await violations(popup.page, 'dark'))]).toEqual([]);
    await popup.page.keyboard.press('Escape');
    await question.waitFor({ state: 'detached' });
    // Cancel: nothing sent either.
    await (await popup.askToRevoke()).getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'detached' });
    expect(calls(run, 'DELETE', TOKEN_PATH)).toHaveLength(0);
    expect(tokensOf(run).some((token) => token.revoked)).toBe(false);

    await (await popup.askToRevoke()).getByRole('button', { name: 'Revoke the token' }).click();
    await expect
      .poll(() => popup.revokeOutcome.textContent())
      .toContain(`The link token of ${atlasOrg.name} was revoked.`);
    expect(calls(run, 'DELETE', TOKEN_PATH)).toHaveLength(1);
    expect(tokensOf(run).every((token) => token.revoked)).toBe(true);
    // Atlas's DELETE broke the Cloud Manager side: the worker checked Acme's status, and the popup shows it in words
    // that claim neither a link nor none (a status check's NOT_SYNCED).
    await expect
      .poll(() => popup.revokeOutcome.getByTestId('revoke-checked').textContent())
      .toBe(`${acme.name} (${acme.id}) — Not synced (link not confirmed)`);
    expect(calls(run, 'GET', `/orgs/${acme.id}/liveExport/migrationLink/status`)).toHaveLength(1);
    await screenshot(popup.page, 'popup-atlas-token-revoked');

    // Again: Atlas has nothing to remove (recorded: 404), and the popup says so rather than a failure.
    await (await popup.askToRevoke()).getByRole('button', { name: 'Revoke the token' }).click();
    await expect
      .poll(() => popup.revokeOutcome.textContent())
      .toBe(`Atlas had no link token to remove for ${atlasOrg.name}.`);
    expect(calls(run, 'DELETE', TOKEN_PATH)).toHaveLength(2);

    const settings = await openSettings(run);
    try {
      await settings.getByRole('button', { name: 'History', exact: true }).click();
      const table = settings.getByTestId('history');
      await expect.poll(() => table.textContent()).toContain('Revoke Atlas link token');
      const rows = table.locator('tr', { hasText: 'Revoke Atlas link token' });
      await expect.poll(() => rows.count()).toBe(2);
      // Newest first: nothing to remove, then the revoke.
      await expect.poll(() => rows.nth(0).textContent()).toContain(atlasOrg.id);
      await expect.poll(() => rows.nth(0).textContent()).toContain('Nothing to remove: Atlas had no link token');
      await expect.poll(() => rows.nth(1).textContent()).toContain(atlasOrg.id);
      await expect.poll(() => rows.nth(1).textContent()).toContain('Revoked');
    } finally {
      await settings.close();
    }
  });

  test('keeps no private key or link token in storage or any console line', async ({ run }) => {
    // Every token the sandbox issued was seen here (so the scan below is not empty), and none other.
    expect(issued.map(fingerprint)).toEqual(run.sandbox.atlasTokens().map((token) => token.fingerprint));
    expect(issued).toHaveLength(3);
    const { text } = await storedEverything(await run.worker());
    const consoleText = run.consoleLines.join('\n');
    for (const secret of [
      keyNamed(run, 'owner').privateKey,
      keyNamed(run, 'atlas').privateKey,
      PASSPHRASE,
      ...issued,
    ]) {
      expect(text).not.toContain(secret);
      expect(consoleText).not.toContain(secret);
    }
  });
});
