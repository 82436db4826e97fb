// Sixty orgs on one screen (#32 items 1 and 2), in real Chromium at 1440×900 against the sandbox: 60 Cloud Manager
// orgs, each with its own key pair, of 11 clients (Contoso has ten). The first screen shows at least 20 whole rows, each
// at most 44 px high, every org id on one line, the count once and each client once in the filter. A refresh where
// Cloud Manager fails three orgs offers "Retry the 3 failed", which checks those three again and nothing else. Invalid
// lines of an import are shown as pasted; orgs added are said beside the form that added them; a row "Assign client"
// refuses is named with its org's name and id. The same first screen is measured again in Korean.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { generateFixture } from '../../sandbox/fixture';
import { violations } from './axe';
import { DashboardPage, tableFit } from './dashboard-page';
import { test } from './fixtures';
import { type ExtensionRun, launchExtension, screenshot } from './harness';
import { addProfilesFor, createVaultWith, sendIn } from './steps';

const VIEWPORT = { width: 1440, height: 900 };
/** The stores' screenshot size, and a common laptop window. */
const NARROW = { width: 1280, height: 800 };
const STATUS_PATH = '/liveExport/migrationLink/status';
const OTHERS = [
  'Fabrikam',
  'Northwind',
  'Tailspin',
  'Woodgrove',
  'Litware',
  'Proseware',
  'Wingtip',
  'Lucerne',
  'Alpine',
  'Humongous',
];
/** Orgs 0..9 are Contoso's, then five orgs for each other client. */
const clientOf = (i: number) => (i < 10 ? 'Contoso' : OTHERS[Math.floor((i - 10) / 5)]!);
const sixty = () => generateFixture({ orgs: 60, seed: 60 });
const statusRequests = (run: ExtensionRun) =>
  run.sandbox.log.filter((e) => e.path.includes(STATUS_PATH) && e.authorized && e.status !== 401);

test.override('launch', { sandbox: { fixture: sixty() } });

/** Saves the 60 key pairs (one per org, labelled by client) and opens the dashboard at 1440×900. */
async function sixtyOrgs(run: ExtensionRun): Promise<DashboardPage> {
  await createVaultWith(run, 'key1', clientOf(0));
  await addProfilesFor(
    run,
    run.sandbox.fixture.orgs.slice(1).map((_, j) => ({ keyName: `key${j + 2}`, label: clientOf(j + 1) })),
  );
  const dash = await DashboardPage.open(run);
  await dash.page.setViewportSize(VIEWPORT);
  await dash.page.waitForFunction(() => document.querySelectorAll('tbody tr:not([hidden])').length === 60);
  return dash;
}

/** What the first screen shows: rows whose bottom is in the viewport, each row's height, org id cells' lines. */
function firstScreen(page: Page) {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll<HTMLElement>('tbody tr:not([hidden])')];
    const boxes = rows.map((tr) => tr.getBoundingClientRect());
    const ids = [...document.querySelectorAll<HTMLElement>('tbody tr:not([hidden]) .org-id')];
    const lineHeight = (el: HTMLElement) => Number.parseFloat(getComputedStyle(el).lineHeight) || 20;
    return {
      inView: boxes.filter((b) => b.top >= 0 && b.bottom <= window.innerHeight).length,
      tallest: Math.max(...boxes.map((b) => b.height)),
      // An id on one line: its box is one line high, and it is the whole id (cut only by an ellipsis, never wrapped).
      idsWrapped: ids.filter((el) => el.getBoundingClientRect().height > lineHeight(el) * 1.5).length,
      idsCut: ids.filter((el) => el.scrollWidth > el.clientWidth).length,
      idsWhole: ids.every((el) => /^[0-9a-f]{24}$/.test(el.textContent ?? '') && el.title === el.textContent),
      tableWidth: document.querySelector('table.orgs')!.getBoundingClientRect().width,
      counts: [
        ...(document.body.textContent ?? '').matchAll(/\d+ of \d+ organizations shown|조직 \d+개 중 \d+개 표시/g),
      ].length,
    };
  });
}

describe('dashboard: sixty orgs on one screen', () => {
  let dash: DashboardPage;

  test.beforeAll(async ({ run }) => {
    dash = await sixtyOrgs(run);
  }, 180_000);

  test('at 1440×900: 20+ whole rows under the header, each ≤ 44 px, ids on one line, the count once, each client once', async ({
    run,
  }) => {
    const { page } = dash;
    const screen = await firstScreen(page);
    console.info(`dashboard-sixty e2e (en): ${JSON.stringify(screen)}`);
    expect(screen.inView).toBeGreaterThanOrEqual(20);
    expect(screen.tallest).toBeLessThanOrEqual(44);
    expect(screen.idsWrapped).toBe(0);
    expect(screen.idsCut).toBe(0); // at 1440 px, every id is shown whole
    expect(screen.idsWhole).toBe(true);
    // The table uses the page's width (the window less the page's margins and a scroll bar).
    expect(screen.tableWidth).toBeGreaterThan(VIEWPORT.width - 80);
    expect(screen.counts).toBe(1);
    const clients = await dash.clientFilter.locator('option').allTextContents();
    expect(clients).toEqual(['All', ...['Contoso', ...OTHERS].sort((a, b) => a.localeCompare(b)), 'No client']);
    // Filtering by a client shows all its key pairs' orgs.
    await dash.clientFilter.selectOption({ label: 'Contoso' });
    await expect.poll(() => dash.rowCount()).toBe(10);
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('10 of 60 organizations shown');
    await dash.clientFilter.selectOption({ label: 'All' });
    await expect.poll(() => dash.rowCount()).toBe(60);
    // The panels are closed: their tools are toggles in the toolbar.
    for (const name of ['Add orgs', 'Import Atlas targets', 'Assign client'] as const) {
      expect(await dash.toolToggle(name).getAttribute('aria-expanded')).toBe('false');
    }
    // An id is copied whole from its row.
    const first = run.sandbox.fixture.orgs[0]!;
    await dash.run.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await dash
      .row(first.id)
      .getByRole('button', { name: `Copy the org id of ${first.name}` })
      .click();
    await expect.poll(() => dash.row(first.id).getByTestId('copy-id-status').textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first.id);

    // At 1280 px the table fits the window: nothing scrolls sideways, no row's actions (the last column) are cut.
    await page.setViewportSize(NARROW);
    const fit = await dash.tableFit();
    console.info(`dashboard-sixty e2e (en) at 1280 px: ${JSON.stringify(fit)}`);
    expect(fit.tableScrollWidth).toBeLessThanOrEqual(fit.tableClientWidth);
    expect(fit.boxScrollWidth).toBeLessThanOrEqual(fit.boxClientWidth);
    expect(fit.actionsCut).toBe(0);
    await page.setViewportSize(VIEWPORT);

    // A row's own action says its result in that row, announced (aria-live) and with the focus (#32 item 2).
    const far = run.sandbox.fixture.orgs[30]!;
    await dash.checkButtonOf(far.id).focus();
    await page.keyboard.press('Enter');
    const outcome = dash.outcomeOf(far.id);
    await expect.poll(() => outcome.textContent()).toContain(`${far.name}: Not linked`);
    await expect.poll(() => dash.holdsFocus(outcome)).toBe(true);
    expect(await outcome.getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('[data-testid="row-outcome"]:not(:empty)').count()).toBe(1);
    expect(await page.getByTestId('removed-outcome').textContent()).toBe('');
    expect([...(await violations(page, 'light')), ...(await violations(page, 'dark'))]).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    // The focus took the page down to the row: back to the first screen for the next test's measure.
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  test('a refresh where three orgs fail: "Retry the 3 failed" checks those three again, and only them', async ({
    run,
  }) => {
    const { page } = dash;
    const failing = [4, 22, 41].map((i) => run.sandbox.fixture.orgs[i]!);
    run.sandbox.setFaults(failing.map((o) => ({ kind: 'server-error', match: { pathIncludes: `/orgs/${o.id}/` } })));
    await dash.refreshAll();
    // The progress shows in the toolbar while the run goes, and the first screen still shows 20 rows after it.
    await expect.poll(dash.refreshStatus, { timeout: 60_000 }).toBe('Refresh finished: 57 checked, 3 failed.');
    const retry = page.getByTestId('refresh-retry');
    await expect.poll(() => retry.textContent()).toBe('Retry the 3 failed');
    // The run's results are in its panel and its rows: the row's earlier result went when the run started.
    expect(await page.locator('[data-testid="row-outcome"]:not(:empty)').count()).toBe(0);
    const screen = await firstScreen(page);
    expect(screen.inView).toBeGreaterThanOrEqual(20);
    expect(screen.tallest).toBeLessThanOrEqual(44);
    await screenshot(page, 'dashboard-sixty', { fullPage: false });

    run.sandbox.clearFaults();
    run.sandbox.clearLog();
    await retry.click();
    await expect.poll(dash.refreshStatus, { timeout: 30_000 }).toBe('Refresh finished: 3 checked, 0 failed.');
    const asked = new Set(statusRequests(run).map((e) => e.orgId));
    expect([...asked].sort()).toEqual(failing.map((o) => o.id).sort());
    for (const org of failing) await expect.poll(() => dash.rowStatus(org.id)).toBe('Not linked');
    await expect.poll(() => retry.count()).toBe(0);
  }, 120_000);

  test('imports: invalid lines shown as pasted; orgs added said beside the form; refused rows named with name and id', async ({
    run,
  }) => {
    const { page } = dash;
    const [a, b] = [run.sandbox.fixture.orgs[58]!, run.sandbox.fixture.orgs[59]!];
    for (const org of [a, b]) await sendIn(page, 'dashboard/remove-org', { orgId: org.id });
    await dash.goto();
    await expect.poll(() => dash.rowCount()).toBe(58);
    await dash.previewBatch([`${a.id},${clientOf(58)}`, 'hello world,Contoso', b.id].join('\n'));
    const invalid = dash.batchAdd.getByTestId('batch-invalid').locator('tbody tr');
    await expect
      .poll(() => invalid.allTextContents())
      .toEqual([
        '2hello world,Contosothe first value is not an org id or the address of a Cloud Manager or Ops Manager page',
      ]);
    await dash.batchAdd.getByRole('button', { name: 'Add 2 orgs' }).click();
    const outcome = dash.batchAdd.getByTestId('batch-outcome');
    await expect.poll(() => outcome.textContent()).toContain('2 orgs added, 0 not added.');
    await expect.poll(() => outcome.getAttribute('aria-live')).toBe('polite');
    // No row says anything: the batch's result is the batch's.
    expect(await page.locator('[data-testid="row-outcome"]:not(:empty)').count()).toBe(0);
    await expect.poll(() => dash.rowCount()).toBe(60);

    // Assign Fabrikam to one of Contoso's orgs: no key pair of Fabrikam serves it.
    const contoso = run.sandbox.fixture.orgs[1]!;
    await dash.selectOf(contoso.id).check();
    await dash.openTool('Assign client');
    await dash.assignClient.getByLabel('Client for the selected rows').selectOption('Fabrikam');
    await dash.assignClient.getByRole('button', { name: 'Assign to 1 selected row' }).click();
    const assigned = dash.assignClient.getByTestId('assign-outcome');
    await expect.poll(() => assigned.textContent()).toContain('Client Fabrikam assigned to 0 rows; 1 refused.');
    await expect
      .poll(() => assigned.getByTestId('assign-refused').locator('tbody tr').allTextContents())
      .toEqual([`${contoso.name} ${contoso.id}no key pair of that client serves this org`]);
    await dash.selectOf(contoso.id).uncheck();
  });

  test('in Korean the first screen shows 20+ rows too', async () => {
    const ko = await launchExtension({ fixture: sixty() }, { locale: 'ko' });
    try {
      const korean = await sixtyOrgsKo(ko);
      const screen = await firstScreen(korean.page);
      console.info(`dashboard-sixty e2e (ko): ${JSON.stringify(screen)}`);
      expect(screen.inView).toBeGreaterThanOrEqual(20);
      expect(screen.tallest).toBeLessThanOrEqual(44);
      expect(screen.idsWrapped).toBe(0);
      expect(screen.idsWhole).toBe(true);
      expect(screen.counts).toBe(1);
      await screenshot(korean.page, 'dashboard-sixty-ko', { fullPage: false });
      await korean.page.setViewportSize(NARROW);
      const fit = await tableFit(korean.page);
      console.info(`dashboard-sixty e2e (ko) at 1280 px: ${JSON.stringify(fit)}`);
      expect(fit.tableScrollWidth).toBeLessThanOrEqual(fit.tableClientWidth);
      expect(fit.boxScrollWidth).toBeLessThanOrEqual(fit.boxClientWidth);
      expect(fit.actionsCut).toBe(0);
      await korean.page.setViewportSize(VIEWPORT);
    } finally {
      await ko.close();
    }
  }, 240_000);
});

/** The Korean run: the same 60 key pairs, the dashboard opened through its Korean tab name. */
async function sixtyOrgsKo(run: ExtensionRun): Promise<{ page: Page }> {
  await createVaultWith(run, 'key1', clientOf(0));
  await addProfilesFor(
    run,
    run.sandbox.fixture.orgs.slice(1).map((_, j) => ({ keyName: `key${j + 2}`, label: clientOf(j + 1) })),
  );
  const page = await run.context.newPage();
  await page.setViewportSize(VIEWPORT);
  await page.goto(`chrome-extension://${run.extensionId}/src/options/index.html#orgs`);
  await page.getByTestId('org-table').waitFor();
  await expect.poll(() => page.locator('tbody tr:not([hidden])').count(), { timeout: 20_000 }).toBe(60);
  return { page };
}
