// Link, status and unlink from org and project pages (a project's org found among the projects learnt with its
// client's key pair, or, for a project not seen yet, with the key pair of the client the user names); an org with
// no key pair of its own offers the form in place and makes no call; unlink behind a confirmation naming the org; a
// double click sends one POST; the same token for a second org warns first, naming it; a re-link asks first; the
// badge follows the tab as it navigates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  badgeOf,
  type ExtensionRun,
  launchExtension,
  orgPageUrl,
  projectPageUrl,
  screenshot,
  stopWorker,
} from './harness';
import { addProfileFor, createVaultWith, keyNamed, sendFromExtensionPage } from './steps';

describe('operations on every org page', () => {
  let run: ExtensionRun;
  const cm = () => run.sandbox.fixture.orgs.filter((o) => o.kind === 'cloud-manager' && !o.requiresAccessList);
  const token = (i: number) => run.sandbox.fixture.linkTokens[i]!.token;

  beforeAll(async () => {
    run = await launchExtension();
    // One key pair per org: each is bound to the org its server names.
    await createVaultWith(run, 'owner', 'Owner key');
    await addProfileFor(run, 'globex', 'Globex key');
    await addProfileFor(run, 'initech', 'Initech key');
  });
  afterAll(async () => {
    await run?.close();
  });

  it('links from a project page: the org is found among the projects learnt with its key pair, with no call', async () => {
    const group = run.sandbox.fixture.groups.find((g) => g.orgId === cm()[0]!.id)!;
    run.sandbox.clearLog();
    const tab = await run.openTab(projectPageUrl(group.id));
    const popup = await run.openPopup(tab);
    const page = popup.page;
    try {
      await expect.poll(() => page.getByTestId('org-id').textContent()).toBe(group.orgId);
      await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Acme Retail');
      // Saving the key pair learnt its org's projects: the project page needs no lookup.
      expect(run.sandbox.log.some((e) => e.path.includes('/groups/'))).toBe(false);
      await page.getByLabel('Atlas link token').fill(token(0));
      await page.getByRole('button', { name: 'Link to Atlas' }).click();
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Linked, synced');
      expect(await page.getByTestId('outcome').textContent()).toContain('Linked to Atlas.');
      expect((await badgeOf(run, tab)).text).toBe('✓');
    } finally {
      await popup.close();
    }
  });

  it("a project not seen yet: the popup asks which client, and only that key pair reads its own org's projects", async () => {
    const acme = cm()[0]!;
    // A project created in Acme's org after its key pair was saved.
    const group = { id: '6400aa11bb22cc33dd44ee99', orgId: acme.id, name: 'acme-new' };
    run.sandbox.fixture.groups.push(group);
    run.sandbox.clearLog();
    const tab = await run.openTab(projectPageUrl(group.id));
    const popup = await run.openPopup(tab);
    const page = popup.page;
    try {
      await page.getByRole('heading', { name: 'Which client is this project of?' }).waitFor();
      // Nothing was guessed: no key pair was tried on the project before the user answered.
      expect(run.sandbox.log.filter((e) => e.path.startsWith('/api/'))).toEqual([]);
      const client = page.getByLabel('Client', { exact: true });
      expect(await client.locator('option').allTextContents()).toEqual([
        'Choose a key pair…',
        'Owner key — Acme Retail',
        'Globex key — Globex Logistics',
        'Initech key — Initech Finance',
        'A new client (add its key pair)',
      ]);
      await client.selectOption({ label: 'Owner key — Acme Retail' });
      await page.getByRole('button', { name: 'Find its organization' }).click();
      await expect.poll(() => page.getByTestId('org-id').textContent()).toBe(acme.id);
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Linked, synced');
      // Only the chosen key pair read its own org's projects; no call named the project (or any other org).
      const reads = run.sandbox.log.filter((e) => e.path.startsWith(`/api/public/v1.0/orgs/${acme.id}/groups`));
      expect(reads.filter((e) => e.status === 200)).toHaveLength(1);
      expect(reads.every((e) => e.username === undefined || e.username === keyNamed(run, 'owner').publicKey)).toBe(
        true,
      );
      expect(run.sandbox.log.some((e) => e.path.includes(`/groups/${group.id}`))).toBe(false);
    } finally {
      await popup.close();
    }
    // Remembered with that key pair: the next visit needs no call.
    run.sandbox.clearLog();
    const again = await run.openPopup(tab);
    try {
      await expect.poll(() => again.page.getByTestId('org-id').textContent()).toBe(acme.id);
      expect(run.sandbox.log.some((e) => e.path.includes('/groups/'))).toBe(false);
    } finally {
      await again.close();
    }
  });

  it('an org with no key pair of its own: says so, makes no call, and takes only a key of that org', async () => {
    const umbrella = run.sandbox.fixture.orgs.find((o) => o.requiresAccessList)!;
    run.sandbox.clearLog();
    const tab = await run.openTab(orgPageUrl(umbrella.id));
    const popup = await run.openPopup(tab);
    const page = popup.page;
    try {
      await page.getByTestId('no-key-pair').waitFor();
      expect(await page.getByTestId('no-key-pair-text').textContent()).toContain(umbrella.id);
      // Three key pairs are saved, none of this org: none is offered, none signs a call.
      expect(await page.getByRole('button', { name: 'Link to Atlas' }).count()).toBe(0);
      await new Promise((r) => setTimeout(r, 500));
      expect(run.sandbox.log.filter((e) => e.orgId === umbrella.id)).toEqual([]);
      expect((await badgeOf(run, tab)).text).toBe('');
      // Another org's key is refused by the name of its org; the fields keep what was typed.
      const fill = async (keyName: string, label: string) => {
        const key = keyNamed(run, keyName);
        await page.getByLabel('Client name').fill(label);
        await page.getByLabel('Public key (username)').fill(key.publicKey);
        await page.getByLabel('Private key (password)').fill(key.privateKey);
        await page.getByRole('button', { name: 'Save key pair' }).click();
      };
      await fill('readonly', 'Umbrella');
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.locator('strong').getAttribute('data-kind')).toBe('key-other-org');
      expect(await alert.textContent()).toContain('Hooli Media (64e5f60718293a4b5c6d7e8f)');
      expect(await page.getByLabel('Client name').inputValue()).toBe('Umbrella');
      await fill('listed', 'Umbrella');
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Not linked to Atlas');
      expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe(umbrella.name);
      expect(await page.getByTestId('profile-label').textContent()).toContain('Umbrella');
    } finally {
      await popup.close();
    }
    const labels = (await sendFromExtensionPage<{ label: string }[]>(run, 'profiles/list', {})).map((p) => p.label);
    expect(labels.sort()).toEqual(['Globex key', 'Initech key', 'Owner key', 'Umbrella']);
  });

  it('a double click sends one POST', async () => {
    const org = cm()[1]!;
    const tab = await run.openTab(orgPageUrl(org.id));
    const popup = await run.openPopup(tab);
    const page = popup.page;
    try {
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Not linked to Atlas');
      run.sandbox.setFaults([{ kind: 'latency', ms: 400, match: { method: 'POST' } }]);
      run.sandbox.clearLog();
      await page.getByLabel('Atlas link token').fill(token(5)); // the NOT_SYNCED token
      await page.getByRole('button', { name: 'Link to Atlas' }).dblclick();
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Linked, not synced');
      expect(run.sandbox.log.filter((e) => e.method === 'POST' && e.authorized)).toHaveLength(1);
      expect((await badgeOf(run, tab)).text).toBe('…');
    } finally {
      run.sandbox.clearFaults();
      await popup.close();
    }
  });

  it('warns before the same token is used for a second org, naming it', async () => {
    const org = cm()[2]!;
    const tab = await run.openTab(orgPageUrl(org.id));
    const popup = await run.openPopup(tab);
    const page = popup.page;
    try {
      await page.getByTestId('status').waitFor();
      run.sandbox.clearLog();
      await page.getByLabel('Atlas link token').fill(token(0)); // already used for the first org
      await page.getByRole('button', { name: 'Link to Atlas' }).click();
      await expect
        .poll(() => page.getByTestId('outcome').textContent())
        .toContain('already used for another organization (Acme Retail)');
      expect(run.sandbox.log.filter((e) => e.method === 'POST')).toHaveLength(0);
      await page.getByRole('button', { name: 'Use it anyway' }).click();
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Linked, synced');
    } finally {
      await popup.close();
    }
  });

  it('unlinks only after a confirmation that names the org', async () => {
    const org = cm()[0]!;
    const tab = await run.openTab(orgPageUrl(org.id));
    const popup = await run.openPopup(tab);
    const page = popup.page;
    try {
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Linked, synced');
      run.sandbox.clearLog();
      await page.getByRole('button', { name: 'Unlink…' }).click();
      const question = page.getByRole('alertdialog');
      expect(await question.textContent()).toContain('Acme Retail');
      // The safe answer has the focus: Enter cancels.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
      await page.keyboard.press('Enter');
      await expect.poll(() => question.count()).toBe(0);
      expect(run.sandbox.log.filter((e) => e.method === 'DELETE')).toHaveLength(0);
      await page.getByRole('button', { name: 'Unlink…' }).click();
      await screenshot(page, 'popup-confirm-unlink');
      await page.getByRole('alertdialog').getByRole('button', { name: 'Unlink', exact: true }).click();
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Not linked to Atlas');
      expect(run.sandbox.links.has(org.id)).toBe(false);
      expect(run.sandbox.log.filter((e) => e.method === 'DELETE' && e.status === 204)).toHaveLength(1);
      expect((await badgeOf(run, tab)).text).toBe('');
    } finally {
      await popup.close();
    }
  });

  it('the badge follows the tab as it navigates between orgs', async () => {
    const linked = cm()[2]!; // SYNCED above
    const notSynced = cm()[1]!; // NOT_SYNCED above
    const tab = await run.openTab(orgPageUrl(linked.id));
    await expect.poll(async () => (await badgeOf(run, tab)).text).toBe('✓');
    expect((await badgeOf(run, tab)).title).toContain('Initech Finance');
    await tab.goto(orgPageUrl(notSynced.id));
    await expect.poll(async () => (await badgeOf(run, tab)).text).toBe('…');
    await tab.goto(`https://cloud.mongodb.com/v2#/preferences/personalization`);
    await expect.poll(async () => (await badgeOf(run, tab)).text).toBe('');
  });

  it('uses the keyboard alone: Tab to the token, type, Enter links', async () => {
    const org = cm()[0]!;
    const tab = await run.openTab(orgPageUrl(org.id));
    const popup = await run.openPopup(tab);
    const page = popup.page;
    try {
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Not linked to Atlas');
      await page.getByLabel('Atlas link token').focus();
      await page.keyboard.type(token(1));
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Linked, synced');
    } finally {
      await popup.close();
    }
  });

  it('says the outcome is unknown when the worker stops mid-call, and never re-sends the link', async () => {
    const org = cm()[1]!;
    const tab = await run.openTab(orgPageUrl(org.id));
    const popup = await run.openPopup(tab);
    const page = popup.page;
    try {
      await page.getByTestId('status').waitFor();
      await expect.poll(() => page.getByTestId('status').textContent()).not.toBe('Checking…');
      // Linked (not synced) already: the token field opens only after the re-link question.
      expect(await page.getByTestId('status').textContent()).toBe('Linked, not synced');
      expect(await page.getByLabel('Atlas link token').count()).toBe(0);
      await page.getByRole('button', { name: 'Link again with a new token…' }).click();
      const relink = page.getByTestId('relink-confirm');
      expect(await relink.textContent()).toContain('Globex Logistics');
      await relink.getByRole('button', { name: 'Link again' }).click();
      run.sandbox.setFaults([{ kind: 'slow', ms: 4000, match: { method: 'POST' }, times: 1 }]);
      run.sandbox.clearLog();
      await page.getByLabel('Atlas link token').fill(token(2));
      await page.getByRole('button', { name: 'Link to Atlas' }).click();
      await expect.poll(() => run.sandbox.log.filter((e) => e.method === 'POST' && e.authorized).length).toBe(1);
      await stopWorker(run);
      await expect
        .poll(() => page.getByRole('alert').locator('strong').getAttribute('data-kind'))
        .toBe('outcome-unknown');
    } finally {
      await popup.close();
    }
    const again = await run.openPopup(tab);
    try {
      await expect.poll(() => again.page.getByRole('status').first().textContent()).toContain('outcome is unknown');
      await new Promise((r) => setTimeout(r, 4500)); // long enough for any re-send to reach the sandbox
      expect(run.sandbox.log.filter((e) => e.method === 'POST')).toHaveLength(1);
      await again.page.getByRole('button', { name: 'Check status' }).click();
      await expect.poll(() => again.page.getByTestId('status').textContent()).toMatch(/^Linked, (synced|not synced)$/);
    } finally {
      await again.close();
    }
  });
});
