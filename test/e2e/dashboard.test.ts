// The consultant's dashboard in real Chromium against the sandbox: 50 client orgs, each with its own key pair (one
// key pair, one org). Orgs added by page address (a project address found among the projects learnt with the key
// pairs); refresh all (4 at a time, each org checked once, with its own key pair); a run where Cloud Manager answers
// 429 (every lane waits, then the run goes on); a cancelled run (no request after the calls in flight); link
// (keyboard only, with the token-reuse warning naming the other org) and unlink from rows; a row's client is only a
// key pair of that org; CSV export; and 500 orgs for responsiveness figures.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { generateFixture } from '../../sandbox/fixture';
import type { StorageKey } from '../../src/background/storage/keys';
import { DashboardPage } from './dashboard-page';
import { test } from './fixtures';
import { type ExtensionRun, orgPageUrl, projectPageUrl, screenshot } from './harness';
import { addProfilesFor, createVaultWith, failureOf } from './steps';

const STATUS_PATH = '/liveExport/migrationLink/status';
/** The label of org i's key pair (key i+1 of the generated fixture). */
const label = (i: number) => `Key ${String(i + 1).padStart(3, '0')}`;
const orgs = (run: ExtensionRun) => run.sandbox.fixture.orgs;
// Signed status requests the server accepted (a 401 for an expired nonce is re-sent, and not counted).
const statusRequests = (run: ExtensionRun) =>
  run.sandbox.log.filter((e) => e.path.includes(STATUS_PATH) && e.authorized && e.status !== 401);

test.override('launch', { sandbox: { fixture: generateFixture({ orgs: 50, seed: 11 }) } });

describe('dashboard: every client org at a glance', () => {
  /** One dashboard tab for the whole file: each test goes on from the state the one before left. */
  let dash: DashboardPage;

  test.beforeAll(async ({ run }) => {
    // Key i+1 belongs to org i (and to no other). The key pairs of orgs 0..47 are saved here, each bound to its org
    // by the server's answer; 48 and 49 come in a test.
    await createVaultWith(run, 'key1', label(0));
    await addProfilesFor(
      run,
      orgs(run)
        .slice(1, 48)
        .map((_, j) => ({ keyName: `key${j + 2}`, label: label(j + 1) })),
    );
    dash = await DashboardPage.open(run);
  }, 120_000);

  test('lists the orgs of the saved key pairs with their client, and adds orgs by org page and project page address', async ({
    run,
  }) => {
    const { rowCount, addOutcome: outcome } = dash;
    await expect.poll(() => rowCount()).toBe(48);
    // Named when its key pair was saved (the server said whose key it is), before any status check.
    await expect.poll(() => dash.row(orgs(run)[4]!.id).locator('.org-name').textContent()).toBe('Client 005');
    await expect.poll(() => dash.row(orgs(run)[4]!.id).textContent()).toContain(label(4));
    await expect.poll(() => dash.rowStatus(orgs(run)[4]!.id)).toBe('Not checked');

    // An org page address: the org is listed, with no client until a key pair of its own is saved.
    run.sandbox.clearLog();
    await dash.addOrg(orgPageUrl(orgs(run)[48]!.id));
    await expect.poll(() => outcome.textContent()).toContain('Added');
    await expect.poll(rowCount).toBe(49);
    await expect.poll(() => dash.row(orgs(run)[48]!.id).textContent()).toContain('No client');
    // A project address no saved key pair knows: refused, and no key pair of another org is tried on it.
    const group = run.sandbox.fixture.groups.find((g) => g.orgId === orgs(run)[49]!.id)!;
    await dash.addOrg(projectPageUrl(group.id));
    await expect.poll(() => outcome.getByRole('alert').locator('strong').getAttribute('data-kind')).toBe('no-profile');
    await expect.poll(() => rowCount()).toBe(49);
    expect(run.sandbox.log.filter((e) => e.path.startsWith('/api/'))).toEqual([]);

    // Their key pairs saved: org 48 gets its client, org 49 is listed, and its project address is found among the
    // projects learnt with its key pair, with no call.
    await addProfilesFor(run, [
      { keyName: 'key49', label: label(48) },
      { keyName: 'key50', label: label(49) },
    ]);
    await dash.goto();
    await expect.poll(() => rowCount()).toBe(50);
    await expect.poll(() => dash.row(orgs(run)[48]!.id).textContent()).toContain(label(48));
    run.sandbox.clearLog();
    await dash.addOrg(projectPageUrl(group.id), `${label(49)} — Client 050`);
    await expect.poll(() => outcome.textContent()).toContain(`Added Client 050 (${orgs(run)[49]!.id})`);
    await expect.poll(() => rowCount()).toBe(50);
    await expect.poll(() => dash.row(orgs(run)[49]!.id).textContent()).toContain(label(49));
    expect(run.sandbox.log.filter((e) => e.path.startsWith('/api/'))).toEqual([]);

    // Anything else is refused without being repeated back.
    await dash.addOrg('hello-not-an-org');
    await expect.poll(() => outcome.textContent()).toContain('neither an organization id');
    expect(await outcome.textContent()).not.toContain('hello-not-an-org');
  });

  test('refresh all: checks all 50 orgs, 4 at a time, each once with its own key pair, and shows statuses', async ({
    run,
  }) => {
    const page = dash.page;
    run.sandbox.setLatency(100);
    run.sandbox.clearLog();
    const started = Date.now();
    await dash.refreshAll();
    const running = await dash.sampleRunning(30_000);
    await expect.poll(dash.refreshStatus, { timeout: 30_000 }).toBe('Refresh finished: 50 checked, 0 failed.');
    const elapsed = Date.now() - started;
    await screenshot(page, 'dashboard-refreshed');
    // The README's picture (docs/dashboard.png): the first screen at 1440×900, the tools closed as a user finds them.
    await dash.closeTools();
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'dashboard', { fullPage: false });
    if (viewport) await page.setViewportSize(viewport);

    expect(Math.max(...running)).toBe(4);
    // Each org's status asked exactly once, signed by the org's own key (its name is known since its key pair was
    // saved: no other call).
    const statusPaths = statusRequests(run).map((e) => e.path);
    expect(statusPaths).toHaveLength(50);
    expect(new Set(statusPaths).size).toBe(50);
    const signed = run.sandbox.log.filter((e) => e.authorized && e.status !== 401);
    expect(signed).toHaveLength(50);
    for (const e of signed) {
      expect(e.username).toBe(run.sandbox.fixture.keys.find((k) => k.roles[e.orgId!])?.publicKey);
    }
    // Digest challenges only when a key pair's nonce is cold or expired: at most one per key pair.
    const challenges = run.sandbox.log.filter((e) => e.status === 401).length;
    expect(challenges).toBeLessThanOrEqual(50);
    await expect.poll(() => dash.row(orgs(run)[7]!.id).textContent()).toContain('Client 008');
    await expect.poll(() => dash.rowStatus(orgs(run)[7]!.id)).toBe('Not linked');
    await expect
      .poll(() => page.getByTestId('refresh-counts').textContent())
      .toBe('50 of 50 checked · 0 failed · 0 not checked');
    console.info(
      `dashboard e2e: refresh all of 50 orgs at 100 ms latency took ${elapsed} ms, ${run.sandbox.log.length} requests (${challenges} challenges)`,
    );
    run.sandbox.setLatency(0);
  });

  test('a rate-limited run: on 429 every lane waits for Retry-After, goes one at a time, retries, and none fails', async ({
    run,
  }) => {
    const page = dash.page;
    run.sandbox.setLatency(50);
    // The next 12 status calls are refused: the four first calls each exhaust the API client's own three attempts,
    // so the run itself has to slow down.
    run.sandbox.setFaults([
      { kind: 'rate-limit', retryAfterSeconds: 1, times: 12, match: { pathIncludes: STATUS_PATH } },
    ]);
    run.sandbox.clearLog();
    await dash.refreshAll();
    await page.getByTestId('refresh-paused').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('refresh-paused').textContent()).toMatch(/waiting \d s, then 1 at a time/);
    await screenshot(page, 'dashboard-rate-limited');
    await expect.poll(dash.refreshStatus, { timeout: 40_000 }).toBe('Refresh finished: 50 checked, 0 failed.');
    await expect.poll(() => page.getByTestId('refresh-rate-limited').textContent()).toContain('4 times');

    const refusals = run.sandbox.log.filter((e) => e.status === 429);
    expect(refusals).toHaveLength(12);
    // After the last refusal was answered, no lane started a call until Retry-After (1 s) had passed ...
    const answeredAt = refusals.at(-1)!.time + 50;
    const after = statusRequests(run).filter((e) => e.time > answeredAt);
    expect(after[0]!.time - answeredAt).toBeGreaterThanOrEqual(900);
    // ... then one at a time: each of the next calls starts only after the previous one was answered.
    const gaps = after.slice(0, 4).map((e, i, list) => (i === 0 ? 50 : e.time - list[i - 1]!.time));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(45);
    // The refused orgs were asked again after the pause; every org was answered.
    expect(
      new Set(
        statusRequests(run)
          .filter((e) => e.status !== 429)
          .map((e) => e.path),
      ).size,
    ).toBe(50);
    run.sandbox.clearFaults();
    run.sandbox.setLatency(0);
  }, 60_000);

  test('a cancelled run: calls in flight finish, nothing more is sent, the rest is marked not checked', async ({
    run,
  }) => {
    const page = dash.page;
    run.sandbox.setLatency(300);
    run.sandbox.clearLog();
    await page.getByLabel('Requests at once').fill('2');
    await dash.refreshAll();
    await expect.poll(() => statusRequests(run).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(8);
    await page.getByRole('button', { name: 'Cancel refresh' }).click();
    const sentAtCancel = run.sandbox.log.length;
    const pathsAtCancel = new Set(run.sandbox.log.map((e) => e.path));
    await expect
      .poll(dash.refreshStatus, { timeout: 10_000 })
      .toMatch(/^Refresh cancelled: \d+ checked, 0 failed, \d+ not checked\.$/);
    const [, checked, skipped] = /(\d+) checked, 0 failed, (\d+) not checked/
      .exec((await dash.refreshStatus()) ?? '')!
      .map(Number);
    expect(checked! + skipped!).toBe(50);
    expect(skipped).toBeGreaterThan(30);
    await new Promise((r) => setTimeout(r, 1000));
    // At most the two calls in flight at the click reached the server afterwards (a call whose key pair's nonce had
    // expired is its challenge and its signed retry): nothing for an org not already asked.
    const late = run.sandbox.log.slice(sentAtCancel).map((e) => e.path);
    expect(new Set(late).size).toBeLessThanOrEqual(2);
    expect(late.filter((path) => !pathsAtCancel.has(path))).toEqual([]);
    expect(statusRequests(run)).toHaveLength(checked!);
    await expect.poll(() => page.getByText('not checked: the refresh was cancelled').count()).toBe(skipped);
    await screenshot(page, 'dashboard-cancelled');
    run.sandbox.setLatency(0);
  }, 40_000);

  test('links from a row with the keyboard alone, warns before reusing a token, and unlinks after confirming', async ({
    run,
  }) => {
    const page = dash.page;
    const first = orgs(run)[3]!;
    const second = orgs(run)[6]!;
    const token = run.sandbox.fixture.linkTokens[3]!.token;
    run.sandbox.clearLog();

    await dash.linkButtonOf(first.id).focus();
    await page.keyboard.press('Enter');
    const dialog = dash.linkDialog;
    await dialog.waitFor();
    // The token field has the focus: type, Enter.
    await page.keyboard.type(token);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => dash.rowStatus(first.id)).toBe('Linked, synced');
    // The result is said in the linked row (not a screen away above the table), and the focus is on it.
    await expect.poll(() => dash.outcomeOf(first.id).textContent()).toContain('Client 004 is linked to Atlas.');
    await expect.poll(() => dash.holdsFocus(dash.outcomeOf(first.id))).toBe(true);
    expect(await dash.outcomeOf(first.id).getAttribute('aria-live')).toBe('polite');
    expect(run.sandbox.links.get(first.id)?.status).toBe('SYNCED');
    expect(run.sandbox.log.filter((e) => e.method === 'POST' && e.status === 201)).toHaveLength(1);
    await expect.poll(() => dash.row(first.id).textContent()).toContain('link — Linked, synced');

    // The same token for a second org: the popup's warning, and nothing is sent unless the user insists.
    await dash.linkButtonOf(second.id).click();
    await dialog.getByLabel('Atlas link token').fill(token);
    await dialog.getByRole('button', { name: 'Link to Atlas' }).click();
    await expect
      .poll(() => dialog.getByTestId('link-dialog-outcome').textContent())
      .toContain(`already used for another organization (${first.name})`);
    await screenshot(page, 'dashboard-token-reused');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(run.sandbox.log.filter((e) => e.method === 'POST' && e.authorized)).toHaveLength(1);

    // Linked now: Link… asks first, naming the org, before any token field; Cancel (which has the focus) closes it.
    await dash.linkButtonOf(first.id).click();
    const relink = dialog.getByTestId('relink-confirm');
    await relink.waitFor();
    await expect.poll(() => relink.getAttribute('role')).toBe('alertdialog');
    await expect.poll(() => relink.textContent()).toContain('Client 004 is already linked to Atlas');
    await expect.poll(() => dialog.getByLabel('Atlas link token').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await relink.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(run.sandbox.log.filter((e) => e.method === 'POST' && e.authorized)).toHaveLength(1);

    await dash.unlinkButtonOf(first.id).click();
    const question = dash.unlinkDialog;
    await expect.poll(() => question.textContent()).toContain('Remove the link between Client 004 and Atlas?');
    await question.getByRole('button', { name: 'Unlink', exact: true }).click();
    await expect.poll(() => dash.rowStatus(first.id)).toBe('Not linked');
    await expect
      .poll(() => dash.outcomeOf(first.id).textContent())
      .toContain('The link between Client 004 and Atlas was removed.');
    await expect.poll(() => dash.holdsFocus(dash.outcomeOf(first.id))).toBe(true);
    expect(await page.locator('[data-testid="row-outcome"]:not(:empty)').count()).toBe(1);
    expect(run.sandbox.links.has(first.id)).toBe(false);
    expect(run.sandbox.log.filter((e) => e.method === 'DELETE' && e.status === 204)).toHaveLength(1);
    await expect.poll(() => dash.row(first.id).textContent()).toContain('unlink — Not linked');

    // The token is nowhere once used: not in the page, not in a console line.
    expect(await page.content()).not.toContain(token);
    expect(run.consoleLines.join('\n')).not.toContain(token);
  });

  test('filters by client, status and text, sorts by a column, and exports what is shown as CSV', async ({ run }) => {
    const { page, rowCount } = dash;
    await dash.clientFilter.selectOption({ label: label(6) });
    await expect.poll(rowCount).toBe(1);
    await expect.poll(() => dash.row(orgs(run)[6]!.id).isVisible()).toBe(true);
    await dash.clientFilter.selectOption({ label: 'All' });
    await dash.search.fill(orgs(run)[12]!.id);
    await expect.poll(rowCount).toBe(1);
    await expect.poll(() => dash.row(orgs(run)[12]!.id).isVisible()).toBe(true);
    await dash.search.fill('');
    await dash.statusFilter.selectOption({ label: 'Linked, synced' });
    await expect.poll(rowCount).toBe(0);
    await dash.statusFilter.selectOption({ label: 'Not linked' });
    await expect.poll(rowCount).toBe(50);
    await page.getByRole('button', { name: 'Organization', exact: true }).click(); // already ascending: now descending
    await expect
      .poll(() => page.locator('tbody tr:not([hidden]) th .org-name').first().textContent())
      .toBe('Client 050');
    await expect.poll(() => page.locator('th[aria-sort="descending"]').count()).toBe(1);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV (50 rows)' }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(51);
    expect(lines[0]).toBe(
      'Organization,Org ID,Client,Atlas target,Atlas target ID,Link status,Error,Error code,Note,Checked (UTC),' +
        'Last action,Last action at (UTC)',
    );
    expect(lines[1]).toMatch(
      new RegExp(`^Client 050,[0-9a-f]{24},${label(49)},,,Not linked,,,,\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z,`),
    );
    expect(lines[50]).toMatch(new RegExp(`^Client 001,[0-9a-f]{24},${label(0)},,,Not linked,`));
    await dash.statusFilter.selectOption({ label: 'All' });
    await page.getByRole('button', { name: 'Organization', exact: true }).click(); // ascending again
    await expect.poll(rowCount).toBe(50);
  });

  test("a row's client is only a key pair of its org: cleared and set again with the keyboard; a removed org can be added again", async ({
    run,
  }) => {
    const { page, rowCount } = dash;
    const moved = orgs(run)[7]!;
    const removed = orgs(run)[9]!;
    const profileIdOf = async (text: string) => (await dash.view()).profiles.find((p) => p.label === text)!.id;
    const clientOf = async (orgId: string) => (await dash.view()).rows.find((r) => r.orgId === orgId)?.profileLabel;

    await dash.editButtonOf(moved.id).focus();
    await page.keyboard.press('Enter');
    const dialog = dash.editDialog;
    await dialog.waitFor();
    // Only this org's own key pair is offered, never one of the 49 others.
    const select = dialog.getByLabel('Client key pair');
    const ownKey = `${label(7)} (${run.sandbox.fixture.keys[7]!.publicKey})`;
    await expect.poll(() => select.locator('option').allTextContents()).toEqual(['No client', ownKey]);
    // The client list has the focus: choose, Tab to Save, Enter.
    await select.selectOption({ label: 'No client' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    // Said in the row, which has the focus: Tab goes on to the row's own buttons.
    await expect.poll(() => dash.outcomeOf(moved.id).textContent()).toContain('Client 008 has no client now');
    await expect.poll(() => dash.holdsFocus(dash.outcomeOf(moved.id))).toBe(true);
    await expect.poll(async () => (await dash.row(moved.id).textContent()) ?? '').toContain('No client');
    expect(await clientOf(moved.id)).toBeUndefined();

    // Another org's key pair is refused by the worker too, naming its org; nothing changes.
    const other = await failureOf(run, 'dashboard/set-client', {
      orgId: moved.id,
      profileId: await profileIdOf(label(2)),
    });
    expect(other).toMatchObject({ kind: 'key-other-org', params: { orgName: 'Client 003' } });
    expect(await clientOf(moved.id)).toBeUndefined();

    await dash.editButtonOf(moved.id).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByLabel('Client key pair').selectOption({ label: ownKey });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect
      .poll(() => dash.outcomeOf(moved.id).textContent())
      .toContain(`Client 008 now uses the key pair of ${label(7)}`);
    await expect.poll(async () => (await dash.row(moved.id).textContent()) ?? '').toContain(label(7));
    expect(await clientOf(moved.id)).toBe(label(7));

    run.sandbox.clearLog();
    await dash.editButtonOf(removed.id).click();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => dash.row(removed.id).count()).toBe(0);
    expect(await rowCount()).toBe(49);
    // Its row is gone: the removal is said above the table, with the focus.
    await expect.poll(() => dash.removedOutcome.textContent()).toContain('Removed');
    await expect.poll(() => dash.holdsFocus(dash.removedOutcome)).toBe(true);
    expect((await dash.view()).rows.some((r) => r.orgId === removed.id)).toBe(false);
    // Nothing changed in Cloud Manager: removing sends no request.
    expect(run.sandbox.log.filter((e) => e.path.startsWith('/api/'))).toEqual([]);

    await dash.addOrg(removed.id, `${label(9)} — Client 010`);
    await expect.poll(rowCount).toBe(50);
    await expect.poll(() => dash.row(removed.id).textContent()).toContain(label(9));
    await expect.poll(() => dash.row(removed.id).locator('.org-name').textContent()).toBe('Client 010');
  });

  test('500 orgs: the table renders, filters and sorts (figures written to test-results)', async ({ run }) => {
    const { page, rowCount } = dash;
    const worker = await run.worker();
    await worker.evaluate(async (key) => {
      const stored = ((await chrome.storage.local.get(key))[key] ?? {}) as Record<string, unknown>;
      for (let i = 0; i < 450; i++) {
        const orgId = (0xabc000 + i).toString(16).padStart(24, '0');
        stored[orgId] = {
          orgId,
          name: i === 123 ? 'Visited org Zebra' : `Visited org ${i}`,
          status: i % 2 ? 'SYNCED' : 'NOT_LINKED',
          checkedAt: Date.now(),
        };
      }
      await chrome.storage.local.set({ [key]: stored });
    }, 'orgStatus' satisfies StorageKey);
    // Timed inside the page: from the user's input to the next frame after the table changed.
    const inPage = (what: 'filter' | 'clear' | 'sort') =>
      page.evaluate(async (action) => {
        const started = performance.now();
        if (action === 'sort') {
          document.querySelector<HTMLButtonElement>('button[data-column="status"]')!.click();
        } else {
          const search = document.querySelector<HTMLInputElement>('#dash-search')!;
          search.value = action === 'filter' ? 'zebra' : '';
          search.dispatchEvent(new Event('input', { bubbles: true }));
        }
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return { ms: performance.now() - started, rows: document.querySelectorAll('tbody tr:not([hidden])').length };
      }, what);
    const reloadStarted = Date.now();
    await page.reload();
    await expect.poll(rowCount, { timeout: 10_000, interval: 10 }).toBe(500);
    const loadMs = Date.now() - reloadStarted;
    const filter = await inPage('filter');
    expect(filter.rows).toBe(1);
    const clear = await inPage('clear');
    expect(clear.rows).toBe(500);
    const sort = await inPage('sort');
    await expect.poll(() => page.locator('th[aria-sort="ascending"] [data-column="status"]').count()).toBe(1);
    const sorted = await page.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')));
    expect(sorted.indexOf('NOT_LINKED')).toBeGreaterThan(sorted.lastIndexOf('SYNCED'));
    const figures = {
      rows: 500,
      reloadToTableMs: loadMs,
      filterTo1RowMs: Math.round(filter.ms),
      clearFilterTo500RowsMs: Math.round(clear.ms),
      sortByStatusMs: Math.round(sort.ms),
    };
    console.info(`dashboard e2e: ${JSON.stringify(figures)}`);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/dashboard-500-orgs.json', `${JSON.stringify(figures, null, 2)}\n`);
    expect(await rowCount()).toBe(500);
  }, 60_000);
});
