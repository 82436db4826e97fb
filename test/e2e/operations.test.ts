// Link, status and unlink from org and project pages; unlink behind a confirmation naming the org; a double
// click sends one POST; the same token for a second org warns first; the badge follows the tab as it navigates.
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
import { createVaultWith } from './steps';

describe('operations on every org page', () => {
  let run: ExtensionRun;
  const cm = () => run.sandbox.fixture.orgs.filter((o) => o.kind === 'cloud-manager' && !o.requiresAccessList);
  const token = (i: number) => run.sandbox.fixture.linkTokens[i]!.token;

  beforeAll(async () => {
    run = await launchExtension();
    await createVaultWith(run, 'owner', 'Owner key');
  });
  afterAll(async () => {
    await run?.close();
  });

  it('links from a project page: the org is found through the API', async () => {
    const group = run.sandbox.fixture.groups.find((g) => g.orgId === cm()[0]!.id)!;
    const tab = await run.openTab(projectPageUrl(group.id));
    const popup = await run.openPopup(tab);
    const page = popup.page;
    try {
      await expect.poll(() => page.getByTestId('org-id').textContent()).toBe(group.orgId);
      expect(
        run.sandbox.log.some((e) => e.path.startsWith(`/api/public/v1.0/groups/${group.id}`) && e.status === 200),
      ).toBe(true);
      await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Acme Retail');
      await page.getByLabel('Atlas link token').fill(token(0));
      await page.getByRole('button', { name: 'Link to Atlas' }).click();
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Linked — SYNCED');
      expect((await badgeOf(run, tab)).text).toBe('✓');
    } finally {
      await popup.close();
    }
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
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Linked — NOT_SYNCED');
      expect(run.sandbox.log.filter((e) => e.method === 'POST' && e.authorized)).toHaveLength(1);
      expect((await badgeOf(run, tab)).text).toBe('…');
    } finally {
      run.sandbox.clearFaults();
      await popup.close();
    }
  });

  it('warns before the same token is used for a second org', async () => {
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
        .toContain('already used for another organization');
      expect(run.sandbox.log.filter((e) => e.method === 'POST')).toHaveLength(0);
      await page.getByRole('button', { name: 'Use it anyway' }).click();
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Linked — SYNCED');
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
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Linked — SYNCED');
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
      await expect.poll(() => page.getByTestId('status').textContent()).toBe('Linked — SYNCED');
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
      await expect
        .poll(() => again.page.getByTestId('status').textContent())
        .toMatch(/^(Linked — SYNCED|Not linked to Atlas)$/);
    } finally {
      await again.close();
    }
  });
});
