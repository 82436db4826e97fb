// Link, status and unlink from org and project pages (a project's org found among the projects learnt with its
// client's key pair, or, for a project not seen yet, with the key pair of the client the user names); an org with
// no key pair of its own offers the form in place and makes no call; unlink behind a confirmation naming the org; a
// double click sends one POST; the same token for a second org warns first, naming it; a re-link asks first; the
// badge follows the tab as it navigates.
import { describe, expect } from 'vitest';
import { test } from './fixtures';
import { badgeOf, type ExtensionRun, orgPageUrl, projectPageUrl, screenshot, stopWorker } from './harness';
import { addProfileFor, cmOrgs, createVaultWith, keyNamed, sendFromExtensionPage } from './steps';

const token = (run: ExtensionRun, i: number) => run.sandbox.fixture.linkTokens[i]!.token;

describe('operations on every org page', () => {
  test.beforeAll(async ({ run }) => {
    // One key pair per org: each is bound to the org its server names.
    await createVaultWith(run, 'owner', 'Owner key');
    await addProfileFor(run, 'globex', 'Globex key');
    await addProfileFor(run, 'initech', 'Initech key');
  });

  test('links from a project page: the org is found among the projects learnt with its key pair, with no call', async ({
    run,
    popupOn,
  }) => {
    const group = run.sandbox.fixture.groups.find((g) => g.orgId === cmOrgs(run)[0]!.id)!;
    run.sandbox.clearLog();
    const popup = await popupOn(projectPageUrl(group.id));
    await expect.poll(() => popup.orgId()).toBe(group.orgId);
    await expect.poll(() => popup.heading.textContent()).toBe('Acme Retail');
    // Saving the key pair learnt its org's projects: the project page needs no lookup.
    expect(run.sandbox.log.some((e) => e.path.includes('/groups/'))).toBe(false);
    await popup.link(token(run, 0));
    await expect.poll(() => popup.statusText()).toBe('Linked, synced');
    await expect.poll(() => popup.outcome.textContent()).toContain('Linked to Atlas.');
    expect((await badgeOf(run, popup.tab)).text).toBe('✓');
  });

  test("a project not seen yet: the popup asks which client, and only that key pair reads its own org's projects", async ({
    run,
    popupOn,
  }) => {
    const acme = cmOrgs(run)[0]!;
    // A project created in Acme's org after its key pair was saved.
    const group = { id: '6400aa11bb22cc33dd44ee99', orgId: acme.id, name: 'acme-new' };
    run.sandbox.fixture.groups.push(group);
    run.sandbox.clearLog();
    const popup = await popupOn(projectPageUrl(group.id));
    await popup.projectQuestion.waitFor();
    // Nothing was guessed: no key pair was tried on the project before the user answered.
    expect(run.sandbox.log.filter((e) => e.path.startsWith('/api/'))).toEqual([]);
    await expect
      .poll(() => popup.clientChoice.locator('option').allTextContents())
      .toEqual([
        'Choose a key pair…',
        'Owner key — Acme Retail',
        'Globex key — Globex Logistics',
        'Initech key — Initech Finance',
        'A new client (add its key pair)',
      ]);
    await popup.clientChoice.selectOption({ label: 'Owner key — Acme Retail' });
    await popup.page.getByRole('button', { name: 'Find its organization' }).click();
    await expect.poll(() => popup.orgId()).toBe(acme.id);
    await expect.poll(() => popup.statusText()).toBe('Linked, synced');
    // Only the chosen key pair read its own org's projects; no call named the project (or any other org).
    const reads = run.sandbox.log.filter((e) => e.path.startsWith(`/api/public/v1.0/orgs/${acme.id}/groups`));
    expect(reads.filter((e) => e.status === 200)).toHaveLength(1);
    expect(reads.every((e) => e.username === undefined || e.username === keyNamed(run, 'owner').publicKey)).toBe(true);
    expect(run.sandbox.log.some((e) => e.path.includes(`/groups/${group.id}`))).toBe(false);
    await popup.close();
    // Remembered with that key pair: the next visit needs no call.
    run.sandbox.clearLog();
    const again = await popupOn(popup.tab);
    await expect.poll(() => again.orgId()).toBe(acme.id);
    expect(run.sandbox.log.some((e) => e.path.includes('/groups/'))).toBe(false);
  });

  test('an org with no key pair of its own: says so, makes no call, and takes only a key of that org', async ({
    run,
    popupOn,
  }) => {
    const umbrella = run.sandbox.fixture.orgs.find((o) => o.requiresAccessList)!;
    run.sandbox.clearLog();
    const popup = await popupOn(orgPageUrl(umbrella.id));
    await popup.noKeyPair.waitFor();
    await expect.poll(() => popup.noKeyPairText.textContent()).toContain(umbrella.id);
    // Three key pairs are saved, none of this org: none is offered, none signs a call.
    expect(await popup.linkButton.count()).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(run.sandbox.log.filter((e) => e.orgId === umbrella.id)).toEqual([]);
    expect((await badgeOf(run, popup.tab)).text).toBe('');
    // Another org's key is refused by the name of its org; the fields keep what was typed.
    await popup.saveKeyPair(keyNamed(run, 'readonly'), 'Umbrella');
    await expect.poll(() => popup.alertKind()).toBe('key-other-org');
    await expect.poll(() => popup.alert.textContent()).toContain('Hooli Media (64e5f60718293a4b5c6d7e8f)');
    await expect.poll(() => popup.page.getByLabel('Client name').inputValue()).toBe('Umbrella');
    await popup.saveKeyPair(keyNamed(run, 'listed'), 'Umbrella');
    await expect.poll(() => popup.statusText()).toBe('Not linked to Atlas');
    await expect.poll(() => popup.heading.textContent()).toBe(umbrella.name);
    await expect.poll(() => popup.page.getByTestId('profile-label').textContent()).toContain('Umbrella');
    await popup.close();
    const labels = (await sendFromExtensionPage(run, 'profiles/list', {})).map((p) => p.label);
    expect(labels.sort()).toEqual(['Globex key', 'Initech key', 'Owner key', 'Umbrella']);
  });

  test('a double click sends one POST', async ({ run, popupOn }) => {
    const popup = await popupOn(orgPageUrl(cmOrgs(run)[1]!.id));
    try {
      await expect.poll(() => popup.statusText()).toBe('Not linked to Atlas');
      run.sandbox.setFaults([{ kind: 'latency', ms: 400, match: { method: 'POST' } }]);
      run.sandbox.clearLog();
      await popup.tokenField.fill(token(run, 5)); // the NOT_SYNCED token
      await popup.linkButton.dblclick();
      await expect.poll(() => popup.statusText()).toBe('Linked, not synced');
      expect(run.sandbox.log.filter((e) => e.method === 'POST' && e.authorized)).toHaveLength(1);
      expect((await badgeOf(run, popup.tab)).text).toBe('…');
    } finally {
      run.sandbox.clearFaults();
    }
  });

  test('warns before the same token is used for a second org, naming it', async ({ run, popupOn }) => {
    const popup = await popupOn(orgPageUrl(cmOrgs(run)[2]!.id));
    await popup.status.waitFor();
    run.sandbox.clearLog();
    await popup.link(token(run, 0)); // already used for the first org
    await expect
      .poll(() => popup.outcome.textContent())
      .toContain('already used for another organization (Acme Retail)');
    expect(run.sandbox.log.filter((e) => e.method === 'POST')).toHaveLength(0);
    await popup.page.getByRole('button', { name: 'Use it anyway' }).click();
    await expect.poll(() => popup.statusText()).toBe('Linked, synced');
  });

  test('unlinks only after a confirmation that names the org', async ({ run, popupOn }) => {
    const org = cmOrgs(run)[0]!;
    const popup = await popupOn(orgPageUrl(org.id));
    const page = popup.page;
    await expect.poll(() => popup.statusText()).toBe('Linked, synced');
    run.sandbox.clearLog();
    await popup.unlinkButton.click();
    const question = page.getByRole('alertdialog');
    await expect.poll(() => question.textContent()).toContain('Acme Retail');
    // The safe answer has the focus: Enter cancels.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Enter');
    await expect.poll(() => question.count()).toBe(0);
    expect(run.sandbox.log.filter((e) => e.method === 'DELETE')).toHaveLength(0);
    await popup.unlinkButton.click();
    await screenshot(page, 'popup-confirm-unlink');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Unlink', exact: true }).click();
    await expect.poll(() => popup.statusText()).toBe('Not linked to Atlas');
    expect(run.sandbox.links.has(org.id)).toBe(false);
    expect(run.sandbox.log.filter((e) => e.method === 'DELETE' && e.status === 204)).toHaveLength(1);
    expect((await badgeOf(run, popup.tab)).text).toBe('');
  });

  test('the badge follows the tab as it navigates between orgs', async ({ run }) => {
    const linked = cmOrgs(run)[2]!; // SYNCED above
    const notSynced = cmOrgs(run)[1]!; // NOT_SYNCED above
    const tab = await run.openTab(orgPageUrl(linked.id));
    await expect.poll(async () => (await badgeOf(run, tab)).text).toBe('✓');
    expect((await badgeOf(run, tab)).title).toContain('Initech Finance');
    await tab.goto(orgPageUrl(notSynced.id));
    await expect.poll(async () => (await badgeOf(run, tab)).text).toBe('…');
    await tab.goto(`https://cloud.mongodb.com/v2#/preferences/personalization`);
    await expect.poll(async () => (await badgeOf(run, tab)).text).toBe('');
  });

  test('uses the keyboard alone: Tab to the token, type, Enter links', async ({ run, popupOn }) => {
    const popup = await popupOn(orgPageUrl(cmOrgs(run)[0]!.id));
    await expect.poll(() => popup.statusText()).toBe('Not linked to Atlas');
    await popup.tokenField.focus();
    await popup.page.keyboard.type(token(run, 1));
    await popup.page.keyboard.press('Enter');
    await expect.poll(() => popup.statusText()).toBe('Linked, synced');
  });

  test('says the outcome is unknown when the worker stops mid-call, and never re-sends the link', async ({
    run,
    popupOn,
  }) => {
    const popup = await popupOn(orgPageUrl(cmOrgs(run)[1]!.id));
    await popup.status.waitFor();
    await expect.poll(() => popup.statusText()).not.toBe('Checking…');
    // Linked before with a token that answered NOT_SYNCED; the status check on opening answers NOT_SYNCED, which
    // does not tell whether a link exists: the token field still opens only after the re-link question.
    expect(await popup.statusText()).toBe('Not synced (link not confirmed)');
    expect(await popup.tokenField.count()).toBe(0);
    await popup.page.getByRole('button', { name: 'Link again with a new token…' }).click();
    const relink = popup.page.getByTestId('relink-confirm');
    await expect.poll(() => relink.textContent()).toContain('Globex Logistics');
    await relink.getByRole('button', { name: 'Link again' }).click();
    run.sandbox.setFaults([{ kind: 'slow', ms: 4000, match: { method: 'POST' }, times: 1 }]);
    run.sandbox.clearLog();
    await popup.link(token(run, 2));
    await expect.poll(() => run.sandbox.log.filter((e) => e.method === 'POST' && e.authorized).length).toBe(1);
    await stopWorker(run);
    await expect.poll(() => popup.alertKind()).toBe('outcome-unknown');
    await popup.close();

    const again = await popupOn(popup.tab);
    await expect.poll(() => again.page.getByRole('status').first().textContent()).toContain('outcome is unknown');
    await new Promise((r) => setTimeout(r, 4500)); // long enough for any re-send to reach the sandbox
    expect(run.sandbox.log.filter((e) => e.method === 'POST')).toHaveLength(1);
    await again.page.getByRole('button', { name: 'Check status' }).click();
    await expect.poll(() => again.statusText()).toMatch(/^Linked, (synced|not synced)$/);
  });
});
