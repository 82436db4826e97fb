// Targets by default (#31 item 3) in real Chromium against the sandbox: client A has three Cloud Manager orgs and
// exactly one Atlas org, client B one Cloud Manager org and two Atlas orgs. A's rows show A's Atlas org as their
// target, marked "(default)", with no choice made and no CSV; B's row asks. One of A's rows is set to "No target"
// with the keyboard, and that explicit none stays after a reload. Create and link of all four selected rows then
// links A's two other orgs to the default, one token each, and skips the other two.
import { describe, expect } from 'vitest';
import { generateFixture } from '../../sandbox/fixture';
import { DashboardPage } from './dashboard-page';
import { test } from './fixtures';
import type { ExtensionRun } from './harness';
import { addProfilesFor, createVaultWith } from './steps';

const cmOrgs = (run: ExtensionRun) => run.sandbox.fixture.orgs.filter((o) => o.kind === 'cloud-manager');
const atlasOrgs = (run: ExtensionRun) => run.sandbox.fixture.orgs.filter((o) => o.kind === 'atlas');
const selectedText = (select: ReturnType<DashboardPage['targetOf']>) =>
  select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '');

test.override('launch', { sandbox: { fixture: generateFixture({ orgs: 4, seed: 31, atlasOrgs: 3 }) } });

describe('dashboard: Atlas targets by default', () => {
  let dash: DashboardPage;

  test.beforeAll(async ({ run }) => {
    await createVaultWith(run, 'key1', 'Client A');
    await addProfilesFor(run, [
      { keyName: 'key2', label: 'Client A' },
      { keyName: 'key3', label: 'Client A' },
      { keyName: 'key4', label: 'Client B' },
    ]);
    await DashboardPage.addAtlasKeyPair(run, 'atlas1', 'Client A');
    await DashboardPage.addAtlasKeyPair(run, 'atlas2', 'Client B');
    await DashboardPage.addAtlasKeyPair(run, 'atlas3', 'Client B');
    dash = await DashboardPage.open(run);
  }, 120_000);

  test("a client's only Atlas org is its rows' default target; a client with two Atlas orgs asks", async ({ run }) => {
    const [a1, a2, a3, b1] = cmOrgs(run);
    const [atlasA, atlasB1, atlasB2] = atlasOrgs(run);
    await expect.poll(() => dash.rowCount()).toBe(4);
    for (const org of [a1!, a2!, a3!]) {
      await expect.poll(() => dash.targetOf(org.id).inputValue()).toBe(atlasA!.id);
      expect(await selectedText(dash.targetOf(org.id))).toBe(`${atlasA!.name} (default)`);
    }
    expect(await dash.targetOf(a1!.id).locator('option').allTextContents()).toEqual([
      'No target',
      `${atlasA!.name} (default)`,
    ]);
    expect(await dash.targetOf(b1!.id).inputValue()).toBe('');
    expect(await dash.targetOf(b1!.id).locator('option').allTextContents()).toEqual([
      'Choose a target',
      atlasB1!.name,
      atlasB2!.name,
    ]);
    // A default is the client's, not a choice stored for the org: nothing was saved, nothing asked of a server.
    expect((await dash.view()).rows.map((r) => [r.orgId, r.atlasTarget])).toEqual(
      expect.arrayContaining([
        [a1!.id, 'default'],
        [b1!.id, 'ask'],
      ]),
    );
  });

  test('an explicit "No target" wins over the default, also after a reload', async ({ run }) => {
    const [, , a3] = cmOrgs(run);
    const select = dash.targetOf(a3!.id);
    await select.focus();
    await dash.page.keyboard.press('ArrowUp'); // "No target"
    await expect.poll(() => dash.outcomeOf(a3!.id).textContent()).toContain(`${a3!.name} has no Atlas target now.`);
    await dash.goto();
    await expect.poll(() => dash.targetOf(a3!.id).inputValue()).toBe('');
    expect(await selectedText(dash.targetOf(a3!.id))).toBe('No target');
    expect((await dash.view()).rows.find((r) => r.orgId === a3!.id)?.atlasTarget).toBe('none-chosen');
  });

  test('create and link of the selected rows links those with a default target, with no choice made', async ({
    run,
  }) => {
    const { page } = dash;
    const [a1, a2, a3, b1] = cmOrgs(run);
    const [atlasA] = atlasOrgs(run);
    run.sandbox.clearLog();
    await dash.selectShown.focus();
    await page.keyboard.press('Space');
    await expect
      .poll(() => page.getByTestId('link-run-selection').textContent())
      .toBe('4 selected, 2 of them with an Atlas target.');
    await dash.linkRunStart.click();
    await expect
      .poll(dash.linkRunStatus, { timeout: 60_000 })
      .toBe('Create and link finished: 2 linked, 0 failed, 2 skipped.');
    for (const org of [a1!, a2!]) {
      expect(run.sandbox.links.get(org.id)?.atlasOrgId).toBe(atlasA!.id);
      await expect.poll(() => dash.rowStatus(org.id)).toMatch(/^Linked/);
    }
    for (const org of [a3!, b1!]) expect(run.sandbox.links.get(org.id)).toBeUndefined();
    const tokens = run.sandbox.atlasTokens();
    expect(tokens.map((t) => [t.atlasOrgId, t.linkedOrgIds])).toEqual(
      expect.arrayContaining([
        [atlasA!.id, [a1!.id]],
        [atlasA!.id, [a2!.id]],
      ]),
    );
    expect(tokens).toHaveLength(2);
  }, 120_000);
});
