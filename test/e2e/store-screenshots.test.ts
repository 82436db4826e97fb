// The store listing's screenshots (issue 15), made from the production build against the sandbox at the stores'
// 1280×800: the toolbar popup over the Cloud Manager page it was opened on (an org just linked; an error that names
// the fix), and the All orgs dashboard. Written to test-results/screenshots/store/; docs/store/ keeps a copy.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { pngSize } from '../unit/store/png';
import { DashboardPage } from './dashboard-page';
import { test } from './fixtures';
import { type ExtensionRun, orgPageUrl } from './harness';
import type { PopupPage } from './popup-page';
import { addProfileFor, createVaultWith, orgNamed, PASSPHRASE, sendFromExtensionPage } from './steps';

const STORE_SHOTS = resolve('test-results/screenshots/store');
const SIZE = { width: 1280, height: 800 };

/** No key pair's private key, passphrase or link token in what a picture shows. */
async function expectNoSecret(run: ExtensionRun, page: Page): Promise<void> {
  const html = await page.content();
  const secrets = [PASSPHRASE, ...run.sandbox.fixture.keys.map((k) => k.privateKey)];
  for (const token of run.sandbox.fixture.linkTokens) secrets.push(token.token);
  for (const secret of secrets) expect(html).not.toContain(secret);
}

/**
 * The popup as the browser shows it: over the top right of the 1280×800 tab it was opened on. Composed in a page of
 * its own from the two screenshots, since a headless browser draws no toolbar or popup frame.
 */
async function popupOverTab(run: ExtensionRun, popup: PopupPage, name: string): Promise<Buffer> {
  await expectNoSecret(run, popup.page);
  const popupPng = await popup.page.screenshot({ fullPage: true });
  const tabPng = await popup.tab.screenshot({ fullPage: false });
  const frame = await run.context.newPage();
  try {
    await frame.setViewportSize(SIZE);
    const url = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
    await frame.setContent(`<!doctype html><html><body style="margin:0;overflow:hidden">
      <img src="${url(tabPng)}" style="position:absolute;left:0;top:0;width:${SIZE.width}px;height:${SIZE.height}px">
      <img src="${url(popupPng)}" style="position:absolute;right:16px;top:8px;max-height:${SIZE.height - 24}px;
        border:1px solid #c8ccd0;border-radius:8px;box-shadow:0 8px 28px rgba(0,0,0,.28)">
    </body></html>`);
    await frame.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
    return await save(frame, name);
  } finally {
    await frame.close();
  }
}

async function save(page: Page, name: string): Promise<Buffer> {
  mkdirSync(STORE_SHOTS, { recursive: true });
  const png = await page.screenshot({ fullPage: false });
  writeFileSync(join(STORE_SHOTS, `${name}.png`), png);
  expect(pngSize(png)).toEqual(SIZE);
  return png;
}

/** A Cloud Manager org page in a tab of the store's size. */
async function orgTab(run: ExtensionRun, orgId: string): Promise<Page> {
  const tab = await run.context.newPage();
  await tab.setViewportSize(SIZE);
  await tab.goto(orgPageUrl(orgId));
  return tab;
}

describe('store screenshots at 1280×800', () => {
  test.beforeAll(async ({ run }) => {
    await createVaultWith(run, 'owner', 'Acme Retail');
    await addProfileFor(run, 'globex', 'Globex Logistics', orgNamed(run, 'Globex').id);
    await addProfileFor(run, 'initech', 'Initech Finance', orgNamed(run, 'Initech').id);
    await addProfileFor(run, 'readonly', 'Hooli Media', orgNamed(run, 'Hooli').id);
    await addProfileFor(run, 'listed', 'Umbrella Health', orgNamed(run, 'Umbrella').id);
  }, 120_000);

  test('the popup over a Cloud Manager org page, just linked to Atlas', async ({ run, popupOn }) => {
    const acme = orgNamed(run, 'Acme');
    const popup = await popupOn(await orgTab(run, acme.id));
    await expect.poll(() => popup.statusText()).toBe('Not linked to Atlas');
    await popup.link(run.sandbox.fixture.linkTokens.find((t) => t.result === 'SYNCED')!.token);
    await expect.poll(() => popup.statusText()).toBe('Linked, synced');
    const png = await popupOverTab(run, popup, 'popup-linked');
    expect(pngSize(png)).toEqual(SIZE);
    expect(run.sandbox.links.get(acme.id)?.status).toBe('SYNCED');
  });

  test('the popup with an error that names the fix: the key needs the Organization Owner role', async ({
    run,
    popupOn,
  }) => {
    const popup = await popupOn(await orgTab(run, orgNamed(run, 'Hooli').id));
    await popup.alert.locator('strong').waitFor();
    expect(await popup.alertKind()).toBe('not-org-owner');
    await expect.poll(() => popup.alert.textContent()).toContain('Organization Owner');
    await popupOverTab(run, popup, 'popup-error');
  });

  test('the All orgs dashboard after a refresh', async ({ run }) => {
    const notSynced = run.sandbox.fixture.linkTokens.find((t) => t.result === 'NOT_SYNCED')!.token;
    await sendFromExtensionPage(run, 'link/create', { orgId: orgNamed(run, 'Initech').id, linkToken: notSynced });
    const dash = await DashboardPage.open(run);
    await dash.page.setViewportSize(SIZE);
    await dash.refreshAll();
    await expect.poll(dash.refreshStatus, { timeout: 30_000 }).toMatch(/^Refresh finished: /);
    await expect.poll(() => dash.rowStatus(orgNamed(run, 'Acme').id)).toBe('Linked, synced');
    await expectNoSecret(run, dash.page);
    // At the store's 1280 px the table fits: nothing scrolls sideways and no row's last column is cut.
    const fit = await dash.tableFit();
    console.info(`store screenshot: dashboard table at 1280 px: ${JSON.stringify(fit)}`);
    expect(fit.tableScrollWidth).toBeLessThanOrEqual(fit.tableClientWidth);
    expect(fit.boxScrollWidth).toBeLessThanOrEqual(fit.boxClientWidth);
    expect(fit.actionsCut).toBe(0);
    // The table is the picture: scrolled to its search row.
    await dash.page.evaluate(() => {
      document.querySelector('[data-testid="org-table"]')?.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -120);
    });
    await save(dash.page, 'dashboard');
    await dash.page.close();
  });

  test('every store picture is a 1280×800 PNG', () => {
    for (const name of ['popup-linked', 'popup-error', 'dashboard']) {
      expect(pngSize(readFileSync(join(STORE_SHOTS, `${name}.png`)))).toEqual(SIZE);
    }
  });
});
