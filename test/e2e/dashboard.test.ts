// The consultant's dashboard in real Chromium against the sandbox: 50 client orgs, each with its own key pair (one
// key pair, one org). Orgs added by page address (a project address found among the projects learnt with the key
// pairs); refresh all (4 at a time, each org checked once, with its own key pair); a run where Cloud Manager answers
// 429 (every lane waits, then the run goes on); a cancelled run (no request after the calls in flight); link
// (keyboard only, with the token-reuse warning naming the other org) and unlink from rows; a row's client is only a
// key pair of that org; CSV export; and 500 orgs for responsiveness figures.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFixture } from '../../sandbox/fixture';
import type { StorageKey } from '../../src/background/storage/keys';
import { type ExtensionRun, launchExtension, orgPageUrl, projectPageUrl, screenshot } from './harness';
import { addProfilesFor, createVaultWith, failureOf } from './steps';

const STATUS_PATH = '/liveExport/migrationLink/status';
/** The label of org i's key pair (key i+1 of the generated fixture). */
const label = (i: number) => `Key ${String(i + 1).padStart(3, '0')}`;

describe('dashboard: every client org at a glance', () => {
  let run: ExtensionRun;
  let page: Page;
  const orgs = () => run.sandbox.fixture.orgs;
  const row = (orgId: string) => page.locator(`tr[data-org-id="${orgId}"]`);
  const rowCount = () => page.locator('tbody tr:not([hidden])').count();
  const status = () => page.getByTestId('refresh-status').textContent();
  // Signed status requests the server accepted (a 401 for an expired nonce is re-sent, and not counted).
  const statusRequests = () =>
    run.sandbox.log.filter((e) => e.path.includes(STATUS_PATH) && e.authorized && e.status !== 401);

  /** The run's progress as the worker reports it, sampled from the page while `until` is false. */
  async function sampleRunning(ms: number): Promise<number[]> {
    return page.evaluate(async (duration) => {
      const seen: number[] = [];
      const end = Date.now() + duration;
      while (Date.now() < end) {
        const reply = (await chrome.runtime.sendMessage({ name: 'dashboard/progress', request: {} })) as {
          value?: { running: number; state: string };
        };
        if (reply.value) seen.push(reply.value.running);
        if (reply.value && reply.value.state !== 'running') break;
        await new Promise((r) => setTimeout(r, 25));
      }
      return seen;
    }, ms);
  }

  const openDashboard = async () => {
    await page.goto(`chrome-extension://${run.extensionId}/src/options/index.html`);
    await page.getByRole('button', { name: 'All orgs' }).click();
    await page.getByTestId('org-table').waitFor();
  };

  beforeAll(async () => {
    run = await launchExtension({ fixture: generateFixture({ orgs: 50, seed: 11 }) });
    // Key i+1 belongs to org i (and to no other). The key pairs of orgs 0..47 are saved here, each bound to its org
    // by the server's answer; 48 and 49 come in a test.
    await createVaultWith(run, 'key1', label(0));
    await addProfilesFor(
      run,
      orgs()
        .slice(1, 48)
        .map((_, j) => ({ keyName: `key${j + 2}`, label: label(j + 1) })),
    );
    page = await run.context.newPage();
    await openDashboard();
  }, 120_000);

  afterAll(async () => {
    await run?.close();
  });

  it('lists the orgs of the saved key pairs with their client, and adds orgs by org page and project page address', async () => {
    expect(await rowCount()).toBe(48);
    // Named when its key pair was saved (the server said whose key it is), before any status check.
    expect(await row(orgs()[4]!.id).locator('.org-name').textContent()).toBe('Client 005');
    expect(await row(orgs()[4]!.id).textContent()).toContain(label(4));
    expect(await row(orgs()[4]!.id).getByTestId('row-status').textContent()).toBe('Not checked');

    const address = page.getByLabel('Org id or Cloud Manager page address');
    const client = page.getByLabel('Client, for a project address (optional)');
    const outcome = page.getByTestId('add-org-outcome');
    // An org page address: the org is listed, with no client until a key pair of its own is saved.
    run.sandbox.clearLog();
    await address.fill(orgPageUrl(orgs()[48]!.id));
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => outcome.textContent()).toContain('Added');
    await expect.poll(rowCount).toBe(49);
    expect(await row(orgs()[48]!.id).textContent()).toContain('No client');
    // A project address no saved key pair knows: refused, and no key pair of another org is tried on it.
    const group = run.sandbox.fixture.groups.find((g) => g.orgId === orgs()[49]!.id)!;
    await address.fill(projectPageUrl(group.id));
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => outcome.getByRole('alert').locator('strong').getAttribute('data-kind')).toBe('no-profile');
    expect(await rowCount()).toBe(49);
    expect(run.sandbox.log.filter((e) => e.path.startsWith('/api/'))).toEqual([]);

    // Their key pairs saved: org 48 gets its client, org 49 is listed, and its project address is found among the
    // projects learnt with its key pair, with no call.
    await addProfilesFor(run, [
      { keyName: 'key49', label: label(48) },
      { keyName: 'key50', label: label(49) },
    ]);
    await openDashboard();
    expect(await rowCount()).toBe(50);
    expect(await row(orgs()[48]!.id).textContent()).toContain(label(48));
    run.sandbox.clearLog();
    await address.fill(projectPageUrl(group.id));
    await client.selectOption({ label: `${label(49)} — Client 050` });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => outcome.textContent()).toContain(`Added Client 050 (${orgs()[49]!.id})`);
    expect(await rowCount()).toBe(50);
    expect(await row(orgs()[49]!.id).textContent()).toContain(label(49));
    expect(run.sandbox.log.filter((e) => e.path.startsWith('/api/'))).toEqual([]);

    // Anything else is refused without being repeated back.
    await address.fill('hello-not-an-org');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => outcome.textContent()).toContain('neither an organization id');
    expect(await outcome.textContent()).not.toContain('hello-not-an-org');
  });

  it('refresh all: checks all 50 orgs, 4 at a time, each once with its own key pair, and shows statuses', async () => {
    run.sandbox.setLatency(100);
    run.sandbox.clearLog();
    const started = Date.now();
    await page.getByTestId('refresh-all').click();
    const running = await sampleRunning(30_000);
    await expect.poll(status, { timeout: 30_000 }).toBe('Refresh finished: 50 checked, 0 failed.');
    const elapsed = Date.now() - started;
    await screenshot(page, 'dashboard-refreshed');
    await screenshot(page, 'dashboard', { fullPage: false }); // the README's picture: what the first screen shows

    expect(Math.max(...running)).toBe(4);
    // Each org's status asked exactly once, signed by the org's own key (its name is known since its key pair was
    // saved: no other call).
    const statusPaths = statusRequests().map((e) => e.path);
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
    expect(await row(orgs()[7]!.id).textContent()).toContain('Client 008');
    expect(await row(orgs()[7]!.id).getByTestId('row-status').textContent()).toBe('Not linked');
    expect(await page.getByTestId('refresh-counts').textContent()).toBe('50 of 50 checked · 0 failed · 0 not checked');
    console.info(
      `dashboard e2e: refresh all of 50 orgs at 100 ms latency took ${elapsed} ms, ${run.sandbox.log.length} requests (${challenges} challenges)`,
    );
    run.sandbox.setLatency(0);
  });

  it('a rate-limited run: on 429 every lane waits for Retry-After, goes one at a time, retries, and none fails', async () => {
    run.sandbox.setLatency(50);
    // The next 12 status calls are refused: the four first calls each exhaust the API client's own three attempts,
    // so the run itself has to slow down.
    run.sandbox.setFaults([
      { kind: 'rate-limit', retryAfterSeconds: 1, times: 12, match: { pathIncludes: STATUS_PATH } },
    ]);
    run.sandbox.clearLog();
    await page.getByTestId('refresh-all').click();
    await page.getByTestId('refresh-paused').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('refresh-paused').textContent()).toMatch(/waiting \d s, then 1 at a time/);
    await screenshot(page, 'dashboard-rate-limited');
    await expect.poll(status, { timeout: 40_000 }).toBe('Refresh finished: 50 checked, 0 failed.');
    expect(await page.getByTestId('refresh-rate-limited').textContent()).toContain('4 times');

    const refusals = run.sandbox.log.filter((e) => e.status === 429);
    expect(refusals).toHaveLength(12);
    // After the last refusal was answered, no lane started a call until Retry-After (1 s) had passed ...
    const answeredAt = refusals.at(-1)!.time + 50;
    const after = statusRequests().filter((e) => e.time > answeredAt);
    expect(after[0]!.time - answeredAt).toBeGreaterThanOrEqual(900);
    // ... then one at a time: each of the next calls starts only after the previous one was answered.
    const gaps = after.slice(0, 4).map((e, i, list) => (i === 0 ? 50 : e.time - list[i - 1]!.time));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(45);
    // The refused orgs were asked again after the pause; every org was answered.
    expect(
      new Set(
        statusRequests()
          .filter((e) => e.status !== 429)
          .map((e) => e.path),
      ).size,
    ).toBe(50);
    run.sandbox.clearFaults();
    run.sandbox.setLatency(0);
  }, 60_000);

  it('a cancelled run: calls in flight finish, nothing more is sent, the rest is marked not checked', async () => {
    run.sandbox.setLatency(300);
    run.sandbox.clearLog();
    await page.getByLabel('Requests at once').fill('2');
    await page.getByTestId('refresh-all').click();
    await expect.poll(() => statusRequests().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(8);
    await page.getByRole('button', { name: 'Cancel refresh' }).click();
    const sentAtCancel = run.sandbox.log.length;
    const pathsAtCancel = new Set(run.sandbox.log.map((e) => e.path));
    await expect
      .poll(status, { timeout: 10_000 })
      .toMatch(/^Refresh cancelled: \d+ checked, 0 failed, \d+ not checked\.$/);
    const [, checked, skipped] = /(\d+) checked, 0 failed, (\d+) not checked/.exec((await status()) ?? '')!.map(Number);
    expect(checked! + skipped!).toBe(50);
    expect(skipped).toBeGreaterThan(30);
    await new Promise((r) => setTimeout(r, 1000));
    // At most the two calls in flight at the click reached the server afterwards (a call whose key pair's nonce had
    // expired is its challenge and its signed retry): nothing for an org not already asked.
    const late = run.sandbox.log.slice(sentAtCancel).map((e) => e.path);
    expect(new Set(late).size).toBeLessThanOrEqual(2);
    expect(late.filter((path) => !pathsAtCancel.has(path))).toEqual([]);
    expect(statusRequests()).toHaveLength(checked!);
    expect(await page.getByText('not checked: the refresh was cancelled').count()).toBe(skipped);
    await screenshot(page, 'dashboard-cancelled');
    run.sandbox.setLatency(0);
  }, 40_000);

  it('links from a row with the keyboard alone, warns before reusing a token, and unlinks after confirming', async () => {
    const first = orgs()[3]!;
    const second = orgs()[6]!;
    const token = run.sandbox.fixture.linkTokens[3]!.token;
    run.sandbox.clearLog();

    await row(first.id)
      .getByRole('button', { name: /^Link .* to Atlas…$/ })
      .focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('link-dialog');
    await dialog.waitFor();
    // The token field has the focus: type, Enter.
    await page.keyboard.type(token);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => row(first.id).getByTestId('row-status').textContent()).toBe('Linked, synced');
    expect(run.sandbox.links.get(first.id)?.status).toBe('SYNCED');
    expect(run.sandbox.log.filter((e) => e.method === 'POST' && e.status === 201)).toHaveLength(1);
    expect(await row(first.id).textContent()).toContain('link — Linked, synced');

    // The same token for a second org: the popup's warning, and nothing is sent unless the user insists.
    await row(second.id)
      .getByRole('button', { name: /^Link .* to Atlas…$/ })
      .click();
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
    await row(first.id)
      .getByRole('button', { name: /^Link .* to Atlas…$/ })
      .click();
    const relink = dialog.getByTestId('relink-confirm');
    await relink.waitFor();
    expect(await relink.getAttribute('role')).toBe('alertdialog');
    expect(await relink.textContent()).toContain('Client 004 is already linked to Atlas');
    expect(await dialog.getByLabel('Atlas link token').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await relink.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(run.sandbox.log.filter((e) => e.method === 'POST' && e.authorized)).toHaveLength(1);

    await row(first.id)
      .getByRole('button', { name: /^Unlink .* from Atlas…$/ })
      .click();
    const question = page.getByTestId('unlink-dialog');
    expect(await question.textContent()).toContain('Remove the link between Client 004 and Atlas?');
    await question.getByRole('button', { name: 'Unlink', exact: true }).click();
    await expect.poll(() => row(first.id).getByTestId('row-status').textContent()).toBe('Not linked');
    expect(run.sandbox.links.has(first.id)).toBe(false);
    expect(run.sandbox.log.filter((e) => e.method === 'DELETE' && e.status === 204)).toHaveLength(1);
    await expect.poll(() => row(first.id).textContent()).toContain('unlink — Not linked');

    // The token is nowhere once used: not in the page, not in a console line.
    expect(await page.content()).not.toContain(token);
    expect(run.consoleLines.join('\n')).not.toContain(token);
  });

  it('filters by client, status and text, sorts by a column, and exports what is shown as CSV', async () => {
    await page.getByLabel('Client', { exact: true }).selectOption({ label: label(6) });
    await expect.poll(rowCount).toBe(1);
    expect(await row(orgs()[6]!.id).isVisible()).toBe(true);
    await page.getByLabel('Client', { exact: true }).selectOption({ label: 'All' });
    await page.getByLabel('Search').fill(orgs()[12]!.id);
    await expect.poll(rowCount).toBe(1);
    expect(await row(orgs()[12]!.id).isVisible()).toBe(true);
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Linked, synced' });
    await expect.poll(rowCount).toBe(0);
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Not linked' });
    await expect.poll(rowCount).toBe(50);
    await page.getByRole('button', { name: 'Organization', exact: true }).click(); // already ascending: now descending
    const firstName = await page.locator('tbody tr:not([hidden]) th .org-name').first().textContent();
    expect(firstName).toBe('Client 050');
    expect(await page.locator('th[aria-sort="descending"]').count()).toBe(1);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV (50 rows)' }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(51);
    expect(lines[1]).toMatch(new RegExp(`^Client 050,[0-9a-f]{24},${label(49)},Not linked,`));
    expect(lines[50]).toMatch(new RegExp(`^Client 001,[0-9a-f]{24},${label(0)},Not linked,`));
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'All' });
    await page.getByRole('button', { name: 'Organization', exact: true }).click(); // ascending again
    await expect.poll(rowCount).toBe(50);
  });

  it("a row's client is only a key pair of its org: cleared and set again with the keyboard; a removed org can be added again", async () => {
    const moved = orgs()[7]!;
    const removed = orgs()[9]!;
    const view = () =>
      page.evaluate(
        async () =>
          (
            (await chrome.runtime.sendMessage({ name: 'dashboard/view', request: {} })) as {
              value: { rows: { orgId: string; profileLabel?: string }[]; profiles: { id: string; label: string }[] };
            }
          ).value,
      );
    const profileIdOf = async (text: string) => (await view()).profiles.find((p) => p.label === text)!.id;

    await row(moved.id)
      .getByRole('button', { name: /^Edit .*: client or removal…$/ })
      .focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('edit-dialog');
    await dialog.waitFor();
    // Only this org's own key pair is offered, never one of the 49 others.
    const select = dialog.getByLabel('Client key pair');
    const ownKey = `${label(7)} (${run.sandbox.fixture.keys[7]!.publicKey})`;
    expect(await select.locator('option').allTextContents()).toEqual(['No client', ownKey]);
    // The client list has the focus: choose, Tab to Save, Enter.
    await select.selectOption({ label: 'No client' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => page.getByTestId('row-outcome').textContent()).toContain('Client 008 has no client now');
    await expect.poll(async () => (await row(moved.id).textContent()) ?? '').toContain('No client');
    expect((await view()).rows.find((r) => r.orgId === moved.id)?.profileLabel).toBeUndefined();

    // Another org's key pair is refused by the worker too, naming its org; nothing changes.
    const other = await failureOf(run, 'dashboard/set-client', {
      orgId: moved.id,
      profileId: await profileIdOf(label(2)),
    });
    expect(other).toMatchObject({ kind: 'key-other-org', params: { orgName: 'Client 003' } });
    expect((await view()).rows.find((r) => r.orgId === moved.id)?.profileLabel).toBeUndefined();

    await row(moved.id)
      .getByRole('button', { name: /^Edit .*: client or removal…$/ })
      .focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByLabel('Client key pair').selectOption({ label: ownKey });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('row-outcome').textContent())
      .toContain(`Client 008 now uses the key pair of ${label(7)}`);
    await expect.poll(async () => (await row(moved.id).textContent()) ?? '').toContain(label(7));
    expect((await view()).rows.find((r) => r.orgId === moved.id)?.profileLabel).toBe(label(7));

    run.sandbox.clearLog();
    await row(removed.id)
      .getByRole('button', { name: /^Edit .*: client or removal…$/ })
      .click();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => row(removed.id).count()).toBe(0);
    expect(await rowCount()).toBe(49);
    expect(await page.getByTestId('row-outcome').textContent()).toContain('Removed');
    expect((await view()).rows.some((r) => r.orgId === removed.id)).toBe(false);
    // Nothing changed in Cloud Manager: removing sends no request.
    expect(run.sandbox.log.filter((e) => e.path.startsWith('/api/'))).toEqual([]);

    await page.getByLabel('Org id or Cloud Manager page address').fill(removed.id);
    await page
      .getByLabel('Client, for a project address (optional)')
      .selectOption({ label: `${label(9)} — Client 010` });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(rowCount).toBe(50);
    expect(await row(removed.id).textContent()).toContain(label(9));
    expect(await row(removed.id).locator('.org-name').textContent()).toBe('Client 010');
  });

  it('500 orgs: the table renders, filters and sorts (figures written to test-results)', async () => {
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
    expect(await page.locator('th[aria-sort="ascending"] [data-column="status"]').count()).toBe(1);
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
