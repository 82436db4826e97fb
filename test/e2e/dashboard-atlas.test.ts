// The dashboard's Atlas side in real Chromium against the sandbox: 20 Cloud Manager orgs of two clients (10 each, one
// key pair per org, labelled by client) and one Atlas key pair per client. Atlas targets imported from a CSV (a
// preview of which rows get which target and which lines are invalid, before anything is saved), a row's target
// changed with the keyboard, and "create and link" of the 20 selected rows in the worker: every org linked with a
// token of its own (one per org, none used twice), the progress shown, the requests counted; then a run where Atlas
// answers 429 that still links all 20, each posted once.
import { describe, expect } from 'vitest';
import { generateFixture } from '../../sandbox/fixture';
import { DashboardPage } from './dashboard-page';
import { test } from './fixtures';
import { type ExtensionRun, screenshot } from './harness';
import { addProfilesFor, createVaultWith, failureOf, sendIn } from './steps';

const CLIENTS = ['Client A', 'Client B'] as const;
/** Org i (0..19) belongs to client A for i < 10, else to client B; Atlas org 0 is A's, Atlas org 1 is B's. */
const clientOf = (i: number) => CLIENTS[i < 10 ? 0 : 1];
const cmOrgs = (run: ExtensionRun) => run.sandbox.fixture.orgs.filter((o) => o.kind === 'cloud-manager');
const atlasOrgs = (run: ExtensionRun) => run.sandbox.fixture.orgs.filter((o) => o.kind === 'atlas');
const targetOf = (run: ExtensionRun, i: number) => atlasOrgs(run)[i < 10 ? 0 : 1]!;

const TOKEN_PATH = '/liveMigrations/linkTokens';
const LINK_PATH = '/liveExport/migrationLink';
const accepted = (run: ExtensionRun, path: string, method = 'POST') =>
  run.sandbox.log.filter((e) => e.method === method && e.path.endsWith(path) && e.status >= 200 && e.status < 300);

test.override('launch', { sandbox: { fixture: generateFixture({ orgs: 20, seed: 14, atlasOrgs: 2 }) } });

describe('dashboard: Atlas targets and create and link in bulk', () => {
  let dash: DashboardPage;

  test.beforeAll(async ({ run }) => {
    await createVaultWith(run, 'key1', clientOf(0));
    await addProfilesFor(
      run,
      cmOrgs(run)
        .slice(1)
        .map((_, j) => ({ keyName: `key${j + 2}`, label: clientOf(j + 1) })),
    );
    await DashboardPage.addAtlasKeyPair(run, 'atlas1', CLIENTS[0]);
    await DashboardPage.addAtlasKeyPair(run, 'atlas2', CLIENTS[1]);
    dash = await DashboardPage.open(run);
  }, 120_000);

  test('imports targets from a CSV: a preview first (valid rows and invalid lines, with why), then all at once', async ({
    run,
  }) => {
    const orgs = cmOrgs(run);
    const [atlasA, atlasB] = atlasOrgs(run);
    await expect.poll(() => dash.rowCount()).toBe(20);
    run.sandbox.clearLog();
    const lines = [
      'cloudManagerOrgId,atlasOrgId',
      `${orgs[1]!.id},${atlasB!.id}`, // 2: client A has no Atlas key pair of B's Atlas org
      ...orgs.map((o, i) => `${o.id},${targetOf(run, i).id}`), // 3..22
      `${orgs[0]!.id},${atlasB!.id}`, // 23: a repeat of line 3
      'not-an-org,also-not', // 24
      `${atlasA!.id},${atlasA!.id}`, // 25: an org the dashboard does not list
      `${orgs[3]!.id}`, // 26: one value
    ];
    await dash.previewTargets(lines.join('\r\n'));
    const preview = dash.targetImport.getByTestId('target-import-preview');
    await expect
      .poll(() => preview.locator('p strong').textContent())
      .toBe('Rows getting a target: 20 · invalid lines: 5');
    const valid = preview.getByTestId('target-import-valid');
    await expect.poll(() => valid.locator('tbody tr').count()).toBe(20);
    await expect
      .poll(() => valid.locator(`tr[data-org-id="${orgs[12]!.id}"]`).textContent())
      .toBe(`15${orgs[12]!.name} ${orgs[12]!.id}${atlasB!.name} ${atlasB!.id}`);
    await expect
      .poll(() => preview.getByTestId('target-import-invalid').locator('tbody tr').allTextContents())
      .toEqual([
        // Each invalid line shown as it was pasted, between its number and why.
        `2${lines[1]}the client Client A has no Atlas key pair for this Atlas org`,
        `23${lines[22]}this organization is already on line 3`,
        '24not-an-org,also-notthe first value is not a Cloud Manager org id',
        `25${lines[24]}this organization is not in the dashboard`,
        `26${lines[25]}needs two values: the Cloud Manager org id, then the Atlas org id`,
      ]);
    // Nothing is saved by the preview.
    // (Each client has one Atlas org: every row shows it as its default target, none is chosen yet.)
    expect((await dash.view()).rows.filter((r) => r.atlasTarget === 'chosen')).toEqual([]);
    await screenshot(dash.page, 'dashboard-atlas-import-preview');

    await dash.targetImport.getByRole('button', { name: 'Apply 20 targets' }).click();
    // Said beside the import that saved them.
    await expect
      .poll(() => dash.targetImport.getByTestId('target-import-outcome').textContent())
      .toContain('20 Atlas targets saved.');
    const rows = (await dash.view()).rows;
    for (const [i, org] of orgs.entries()) {
      expect(rows.find((r) => r.orgId === org.id)?.atlasOrgId).toBe(targetOf(run, i).id);
    }
    await expect.poll(() => dash.targetOf(orgs[12]!.id).inputValue()).toBe(atlasB!.id);
    // A row offers only its own client's Atlas orgs.
    await expect
      .poll(() => dash.targetOf(orgs[12]!.id).locator('option').allTextContents())
      .toEqual(['No target', `${atlasB!.name} (default)`]);
    // No request to Cloud Manager or Atlas: targets are the extension's own notes.
    expect(run.sandbox.log.filter((e) => e.path.startsWith('/api/'))).toEqual([]);
  });

  test("a row's target: cleared and set again with the keyboard; another client's Atlas org is refused", async ({
    run,
  }) => {
    const { page } = dash;
    const org = cmOrgs(run)[5]!;
    const select = dash.targetOf(org.id);
    await select.focus();
    await page.keyboard.press('ArrowUp'); // "No target"
    // Said in the row; the focus stays on the list, so arrow keys go on choosing.
    await expect.poll(() => dash.outcomeOf(org.id).textContent()).toContain(`${org.name} has no Atlas target now.`);
    expect(await dash.holdsFocus(select)).toBe(true);
    expect((await dash.view()).rows.find((r) => r.orgId === org.id)?.atlasOrgId).toBeUndefined();
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => dash.outcomeOf(org.id).textContent())
      .toContain(`${org.name} will be linked to ${targetOf(run, 5).name}.`);
    expect((await dash.view()).rows.find((r) => r.orgId === org.id)?.atlasOrgId).toBe(targetOf(run, 5).id);

    const refused = await failureOf(run, 'dashboard/set-atlas-target', {
      orgId: org.id,
      atlasOrgId: targetOf(run, 15).id,
    });
    expect(refused).toMatchObject({ kind: 'no-atlas-key-pair', params: { client: CLIENTS[0] } });
    expect((await dash.view()).rows.find((r) => r.orgId === org.id)?.atlasOrgId).toBe(targetOf(run, 5).id);
  });

  test('create and link the 20 selected rows: all linked, one token each, the progress shown', async ({ run }) => {
    const { page } = dash;
    const orgs = cmOrgs(run);
    run.sandbox.setLatency(100);
    run.sandbox.clearLog();
    // Select every shown row with the keyboard.
    await dash.selectShown.focus();
    await page.keyboard.press('Space');
    await expect
      .poll(() => page.getByTestId('link-run-selection').textContent())
      .toBe('20 selected, 20 of them with an Atlas target.');
    const started = Date.now();
    await dash.linkRunStart.click();
    await page.getByTestId('link-run-counts').waitFor();
    const running = await dash.sampleRunning(60_000);
    await expect
      .poll(dash.linkRunStatus, { timeout: 60_000 })
      .toBe('Create and link finished: 20 linked, 0 failed, 0 skipped.');
    const elapsed = Date.now() - started;
    await screenshot(page, 'dashboard-atlas-linked');

    expect(Math.max(...running)).toBe(4);
    await expect
      .poll(() => page.getByTestId('link-run-counts').textContent())
      .toBe('20 of 20 linked · 0 failed · 0 skipped');
    for (const org of orgs) {
      expect(run.sandbox.links.get(org.id)?.status).toBeDefined();
      await expect.poll(() => dash.rowStatus(org.id)).toMatch(/^Linked/);
    }
    // One token per org, made by the org's client's Atlas key pair for its target, and none used twice.
    const tokens = run.sandbox.atlasTokens();
    expect(tokens).toHaveLength(20);
    expect(tokens.every((token) => token.linkedOrgIds.length === 1 && !token.revoked)).toBe(true);
    expect(new Set(tokens.map((token) => token.linkedOrgIds[0])).size).toBe(20);
    for (const token of tokens) {
      const i = orgs.findIndex((o) => o.id === token.linkedOrgIds[0]);
      expect(token.atlasOrgId).toBe(targetOf(run, i).id);
    }
    // Each org's token asked once and its link posted once.
    expect(accepted(run, TOKEN_PATH)).toHaveLength(20);
    expect(new Set(accepted(run, LINK_PATH).map((e) => e.orgId)).size).toBe(20);
    expect(accepted(run, LINK_PATH)).toHaveLength(20);
    const challenges = run.sandbox.log.filter((e) => e.status === 401).length;
    expect(run.sandbox.log.filter((e) => e.status >= 400 && e.status !== 401)).toEqual([]);
    console.info(
      `dashboard e2e: create and link of 20 orgs (2 Atlas key pairs) at 100 ms latency took ${elapsed} ms, ${run.sandbox.log.length} requests (${challenges} challenges, 20 tokens, 20 links)`,
    );
    run.sandbox.setLatency(0);
  }, 120_000);

  test('a run where Atlas answers 429: it waits as told, then links all 20, each posted once', async ({ run }) => {
    const { page } = dash;
    const orgs = cmOrgs(run);
    // Unlinked again (the rows are skipped as already linked otherwise).
    for (const org of orgs) await sendIn(page, 'link/delete', { orgId: org.id });
    await dash.goto();
    const before = run.sandbox.atlasTokens().length;
    run.sandbox.setLatency(50);
    run.sandbox.setAtlasRateLimit({ capacity: 3, refillPerSecond: 2 });
    run.sandbox.clearLog();
    await dash.selectShown.check();
    await dash.linkRunStart.click();
    // Atlas's Retry-After is shown while every lane waits.
    await page.getByTestId('link-run-paused').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.getByTestId('link-run-paused').textContent())
      .toMatch(/waiting \d s, then 1 at a time/);
    await expect
      .poll(dash.linkRunStatus, { timeout: 90_000 })
      .toBe('Create and link finished: 20 linked, 0 failed, 0 skipped.');
    const refusals = run.sandbox.log.filter((e) => e.status === 429);
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.every((e) => e.path.endsWith(TOKEN_PATH))).toBe(true);
    await expect
      .poll(() => page.getByTestId('link-run-rate-limited').textContent())
      .toContain(`${refusals.length} times`);
    // A refused token request made no token: 20 new tokens, each linked to one org, and every org posted once.
    const tokens = run.sandbox.atlasTokens().slice(before);
    expect(tokens).toHaveLength(20);
    expect(new Set(tokens.flatMap((token) => token.linkedOrgIds)).size).toBe(20);
    expect(tokens.every((token) => token.linkedOrgIds.length === 1)).toBe(true);
    expect(accepted(run, LINK_PATH)).toHaveLength(20);
    expect(new Set(accepted(run, LINK_PATH).map((e) => e.orgId)).size).toBe(20);
    expect(run.sandbox.log.filter((e) => e.method === 'POST' && e.path.endsWith(LINK_PATH))).toHaveLength(
      20 + run.sandbox.log.filter((e) => e.method === 'POST' && e.path.endsWith(LINK_PATH) && e.status === 401).length,
    );
    for (const org of orgs) expect(run.sandbox.links.has(org.id)).toBe(true);
    console.info(
      `dashboard e2e: create and link of 20 orgs with Atlas 429s: ${refusals.length} refusals, ${run.sandbox.log.length} requests`,
    );
    run.sandbox.setAtlasRateLimit(null);
    run.sandbox.setLatency(0);
  }, 120_000);

  test('a run where Cloud Manager fails two orgs: "Retry the 2 failed" links those two again, and only them', async ({
    run,
  }) => {
    const { page } = dash;
    const orgs = cmOrgs(run);
    for (const org of orgs) await sendIn(page, 'link/delete', { orgId: org.id });
    await dash.goto();
    const failing = [orgs[2]!, orgs[13]!];
    run.sandbox.setFaults(failing.map((o) => ({ kind: 'server-error', match: { pathIncludes: `/orgs/${o.id}/` } })));
    await dash.selectShown.check();
    await dash.linkRunStart.click();
    await expect
      .poll(dash.linkRunStatus, { timeout: 60_000 })
      .toBe('Create and link finished: 18 linked, 2 failed, 0 skipped.');
    // Offered beside the run that failed them.
    const retry = page.getByTestId('link-run-panel').getByTestId('link-run-retry');
    await expect.poll(() => retry.textContent()).toBe('Retry the 2 failed');
    expect(await page.getByTestId('refresh-retry').count()).toBe(0);

    run.sandbox.clearFaults();
    run.sandbox.clearLog();
    await retry.click();
    await expect
      .poll(dash.linkRunStatus, { timeout: 30_000 })
      .toBe('Create and link finished: 2 linked, 0 failed, 0 skipped.');
    expect(new Set(accepted(run, LINK_PATH).map((e) => e.orgId))).toEqual(new Set(failing.map((o) => o.id)));
    for (const org of failing) expect(run.sandbox.links.has(org.id)).toBe(true);
    await expect.poll(() => retry.count()).toBe(0);
  }, 120_000);
});
